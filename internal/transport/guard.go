// Package transport is the bottom of the client's pipeline: the caller's
// HTTP transport (or a shared default) under a guard that follows no
// redirect, caps and buffers bodies, keeps the request's secrets out of
// the answer, evens out the service's quirks (a byte-order mark, JSON
// labelled otherwise) and rewrites the waits an answer asks for in the one
// form azcore's retry policy reads.
package transport

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/partnercenter-go/partnercenter/internal/errbody"
	"github.com/partnercenter-go/partnercenter/internal/errs"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
)

// DefaultMaxBody is the cap on the body of a successful answer
// when ClientOptions.MaxResponseBody is zero: 32 MiB, counted after
// decompression. A page of customers is a few hundred kilobytes at most.
const DefaultMaxBody = 32 << 20

// MaxErrorBody caps the bytes read from the body of an error answer.
const MaxErrorBody = 64 << 10

// MaxTokenBody caps the token authority's answers: a token
// response is a few kilobytes.
const MaxTokenBody = 1 << 20

// New returns the bottom of a pipeline: the caller's transport
// (or the shared default), never following redirects, under a guard that
// caps answers at maxBody (zero or less: DefaultMaxBody) and keeps
// the request's token out of what the answer brings back. Bodies are
// scrubbed when scrubBody is set: azcore logs them (Logging.IncludeBody),
// the only place a body reaches whole; the error mapping scrubs what it
// keeps of an error body itself.
func New(t policy.Transporter, maxBody int64, scrubBody bool) *Guarded {
	if maxBody <= 0 {
		maxBody = DefaultMaxBody
	}
	next := noRedirects(t)
	return &Guarded{next: next, direct: directRoundTripper(next), maxBody: maxBody, scrubBody: scrubBody, watchConns: !redirectFree(next), proxy: proxyFunc(next)}
}

// directRoundTripper returns the *http.Transport under t when an
// http.Client would add nothing to it for this client: t is an
// *http.Client (redirects returned, see noRedirects) without a cookie jar
// or a timeout. Guarded then hands its requests to the transport itself,
// as http.Client.Do would after checks that cannot fail for them, sparing
// the client's per-request copies of the headers (kept for a redirect
// never followed). Otherwise it returns nil: requests go through t.Do.
func directRoundTripper(t policy.Transporter) http.RoundTripper {
	c, ok := t.(*http.Client)
	if !ok || c.Jar != nil || c.Timeout != 0 || c.CheckRedirect == nil {
		return nil
	}
	rt := c.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	if tr, ok := rt.(*http.Transport); ok {
		return tr
	}
	return nil
}

// send sends req through the caller's transport: straight to its
// *http.Transport when there is one (see directRoundTripper), failing as
// http.Client.Do fails (a *url.Error naming the method and URL), else
// through its Do.
func (t *Guarded) send(req *http.Request) (*http.Response, error) {
	if t.direct == nil || req.URL.User != nil {
		return t.next.Do(req) // (http.Client turns user info into basic authentication)
	}
	resp, err := t.direct.RoundTrip(req)
	if err == nil {
		return resp, nil
	}
	closeQuietly(resp) // a RoundTripper answers with a response or an error
	var tlsErr tls.RecordHeaderError
	if errors.As(err, &tlsErr) && string(tlsErr.RecordHeader[:]) == "HTTP/" {
		err = http.ErrSchemeMismatch // as http.Client.Do reports it
	}
	return nil, &url.Error{Op: req.Method[:1] + strings.ToLower(req.Method[1:]), URL: req.URL.String(), Err: err}
}

// redirectFree reports whether t is an *http.Client that returns redirects
// (noRedirects made it so) over net/http's own transport, which sends one
// request per call: no second connection can carry the token, and the
// connection watch can be spared.
func redirectFree(t policy.Transporter) bool {
	c, ok := t.(*http.Client)
	if !ok || c.CheckRedirect == nil {
		return false
	}
	switch c.Transport.(type) {
	case nil, *http.Transport:
		return true
	}
	return false
}

// Guarded is the last step before the caller's transport. For
// every request it
//
//   - stops any second connection the transport asks for once the first
//     answer has arrived (a redirect being followed, whatever the
//     transport's own redirect policy), and refuses an answer that came
//     from another URL than the one sent;
//   - sends the body without GetBody, so that net/http cannot replay it
//     (the token request's refresh token and secret) to a 307/308 target
//     (an *http.Transport used directly follows no redirect, and keeps
//     GetBody for its own retries on a dead keep-alive connection);
//   - caps the body of a 2xx answer at maxBody (errs.ErrResponseTooLarge) and
//     that of other answers at MaxErrorBody (cut silently);
//   - replaces the request's secrets (bearer token, and those put in the
//     context by scrub.WithSecrets), in their common encodings, in the status
//     line, the headers, the transport's error text and, when scrubBody is
//     set, the body, so that nothing above it (errors, azcore's log) sees
//     them;
//   - rewrites the wait a 429 gives (Retry-After in any HTTP-date form,
//     retry-after-ms, or only in the body's text) as Retry-After seconds,
//     which is all azcore's retry policy reads.
type Guarded struct {
	next       policy.Transporter
	direct     http.RoundTripper // next's *http.Transport, when requests can go to it straight (directRoundTripper)
	maxBody    int64
	scrubBody  bool
	watchConns bool // see redirectFree
	// proxy is the Proxy function of the transport, when the guard can see
	// it: the proxy's credentials are scrubbed from transport errors.
	proxy func(*http.Request) (*url.URL, error)

	// forms caches secretForms of the last bearer token seen: a token
	// serves many requests, and working out its encodings is not free.
	forms atomic.Pointer[tokenForms]
}

// tokenForms is the cache entry of Guarded.forms.
type tokenForms struct {
	token string
	forms []string
}

// formsFor returns the secret forms of req, from the cache when req
// carries the last token seen and no other secret.
func (t *Guarded) formsFor(req *http.Request) []string {
	tok, _ := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer ")
	if tok == "" || scrub.ContextSecrets(req.Context()) {
		return scrub.Forms(scrub.RequestSecrets(req)...)
	}
	if c := t.forms.Load(); c != nil && c.token == tok {
		return c.forms
	}
	forms := scrub.Forms(tok)
	t.forms.Store(&tokenForms{token: tok, forms: forms})
	return forms
}

// Do sends req through the caller's transport under the guard.
func (t *Guarded) Do(req *http.Request) (*http.Response, error) {
	forms := t.formsFor(req)
	// For a caller that quotes the answer later (scrub.WithSeen).
	scrub.Note(req)
	var g *connGuard // nil: connections are not watched
	cancel := func(error) {}
	out := req
	if t.watchConns {
		g = &connGuard{}
		var ctx context.Context
		ctx, cancel = context.WithCancelCause(req.Context())
		out = req.WithContext(httptrace.WithClientTrace(ctx, g.trace(cancel)))
	}
	out, unfence := fence(out)
	defer unfence()
	if out == req && req.GetBody != nil && t.direct == nil {
		out = req.WithContext(req.Context()) // a copy: GetBody is cleared below
	}
	if t.direct == nil {
		// (http.Transport.RoundTrip follows no redirect: there, GetBody
		// only lets it send the body again on a fresh connection to the
		// same host when a reused one turns out dead.)
		out.GetBody = nil
	}

	resp, err := t.send(out)
	if g.wasRefused() {
		closeQuietly(resp)
		cancel(nil)
		return nil, errs.NonRetriable{Err: fmt.Errorf("%w: the answer asked for another request (a redirect); the client does not follow redirects", errs.ErrRedirect)}
	}
	if err != nil {
		closeQuietly(resp)
		cancel(nil)
		if ps := t.proxySecrets(req); len(ps) > 0 {
			forms = scrub.Forms(append(scrub.RequestSecrets(req), ps...)...)
		}
		return nil, scrub.Error(err, forms)
	}
	if resp == nil {
		cancel(nil)
		return nil, errors.New("partnercenter: the transport returned neither an answer nor an error")
	}
	// net/http hands back the very request it sent; anything else came
	// from a request of the transport's own (followed out of sight).
	if r := resp.Request; r != nil && r != out && r.URL != nil && r.URL.String() != req.URL.String() {
		closeQuietly(resp)
		cancel(nil)
		return nil, errs.NonRetriable{Err: fmt.Errorf("%w: the answer came from another URL than the one sent", errs.ErrRedirect)}
	}
	resp.Request = req
	scrub.Response(resp, forms)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		// Only a refusal's wait matters to the retry policy.
		NormaliseRetryAfter(resp.Header, time.Now())
	}
	if resp.Body == nil || resp.Body == http.NoBody {
		cancel(nil)
		return resp, nil
	}
	ok := resp.StatusCode >= 200 && resp.StatusCode <= 299
	if ok && resp.ContentLength > t.maxBody {
		closeQuietly(resp)
		cancel(nil)
		return nil, &tooLargeError{limit: t.maxBody}
	}
	var r io.Reader = resp.Body
	if !ok {
		r = io.LimitReader(r, MaxErrorBody)
	}
	// The guarded body lives only while it is read here: it comes from a
	// pool and goes back to it.
	body := guardedBodies.Get().(*guardedBody)
	*body = guardedBody{c: resp.Body, cancel: cancel, forms: forms}
	if ok {
		body.capReader = capReader{r: r, left: t.maxBody, limit: t.maxBody}
		r = &body.capReader
	}
	if t.scrubBody && len(forms) > 0 {
		r = scrub.NewReader(r, forms)
	}
	body.r = r
	// The body is read here, within the try: a body cut short is a
	// transport error the retry policy sees, and one exact-size buffer
	// (when the length is declared) replaces azcore's download, which
	// callPolicy switches off.
	declared := resp.ContentLength
	if !ok {
		declared = -1 // an error body is cut at MaxErrorBody, whatever it declares
	}
	buffered, err := readBody(body, declared)
	closeErr := body.Close()
	*body = guardedBody{}
	guardedBodies.Put(body)
	if err == nil {
		err = closeErr
	}
	if err != nil {
		return nil, err
	}
	data := evenOut(resp, buffered, ok)
	if resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("Retry-After") == "" {
		// The service may give the wait only in the body's text.
		if d := errbody.WaitFromBody(data); d > 0 {
			resp.Header.Set("Retry-After", FormatSeconds(d))
		}
	}
	resp.Body = buffered
	resp.ContentLength = int64(len(data))
	return resp, nil
}

// ServedContentType keeps the Content-Type the service sent when the guard
// relabels a JSON answer. The key is not in canonical form, so no header
// the service sends can set it; a malformed-answer error names what the
// service said.
const ServedContentType = "partnercenter-served-content-type"

// evenOut fixes, once for every operation, what the service sends that a
// JSON decoder would stumble on, so that the generated response parsers
// see plain JSON: a leading UTF-8 byte-order mark is dropped from every
// answer, whatever its status (an error status may be a verdict an
// operation reads, such as the older address validation's 400); and the
// body of a 2xx answer (success) that is JSON but labelled with another
// Content-Type is relabelled application/json. An error answer keeps its
// label: whether a 404 is the service's own depends on it (see
// wrapper/notfound.go). It returns the body.
func evenOut(resp *http.Response, b *bufferedBody, success bool) []byte {
	if t := errbody.TrimBOM(b.data); len(t) != len(b.data) {
		b.dropPrefix(len(b.data) - len(t))
	}
	if !success {
		return b.data
	}
	if ct := resp.Header.Get("Content-Type"); looksLikeJSON(b.data) && !strings.Contains(ct, "json") {
		resp.Header["Content-Type"] = []string{"application/json"}
		resp.Header[ServedContentType] = []string{ct}
	}
	return b.data
}

// looksLikeJSON reports whether body starts (after white space) like a JSON
// object or array.
func looksLikeJSON(body []byte) bool {
	body = bytes.TrimLeft(body, " \t\r\n")
	return len(body) > 0 && (body[0] == '{' || body[0] == '[')
}

// Drain reads what is left of resp's body (at most MaxErrorBody bytes, so
// that the connection can be reused) and closes it.
func Drain(resp *http.Response) {
	if resp != nil && resp.Body != nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, MaxErrorBody))
		_ = resp.Body.Close()
	}
}

// closeQuietly closes resp's body, if any.
func closeQuietly(resp *http.Response) {
	if resp != nil && resp.Body != nil {
		_ = resp.Body.Close()
	}
}

// connGuard watches one request through httptrace: once an answer has
// arrived, any further connection the transport asks for belongs to a
// second request in the same call (a redirect being followed, or a retry
// of the transport's own) and is refused: the request's context is
// cancelled, and a connection handed out all the same (an idle one) is
// closed before anything is written to it, unless it is the very
// connection the first request used. This holds through proxies, where
// the address the transport connects to is the proxy's.
type connGuard struct {
	mu       sync.Mutex
	answered bool
	refused  bool
	first    net.Conn
}

// trace returns the hooks; cancel cancels the request's context.
func (g *connGuard) trace(cancel context.CancelCauseFunc) *httptrace.ClientTrace {
	return &httptrace.ClientTrace{
		GetConn: func(string) {
			g.mu.Lock()
			refuse := g.answered
			if refuse {
				g.refused = true
			}
			g.mu.Unlock()
			if refuse {
				cancel(errs.ErrRedirect)
			}
		},
		GotConn: func(info httptrace.GotConnInfo) {
			g.mu.Lock()
			defer g.mu.Unlock()
			if !g.refused {
				g.first = info.Conn
				return
			}
			if info.Conn != nil && info.Conn != g.first {
				_ = info.Conn.Close()
			}
		},
		GotFirstResponseByte: func() {
			g.mu.Lock()
			g.answered = true
			g.mu.Unlock()
		},
	}
}

// wasRefused reports whether a second connection was refused.
func (g *connGuard) wasRefused() bool {
	if g == nil {
		return false
	}
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.refused
}

// guardedBodies recycles guardedBody values between calls.
var guardedBodies = sync.Pool{New: func() any { return new(guardedBody) }}

// guardedBody is the answer's body as Guarded reads it: reads go
// through the cap and the scrubber, read errors are scrubbed, and Close
// releases the request's context.
type guardedBody struct {
	r      io.Reader
	c      io.Closer
	cancel context.CancelCauseFunc
	forms  []string
	// capReader is r's cap for a 2xx answer, held here to spare an
	// allocation per call.
	capReader capReader
}

func (b *guardedBody) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if err != nil && err != io.EOF {
		err = scrub.Error(err, b.forms)
	}
	return n, err
}

func (b *guardedBody) Close() error {
	err := b.c.Close()
	b.cancel(nil)
	return err
}

// maxPooledBody is the largest body whose buffer is reused (see
// Release): a page of 500 customers (some 400 KB) fits, so that a listing
// reads each page into the buffer of the one before whatever its page
// size; a rare huge answer is left to the garbage collector. An idle
// client's buffers go with the pool's, after two garbage collections.
const maxPooledBody = 1 << 20

// bodyPool holds bodies whose answers were decoded (see Release), each
// with its buffer: a body from the pool reads an answer of up to
// maxPooledBody bytes into that buffer, which grows to fit it and is kept.
var bodyPool = sync.Pool{New: func() any { return &bufferedBody{pooled: true} }}

// readBody reads r to its end: into a buffer of the declared length when
// there is one (a pooled body's own when small enough), else growing as
// io.ReadAll does.
func readBody(r io.Reader, declared int64) (*bufferedBody, error) {
	if declared < 0 || declared > 1<<20 {
		data, err := io.ReadAll(r)
		return newBufferedBody(data), err
	}
	b := bodyPool.Get().(*bufferedBody)
	var buf []byte
	if declared <= maxPooledBody {
		if int64(cap(b.store)) < declared {
			b.store = make([]byte, declared)
		}
		buf = b.store[:declared]
	} else {
		buf = make([]byte, declared)
	}
	n, err := io.ReadFull(r, buf)
	if err != nil {
		if err == io.EOF {
			err = io.ErrUnexpectedEOF
		}
		if declared == 0 && err == io.ErrUnexpectedEOF {
			err = nil
		}
		b.data = buf[:n]
		b.Reset(b.data)
		return b, err
	}
	// A body longer than declared is read on, so that the cap still sees
	// it; the usual body ends here, which a one-byte probe finds without
	// a buffer.
	var probe [1]byte
	m, err := r.Read(probe[:])
	if m > 0 {
		var rest []byte
		rest, err = io.ReadAll(r)
		buf = append(append(buf[:len(buf):len(buf)], probe[0]), rest...) // a new buffer: store keeps its own bytes
	}
	if err == io.EOF {
		err = nil
	}
	b.data = buf
	b.Reset(buf)
	return b, err
}

// bufferedBody is a body read into memory by Guarded.
type bufferedBody struct {
	bytes.Reader
	data []byte
	// store is the reusable buffer of a body from bodyPool, behind data
	// for an answer of up to maxPooledBody bytes.
	store  []byte
	pooled bool // from bodyPool, and back to it on Release
}

// newBufferedBody returns a body serving data, not from the pool.
func newBufferedBody(data []byte) *bufferedBody {
	b := &bufferedBody{data: data}
	b.Reset(data)
	return b
}

// Close does nothing: the connection was released when the body was read.
func (*bufferedBody) Close() error { return nil }

// Bytes returns the whole body, however much of it was read: the
// generated response parsers decode it from here instead of copying it
// (gen's readResponseBody). The bytes stay valid until Release.
func (b *bufferedBody) Bytes() []byte { return b.data }

// dropPrefix drops the first n bytes of the body (a byte-order mark).
func (b *bufferedBody) dropPrefix(n int) {
	b.data = b.data[n:]
	b.Reset(b.data)
}

// Release hands resp's body, with its buffer, back to the pool once the
// answer is decoded and nothing will read it again: every decoded value
// is a copy (encoding/json copies strings, and the json.RawMessage of
// gen's unions copies too). The generated response's Body field shares
// the buffer (see Bytes), so the caller must drop that response first.
// A body that is not released (an error's, kept for its text) is left to
// the garbage collector.
func Release(resp *http.Response) {
	b, ok := resp.Body.(*bufferedBody)
	if !ok || !b.pooled {
		return
	}
	resp.Body = http.NoBody
	b.data = nil
	b.Reset(nil)
	bodyPool.Put(b)
}

// Payload returns the body of resp, which the transport has read into
// memory; for a body from elsewhere (a test's transport, azcore's logging
// having replaced it) it reads it through azcore.
func Payload(resp *http.Response) []byte {
	if b, ok := resp.Body.(*bufferedBody); ok {
		return b.data
	}
	if resp.Body == nil || resp.Body == http.NoBody {
		return nil
	}
	data, _ := runtime.Payload(resp) // a failed read leaves what was read, or nothing
	return data
}

// capReader reads at most limit bytes, and fails with a *tooLargeError
// when the stream holds more.
type capReader struct {
	r     io.Reader
	left  int64
	limit int64
}

func (c *capReader) Read(p []byte) (int, error) {
	if c.left <= 0 {
		var probe [1]byte
		n, err := c.r.Read(probe[:])
		if n > 0 {
			return 0, &tooLargeError{limit: c.limit}
		}
		return 0, err
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	return n, err
}

// tooLargeError is the error of an answer over the cap. It matches
// errs.ErrResponseTooLarge and is not retried.
type tooLargeError struct{ limit int64 }

func (e *tooLargeError) Error() string {
	return fmt.Sprintf("%v (%d bytes, after decompression); raise ClientOptions.MaxResponseBody if the answer is genuine", errs.ErrResponseTooLarge, e.limit)
}

// Is matches errs.ErrResponseTooLarge.
func (e *tooLargeError) Is(target error) bool { return target == errs.ErrResponseTooLarge }

// NonRetriable tells azcore not to retry.
func (*tooLargeError) NonRetriable() {}
