// Command partnercenter reads customers from the Microsoft Partner Center API.
//
// It is a thin command line over the partnercenter-go wrapper package:
//
//	partnercenter [global flags] customer get CUSTOMER_ID
//	partnercenter [global flags] customer domains CUSTOMER_ID
//	partnercenter [global flags] customer organization CUSTOMER_ID
//	partnercenter [global flags] customer company-profile CUSTOMER_ID
//	partnercenter [global flags] customer billing-profile CUSTOMER_ID
//	partnercenter [global flags] customer list [--filter PREFIX] [--page-size N] [--max N]
//	partnercenter [global flags] domain available DOMAIN
//	partnercenter [global flags] doctor [--customer CUSTOMER_ID]
//	partnercenter fake serve [--addr HOST:PORT] [--cert-file FILE] [--url-file FILE] [--http [--no-auth]] ...
//
// With --fake it runs against an in-process Partner Center fake served on
// loopback, so it can be tried without a partner tenant or any network; its
// state lasts one process. Otherwise it signs in with azidentity's default
// credential chain (environment, workload identity, managed identity, Azure
// CLI, ...), or sends the token of PARTNERCENTER_ACCESS_TOKEN. "fake serve"
// runs that fake as a server of its own, for clients in other languages and
// for this command line: --endpoint URL with --ca-file (HTTPS), or an http
// URL on loopback (no token sent). "doctor" checks sign-in, MFA, GDAP roles
// and the live answers against the spec, with reads only. Run
// "partnercenter --help" for the flags and the meaning of each exit status.
package main

import (
	"context"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run executes the command line args (without the program name), writing
// results to stdout and diagnostics to stderr, and returns the exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	a := &app{stdout: stdout, stderr: stderr}
	return a.run(ctx, args)
}
