package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
)

// hostileText is server text meant for a terminal: an SGR colour, an OSC
// hyperlink and window title, a one-byte C1 CSI, DEL, bidirectional
// overrides and isolates, and a line break.
const hostileText = "A\x1b[31mRed\x1b[0m \x1b]8;;https://evil.example\x07link\x1b]8;;\x07 \x1b]0;title\x1b\\" +
	"\u009b2J \u202eevil\u202c \u2066iso\u2069 \u202a\u202b\u202d del\x7f \U000E0001tag\nnext"

// terminalUnsafe lists what must never reach a terminal from server text.
var terminalUnsafe = []string{"\x1b", "\u009b", "\x07", "\x7f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e",
	"\u2066", "\u2067", "\u2068", "\u2069", "[31m", "[0m", "]8;;", "evil.example", "]0;title"}

// hostileServer answers the CLI with hostileText in a company name, a
// listing, an error description, an MS-CV header and an address verdict.
func hostileServer(t *testing.T) *httptest.Server {
	t.Helper()
	quoted, _ := json.Marshal(hostileText)
	customer := fmt.Sprintf(`{"id":"aaaabbbb-0000-cccc-1111-dddd2222eeee","companyProfile":{"companyName":%s,"domain":"x.onmicrosoft.com"}}`, quoted)
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		// A header line cannot hold control characters (net/http refuses the
		// answer), but it can hold C1 controls and bidirectional overrides.
		w.Header().Set("MS-CV", "cv\u009b2J\u202eevil\u2066x")
		switch p := r.URL.Path; {
		case strings.HasSuffix(p, "/customers/aaaabbbb-0000-cccc-1111-dddd2222eeee"):
			fmt.Fprint(w, customer)
		case strings.HasSuffix(p, "/customers"):
			fmt.Fprintf(w, `{"totalCount":1,"items":[%s]}`, customer)
		case strings.Contains(p, "/domains/"):
			w.Header().Del("Content-Type")
			w.WriteHeader(http.StatusNotFound)
		case strings.Contains(p, "/countryvalidationrules/"):
			fmt.Fprint(w, `{"iso2Code":"US"}`)
		case strings.HasSuffix(p, "/validations/address"):
			fmt.Fprintf(w, `{"status":%s,"originalAddress":{"country":"US"},"suggestedAddresses":[],"validationMessage":%s}`, quoted, quoted)
		default:
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"code":800002,"description":%s}`, quoted)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// hostileApp runs the CLI against hostileServer.
func hostileApp(t *testing.T) (*app, []string) {
	srv := hostileServer(t)
	a := &app{
		transport: srv.Client(),
		newCredential: func(cloud.Configuration, string) (azcore.TokenCredential, error) {
			return &recordingCredential{}, nil
		},
	}
	return a, []string{"--endpoint", srv.URL, "--audience", "https://audience.example"}
}

// TestTerminalOutputStripsEscapes: server text reaches the table output,
// the progress of customer create, the error report and the --verbose log
// without terminal escape sequences (CSI, OSC, C1), control characters or
// bidirectional overrides and isolates, the visible text kept.
func TestTerminalOutputStripsEscapes(t *testing.T) {
	a, global := hostileApp(t)
	id := "aaaabbbb-0000-cccc-1111-dddd2222eeee"
	runs := []struct {
		name   string
		args   []string
		code   int
		stream func(result) string
		keep   string
	}{
		{"table, one customer", []string{"-o", "table", "customer", "get", id}, exitOK, func(r result) string { return r.stdout }, "ARed link"},
		{"table, listing", []string{"-o", "table", "customer", "list"}, exitOK, func(r result) string { return r.stdout }, "ARed link"},
		{"progress", []string{"customer", "create", "--from", newCustomerFile, "--validate-only", "--accept-unverified-address"}, exitOK,
			func(r result) string { return r.stderr }, "[ok] address: status ARed link"},
		{"table, address verdict", []string{"-o", "table", "customer", "validate-address", "--line1", "1 Way", "--city", "Redmond", "--country", "US"}, exitOK,
			func(r result) string { return r.stdout }, "ARed link"},
		{"error report", []string{"customer", "qualify", id, "--qualification", "state-owned"}, exitUsage,
			func(r result) string { return r.stderr }, "ARed link"},
		{"verbose log", []string{"--verbose", "customer", "get", id}, exitOK, func(r result) string { return r.stderr }, "Ms-Cv: cv"},
	}
	for _, run := range runs {
		r := runApp(t, a, append(append([]string{}, global...), run.args...)...)
		if r.code != run.code {
			t.Errorf("%s: exit %d, want %d\n%s", run.name, r.code, run.code, r.stderr)
			continue
		}
		out := run.stream(r)
		for _, bad := range terminalUnsafe {
			if strings.Contains(out, bad) {
				t.Errorf("%s: the output holds %q:\n%q", run.name, bad, out)
			}
		}
		if !strings.Contains(out, run.keep) {
			t.Errorf("%s: the output lacks %q:\n%q", run.name, run.keep, out)
		}
	}
}

// TestJSONOutputEscapesTerminalControls: JSON and JSON-lines output carry
// server text whole, but with every control character, C1 control and
// bidirectional override or isolate escaped (\u001b, \u202e, ...), so that
// a terminal shows the escapes instead of obeying them, and a program
// decodes the text as the service sent it.
func TestJSONOutputEscapesTerminalControls(t *testing.T) {
	a, global := hostileApp(t)
	id := "aaaabbbb-0000-cccc-1111-dddd2222eeee"
	for _, args := range [][]string{
		{"-o", "json", "customer", "get", id},
		{"-o", "jsonl", "customer", "get", id},
		{"-o", "json", "customer", "list"},
		{"-o", "jsonl", "customer", "list"},
		{"-o", "json", "customer", "validate-address", "--line1", "1 Way", "--city", "Redmond", "--country", "US"},
	} {
		r := runApp(t, a, append(append([]string{}, global...), args...)...)
		r.wantCode(t, exitOK)
		name := strings.Join(args, " ")
		for _, bad := range []string{"\x1b", "\u009b", "\x07", "\x7f", "\u202a", "\u202b", "\u202c", "\u202d", "\u202e", "\u2066", "\u2067", "\u2068", "\u2069", "\U000E0001"} {
			if strings.Contains(r.stdout, bad) {
				t.Errorf("%s: the output holds %q raw:\n%s", name, bad, r.stdout)
			}
		}
		for _, want := range []string{`\u001b[31m`, `\u202e`, `\u2066`, `\u009b`, `\u007f`, `\udb40\udc01`} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("%s: the output lacks the escape %s:\n%s", name, want, r.stdout)
			}
		}
		for _, line := range strings.Split(strings.TrimSpace(r.stdout), "\n") {
			if args[1] == "jsonl" && !json.Valid([]byte(line)) {
				t.Errorf("%s: line %q is not JSON", name, line)
			}
		}
		if !strings.Contains(decodeAllStrings(t, r.stdout, args[1] == "jsonl"), hostileText) {
			t.Errorf("%s: the decoded output does not hold the text as sent", name)
		}
	}
}

// decodeAllStrings decodes JSON (or JSON lines) output and joins every
// string it holds.
func decodeAllStrings(t *testing.T, out string, lines bool) string {
	t.Helper()
	docs := []string{out}
	if lines {
		docs = strings.Split(strings.TrimSpace(out), "\n")
	}
	var b strings.Builder
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case string:
			b.WriteString(x)
			b.WriteByte(0)
		case []any:
			for _, e := range x {
				walk(e)
			}
		case map[string]any:
			for _, e := range x {
				walk(e)
			}
		}
	}
	for _, d := range docs {
		var v any
		if err := json.Unmarshal([]byte(d), &v); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, d)
		}
		walk(v)
	}
	return b.String()
}
