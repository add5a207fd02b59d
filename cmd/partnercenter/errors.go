package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"text/tabwriter"
	"time"
	"unicode"

	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
	"github.com/partnercenter-go/partnercenter/wrapper"
)

// Exit statuses. The root --help text documents them; keep both in step.
const (
	exitOK          = 0   // success
	exitError       = 1   // unexpected or other failure
	exitUsage       = 2   // bad command line or invalid input (including HTTP 400)
	exitAuth        = 3   // no access token, or the token was refused (HTTP 401)
	exitForbidden   = 4   // HTTP 403: missing relationship or GDAP role
	exitNotFound    = 5   // HTTP 404
	exitThrottled   = 6   // HTTP 429 once the retries are spent
	exitUnavailable = 7   // HTTP 5xx or 408, malformed answer, network failure, --timeout
	exitConflict    = 8   // HTTP 409 or 412
	exitInterrupted = 130 // interrupted (Ctrl-C), as shells report SIGINT
)

// exitStatusError ends the run with a status and no message, as
// "domain available --exit-code" does for a taken domain.
type exitStatusError struct{ code int }

func (e *exitStatusError) Error() string { return fmt.Sprintf("exit status %d", e.code) }

// timeoutError is a command cut short by the deadline --timeout sets; err is
// what the command returned (wrapping context.DeadlineExceeded).
type timeoutError struct {
	d   time.Duration
	err error
}

func (e *timeoutError) Error() string {
	msg := fmt.Sprintf("timed out after %s (--timeout)", e.d)
	if e.err != nil {
		msg += ": " + strings.TrimPrefix(e.err.Error(), programName+": ")
	}
	return msg
}

func (e *timeoutError) Unwrap() error { return e.err }

// exitCode maps an error to the exit status that tells its kind.
func exitCode(err error) int {
	var (
		silent  *exitStatusError
		usage   *usageError
		cred    *credentialError
		timeout *timeoutError
		resp    *wrapper.ResponseError
	)
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &silent):
		return silent.code
	case errors.As(err, &usage), errors.Is(err, wrapper.ErrInvalidInput), errors.Is(err, wrapper.ErrBadRequest):
		return exitUsage
	case errors.As(err, &cred), errors.Is(err, wrapper.ErrUnauthorized):
		return exitAuth
	case errors.Is(err, wrapper.ErrForbidden):
		return exitForbidden
	case errors.Is(err, wrapper.ErrNotFound):
		return exitNotFound
	case errors.Is(err, wrapper.ErrThrottled):
		return exitThrottled
	case errors.Is(err, wrapper.ErrConflict), errors.Is(err, wrapper.ErrPreconditionFailed), errors.Is(err, wrapper.ErrDomainTaken):
		return exitConflict
	case errors.Is(err, wrapper.ErrServer), errors.Is(err, wrapper.ErrMalformedResponse), errors.As(err, &timeout),
		errors.Is(err, wrapper.ErrPagingLoop), errors.Is(err, wrapper.ErrResponseTooLarge), errors.Is(err, wrapper.ErrRedirect):
		return exitUnavailable
	case errors.As(err, &resp):
		return exitError // an answer outside every category, e.g. 405
	case errors.Is(err, context.Canceled):
		return exitInterrupted
	case errors.Is(err, context.DeadlineExceeded):
		return exitUnavailable
	case isCertificateError(err):
		return exitError
	case isNetworkError(err):
		return exitUnavailable
	}
	return exitError
}

// isCertificateError reports a TLS certificate that failed verification: a
// configuration or security problem rather than an outage.
func isCertificateError(err error) bool {
	var (
		unknown  x509.UnknownAuthorityError
		hostname x509.HostnameError
		invalid  x509.CertificateInvalidError
		verify   *tls.CertificateVerificationError
	)
	return errors.As(err, &unknown) || errors.As(err, &hostname) || errors.As(err, &invalid) || errors.As(err, &verify)
}

// isNetworkError reports a failure to reach the service or a connection cut
// short.
func isNetworkError(err error) bool {
	var netErr net.Error
	return errors.As(err, &netErr) || errors.Is(err, io.ErrUnexpectedEOF)
}

// printError writes err to w as one block: what failed, the details Partner
// Center gave, and a hint when one helps.
func printError(w io.Writer, err error) {
	var (
		silent  *exitStatusError
		usage   *usageError
		resp    *wrapper.ResponseError
		onboard *wrapper.OnboardError
		input   *check.InputError
	)
	switch {
	case errors.As(err, &silent):
		return
	case errors.As(err, &onboard):
		fmt.Fprintf(w, "%s: onboarding stopped at step %s", programName, onboard.Step)
		if onboard.CustomerID != "" {
			fmt.Fprintf(w, "; customer %s WAS created (do not create it again)", sanitize(onboard.CustomerID, false))
		}
		fmt.Fprintln(w)
		printError(w, onboard.Err)
		return
	case errors.As(err, &usage):
		fmt.Fprintf(w, "%s: %s\n", programName, sanitize(usage.msg, true))
		if usage.showUsage && usage.cmd != nil {
			fmt.Fprintln(w)
			_ = writeUsage(w, usage.cmd)
		} else if usage.cmd != nil {
			fmt.Fprintf(w, "Run '%s --help' for usage.\n", usage.cmd.path())
		}
		return
	case errors.As(err, &input):
		printProblems(w, err, input)
		return
	case errors.As(err, &resp):
		printResponseError(w, resp)
	case exitCode(err) == exitInterrupted:
		fmt.Fprintf(w, "%s: interrupted\n", programName)
		return
	default:
		msg := strings.TrimPrefix(err.Error(), programName+": ")
		fmt.Fprintf(w, "%s: %s\n", programName, sanitize(msg, true))
	}
	if hint := hintFor(err); hint != "" {
		fmt.Fprintf(w, "hint: %s\n", hint)
	}
}

// printProblems writes input refused before any request: a headline (the
// file, when it came from one, and the cause), then every problem on a
// line of its own with the JSON path of its value.
func printProblems(w io.Writer, err error, input *check.InputError) {
	headline := "invalid input"
	if file := (*inputFileError)(nil); errors.As(err, &file) {
		headline = file.path + ": " + headline
	}
	if input.Cause != nil {
		headline += ": " + input.Cause.Error()
	}
	n := len(input.Problems)
	if n == 1 {
		headline += " (1 problem):"
	} else {
		headline += fmt.Sprintf(" (%d problems):", n)
	}
	fmt.Fprintf(w, "%s: %s\n", programName, sanitize(headline, false))
	for _, p := range input.Problems {
		line := p.Message
		if p.Path != "" {
			line = p.Path + ": " + line
		}
		fmt.Fprintf(w, "  %s\n", sanitize(line, false))
	}
}

// printResponseError writes the headline and the details of an answer
// outside 2xx.
func printResponseError(w io.Writer, e *wrapper.ResponseError) {
	status := fmt.Sprint(e.StatusCode)
	if t := http.StatusText(e.StatusCode); t != "" {
		status += " " + t
	}
	headline := status
	if errors.Is(e, wrapper.ErrMalformedResponse) {
		headline = "malformed " + status + " answer"
	}
	if e.Operation != "" {
		headline += " from " + e.Operation
	}
	if e.Method != "" || e.Path != "" {
		headline += " (" + strings.TrimSpace(e.Method+" "+e.Path) + ")"
	}
	fmt.Fprintf(w, "%s: %s\n", programName, sanitize(headline, false))

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	row := func(key, value string) {
		if value != "" {
			fmt.Fprintf(tw, "  %s:\t%s\n", key, sanitize(value, false))
		}
	}
	row("HTTP status", status)
	row("Partner Center code", e.Code)
	row("Description", e.Description)
	row("Source", e.Source)
	if len(e.Data) > 0 {
		if data, err := json.Marshal(e.Data); err == nil {
			row("Data", string(data))
		}
	}
	if e.RetryAfter > 0 {
		row("Retry after", e.RetryAfter.String())
	}
	if e.StatusCode == http.StatusForbidden && len(e.GDAPRoles) > 0 {
		row("GDAP roles", strings.Join(e.GDAPRoles, ", "))
	}
	row("MS-CorrelationId", e.CorrelationID)
	row("MS-RequestId", e.RequestID)
	_ = tw.Flush()
}

// hintFor suggests what to do about err, or returns "".
func hintFor(err error) string {
	var (
		cred    *credentialError
		timeout *timeoutError
		resp    *wrapper.ResponseError
	)
	errors.As(err, &resp)
	switch {
	case errors.As(err, &cred):
		return "sign in first: set AZURE_TENANT_ID, AZURE_CLIENT_ID and AZURE_CLIENT_SECRET (or AZURE_CLIENT_CERTIFICATE_PATH) " +
			"for app-only access, run on a managed identity, run 'az login' for app+user access, " +
			"or put an access token in " + envAccessToken + ". " +
			"Add --fake to try the command against the embedded fake without signing in."
	case errors.Is(err, wrapper.ErrUnauthorized):
		return "the service refused the access token. Check that the credential signs in to your partner tenant, " +
			"that the token is for the Partner Center API of the selected --cloud, and that an app+user sign-in used MFA."
	case errors.Is(err, wrapper.ErrForbidden):
		if resp != nil && len(resp.GDAPRoles) > 0 {
			return "the partner may lack a relationship with this customer, or the caller a role: under GDAP the caller needs one of " +
				"these Microsoft Entra roles in the customer's tenant: " + strings.Join(resp.GDAPRoles, ", ") + "."
		}
		return "the partner may lack a relationship with this customer, or the caller the GDAP role the operation needs."
	case errors.Is(err, wrapper.ErrNotFound):
		return "check the customer ID (the customer's Microsoft Entra tenant ID) and that the customer belongs to the signed-in partner."
	case errors.Is(err, wrapper.ErrThrottled):
		return "Partner Center is throttling the requests: wait before trying again, or raise --max-retries."
	case errors.Is(err, wrapper.ErrConflict), errors.Is(err, wrapper.ErrPreconditionFailed), errors.Is(err, wrapper.ErrDomainTaken):
		return "the resource changed since it was read: read it again and retry."
	case errors.Is(err, wrapper.ErrServer):
		return "the service failed or is unavailable: try again later. Quote the MS-CorrelationId and MS-RequestId in a support request."
	case errors.Is(err, wrapper.ErrMalformedResponse):
		return "the answer could not be read (cut short, or not JSON): try again; if it persists, quote the MS-CorrelationId and MS-RequestId in a support request."
	case errors.Is(err, wrapper.ErrPagingLoop):
		return "the service's next links led back to pages already read (or to empty pages without end), so the listing was stopped: " +
			"what was printed is complete up to there. Quote the MS-CorrelationId in a support request."
	case errors.Is(err, wrapper.ErrResponseTooLarge):
		return "the answer was larger than the client accepts; if --endpoint is a proxy or mock, check what it sends."
	case errors.Is(err, wrapper.ErrRedirect):
		return "the answer tried to send the request elsewhere; the client never follows redirects: check --endpoint and any proxy."
	case errors.As(err, &timeout):
		return "the service did not answer in time: raise --timeout or try again later."
	case isCertificateError(err):
		return "the server's TLS certificate was not trusted: check --endpoint and the system's certificate store; " +
			"for 'partnercenter fake serve', pass its --cert-file as --ca-file."
	case resp == nil && exitCode(err) == exitUnavailable:
		return "the service could not be reached: check the network connection and --endpoint."
	}
	return ""
}

// sanitize makes text from outside the program (service answers, user input)
// safe to print on a terminal: terminal escape sequences (CSI such as the
// colour ESC [ 31 m, OSC such as a hyperlink or a window title, and their
// C1 forms) are dropped whole, and the control characters left become
// spaces, so no escape sequence reaches the terminal. Newlines and tabs
// survive when multiline is set. Invisible format characters (Unicode
// category Cf: the bidirectional embeddings, overrides and isolates
// U+202A-U+202E and U+2066-U+2069, the zero-width U+200B-U+200F and
// U+2060-U+2064, U+FEFF, ...) become U+FFFD, so that a name cannot reorder
// or hide what the terminal shows.
func sanitize(s string, multiline bool) string {
	return strings.Map(func(r rune) rune {
		switch {
		case multiline && (r == '\n' || r == '\t'):
			return r
		case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0, r == '\u2028', r == '\u2029':
			return ' '
		case unicode.Is(unicode.Cf, r):
			return '\uFFFD'
		}
		return r
	}, scrub.StripTerminalEscapes(s))
}
