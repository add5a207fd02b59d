package main

import (
	"context"
	"errors"
	"io"
	"os"
	"sync"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// app runs the command line. Its hooks let tests plug in their own fake
// server, credential, transport and retry settings; run leaves them nil. An
// app runs one command line at a time.
type app struct {
	stdout io.Writer
	stderr io.Writer

	// fakeServer, when set, serves --fake instead of a server created (and
	// closed) by the run. The caller owns it.
	fakeServer *fake.Server
	// newCredential, when set, replaces azidentity's default credential chain.
	newCredential func(c cloud.Configuration, tenant string) (azcore.TokenCredential, error)
	// transport, when set, sends the requests of a run without --fake.
	transport policy.Transporter
	// retry, when set, replaces the retry settings derived from --max-retries.
	retry *policy.RetryOptions
	// isTerminal, when set, replaces the check for an interactive terminal
	// (which decides whether "customer list" shows a progress line).
	isTerminal func(w io.Writer) bool

	// Set up by run.
	g       globalOptions
	client  *wrapper.Client
	closers []func()
}

// run parses args, runs the selected command and returns the exit status.
func (a *app) run(ctx context.Context, args []string) int {
	a.g, a.client, a.closers = defaultGlobals(), nil, nil
	root := a.commands()
	cmd, pos, err := parseArgs(root, &a.g, args)
	if err == nil {
		err = a.g.validate(cmd)
	}
	if err != nil {
		var help *helpRequest
		if errors.As(err, &help) {
			if werr := writeHelp(a.stdout, help.cmd); werr != nil {
				return exitError
			}
			return exitOK
		}
		return a.report(err)
	}

	defer a.close()
	if a.g.verbose {
		defer enableLogging(a.stderr)()
	}
	if a.g.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, a.g.timeout)
		defer cancel()
	}
	if a.g.correlationID != "" {
		ctx = wrapper.WithCorrelationID(ctx, a.g.correlationID)
	}
	if err := cmd.run(ctx, pos); err != nil {
		if a.g.timeout > 0 && errors.Is(ctx.Err(), context.DeadlineExceeded) {
			err = &timeoutError{d: a.g.timeout, err: err}
		}
		return a.report(err)
	}
	return exitOK
}

// report prints err to stderr and returns its exit status.
func (a *app) report(err error) int {
	printError(a.stderr, err)
	return exitCode(err)
}

// close releases what the run opened (the embedded fake server).
func (a *app) close() {
	for i := len(a.closers) - 1; i >= 0; i-- {
		a.closers[i]()
	}
	a.closers = nil
}

// terminal reports whether w is an interactive terminal.
func (a *app) terminal(w io.Writer) bool {
	if a.isTerminal != nil {
		return a.isTerminal(w)
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// printer returns the output printer for the selected format.
func (a *app) printer() *printer {
	return &printer{w: a.stdout, format: a.g.output}
}

// syncWriter serialises writes from concurrent goroutines (azcore logs from
// whichever goroutine sends a request).
type syncWriter struct {
	mu sync.Mutex
	w  io.Writer
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}
