package wrapper

import (
	"bytes"
	"context"
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
