package transport

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnercenter-go/partnercenter/internal/errs"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
)

// transporterFunc is a policy.Transporter made of a function.
type transporterFunc func(*http.Request) (*http.Response, error)

func (f transporterFunc) Do(req *http.Request) (*http.Response, error) { return f(req) }

// countingBody is a body that counts the bytes read from it and whether
// it was closed.
type countingBody struct {
	r      io.Reader
	read   atomic.Int64
	closed atomic.Bool
}

func (b *countingBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.read.Add(int64(n))
	return n, err
}

func (b *countingBody) Close() error { b.closed.Store(true); return nil }

// endless is a reader of 'x' without end.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// answer returns a transporter that answers every request with status,
// header, body (counted) and declared length, and the counting body.
func answer(status int, header http.Header, body io.Reader, declared int64) (transporterFunc, *countingBody) {
	cb := &countingBody{r: body}
	return func(req *http.Request) (*http.Response, error) {
		if header == nil {
			header = http.Header{}
		}
		return &http.Response{
			StatusCode: status, Status: http.StatusText(status), Header: header.Clone(),
			Body: cb, ContentLength: declared, Request: req,
		}, nil
	}, cb
}

// get sends a GET to the test URL with token as its bearer token.
func get(t *testing.T, g *Guarded, token string) (*http.Response, error) {
	t.Helper()
	req, err := http.NewRequestWithContext(context.Background(), http.MethodGet, "https://api.example.test/v1/customers", nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return g.Do(req)
}

// readAll reads the body of a guarded answer.
func readAll(t *testing.T, resp *http.Response) string {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestDeclaredLengthOverCapFailsAtOnce: SECURITY.md says a 2xx answer
// whose declared Content-Length is above the cap "fails at once": not a
// byte of its body is read, whatever the body holds.
func TestDeclaredLengthOverCapFailsAtOnce(t *testing.T) {
	t.Parallel()
	const limit = 1 << 10
	tests := []struct {
		name     string
		declared int64
		body     io.Reader
	}{
		{"one byte over", limit + 1, strings.NewReader(strings.Repeat("x", limit+1))},
		{"1 GiB declared, endless body", 1 << 30, endless{}},
		{"over the 1 MiB exact-buffer size", 2 << 20, endless{}},
	}
	for _, status := range []int{200, 201, 299} {
		tr, body := answer(status, nil, endless{}, limit+1)
		if _, err := get(t, New(tr, limit, false), ""); !errors.Is(err, errs.ErrResponseTooLarge) || body.read.Load() != 0 {
			t.Errorf("status %d: err = %v, %d bytes read", status, err, body.read.Load())
		}
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			tr, body := answer(http.StatusOK, nil, tt.body, tt.declared)
			resp, err := get(t, New(tr, limit, false), "tok-1234")
			if !errors.Is(err, errs.ErrResponseTooLarge) || resp != nil {
				t.Fatalf("err = %v, resp %v; want ErrResponseTooLarge", err, resp)
			}
			var nr interface{ NonRetriable() }
			if !errors.As(err, &nr) {
				t.Error("the error is retried")
			}
			if n := body.read.Load(); n != 0 {
				t.Errorf("%d bytes of the body were read before failing; want 0", n)
			}
			if !body.closed.Load() {
				t.Error("the body was not closed")
			}
		})
	}

	// The default cap, over a real connection: the server declares 1 GiB
	// and gets to write no more than what the socket buffers take.
	var written atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", "1073741824")
		w.WriteHeader(http.StatusOK)
		buf := bytes.Repeat([]byte("x"), 32<<10)
		for written.Load() < 1<<30 {
			n, err := w.Write(buf)
			written.Add(int64(n))
			if err != nil {
				return
			}
		}
	}))
	defer srv.Close()
	req, _ := http.NewRequest(http.MethodGet, srv.URL, nil)
	_, err := New(srv.Client(), 0, false).Do(req)
	if !errors.Is(err, errs.ErrResponseTooLarge) {
		t.Fatalf("err = %v", err)
	}
	srv.CloseClientConnections()
	if n := written.Load(); n >= DefaultMaxBody {
		t.Errorf("the server wrote %d bytes, the cap's worth (%d) or more", n, DefaultMaxBody)
	}
}

// TestBodyCap: a body of exactly the cap is read whole, declared or not;
// one byte more fails after at most the cap and a probe byte; error
// answers are cut at MaxErrorBody without failing.
func TestBodyCap(t *testing.T) {
	t.Parallel()
	const limit = 100
	full := strings.Repeat("y", limit)
	for _, declared := range []int64{limit, -1} {
		tr, _ := answer(http.StatusOK, nil, strings.NewReader(full), declared)
		resp, err := get(t, New(tr, limit, false), "")
		if err != nil {
			t.Fatalf("declared %d, body at the cap: %v", declared, err)
		}
		if got := readAll(t, resp); got != full || resp.ContentLength != limit {
			t.Errorf("declared %d: %d bytes, ContentLength %d", declared, len(got), resp.ContentLength)
		}
	}
	for _, declared := range []int64{-1, 10, 0} {
		// Undeclared, or declared shorter than it is: the cap still holds.
		tr, body := answer(http.StatusOK, nil, strings.NewReader(full+"z"), declared)
		_, err := get(t, New(tr, limit, false), "")
		if !errors.Is(err, errs.ErrResponseTooLarge) {
			t.Errorf("declared %d, one byte over: err = %v", declared, err)
		}
		if n := body.read.Load(); n > limit+1 {
			t.Errorf("declared %d: %d bytes read, more than the cap and a probe byte", declared, n)
		}
		if !strings.Contains(err.Error(), "100 bytes") {
			t.Errorf("the error does not name the cap: %v", err)
		}
	}
	// An endless undeclared body stops at the cap.
	tr, body := answer(http.StatusOK, nil, endless{}, -1)
	if _, err := get(t, New(tr, limit, false), ""); !errors.Is(err, errs.ErrResponseTooLarge) || body.read.Load() > limit+1 {
		t.Errorf("endless: err = %v, %d bytes read", err, body.read.Load())
	}
	// An error answer is cut at MaxErrorBody, whatever it declares, and
	// is no error of its own.
	for _, declared := range []int64{-1, 2 * MaxErrorBody, 10} {
		tr, body := answer(http.StatusBadGateway, nil, endless{}, declared)
		resp, err := get(t, New(tr, limit, false), "")
		if err != nil {
			t.Fatalf("error answer, declared %d: %v", declared, err)
		}
		if got := readAll(t, resp); len(got) != MaxErrorBody || resp.ContentLength != MaxErrorBody || body.read.Load() > MaxErrorBody+1 {
			t.Errorf("error answer, declared %d: %d bytes, ContentLength %d, %d read", declared, len(got), resp.ContentLength, body.read.Load())
		}
	}
}

// TestDeclaredLengthMismatch: a body shorter than it declares is an error
// (cut short); one longer is read whole (under the cap).
func TestDeclaredLengthMismatch(t *testing.T) {
	t.Parallel()
	tr, _ := answer(http.StatusOK, nil, strings.NewReader(`{"a":1}`), 20)
	if _, err := get(t, New(tr, 0, false), ""); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("short body: err = %v", err)
	}
	tr, _ = answer(http.StatusOK, nil, strings.NewReader(`{"a":1}`), 3)
	resp, err := get(t, New(tr, 0, false), "")
	if err != nil || readAll(t, resp) != `{"a":1}` || resp.ContentLength != 7 {
		t.Errorf("long body: %v", err)
	}
	tr, _ = answer(http.StatusOK, nil, strings.NewReader(""), 20)
	if _, err := get(t, New(tr, 0, false), ""); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("empty body declared 20 bytes: err = %v", err)
	}
	tr, _ = answer(http.StatusOK, nil, strings.NewReader(""), 0)
	resp, err = get(t, New(tr, 0, false), "")
	if err != nil || readAll(t, resp) != "" {
		t.Errorf("empty body declared empty: %v", err)
	}
	// Large declared bodies (over 1 MiB) are read without the exact-size
	// buffer, short ones still fail.
	big := strings.Repeat("b", 2<<20)
	tr, _ = answer(http.StatusOK, nil, strings.NewReader(big), int64(len(big)))
	resp, err = get(t, New(tr, 0, false), "")
	if err != nil || readAll(t, resp) != big {
		t.Errorf("2 MiB body: %v", err)
	}
	tr, _ = answer(http.StatusOK, nil, strings.NewReader(big[:100]), 1<<20)
	if _, err := get(t, New(tr, 0, false), ""); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("short body declared 1 MiB: err = %v", err)
	}
	tr, _ = answer(http.StatusOK, nil, strings.NewReader(big[:100]), 64<<10)
	if _, err := get(t, New(tr, 0, false), ""); !errors.Is(err, io.ErrUnexpectedEOF) {
		t.Errorf("short 64 KiB body: err = %v", err)
	}
}

// TestBodyReadErrorIsScrubbedAndReturned: a read error of the body ends
// the call with the error's text scrubbed.
func TestBodyReadErrorIsScrubbedAndReturned(t *testing.T) {
	t.Parallel()
	boom := &net.OpError{Op: "read", Net: "tcp", Err: errors.New("connection reset, token tok-1234")}
	for _, tt := range []struct {
		status   int
		declared int64
	}{{http.StatusOK, -1}, {http.StatusOK, 100}, {http.StatusOK, 2 << 20}, {http.StatusInternalServerError, -1}, {http.StatusInternalServerError, 100}} {
		status := tt.status
		tr, body := answer(status, nil, io.MultiReader(strings.NewReader("part"), errReader{boom}), tt.declared)
		_, err := get(t, New(tr, 0, false), "tok-1234")
		if err == nil || strings.Contains(err.Error(), "tok-1234") || !strings.Contains(err.Error(), scrub.Redacted) {
			t.Errorf("status %d: err = %v", status, err)
		}
		if !body.closed.Load() {
			t.Errorf("status %d: body not closed", status)
		}
	}
	// io.EOF is the end of the body, no error.
	tr, _ := answer(http.StatusOK, nil, strings.NewReader("[]"), -1)
	if _, err := get(t, New(tr, 0, false), "tok-1234"); err != nil {
		t.Errorf("EOF: %v", err)
	}
}

type errReader struct{ err error }

func (r errReader) Read([]byte) (int, error) { return 0, r.err }

// closeErrBody fails on Close.
type closeErrBody struct{ io.Reader }

func (closeErrBody) Close() error { return errors.New("close failed") }

func TestBodyCloseError(t *testing.T) {
	t.Parallel()
	tr := transporterFunc(func(req *http.Request) (*http.Response, error) {
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: closeErrBody{strings.NewReader("{}")}, ContentLength: -1, Request: req}, nil
	})
	if _, err := get(t, New(tr, 0, false), ""); err == nil || err.Error() != "close failed" {
		t.Errorf("err = %v, want the close error", err)
	}
}

// TestSecretsScrubbedFromAnswer: the bearer token and the context's
// secrets are replaced in the status line, the headers, the transport's
// error and, with scrubBody, the body; without it the body is untouched.
func TestSecretsScrubbedFromAnswer(t *testing.T) {
	t.Parallel()
	const tok = "tok-a/b+c"
	h := http.Header{"Www-Authenticate": {`Bearer claims="tok-a%2Fb%2Bc"`}, "Ms-Cv": {"tok-a/b+c"}}
	for _, scrubBody := range []bool{true, false} {
		tr := transporterFunc(func(req *http.Request) (*http.Response, error) {
			return &http.Response{
				StatusCode: 401, Status: "401 tok-a%2fb%2bc", Header: h.Clone(),
				Body: io.NopCloser(strings.NewReader(`{"echo":"tok-a\/b+c","refresh":"rt-9876"}`)), ContentLength: -1, Request: req,
			}, nil
		})
		req, _ := http.NewRequestWithContext(scrub.WithSecrets(context.Background(), "rt-9876"), http.MethodGet, "https://api.example.test/v1/x", nil)
		req.Header.Set("Authorization", "Bearer "+tok)
		resp, err := New(tr, 0, scrubBody).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		if resp.Status != "401 REDACTED" || resp.Header.Get("Www-Authenticate") != `Bearer claims="REDACTED"` || resp.Header.Get("Ms-Cv") != "REDACTED" {
			t.Errorf("status %q, headers %v", resp.Status, resp.Header)
		}
		body := readAll(t, resp)
		want := `{"echo":"REDACTED","refresh":"REDACTED"}`
		if !scrubBody {
			want = `{"echo":"tok-a\/b+c","refresh":"rt-9876"}`
		}
		if body != want {
			t.Errorf("scrubBody %v: body %s, want %s", scrubBody, body, want)
		}
	}

	// The transport's error.
	tr := transporterFunc(func(*http.Request) (*http.Response, error) {
		return nil, errors.New(`malformed header "tok-a/b+c"`)
	})
	_, err := get(t, New(tr, 0, false), tok)
	if err == nil || err.Error() != `malformed header "REDACTED"` {
		t.Errorf("transport error = %v", err)
	}
	// A body without secrets to scrub is left as it is even with scrubBody.
	tr2, _ := answer(http.StatusOK, nil, strings.NewReader(`{"a":"tok-a/b+c"}`), -1)
	resp, err := get(t, New(tr2, 0, true), "")
	if err != nil || readAll(t, resp) != `{"a":"tok-a/b+c"}` {
		t.Errorf("no secrets: %v", err)
	}
}

// TestFormsCache: the forms of the last bearer token are kept; another
// token, or secrets in the context, are worked out anew.
func TestFormsCache(t *testing.T) {
	t.Parallel()
	g := New(transporterFunc(func(*http.Request) (*http.Response, error) { return nil, errors.New("x") }), 0, false)
	req := func(ctx context.Context, tok string) *http.Request {
		r, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.example.test/", nil)
		if tok != "" {
			r.Header.Set("Authorization", "Bearer "+tok)
		}
		return r
	}
	ctx := context.Background()
	// Secrets under 8 bytes, which no encoding changes: one form each.
	a := g.formsFor(req(ctx, "tok-one"))
	if c := g.forms.Load(); c == nil || c.token != "tok-one" {
		t.Fatal("the token's forms are not cached")
	}
	if b := g.formsFor(req(ctx, "tok-one")); &a[0] != &b[0] {
		t.Error("the same token's forms were worked out again")
	}
	// Forms are kept in the scrubber's case (hex letters upper-cased).
	if b := g.formsFor(req(ctx, "tok-two")); len(b) != 1 || !strings.EqualFold(b[0], "tok-two") {
		t.Errorf("another token: %q", b)
	}
	if c := g.forms.Load(); c.token != "tok-two" {
		t.Error("the cache does not hold the last token")
	}
	withSecret := g.formsFor(req(scrub.WithSecrets(ctx, "secret3"), "tok-two"))
	if j := strings.ToLower(strings.Join(withSecret, ",")); j != "secret3,tok-two" && j != "tok-two,secret3" {
		t.Errorf("context secrets: %q", withSecret)
	}
	if c := g.forms.Load(); c.token != "tok-two" || len(c.forms) != 1 {
		t.Error("a request with context secrets changed the cache")
	}
	if f := g.formsFor(req(ctx, "")); len(f) != 0 {
		t.Errorf("no token: %q", f)
	}
	if f := g.formsFor(req(scrub.WithSecrets(ctx, "secret3"), "")); len(f) != 1 || !strings.EqualFold(f[0], "secret3") {
		t.Errorf("context secrets, no token: %q", f)
	}
}

// TestAnswerFromAnotherURL: an answer whose request is not the one sent
// and has another URL is refused; the request sent, or a copy with the
// same URL, is fine.
func TestAnswerFromAnotherURL(t *testing.T) {
	t.Parallel()
	other, _ := http.NewRequest(http.MethodGet, "https://elsewhere.example.test/v1/customers", nil)
	same, _ := http.NewRequest(http.MethodGet, "https://api.example.test/v1/customers", nil)
	for _, tt := range []struct {
		name    string
		request func(sent *http.Request) *http.Request
		refused bool
	}{
		{"another URL", func(*http.Request) *http.Request { return other }, true},
		{"the request sent", func(sent *http.Request) *http.Request { return sent }, false},
		{"a copy with the same URL", func(*http.Request) *http.Request { return same }, false},
		{"no request", func(*http.Request) *http.Request { return nil }, false},
		{"a request without URL", func(*http.Request) *http.Request { return &http.Request{} }, false},
	} {
		body := &countingBody{r: strings.NewReader("{}")}
		tr := transporterFunc(func(req *http.Request) (*http.Response, error) {
			return &http.Response{StatusCode: 200, Header: http.Header{}, Body: body, ContentLength: 2, Request: tt.request(req)}, nil
		})
		sent, _ := http.NewRequest(http.MethodGet, "https://api.example.test/v1/customers", nil)
		resp, err := New(tr, 0, false).Do(sent)
		if tt.refused {
			var nr interface{ NonRetriable() }
			if !errors.Is(err, errs.ErrRedirect) || !errors.As(err, &nr) || !body.closed.Load() {
				t.Errorf("%s: err = %v, body closed %v", tt.name, err, body.closed.Load())
			}
			continue
		}
		if err != nil || resp.Request != sent {
			t.Errorf("%s: err = %v, request %v", tt.name, err, resp)
		}
	}
}

// TestSecondConnectionRefused: with a transport the guard cannot see into,
// a connection asked for after the answer has arrived (a redirect being
// followed) is refused, and the idle connection handed out all the same
// is closed; the first connection, reused, is not.
func TestSecondConnectionRefused(t *testing.T) {
	t.Parallel()
	first, second := &fakeConn{}, &fakeConn{}
	var sawCancel atomic.Bool
	tr := transporterFunc(func(req *http.Request) (*http.Response, error) {
		trace := httptrace.ContextClientTrace(req.Context())
		trace.GetConn("api.example.test:443")
		trace.GotConn(httptrace.GotConnInfo{Conn: first})
		trace.GotFirstResponseByte()
		// The transport follows a redirect on the same request.
		trace.GetConn("evil.example.test:443")
		sawCancel.Store(errors.Is(context.Cause(req.Context()), errs.ErrRedirect))
		trace.GotConn(httptrace.GotConnInfo{Conn: first, Reused: true})
		trace.GotConn(httptrace.GotConnInfo{Conn: second, Reused: true})
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("{}")), Request: req}, nil
	})
	resp, err := get(t, New(tr, 0, false), "tok-1234")
	var nr interface{ NonRetriable() }
	if !errors.Is(err, errs.ErrRedirect) || !errors.As(err, &nr) || resp != nil {
		t.Fatalf("err = %v, want ErrRedirect", err)
	}
	if !sawCancel.Load() {
		t.Error("the request's context was not cancelled with ErrRedirect")
	}
	if first.closed.Load() || !second.closed.Load() {
		t.Errorf("first conn closed %v (want false), second closed %v (want true)", first.closed.Load(), second.closed.Load())
	}
	// A connection asked for before any answer (the transport's own
	// retry of a failed dial, or HTTP/2's first) is fine.
	tr = transporterFunc(func(req *http.Request) (*http.Response, error) {
		trace := httptrace.ContextClientTrace(req.Context())
		trace.GetConn("api.example.test:443")
		trace.GetConn("api.example.test:443")
		trace.GotConn(httptrace.GotConnInfo{Conn: first})
		trace.GotFirstResponseByte()
		return &http.Response{StatusCode: 200, Header: http.Header{}, Body: io.NopCloser(strings.NewReader("{}")), ContentLength: 2, Request: req}, nil
	})
	if _, err := get(t, New(tr, 0, false), ""); err != nil {
		t.Errorf("two connections before the answer: %v", err)
	}
	if first.closed.Load() {
		t.Error("the first connection was closed")
	}
	var g *connGuard
	if g.wasRefused() {
		t.Error("a nil guard refused")
	}
}

// fakeConn is a net.Conn that only records Close.
type fakeConn struct {
	net.Conn
	closed atomic.Bool
}

func (c *fakeConn) Close() error { c.closed.Store(true); return nil }

// redirectingRoundTripper follows one redirect itself, as a wrapping
// transport might.
type redirectingRoundTripper struct{ next http.RoundTripper }

func (rt redirectingRoundTripper) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := rt.next.RoundTrip(req)
	if err != nil || resp.StatusCode/100 != 3 {
		return resp, err
	}
	_ = resp.Body.Close()
	r2, _ := http.NewRequestWithContext(req.Context(), req.Method, resp.Header.Get("Location"), nil)
	r2.Header = req.Header.Clone()
	return rt.next.RoundTrip(r2)
}

// TestRedirectsNotFollowed: over real servers, a 3xx comes back as it is
// from an *http.Client (whatever its CheckRedirect), and a redirect that
// a wrapping transport follows never reaches the other server with the
// token.
func TestRedirectsNotFollowed(t *testing.T) {
	t.Parallel()
	var leaked atomic.Int64
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			leaked.Add(1)
		}
		_, _ = io.WriteString(w, "{}")
	}))
	defer evil.Close()
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, evil.URL+"/steal", http.StatusTemporaryRedirect)
	}))
	defer origin.Close()
	send := func(tr interface {
		Do(*http.Request) (*http.Response, error)
	}) (*http.Response, error) {
		req, _ := http.NewRequest(http.MethodGet, origin.URL+"/v1/customers", nil)
		req.Header.Set("Authorization", "Bearer tok-1234")
		return New(tr, 0, false).Do(req)
	}

	follows := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}
	resp, err := send(follows)
	if err != nil || resp.StatusCode != http.StatusTemporaryRedirect {
		t.Errorf("*http.Client that follows: %v, %v", resp, err)
	}
	if follows.CheckRedirect(nil, nil) != nil {
		t.Error("the caller's client was changed")
	}

	wrapping := &http.Client{Transport: redirectingRoundTripper{http.DefaultTransport}}
	if _, err := send(wrapping); !errors.Is(err, errs.ErrRedirect) {
		t.Errorf("wrapping transport: err = %v, want ErrRedirect", err)
	}
	if n := leaked.Load(); n != 0 {
		t.Errorf("the token reached the other server %d time(s)", n)
	}
}

func TestRedirectFree(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		tr   interface {
			Do(*http.Request) (*http.Response, error)
		}
		want bool
	}{
		{"nil: the shared default", nil, true},
		{"*http.Client over net/http", &http.Client{Transport: &http.Transport{}}, true},
		{"*http.Client, nil Transport", &http.Client{}, true},
		{"*http.Client over another RoundTripper", &http.Client{Transport: redirectingRoundTripper{}}, false},
		{"another Transporter", transporterFunc(nil), false},
	}
	for _, tt := range tests {
		if got := New(tt.tr, 0, false).watchConns; got == tt.want {
			t.Errorf("%s: watchConns = %v, want %v", tt.name, got, !tt.want)
		}
	}
	if redirectFree(&http.Client{}) {
		t.Error("an *http.Client without CheckRedirect is redirect-free")
	}
	var nilClient *http.Client
	if noRedirects(nilClient) != defaultTransport() {
		t.Error("a nil *http.Client is not the default transport")
	}
}

// TestDirectRoundTrip: requests go straight to the *http.Transport of an
// *http.Client that adds nothing (no jar, no timeout), and through the
// client otherwise; either way a failure reads as http.Client.Do's (a
// *url.Error naming the method and the URL, ErrSchemeMismatch for an http
// server spoken to over https).
func TestDirectRoundTrip(t *testing.T) {
	t.Parallel()
	tr := &http.Transport{}
	jar, _ := cookiejar.New(nil)
	for _, tt := range []struct {
		name   string
		client *http.Client
		direct bool
	}{
		{"plain client", &http.Client{Transport: tr}, true},
		{"nil Transport", &http.Client{}, true},
		{"timeout", &http.Client{Transport: tr, Timeout: time.Minute}, false},
		{"cookie jar", &http.Client{Transport: tr, Jar: jar}, false},
		{"another RoundTripper", &http.Client{Transport: redirectingRoundTripper{}}, false},
	} {
		if got := New(tt.client, 0, false).direct != nil; got != tt.direct {
			t.Errorf("%s: direct = %v, want %v", tt.name, got, tt.direct)
		}
	}
	if New(nil, 0, false).direct == nil {
		t.Error("the shared default transport is not used directly")
	}

	plainHTTP := httptest.NewServer(http.NotFoundHandler())
	defer plainHTTP.Close()
	closed := httptest.NewServer(http.NotFoundHandler())
	closed.Close()
	// A server that answers a TLS client with something that is neither
	// TLS nor HTTP.
	other, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	go func() {
		for {
			c, err := other.Accept()
			if err != nil {
				return
			}
			_, _ = c.Write([]byte("SSH-2.0-OpenSSH_9.6\r\n"))
			_ = c.Close()
		}
	}()
	for _, target := range []string{closed.URL + "/v1/customers", strings.Replace(plainHTTP.URL, "http:", "https:", 1) + "/v1/customers", "https://" + other.Addr().String() + "/v1/customers"} {
		for _, method := range []string{http.MethodGet, http.MethodPatch} {
			c := &http.Client{Transport: &http.Transport{}, CheckRedirect: refuseRedirect}
			req, _ := http.NewRequest(method, target, nil)
			_, want := c.Do(req)
			req, _ = http.NewRequest(method, target, nil)
			_, got := New(c, 0, false).Do(req)
			var ue *url.Error
			if want == nil || got == nil || got.Error() != want.Error() || !errors.As(got, &ue) {
				t.Errorf("%s %s: error %v, want http.Client's %v", method, target, got, want)
			}
			if mismatch := strings.HasPrefix(target, strings.Replace(plainHTTP.URL, "http:", "https:", 1)); errors.Is(got, http.ErrSchemeMismatch) != mismatch {
				t.Errorf("%s %s: error %v, want ErrSchemeMismatch %v", method, target, got, mismatch)
			}
		}
	}
}

// TestProxyCredentialsScrubbed: a proxy that refuses the CONNECT with its
// status text echoing the credentials of the proxy URL (which net/http
// quotes in its error) has them replaced in the error, whether the guard
// hands requests to the *http.Transport itself or through an http.Client.
func TestProxyCredentialsScrubbed(t *testing.T) {
	t.Parallel()
	const password = "pr0xy-SECRET-pass"
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				buf := make([]byte, 4096)
				_, _ = c.Read(buf) // the CONNECT
				_, _ = c.Write([]byte("HTTP/1.1 407 proxy-user:" + password + " refused\r\nContent-Length: 0\r\n\r\n"))
			}()
		}
	}()
	proxy := &url.URL{Scheme: "http", User: url.UserPassword("proxy-user", password), Host: l.Addr().String()}
	for _, timeout := range []time.Duration{0, time.Minute} { // a timeout keeps the http.Client in the way
		c := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxy)}, Timeout: timeout}
		g := New(c, 0, false)
		if (g.direct != nil) != (timeout == 0) {
			t.Fatalf("timeout %v: direct %v", timeout, g.direct != nil)
		}
		req, _ := http.NewRequest(http.MethodGet, "https://api.example.test/v1/customers", nil)
		_, err := g.Do(req)
		if err == nil || strings.Contains(err.Error(), password) || !strings.Contains(err.Error(), scrub.Redacted) {
			t.Errorf("timeout %v: error %v: want the password replaced", timeout, err)
		}
	}
}

// TestGetBodyCleared: the request goes out without GetBody (net/http
// cannot replay the body to a redirect's target), except to an
// *http.Transport used directly, which follows no redirect; the caller's
// request keeps its own. An empty body (http.NoBody, with a GetBody that
// gives NoBody again) is not fenced, so the guard copies the request
// itself before clearing GetBody.
func TestGetBodyCleared(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ tr, body string }{
		{"watched", "refresh_token=rt"}, {"net/http", "refresh_token=rt"}, {"direct", "refresh_token=rt"},
		{"watched", ""}, {"net/http", ""}, {"direct", ""},
	} {
		tr := c.tr
		var sawGetBody atomic.Bool
		do := func(req *http.Request) (*http.Response, error) {
			sawGetBody.Store(req.GetBody != nil)
			return &http.Response{StatusCode: 204, Header: http.Header{}, Body: http.NoBody, Request: req}, nil
		}
		var g *Guarded
		switch tr {
		case "watched":
			g = New(transporterFunc(do), 0, false)
		case "net/http":
			g = New(&http.Client{Transport: roundTripperFunc(do)}, 0, false)
			g.watchConns = false
			g.next = transporterFunc(do)
		case "direct":
			// An *http.Transport used directly follows no redirect: the
			// request keeps GetBody, for the transport's own retries on a
			// dead keep-alive connection (to the same host).
			g = New(&http.Client{Transport: &http.Transport{}}, 0, false)
			g.direct = roundTripperFunc(do)
		}
		req, _ := http.NewRequest(http.MethodPost, "https://api.example.test/token", strings.NewReader(c.body))
		if req.GetBody == nil || (c.body == "") != (req.Body == http.NoBody) {
			t.Fatal("no GetBody to clear, or not the body the case is about")
		}
		resp, err := g.Do(req)
		if err != nil || resp.StatusCode != 204 {
			t.Fatalf("%s: %v", tr, err)
		}
		if sawGetBody.Load() != (tr == "direct") {
			t.Errorf("%s, body %q: the request went out with GetBody %v", tr, c.body, sawGetBody.Load())
		}
		if req.GetBody == nil {
			t.Errorf("%s, body %q: the caller's request lost its GetBody", tr, c.body)
		}
		if resp.Body != http.NoBody {
			t.Errorf("%s: NoBody replaced", tr)
		}
	}
}

type roundTripperFunc func(*http.Request) (*http.Response, error)

func (f roundTripperFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

func TestNeitherAnswerNorError(t *testing.T) {
	t.Parallel()
	g := New(transporterFunc(func(*http.Request) (*http.Response, error) { return nil, nil }), 0, false)
	if _, err := get(t, g, ""); err == nil || !strings.Contains(err.Error(), "neither an answer nor an error") {
		t.Errorf("err = %v", err)
	}
	// An error with an answer: the answer's body is closed.
	body := &countingBody{r: strings.NewReader("x")}
	g = New(transporterFunc(func(req *http.Request) (*http.Response, error) {
		return &http.Response{Body: body}, errors.New("failed")
	}), 0, false)
	if _, err := get(t, g, ""); err == nil || !body.closed.Load() {
		t.Errorf("err = %v, closed %v", err, body.closed.Load())
	}
}

// TestWaitsRewritten: a refusal's wait is rewritten as Retry-After
// seconds (from retry-after-ms, or only from the body's text); a 2xx
// answer's headers are left alone.
func TestWaitsRewritten(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		header http.Header
		body   string
		want   string
	}{
		{"retry-after-ms on a 429", 429, http.Header{"Retry-After-Ms": {"1500"}}, "", "2"},
		{"wait only in the body", 429, nil, `{"code":"429","description":"Rate limit is exceeded. Try again in 57 seconds."}`, "57"},
		{"Retry-After wins over the body", 429, http.Header{"Retry-After": {"3"}}, `{"description":"Try again in 57 seconds."}`, "3"},
		{"body of a 503 is not read for a wait", 503, nil, `{"description":"Try again in 57 seconds."}`, ""},
		{"no wait anywhere", 429, nil, `{"description":"slow down"}`, ""},
		{"a 2xx answer is left alone", 200, http.Header{"Retry-After-Ms": {"1500"}}, "{}", ""},
		{"so is a 299", 299, http.Header{"Retry-After-Ms": {"1500"}}, "{}", ""},
		{"a 199 is no 2xx", 199, http.Header{"Retry-After-Ms": {"1500"}}, "", "2"},
		{"a 300 is no 2xx", 300, http.Header{"Retry-After-Ms": {"1500"}}, "", "2"},
	}
	for _, tt := range tests {
		tr, _ := answer(tt.status, tt.header, strings.NewReader(tt.body), -1)
		resp, err := get(t, New(tr, 0, false), "")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := resp.Header.Get("Retry-After"); got != tt.want {
			t.Errorf("%s: Retry-After %q, want %q", tt.name, got, tt.want)
		}
		if tt.want == "" && tt.header != nil && resp.Header.Get("Retry-After-Ms") != "1500" {
			t.Errorf("%s: headers changed: %v", tt.name, resp.Header)
		}
	}
}

// TestEvenOut: a 2xx answer loses a leading byte-order mark, and JSON
// labelled otherwise is relabelled (the label sent kept aside); other
// bodies and labels stay.
func TestEvenOut(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, ct, body, wantCT, wantBody string
		served                           []string // the label sent, kept aside; nil: none
	}{
		{"BOM", "application/json", "\xEF\xBB\xBF{\"a\":1}", "application/json", `{"a":1}`, nil},
		{"JSON as text/plain", "text/plain", ` [1]`, "application/json", ` [1]`, []string{"text/plain"}},
		{"JSON with BOM as text/html", "text/html", "\xEF\xBB\xBF\r\n\t{}", "application/json", "\r\n\t{}", []string{"text/html"}},
		{"JSON unlabelled", "", `{}`, "application/json", `{}`, []string{""}},
		{"HTML stays", "text/html", `<html>{}</html>`, "text/html", `<html>{}</html>`, nil},
		{"text stays", "text/plain", `null`, "text/plain", `null`, nil},
		{"empty stays", "text/plain", "  ", "text/plain", "  ", nil},
		{"JSON variant label stays", "application/problem+json", `{}`, "application/problem+json", `{}`, nil},
	}
	for _, tt := range tests {
		h := http.Header{}
		if tt.ct != "" {
			h.Set("Content-Type", tt.ct)
		}
		tr, _ := answer(http.StatusOK, h, strings.NewReader(tt.body), int64(len(tt.body)))
		resp, err := get(t, New(tr, 0, false), "")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if got := readAll(t, resp); got != tt.wantBody || resp.ContentLength != int64(len(tt.wantBody)) {
			t.Errorf("%s: body %q (ContentLength %d), want %q", tt.name, got, resp.ContentLength, tt.wantBody)
		}
		if got := resp.Header.Get("Content-Type"); got != tt.wantCT {
			t.Errorf("%s: Content-Type %q, want %q", tt.name, got, tt.wantCT)
		}
		//lint:ignore SA1008 ServedContentType is not canonical on purpose: no header the service sends can set it.
		if got := resp.Header[ServedContentType]; strings.Join(got, "|") != strings.Join(tt.served, "|") || (got == nil) != (tt.served == nil) {
			t.Errorf("%s: served Content-Type %q, want %q", tt.name, got, tt.served)
		}
	}
	// An error answer keeps its label.
	tr, _ := answer(http.StatusBadRequest, http.Header{"Content-Type": {"text/plain"}}, strings.NewReader(`{}`), 2)
	resp, _ := get(t, New(tr, 0, false), "")
	if resp.Header.Get("Content-Type") != "text/plain" {
		t.Errorf("error answer relabelled: %v", resp.Header)
	}
}

// TestPooledBodies: a small body comes from the pool and goes back on
// Release; Payload reads a guarded body without copying, and any other
// through azcore.
func TestPooledBodies(t *testing.T) {
	t.Parallel()
	for _, size := range []int{0, 2, 20 << 10, 400 << 10, maxPooledBody, maxPooledBody + 1} {
		body := strings.Repeat("p", size)
		tr, _ := answer(http.StatusOK, nil, strings.NewReader(body), int64(size))
		resp, err := get(t, New(tr, 0, false), "")
		if err != nil {
			t.Fatal(err)
		}
		b, ok := resp.Body.(*bufferedBody)
		small := size <= maxPooledBody
		if !ok || b.pooled != small {
			t.Fatalf("size %d: body %T, from the pool %v", size, resp.Body, ok && b.pooled)
		}
		// The body's buffer is its own (reused) for a body small enough.
		if shared := size > 0 && cap(b.store) > 0 && &b.data[0] == &b.store[:1][0]; shared != (size > 0 && small) {
			t.Errorf("size %d: data in the reusable buffer %v", size, shared)
		}
		if got := Payload(resp); string(got) != body {
			t.Errorf("size %d: Payload %d bytes", size, len(got))
		}
		if cap(b.store) > maxPooledBody {
			t.Errorf("size %d: the reusable buffer grew to %d bytes", size, cap(b.store))
		}
		// After Release a pooled body belongs to the pool (another test's
		// answer may be reading into it): only resp is looked at.
		Release(resp)
		if small && resp.Body != http.NoBody {
			t.Errorf("size %d: Release kept the body", size)
		}
		if !small && resp.Body != b {
			t.Errorf("size %d: Release took a body not from the pool", size)
		}
	}
	// Release and Payload on a body from elsewhere.
	resp := &http.Response{Body: io.NopCloser(strings.NewReader("other"))}
	Release(resp)
	if got := Payload(resp); string(got) != "other" {
		t.Errorf("Payload of another body = %q", got)
	}
	// A body longer than declared is read on into a buffer of its own; the
	// reusable buffer keeps what it held.
	tr, _ := answer(http.StatusOK, nil, strings.NewReader("12345678"), 4)
	resp, err := get(t, New(tr, 0, false), "")
	if err != nil {
		t.Fatal(err)
	}
	if b := resp.Body.(*bufferedBody); string(b.data) != "12345678" || string(b.store[:4]) != "1234" {
		t.Errorf("longer than declared: data %q, buffer %q", b.data, b.store[:4])
	}
	// A body without a declared length, or a huge one, is not from the
	// pool, and Release leaves it.
	got, err := readBody(strings.NewReader("0123456789"), -1)
	if err != nil || string(got.data) != "0123456789" || got.pooled {
		t.Errorf("readBody without a length: %q, %v, pooled %v", got.data, err, got.pooled)
	}
	resp = &http.Response{Body: got}
	if Release(resp); resp.Body != got {
		t.Error("Release took a body that is not from the pool")
	}
	// A pooled body whose buffer is too small for the declared size gets a
	// larger one.
	small := &bufferedBody{pooled: true, store: make([]byte, 0, 4)}
	bodyPool.Put(small)
	got, err = readBody(strings.NewReader("0123456789"), 10)
	if err != nil || string(got.data) != "0123456789" {
		t.Errorf("readBody: %q, %v", got.data, err)
	}
}

func TestDrain(t *testing.T) {
	t.Parallel()
	body := &countingBody{r: endless{}}
	Drain(&http.Response{Body: body})
	if n := body.read.Load(); n < MaxErrorBody || n > MaxErrorBody+32<<10 || !body.closed.Load() {
		t.Errorf("drained %d bytes (want MaxErrorBody), closed %v", n, body.closed.Load())
	}
	Drain(nil)
	Drain(&http.Response{})
	closeQuietly(nil)
	closeQuietly(&http.Response{})
}

func TestTooLargeError(t *testing.T) {
	t.Parallel()
	var err error = &tooLargeError{limit: 42}
	if !errors.Is(err, errs.ErrResponseTooLarge) || errors.Is(err, errs.ErrRedirect) {
		t.Error("tooLargeError matches the wrong sentinel")
	}
	if !strings.Contains(err.Error(), "42 bytes") || !strings.Contains(err.Error(), "MaxResponseBody") {
		t.Errorf("text = %q", err)
	}
}

// TestCapReader: reads of any size stop at the limit; a probe past it
// tells a stream that ends there from one that goes on.
func TestCapReader(t *testing.T) {
	t.Parallel()
	c := &capReader{r: strings.NewReader("abcdef"), left: 4, limit: 4}
	p := make([]byte, 10)
	if n, err := c.Read(p); n != 4 || err != nil || string(p[:n]) != "abcd" {
		t.Errorf("first read: %d %v %q", n, err, p[:n])
	}
	if n, err := c.Read(p); n != 0 || !errors.Is(err, errs.ErrResponseTooLarge) {
		t.Errorf("past the cap: %d %v", n, err)
	}
	c = &capReader{r: strings.NewReader("abcd"), left: 4, limit: 4}
	if b, err := io.ReadAll(c); err != nil || string(b) != "abcd" {
		t.Errorf("at the cap: %q %v", b, err)
	}
	c = &capReader{r: strings.NewReader("abcdef"), left: 4, limit: 4}
	if n, _ := c.Read(p[:3]); n != 3 || c.left != 1 {
		t.Errorf("short read: %d, left %d", n, c.left)
	}
}
