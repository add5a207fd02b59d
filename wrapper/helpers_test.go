package wrapper

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// testToken is the access token the tests' credential hands out; no error
// or log line may ever contain it.
const testToken = "tok-SECRET-5f1c9e0a-never-print-me"

// testCustomerID is a well-formed customer ID.
const testCustomerID = "aaaabbbb-0000-cccc-1111-dddd2222eeee"

// testPrefix is the path prefix of the test server's endpoint, so that a
// request built from an absolute path ("/v1/...") misses it.
const testPrefix = "/pc"

// recorded is one request the test server saw.
type recorded struct {
	Method string
	Path   string // escaped path
	Query  string
	Header http.Header
	Body   string
}

// testServer is an HTTPS server on loopback that records requests and
// answers with a handler the test sets. The handler sees paths relative to
// testPrefix + "/v1".
type testServer struct {
	t   *testing.T
	srv *httptest.Server

	mu      sync.Mutex
	reqs    []recorded
	handler http.HandlerFunc
}

// newTestServer starts a server answering with h.
func newTestServer(t *testing.T, h http.HandlerFunc) *testServer {
	t.Helper()
	ts := &testServer{t: t, handler: h}
	ts.srv = httptest.NewTLSServer(http.HandlerFunc(ts.serve))
	t.Cleanup(ts.srv.Close)
	return ts
}

func (ts *testServer) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	r.Body = io.NopCloser(bytes.NewReader(body))
	ts.mu.Lock()
	ts.reqs = append(ts.reqs, recorded{Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.RawQuery, Header: r.Header.Clone(), Body: string(body)})
	h := ts.handler
	ts.mu.Unlock()
	const base = testPrefix + "/v1/"
	if !strings.HasPrefix(r.URL.Path, base) {
		ts.t.Errorf("request outside the versioned base: %s %s", r.Method, r.URL.EscapedPath())
		http.Error(w, "wrong base path", http.StatusTeapot)
		return
	}
	if got := r.Header.Get("Authorization"); got != "Bearer "+testToken {
		ts.t.Errorf("Authorization = %q", got)
	}
	h(w, r)
}

// setHandler replaces the handler.
func (ts *testServer) setHandler(h http.HandlerFunc) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	ts.handler = h
}

// requests returns what the server saw so far.
func (ts *testServer) requests() []recorded {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return append([]recorded(nil), ts.reqs...)
}

// cloud returns a custom cloud pointing at the server, with a path prefix.
func (ts *testServer) cloud() cloud.Configuration {
	return CustomCloud(ts.srv.URL+testPrefix, "https://pc.test", ts.srv.URL+"/")
}

// options returns client options for the server with fast retries.
func (ts *testServer) options() *ClientOptions {
	return &ClientOptions{
		ClientOptions: azcore.ClientOptions{
			Cloud:     ts.cloud(),
			Transport: ts.srv.Client(),
			Retry:     policy.RetryOptions{RetryDelay: time.Millisecond, MaxRetryDelay: 5 * time.Second},
		},
	}
}

// client returns a client for the server; edit changes its options.
func (ts *testServer) client(edit func(*ClientOptions)) *Client {
	ts.t.Helper()
	o := ts.options()
	if edit != nil {
		edit(o)
	}
	c, err := NewClient(StaticTokenCredential(testToken, time.Now().Add(time.Hour)), o)
	if err != nil {
		ts.t.Fatalf("NewClient: %v", err)
	}
	return c
}

// jsonHandler answers every request with status and body as JSON.
func jsonHandler(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

// sequence answers the n-th request with the n-th handler, repeating the
// last one.
func sequence(hs ...http.HandlerFunc) http.HandlerFunc {
	var mu sync.Mutex
	n := 0
	return func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		h := hs[min(n, len(hs)-1)]
		n++
		mu.Unlock()
		h(w, r)
	}
}

// ctx returns a test context with a deadline well within the test budget.
func testCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// assertNoToken fails when s contains the test token.
func assertNoToken(t *testing.T, what, s string) {
	t.Helper()
	if strings.Contains(s, testToken) {
		t.Errorf("%s contains the access token: %s", what, s)
	}
}

// Helpers written for the tests, independent of the production code they
// check.

// isControlChar reports control characters other than tab.
func isControlChar(r rune) bool { return r < 0x20 && r != '\t' || r == 0x7f }

// startsLikeJSON reports whether b starts (after white space) with { or [.
func startsLikeJSON(b []byte) bool {
	b = bytes.TrimLeft(b, " \t\r\n")
	return len(b) > 0 && (b[0] == '{' || b[0] == '[')
}

// onlyDigits reports whether s is one or more ASCII digits.
func onlyDigits(s string) bool {
	return s != "" && strings.Trim(s, "0123456789") == ""
}

// jsonEscaped returns s as encoding/json writes it inside a string, the
// slash-free way Go does (with its HTML escapes).
func jsonEscaped(s string) string {
	b, _ := json.Marshal(s)
	return string(b[1 : len(b)-1])
}

// lowerPercent lower-cases the hex digits of every percent escape in s.
func lowerPercent(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			b.WriteByte('%')
			b.WriteString(strings.ToLower(s[i+1 : i+3]))
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}
