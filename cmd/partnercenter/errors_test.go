package main

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/partnercenter-go/partnercenter/wrapper"
)

func TestExitCode(t *testing.T) {
	resp := func(status int) error {
		return fmt.Errorf("call: %w", &wrapper.ResponseError{StatusCode: status})
	}
	tests := []struct {
		name string
		err  error
		want int
	}{
		{"nil", nil, exitOK},
		{"silent", &exitStatusError{code: exitError}, exitError},
		{"usage", &usageError{msg: "x"}, exitUsage},
		{"invalid input", fmt.Errorf("%w: bad GUID", wrapper.ErrInvalidInput), exitUsage},
		{"400", resp(400), exitUsage},
		{"credential", &credentialError{err: errors.New("no credential")}, exitAuth},
		{"401", resp(401), exitAuth},
		{"403", resp(403), exitForbidden},
		{"404", resp(404), exitNotFound},
		{"405", resp(405), exitError},
		{"408", resp(408), exitUnavailable},
		{"409", resp(409), exitConflict},
		{"412", resp(412), exitConflict},
		{"429", resp(429), exitThrottled},
		{"500", resp(500), exitUnavailable},
		{"502", resp(502), exitUnavailable},
		{"503", resp(503), exitUnavailable},
		{"504", resp(504), exitUnavailable},
		{"malformed 200 answer", resp(200), exitUnavailable},
		{"malformed answer, decoding error wrapped", fmt.Errorf("call: %w", &wrapper.ResponseError{StatusCode: 200, Err: io.ErrUnexpectedEOF}), exitUnavailable},
		{"timeout", &timeoutError{time.Second, fmt.Errorf("get: %w", context.DeadlineExceeded)}, exitUnavailable},
		{"deadline", context.DeadlineExceeded, exitUnavailable},
		{"interrupted", fmt.Errorf("get: %w", context.Canceled), exitInterrupted},
		{"connection refused", &url.Error{Op: "Get", URL: "https://x", Err: &net.OpError{Op: "dial", Err: errors.New("connection refused")}}, exitUnavailable},
		{"truncated body", fmt.Errorf("decoding: %w", io.ErrUnexpectedEOF), exitUnavailable},
		{"untrusted certificate", &url.Error{Op: "Get", URL: "https://x", Err: x509.UnknownAuthorityError{}}, exitError},
		{"other", errors.New("boom"), exitError},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := exitCode(tt.err); got != tt.want {
				t.Errorf("exitCode(%v) = %d, want %d", tt.err, got, tt.want)
			}
		})
	}
}

func TestPrintResponseError(t *testing.T) {
	tests := []struct {
		name string
		err  *wrapper.ResponseError
		want []string
		not  []string
	}{
		{
			name: "forbidden with roles",
			err: &wrapper.ResponseError{
				StatusCode: 403, Code: "20002", Description: "No relationship between caller and account.",
				Source: "PartnerFD", CorrelationID: "11111111-2222-3333-4444-555555555555",
				RequestID: "66666666-7777-8888-9999-000000000000", Method: "GET",
				Path: "/v1/customers/" + exampleCustomerID + "/customDomains", Operation: "getCustomerCustomDomains",
				GDAPRoles: []string{"Directory Writer", "Global Reader", "Domain Administrator"},
			},
			want: []string{
				"partnercenter: 403 Forbidden from getCustomerCustomDomains (GET /v1/customers/" + exampleCustomerID + "/customDomains)\n",
				"HTTP status:", "403 Forbidden",
				"Partner Center code:", "20002",
				"Description:", "No relationship between caller and account.",
				"MS-CorrelationId:", "11111111-2222-3333-4444-555555555555",
				"MS-RequestId:", "66666666-7777-8888-9999-000000000000",
				"hint: ", "GDAP", "Directory Writer, Global Reader, Domain Administrator",
			},
		},
		{
			name: "throttled",
			err:  &wrapper.ResponseError{StatusCode: 429, Description: "Rate limit is exceeded.", RetryAfter: 57 * time.Second},
			want: []string{"429 Too Many Requests", "Retry after:", "57s", "hint: Partner Center is throttling"},
			not:  []string{"Partner Center code:", "MS-RequestId:"},
		},
		{
			name: "not found",
			err:  &wrapper.ResponseError{StatusCode: 404, Code: "1000", Description: "Customer not found."},
			want: []string{"404 Not Found", "1000", "hint: check the customer ID"},
		},
		{
			name: "server error",
			err:  &wrapper.ResponseError{StatusCode: 503, Description: "<html>gateway</html>"},
			want: []string{"503 Service Unavailable", "hint: the service failed", "support request"},
		},
		{
			name: "malformed answer",
			err: &wrapper.ResponseError{StatusCode: 200, Operation: "getCustomer", Method: "GET", Path: "/v1/customers/" + exampleCustomerID,
				Description:   "malformed answer (Content-Type text/plain): decoding the JSON: unexpected end of JSON input",
				CorrelationID: "11111111-2222-3333-4444-555555555555", RequestID: "66666666-7777-8888-9999-000000000000"},
			want: []string{"partnercenter: malformed 200 OK answer from getCustomer (GET /v1/customers/" + exampleCustomerID + ")\n",
				"unexpected end of JSON input", "MS-CorrelationId:", "MS-RequestId:", "hint: the answer could not be read"},
		},
		{
			name: "escape sequences from the service are neutralised",
			err:  &wrapper.ResponseError{StatusCode: 400, Description: "bad\x1b[31m red\r\nline"},
			want: []string{"bad red  line"},
			not:  []string{"\x1b", "\r", "[31m"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			printError(&b, fmt.Errorf("wrapped: %w", tt.err))
			out := b.String()
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
			for _, n := range tt.not {
				if strings.Contains(out, n) {
					t.Errorf("output has %q:\n%s", n, out)
				}
			}
		})
	}
}

func TestPrintOtherErrors(t *testing.T) {
	tests := []struct {
		name string
		err  error
		want []string
	}{
		{"credential", &credentialError{err: errors.New("DefaultAzureCredential: failed to acquire a token")},
			[]string{"partnercenter: could not get an access token: DefaultAzureCredential", "hint: sign in first", "az login", "--fake"}},
		{"timeout", &timeoutError{2 * time.Second, fmt.Errorf("partnercenter: getCustomer: %w", context.DeadlineExceeded)},
			[]string{"partnercenter: timed out after 2s (--timeout): getCustomer: context deadline exceeded\n", "hint: the service did not answer in time"}},
		{"network", &url.Error{Op: "Get", URL: "https://x", Err: &net.OpError{Op: "dial", Err: errors.New("connection refused")}},
			[]string{"connection refused", "hint: the service could not be reached"}},
		{"prefix not doubled", errors.New("partnercenter: invalid input: x"), []string{"partnercenter: invalid input: x\n"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			printError(&b, tt.err)
			for _, w := range tt.want {
				if !strings.Contains(b.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, b.String())
				}
			}
			if strings.Contains(b.String(), "partnercenter: partnercenter:") {
				t.Errorf("doubled prefix:\n%s", b.String())
			}
		})
	}
}

func TestPrintErrorSilent(t *testing.T) {
	var b bytes.Buffer
	printError(&b, &exitStatusError{code: exitError})
	if b.Len() != 0 {
		t.Fatalf("printed %q", b.String())
	}
}

func TestSanitize(t *testing.T) {
	tests := []struct {
		in        string
		multiline bool
		want      string
	}{
		{"plain é ü 日本", false, "plain é ü 日本"},
		{"a\x1b]0;title\x07b", false, "ab"}, // an OSC sequence is dropped whole
		{"a\nb\tc", false, "a b c"},
		{"a\nb\tc\rd", true, "a\nb\tc d"},
		{"a\u009bb\u2028c", false, "a c"}, // C1 CSI with its final byte "b"
		{"a\u009bx\u2028c", false, "a c"},
		{"\x1b[31mred\x1b[0m", false, "red"},
	}
	for _, tt := range tests {
		if got := sanitize(tt.in, tt.multiline); got != tt.want {
			t.Errorf("sanitize(%q, %v) = %q, want %q", tt.in, tt.multiline, got, tt.want)
		}
	}
}
