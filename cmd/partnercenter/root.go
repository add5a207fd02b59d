package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/partnercenter-go/partnercenter/wrapper"
)

// commands builds the command tree of one run.
func (a *app) commands() *command {
	root := &command{
		name:    programName,
		summary: "manage customers through the Microsoft Partner Center API",
		long: "partnercenter reads, onboards and offboards customers through the Microsoft\n" +
			"Partner Center API.\n" +
			"Add --fake to any command to run it against an embedded Partner Center\n" +
			"on loopback, without signing in or any network. Its state lasts one\n" +
			"process: a customer created by one command is gone in the next. For state\n" +
			"that lasts, run 'partnercenter fake serve' and point --endpoint at it.",
		examples: []string{
			"partnercenter --fake customer get " + exampleCustomerID,
			"partnercenter --fake -o table customer list --page-size 10",
			"partnercenter customer domains " + exampleCustomerID,
			"partnercenter --fake customer create --from " + exampleInputFile + " --accept-agreement",
			"partnercenter --cloud china -o table customer list --filter Contoso",
			"partnercenter help customer list",
			"partnercenter fake serve --cert-file fake.pem --url-file fake.url",
			"PARTNERCENTER_ACCESS_TOKEN=x partnercenter --endpoint $(cat fake.url) --ca-file fake.pem customer list",
			"partnercenter --endpoint http://127.0.0.1:8080 customer list   # a 'fake serve --http --no-auth'",
			"partnercenter doctor",
		},
		footer: rootFooter,
	}
	version := &command{
		name:    "version",
		summary: "print the version",
		long:    "Print the version of partnercenter and of the Go runtime it was built with.",
		examples: []string{
			"partnercenter version",
		},
	}
	version.run = func(context.Context, []string) error {
		_, err := fmt.Fprintf(a.stdout, "%s %s (%s)\n", programName, wrapper.Version, runtime.Version())
		return err
	}
	root.add(a.customerCommand(), a.domainCommand(), a.countryCommand(), a.agreementCommand(), a.fakeCommand(), a.doctorCommand(), version)
	a.tableCommands(root)
	a.accessCommands(root)
	return root
}

// rootFooter is the part of "partnercenter --help" after the examples.
const rootFooter = `Signing in:
  Without --fake, partnercenter uses azidentity's DefaultAzureCredential, which
  tries in turn: environment variables (AZURE_TENANT_ID, AZURE_CLIENT_ID and
  AZURE_CLIENT_SECRET or AZURE_CLIENT_CERTIFICATE_PATH: app-only access),
  workload identity, managed identity, then the sign-ins of the Azure CLI
  ('az login': app+user access), Azure Developer CLI and Azure PowerShell;
  AZURE_TOKEN_CREDENTIALS narrows the chain. Tokens come from the authority of
  the --cloud chosen, for its Partner Center audience, and are never printed or
  logged.
  PARTNERCENTER_ACCESS_TOKEN, when set, is sent as it is instead (an access
  token obtained elsewhere; --tenant and --audience then do not apply).

Other endpoints (--endpoint URL, the base URL without /v1):
  https   trusts the system's CAs and those of --ca-file FILE (such as the
          --cert-file of 'partnercenter fake serve'); the token comes from
          PARTNERCENTER_ACCESS_TOKEN, else from a sign-in for --audience.
  http    only on a loopback host (localhost, 127.0.0.0/8, ::1), and then
          no token is sent or asked for: for 'fake serve --http --no-auth'.

Exit status:
  0    success
  1    unexpected failure; also 'domain available --exit-code' for a taken domain,
       and 'doctor' when the live answers differ from the spec
  2    usage error or invalid input (unknown command or flag, malformed GUID,
       unknown cloud, or a 400 Bad Request from the service)
  3    authentication failed: no credential could get a token, or the service
       refused it (401)
  4    forbidden (403): no relationship with the customer, or a missing GDAP role
  5    not found (404)
  6    throttled (429), still after the retries
  7    service error or unavailable (5xx, 408), an answer that could not be
       read, network failure, or --timeout
  8    conflict (409) or precondition failed (412); a domain already taken
  130  interrupted

Errors are printed on stderr with the Partner Center code and description, the
HTTP status, MS-CorrelationId and MS-RequestId (quote them in a support request).
`
