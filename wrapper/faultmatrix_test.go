package wrapper_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"go.uber.org/goleak"

	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// The fault matrix runs one call per fault against the fake Partner Center
// and checks how it ends: in success after the retries the fault calls for,
// or in the error a caller can act on (a *wrapper.ResponseError with its
// category and the IDs the fake sent, or the transport or context error),
// before the context's deadline and without leaving a goroutine behind.
//
// Delays are kept small through ClientOptions.Retry; the cases run one after
// the other so that goleak sees each case's goroutines alone.

// matrixToken is the first token of the matrix's credential; refreshed
// tokens extend it ("...-2"), so no output may contain it.
const matrixToken = "tok-SECRET-matrix-7d41c0aa"

// matrixExtra is how many generated customers the fake holds: with the two
// documented ones, three pages of matrixPageSize.
const (
	matrixExtra    = 25
	matrixPageSize = 10
)

// hookTransport sends through the fake's HTTP client, counting tries,
// keeping the headers of every answer, and calling before and after (when
// set) around try n (1-based).
type hookTransport struct {
	next policy.Transporter

	mu      sync.Mutex
	tries   int
	answers []http.Header // nil for a try that got no answer
	before  func(try int)
	after   func(try int)
	// alter, when set, rewrites the answer to try n before the client
	// sees it: the faults a hostile server (or one in its place) sends.
	alter func(try int, resp *http.Response)
}

// Do implements policy.Transporter.
func (h *hookTransport) Do(r *http.Request) (*http.Response, error) {
	h.mu.Lock()
	h.tries++
	n, before, after, alter := h.tries, h.before, h.after, h.alter
	h.mu.Unlock()
	if before != nil {
		before(n)
	}
	resp, err := h.next.Do(r)
	if after != nil {
		after(n)
	}
	if err == nil && alter != nil {
		alter(n, resp)
	}
	var hdr http.Header
	if err == nil {
		hdr = resp.Header.Clone()
	}
	h.mu.Lock()
	h.answers = append(h.answers, hdr)
	h.mu.Unlock()
	return resp, err
}

// lastAnswer returns the headers of the last answer, or nil.
func (h *hookTransport) lastAnswer() http.Header {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i := len(h.answers) - 1; i >= 0; i-- {
		if h.answers[i] != nil {
			return h.answers[i]
		}
	}
	return nil
}

// matrixEnv is what one case works with: a fresh fake, a client wired to
// it through a hookTransport, and the billing profile read before any
// fault (for the update).
type matrixEnv struct {
	srv     *fake.Server
	tr      *hookTransport
	client  *wrapper.Client
	cred    azcore.TokenCredential
	profile wrapper.CustomerBillingProfile
}

// envConfig selects the client of an environment.
type envConfig struct {
	cred azcore.TokenCredential         // nil: a fake.Credential handing out matrixToken
	opts func(o *wrapper.ClientOptions) // applied after the matrix defaults
}

// newMatrixEnv starts a fake and a client with quick retries (three tries,
// a millisecond of backoff, waits capped at two seconds), reads the billing
// profile and forgets that request.
func newMatrixEnv(t *testing.T, cfg envConfig) *matrixEnv {
	t.Helper()
	srv := fake.NewTestServer(t, &fake.Options{ExtraCustomers: matrixExtra, ExtraUsers: 1})
	env := &matrixEnv{srv: srv, tr: &hookTransport{next: srv.HTTPClient()}, cred: cfg.cred}
	if env.cred == nil {
		env.cred = fake.NewCredential(matrixToken)
	}
	o := wrapper.ClientOptions{
		ClientOptions: azcore.ClientOptions{
			Cloud:     srv.Cloud(),
			Transport: env.tr,
			Retry:     policy.RetryOptions{MaxRetries: 2, RetryDelay: time.Millisecond, MaxRetryDelay: 2 * time.Second},
		},
	}
	if cfg.opts != nil {
		cfg.opts(&o)
	}
	c, err := wrapper.NewClient(env.cred, &o)
	if err != nil {
		t.Fatal(err)
	}
	env.client = c
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	bp, err := c.GetCustomerBillingProfile(ctx, fake.DocumentedCustomerID, nil)
	if err != nil {
		t.Fatalf("reading the billing profile before the faults: %v", err)
	}
	env.profile = *bp
	env.reset()
	return env
}

// reset forgets the requests and answers seen so far.
func (e *matrixEnv) reset() {
	e.srv.ResetRequests()
	e.tr.mu.Lock()
	e.tr.tries, e.tr.answers = 0, nil
	e.tr.mu.Unlock()
}

// getCustomer is the call most cases make.
func getCustomer(ctx context.Context, e *matrixEnv) error {
	cu, err := e.client.GetCustomer(ctx, fake.DocumentedCustomerID, nil)
	if err == nil && (cu.ID == nil || !strings.EqualFold(*cu.ID, fake.DocumentedCustomerID)) {
		return fmt.Errorf("GetCustomer returned customer %v", cu.ID)
	}
	return err
}

// pagerSecondPage reads the first page of a listing, lets fault change the
// fake, forgets the first page's request and reads the second page.
func pagerSecondPage(fault func(f *fake.Faults)) func(context.Context, *matrixEnv) error {
	return func(ctx context.Context, e *matrixEnv) error {
		p := e.client.NewListCustomersPager(&wrapper.ListCustomersOptions{PageSize: matrixPageSize})
		first, err := p.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("first page: %w", err)
		}
		if len(first.Items) != matrixPageSize || !p.More() {
			return fmt.Errorf("first page has %d items, more %v", len(first.Items), p.More())
		}
		fault(e.srv.Faults())
		e.reset()
		second, err := p.NextPage(ctx)
		if err == nil && len(second.Items) != matrixPageSize {
			return fmt.Errorf("second page has %d items", len(second.Items))
		}
		return err
	}
}

// outcome is how a case must end.
type outcome struct {
	// tries is the number of requests the fake must have received for the
	// call (after the setup).
	tries int
	// is, when set, must match the error with errors.Is; nil means success.
	is error
	// status, when set, requires a *wrapper.ResponseError with this status
	// and the IDs of the fake's last answer.
	status int
	// code, when set, is the Partner Center code the error must carry.
	code string
	// atDeadline marks cases ended by the context's deadline: they must
	// return within a second of it, not at its end or later.
	atDeadline bool
	// noAnswer marks a call that must fail without any answer to show (a
	// transport error, not a *wrapper.ResponseError).
	noAnswer bool
	// check runs further assertions.
	check func(t *testing.T, e *matrixEnv, err error)
	// pages marks requests that are the pages of one listing rather than
	// tries of one call: they share MS-CorrelationId, not MS-RequestId.
	pages bool
}

// matrixCase is one row of the fault matrix.
type matrixCase struct {
	name  string
	cfg   envConfig
	setup func(t *testing.T, e *matrixEnv) // injects the fault
	call  func(ctx context.Context, e *matrixEnv) error
	ctx   time.Duration // the call's deadline; 0 means 10s
	want  outcome
}

// latencyOnFirstTry makes the fake slow for the first try only: the fault
// is on while try 1 is sent and off once the client gave up on it.
func latencyOnFirstTry(t *testing.T, e *matrixEnv) {
	t.Helper()
	e.tr.before = func(n int) {
		if n == 1 {
			e.srv.Faults().Latency(5 * time.Second)
		}
	}
	e.tr.after = func(n int) {
		if n == 1 {
			e.srv.Faults().Latency(0)
		}
	}
}

// dropConnections makes the fake drop the next n connections without an
// answer. The client's idle connections are closed first: net/http itself
// resends a request once when a reused keep-alive connection turns out to
// be closed, which would hide the retry policy's work.
func dropConnections(n int) func(*testing.T, *matrixEnv) {
	return func(_ *testing.T, e *matrixEnv) {
		e.srv.HTTPClient().CloseIdleConnections()
		e.srv.Faults().DropConnection(n)
	}
}

// matrixCases is the fault matrix.
func matrixCases() []matrixCase {
	fail := func(n, status int) func(*testing.T, *matrixEnv) {
		return func(_ *testing.T, e *matrixEnv) { e.srv.Faults().FailNext(n, status) }
	}
	failWith := func(n int, f fake.Failure) func(*testing.T, *matrixEnv) {
		return func(_ *testing.T, e *matrixEnv) { e.srv.Faults().FailNextWith(n, f) }
	}
	tryTimeout := func(d time.Duration) envConfig {
		return envConfig{opts: func(o *wrapper.ClientOptions) { o.Retry.TryTimeout = d }}
	}
	ok := func(tries int) outcome { return outcome{tries: tries} }
	return []matrixCase{
		{name: "dropped connection, then an answer", setup: dropConnections(1), want: ok(2)},
		{name: "dropped connection on every try", setup: dropConnections(3),
			want: outcome{tries: 3, noAnswer: true, check: wantNetworkError}},
		{name: "timeout: first try beyond TryTimeout", cfg: tryTimeout(200 * time.Millisecond), setup: latencyOnFirstTry, want: ok(2)},
		{name: "timeout: every try beyond TryTimeout", cfg: tryTimeout(100 * time.Millisecond),
			setup: func(_ *testing.T, e *matrixEnv) { e.srv.Faults().Latency(5 * time.Second) },
			want:  outcome{tries: 3, is: context.DeadlineExceeded}},
		{name: "timeout: context deadline", ctx: 300 * time.Millisecond,
			setup: func(_ *testing.T, e *matrixEnv) { e.srv.Faults().Latency(5 * time.Second) },
			want:  outcome{tries: 1, is: context.DeadlineExceeded, atDeadline: true}},
		{name: "408 once", setup: fail(1, http.StatusRequestTimeout), want: ok(2)},
		{name: "408 on every try", setup: fail(3, http.StatusRequestTimeout), want: outcome{tries: 3, is: wrapper.ErrServer, status: 408}},
		{name: "429 Retry-After in seconds", setup: failWith(1, fake.Failure{Status: 429, RetryAfter: time.Second}),
			want: outcome{tries: 2, check: wantWaited(900 * time.Millisecond)}},
		{name: "429 Retry-After as an HTTP date", setup: func(t *testing.T, e *matrixEnv) {
			e.srv.Faults().RetryAfterAsDate(true)
			e.srv.Faults().FailNextWith(1, fake.Failure{Status: 429, RetryAfter: time.Second})
		}, want: outcome{tries: 2, check: wantRetryAfterDate}},
		{name: "429 Retry-After in seconds beyond MaxRetryDelay", setup: failWith(1, fake.Failure{Status: 429, RetryAfter: 57 * time.Second}),
			want: outcome{tries: 1, is: wrapper.ErrThrottled, status: 429, check: wantRetryAfter(57*time.Second, 57*time.Second)}},
		{name: "429 Retry-After as an HTTP date beyond MaxRetryDelay", setup: func(t *testing.T, e *matrixEnv) {
			e.srv.Faults().RetryAfterAsDate(true)
			e.srv.Faults().FailNextWith(1, fake.Failure{Status: 429, RetryAfter: 57 * time.Second})
		}, want: outcome{tries: 1, is: wrapper.ErrThrottled, status: 429, check: wantRetryAfter(54*time.Second, 58*time.Second)}},
		{name: "429 without Retry-After once", setup: failWith(1, fake.Failure{Status: 429, OmitRetryAfter: true}), want: ok(2)},
		{name: "429 without Retry-After on every try", setup: failWith(3, fake.Failure{Status: 429, OmitRetryAfter: true}),
			want: outcome{tries: 3, is: wrapper.ErrThrottled, status: 429, check: wantRetryAfter(0, 0)}},
		{name: "500 once", setup: fail(1, 500), want: ok(2)},
		{name: "500 on every try", setup: fail(3, 500), want: outcome{tries: 3, is: wrapper.ErrServer, status: 500, code: "800003"}},
		{name: "502 HTML page once", setup: func(_ *testing.T, e *matrixEnv) { e.srv.Faults().HTMLGatewayError(1, 502) }, want: ok(2)},
		{name: "502 HTML page on every try", setup: func(_ *testing.T, e *matrixEnv) { e.srv.Faults().HTMLGatewayError(3, 502) },
			want: outcome{tries: 3, is: wrapper.ErrServer, status: 502, check: wantDescription("502 Bad Gateway", "The gateway could not get an answer")}},
		{name: "503 once", setup: fail(1, 503), want: ok(2)},
		{name: "503 on every try", setup: fail(3, 503), want: outcome{tries: 3, is: wrapper.ErrServer, status: 503}},
		{name: "504 empty body once", setup: func(_ *testing.T, e *matrixEnv) { e.srv.Faults().EmptyGatewayError(1, 504) }, want: ok(2)},
		{name: "504 on every try", setup: fail(3, 504), want: outcome{tries: 3, is: wrapper.ErrServer, status: 504}},
		{name: "truncated JSON", setup: func(_ *testing.T, e *matrixEnv) { e.srv.Faults().Truncate(1) },
			want: outcome{tries: 1, is: wrapper.ErrMalformedResponse, status: 200, check: wantSyntaxError}},
		{name: "truncated JSON on the second page", call: pagerSecondPage(func(f *fake.Faults) { f.Truncate(1) }),
			want: outcome{tries: 1, is: wrapper.ErrMalformedResponse, status: 200, check: wantSyntaxError}},
		{name: "BOM before the JSON", setup: func(_ *testing.T, e *matrixEnv) { e.srv.Faults().BOM(true) }, want: ok(1)},
		{name: "oversized error body on a retried status", setup: func(_ *testing.T, e *matrixEnv) { e.srv.Faults().OversizedErrorBody(1, 500, 512<<10) }, want: ok(2)},
		{name: "oversized error body", setup: func(_ *testing.T, e *matrixEnv) { e.srv.Faults().OversizedErrorBody(1, 400, 512<<10) },
			want: outcome{tries: 1, is: wrapper.ErrBadRequest, status: 400, code: "800002", check: wantShortDescription}},
		{name: "wrong content type on JSON", setup: func(_ *testing.T, e *matrixEnv) { e.srv.Faults().WrongContentType(1) }, want: ok(1)},
		{name: "wrong content type on truncated JSON", setup: func(_ *testing.T, e *matrixEnv) {
			e.srv.Faults().WrongContentType(1)
			e.srv.Faults().Truncate(1)
		}, want: outcome{tries: 1, is: wrapper.ErrMalformedResponse, status: 200, check: wantDescription("Content-Type text/plain")}},
		{name: "401 after the token expires", setup: func(_ *testing.T, e *matrixEnv) { e.srv.Faults().ExpireTokens() },
			want: outcome{tries: 2, check: wantTokenRequests(2)}},
		{name: "401 after the token expires, no other token", cfg: envConfig{cred: wrapper.StaticTokenCredential(matrixToken, time.Now().Add(time.Hour))},
			setup: func(_ *testing.T, e *matrixEnv) { e.srv.Faults().ExpireTokens() },
			want:  outcome{tries: 1, is: wrapper.ErrUnauthorized, status: 401, code: "800001"}},
		{name: "503 on the second page", call: pagerSecondPage(func(f *fake.Faults) { f.FailNext(1, 503) }),
			want: outcome{tries: 2, check: wantSameHeader("MS-ContinuationToken")}},
		{name: "PUT: 500 once", setup: fail(1, 500), call: updateBillingProfile, want: ok(2)},
		{name: "POST create: 503 once", setup: fail(1, 503), call: createOnce, want: outcome{tries: 2, check: wantOneCreated}},
		{name: "POST create: dropped after the fake committed", call: createOnce,
			setup: func(_ *testing.T, e *matrixEnv) {
				e.srv.HTTPClient().CloseIdleConnections()
				e.srv.Faults().DropAfterCommit(1)
			}, want: outcome{tries: 2, check: wantOneCreated}},
		{name: "POST create: dropped after commit on every try", call: createOnce,
			setup: func(_ *testing.T, e *matrixEnv) {
				e.srv.HTTPClient().CloseIdleConnections()
				e.srv.Faults().DropAfterCommit(3)
			}, want: outcome{tries: 3, noAnswer: true, check: wantOneCreated}},
		{name: "POST create: 500 on every try", setup: fail(3, 500), call: createOnce,
			want: outcome{tries: 3, is: wrapper.ErrServer, status: 500, code: "800003"}},
		{name: "HEAD: 503 HTML page on every try", setup: func(_ *testing.T, e *matrixEnv) { e.srv.Faults().HTMLGatewayError(3, 503) },
			call: checkDomain, want: outcome{tries: 3, is: wrapper.ErrServer, status: 503}},
		{name: "rate limiter wait beyond the deadline", ctx: 2 * time.Second,
			cfg: envConfig{opts: func(o *wrapper.ClientOptions) {
				o.RateLimit = &wrapper.RateLimitOptions{RequestsPerMinute: 1, Burst: 1}
			}},
			want: outcome{tries: 0, is: context.DeadlineExceeded}},
		{name: "rate limiter wait cancelled", call: cancelledLimiterWait, ctx: 2 * time.Second,
			cfg: envConfig{opts: func(o *wrapper.ClientOptions) {
				o.RateLimit = &wrapper.RateLimitOptions{RequestsPerMinute: 60, Burst: 1}
			}},
			want: outcome{tries: 0, is: context.Canceled}},
		{name: "ListCustomers: loop left after the first customer", call: breakListing, want: ok(1)},
		// What a hostile server, proxy or link sends (issue 12).
		{name: "2xx body without end", cfg: envConfig{opts: func(o *wrapper.ClientOptions) { o.MaxResponseBody = 64 << 10 }},
			setup: alter(func(_ int, r *http.Response) { r.Body, r.ContentLength = io.NopCloser(endless{}), -1 }),
			want:  outcome{tries: 1, is: wrapper.ErrResponseTooLarge}},
		{name: "307 to another host", setup: alter(func(_ int, r *http.Response) {
			setAnswer(r, http.StatusTemporaryRedirect, "")
			r.Header.Set("Location", "https://evil.example/steal")
		}), want: outcome{tries: 1, status: http.StatusTemporaryRedirect}},
		{name: "429 wait only in the body, beyond MaxRetryDelay", setup: alter(func(_ int, r *http.Response) {
			setAnswer(r, http.StatusTooManyRequests, `{"statusCode":429,"message":"Rate limit is exceeded. Try again in 57 seconds."}`)
		}), want: outcome{tries: 1, is: wrapper.ErrThrottled, status: 429, check: wantRetryAfter(57*time.Second, 57*time.Second)}},
		{name: "429 Retry-After in asctime form beyond MaxRetryDelay", setup: alter(func(_ int, r *http.Response) {
			setAnswer(r, http.StatusTooManyRequests, `{"statusCode":429,"message":"busy"}`)
			r.Header.Set("Retry-After", time.Now().UTC().Add(57*time.Second).Format(time.ANSIC))
		}), want: outcome{tries: 1, is: wrapper.ErrThrottled, status: 429, check: wantRetryAfter(54*time.Second, 58*time.Second)}},
		{name: "429 Retry-After too large to count", setup: alter(func(_ int, r *http.Response) {
			setAnswer(r, http.StatusTooManyRequests, `{"statusCode":429,"message":"busy"}`)
			r.Header.Set("Retry-After", "99999999999999999999")
		}), want: outcome{tries: 1, is: wrapper.ErrThrottled, status: 429, check: wantRetryAfter(24*time.Hour, 400*24*time.Hour)}},
		{name: "token echoed in a CAE challenge, MS-CV and the body", setup: alter(func(_ int, r *http.Response) {
			tok := strings.TrimPrefix(r.Request.Header.Get("Authorization"), "Bearer ")
			setAnswer(r, http.StatusUnauthorized, `{"code":800001,"description":"token `+tok+`"}`)
			r.Header.Set("WWW-Authenticate", `Bearer error="insufficient_claims", claims="`+tok+`"`)
			r.Header.Set("MS-CV", tok)
		}), want: outcome{tries: 2, is: wrapper.ErrUnauthorized, status: 401}},
		{name: "ListCustomers: continuation token that comes back", call: everyPage, setup: alter(func(_ int, r *http.Response) {
			setAnswer(r, http.StatusOK, `{"items":[{"id":"`+fake.DocumentedCustomerID+`"}],"links":{"next":{"uri":"/customers?seekOperation=Next","headers":[{"key":"MS-ContinuationToken","value":"same"}]}}}`)
		}), want: outcome{tries: 2, is: wrapper.ErrPagingLoop, pages: true}},
		{name: "ListCustomers: empty pages without end", call: everyPage, setup: alter(func(n int, r *http.Response) {
			setAnswer(r, http.StatusOK, fmt.Sprintf(`{"items":[],"links":{"next":{"uri":"/customers?seekOperation=Next","headers":[{"key":"MS-ContinuationToken","value":"t%d"}]}}}`, n))
		}), want: outcome{tries: 3, is: wrapper.ErrPagingLoop, pages: true}},
		{name: "pager abandoned after a retried first page", setup: func(_ *testing.T, e *matrixEnv) {
			e.srv.Faults().On("listCustomers").FailNext(1, 503)
		}, call: abandonPager, want: ok(2)},
	}
}

// cancelledLimiterWait cancels the call while the rate limiter holds it
// for its next token, a second away (the billing read before the faults
// took the customer's only token).
func cancelledLimiterWait(ctx context.Context, e *matrixEnv) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := time.AfterFunc(100*time.Millisecond, cancel)
	defer stop.Stop()
	return getCustomer(ctx, e)
}

// breakListing leaves a ListCustomers loop after one customer.
func breakListing(ctx context.Context, e *matrixEnv) error {
	n := 0
	for _, err := range e.client.ListCustomers(ctx, &wrapper.ListCustomersOptions{PageSize: matrixPageSize}) {
		if err != nil {
			return err
		}
		n++
		break
	}
	if n != 1 {
		return fmt.Errorf("%d customers before the break", n)
	}
	return nil
}

// abandonPager reads one page and drops the pager.
func abandonPager(ctx context.Context, e *matrixEnv) error {
	p := e.client.NewListCustomersPager(&wrapper.ListCustomersOptions{PageSize: matrixPageSize})
	page, err := p.NextPage(ctx)
	if err == nil && (len(page.Items) != matrixPageSize || !p.More()) {
		return fmt.Errorf("first page: %d items, more %v", len(page.Items), p.More())
	}
	return err
}

// updateBillingProfile writes back the profile read before the faults.
func updateBillingProfile(ctx context.Context, e *matrixEnv) error {
	_, err := e.client.UpdateCustomerBillingProfile(ctx, fake.DocumentedCustomerID, e.profile, nil)
	return err
}

// matrixNewDomain is the domain of the customer the create cases make.
const matrixNewDomain = "matrix-created.onmicrosoft.com"

// createOnce creates a customer with matrixNewDomain.
func createOnce(ctx context.Context, e *matrixEnv) error {
	created, err := e.client.CreateCustomer(ctx, newCustomer(matrixNewDomain), nil)
	if err == nil && created.ID() == "" {
		return errors.New("created a customer without ID")
	}
	return err
}

// wantOneCreated checks that however many tries the create took, exactly one
// customer holds its domain: the fake committed once.
func wantOneCreated(t *testing.T, e *matrixEnv, _ error) {
	t.Helper()
	filter := &wrapper.CustomerSearchFilter{Field: wrapper.CustomerSearchFilterFieldDomain,
		Operator: wrapper.CustomerSearchFilterOperatorStartsWith, Value: matrixNewDomain}
	n := 0
	for _, err := range e.client.ListCustomers(context.Background(), &wrapper.ListCustomersOptions{Filter: filter}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n != 1 {
		t.Errorf("%d customers hold %s, want 1", n, matrixNewDomain)
	}
}

// checkDomain asks about a domain the documented customer holds.
func checkDomain(ctx context.Context, e *matrixEnv) error {
	free, err := e.client.CheckDomainAvailability(ctx, "abcdefgh1234.onmicrosoft.com", nil)
	if err == nil && free {
		return errors.New("a taken domain was reported free")
	}
	return err
}

func TestFaultMatrix(t *testing.T) {
	// Not parallel: goleak must see the goroutines of one case alone.
	for _, tc := range matrixCases() {
		t.Run(tc.name, func(t *testing.T) {
			ignore := goleak.IgnoreCurrent()
			// Registered first, so it runs last: after the fake is closed.
			t.Cleanup(func() { goleak.VerifyNone(t, ignore) })
			runMatrixCase(t, tc)
		})
	}
}

// runMatrixCase runs one case and checks its outcome.
func runMatrixCase(t *testing.T, tc matrixCase) {
	env := newMatrixEnv(t, tc.cfg)
	if tc.setup != nil {
		tc.setup(t, env)
	}
	call := tc.call
	if call == nil {
		call = getCustomer
	}
	timeout := tc.ctx
	if timeout == 0 {
		timeout = 10 * time.Second
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	deadline, _ := ctx.Deadline()
	err := call(ctx, env)
	returned := time.Now()
	w := tc.want

	if w.atDeadline {
		if late := returned.Sub(deadline); late > time.Second {
			t.Errorf("returned %v after the deadline", late)
		}
	} else if !returned.Before(deadline) {
		t.Errorf("returned %v after the deadline", returned.Sub(deadline))
	}

	reqs := env.srv.Requests()
	env.tr.mu.Lock()
	sent := env.tr.tries
	env.tr.mu.Unlock()
	if len(reqs) != w.tries || sent != w.tries {
		t.Errorf("the client sent %d requests and the fake received %d, want %d", sent, len(reqs), w.tries)
	}
	for i, r := range reqs {
		for _, h := range []string{"MS-RequestId", "MS-CorrelationId"} {
			if w.pages && h == "MS-RequestId" {
				continue
			}
			if got, first := r.Header.Get(h), reqs[0].Header.Get(h); got == "" || got != first {
				t.Errorf("try %d: %s %q, first try %q", i+1, h, got, first)
			}
		}
	}

	switch {
	case w.is == nil && w.status == 0 && !w.noAnswer && err != nil:
		t.Fatalf("err = %v, want success", err)
	case w.noAnswer && err == nil:
		t.Fatal("success, want the error of a call that got no answer")
	case w.is != nil && !errors.Is(err, w.is):
		t.Fatalf("err = %v, want errors.Is %v", err, w.is)
	}
	if w.status != 0 {
		checkResponseError(t, env, reqs, err, w)
	} else if re := (*wrapper.ResponseError)(nil); errors.As(err, &re) {
		t.Errorf("err = %v, a *ResponseError where none was due", err)
	}
	if err != nil {
		for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
			if strings.Contains(s, matrixToken) {
				t.Errorf("the error shows the token: %s", s)
			}
		}
	}
	if w.check != nil {
		w.check(t, env, err)
	}
}

// checkResponseError checks the typed error: status, code, and the IDs the
// fake sent in its last answer, which are the IDs of the request.
func checkResponseError(t *testing.T, env *matrixEnv, reqs []fake.RecordedRequest, err error, w outcome) {
	t.Helper()
	var re *wrapper.ResponseError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v (%T), want a *wrapper.ResponseError", err, err)
	}
	if re.StatusCode != w.status {
		t.Errorf("status %d, want %d", re.StatusCode, w.status)
	}
	if w.code != "" && re.Code != w.code {
		t.Errorf("code %q, want %q", re.Code, w.code)
	}
	answer := env.tr.lastAnswer()
	if answer == nil || len(reqs) == 0 {
		t.Fatalf("no answer recorded")
	}
	last := reqs[len(reqs)-1]
	for _, id := range []struct{ name, got string }{
		{"MS-RequestId", re.RequestID},
		{"MS-CorrelationId", re.CorrelationID},
	} {
		sent := answer.Get(id.name)
		if sent == "" || id.got != sent || last.Header.Get(id.name) != sent {
			t.Errorf("%s: error %q, the fake answered %q to a request carrying %q", id.name, id.got, sent, last.Header.Get(id.name))
		}
	}
	if !strings.Contains(re.Error(), re.RequestID) || !strings.Contains(re.Error(), re.CorrelationID) {
		t.Errorf("Error() lacks the IDs: %s", re.Error())
	}
}

// wantNetworkError checks a call that got no answer on any try.
func wantNetworkError(t *testing.T, _ *matrixEnv, err error) {
	t.Helper()
	var ne net.Error
	if err == nil || !errors.As(err, &ne) {
		t.Errorf("err = %v (%T), want a net.Error", err, err)
	}
}

// wantWaited checks that the retry came at least d after the first try.
func wantWaited(d time.Duration) func(*testing.T, *matrixEnv, error) {
	return func(t *testing.T, e *matrixEnv, _ error) {
		t.Helper()
		reqs := e.srv.Requests()
		if len(reqs) == 2 && reqs[1].Time.Sub(reqs[0].Time) < d {
			t.Errorf("the retry came %v after the first try, want at least %v", reqs[1].Time.Sub(reqs[0].Time), d)
		}
	}
}

// wantRetryAfterDate checks that the first answer's Retry-After was a date.
func wantRetryAfterDate(t *testing.T, e *matrixEnv, _ error) {
	t.Helper()
	e.tr.mu.Lock()
	defer e.tr.mu.Unlock()
	if len(e.tr.answers) == 0 || e.tr.answers[0] == nil {
		t.Fatal("no first answer")
	}
	if _, err := http.ParseTime(e.tr.answers[0].Get("Retry-After")); err != nil {
		t.Errorf("Retry-After %q is not an HTTP date", e.tr.answers[0].Get("Retry-After"))
	}
}

// wantRetryAfter checks ResponseError.RetryAfter.
func wantRetryAfter(lo, hi time.Duration) func(*testing.T, *matrixEnv, error) {
	return func(t *testing.T, _ *matrixEnv, err error) {
		t.Helper()
		var re *wrapper.ResponseError
		if errors.As(err, &re) && (re.RetryAfter < lo || re.RetryAfter > hi) {
			t.Errorf("RetryAfter %v, want %v to %v", re.RetryAfter, lo, hi)
		}
	}
}

// wantDescription checks that the description holds each of parts and no
// markup.
func wantDescription(parts ...string) func(*testing.T, *matrixEnv, error) {
	return func(t *testing.T, _ *matrixEnv, err error) {
		t.Helper()
		var re *wrapper.ResponseError
		if !errors.As(err, &re) {
			return
		}
		for _, p := range parts {
			if !strings.Contains(re.Description, p) {
				t.Errorf("description %q lacks %q", re.Description, p)
			}
		}
		if strings.ContainsAny(re.Description, "<>") {
			t.Errorf("description keeps markup: %q", re.Description)
		}
	}
}

// wantShortDescription checks that an oversized body left a short
// description.
func wantShortDescription(t *testing.T, _ *matrixEnv, err error) {
	t.Helper()
	var re *wrapper.ResponseError
	if errors.As(err, &re) && len(re.Description) > 1024 {
		t.Errorf("description of %d bytes", len(re.Description))
	}
}

// wantSyntaxError checks that a malformed answer carries the JSON error.
func wantSyntaxError(t *testing.T, _ *matrixEnv, err error) {
	t.Helper()
	var se *json.SyntaxError
	if !errors.As(err, &se) {
		t.Errorf("err = %v, want one wrapping a *json.SyntaxError", err)
	}
}

// wantTokenRequests checks how many tokens the fake credential handed out
// (the one before the faults included).
func wantTokenRequests(n int) func(*testing.T, *matrixEnv, error) {
	return func(t *testing.T, e *matrixEnv, _ error) {
		t.Helper()
		if c, ok := e.cred.(*fake.Credential); ok && c.Calls() != n {
			t.Errorf("%d token requests, want %d", c.Calls(), n)
		}
	}
}

// wantSameHeader checks that every try carried the same value of name.
func wantSameHeader(name string) func(*testing.T, *matrixEnv, error) {
	return func(t *testing.T, e *matrixEnv, _ error) {
		t.Helper()
		reqs := e.srv.Requests()
		for _, r := range reqs {
			if v := r.Header.Get(name); v == "" || v != reqs[0].Header.Get(name) {
				t.Errorf("%s %q, first try %q", name, v, reqs[0].Header.Get(name))
			}
		}
	}
}

// alter returns a setup that rewrites every answer with f.
func alter(f func(try int, resp *http.Response)) func(*testing.T, *matrixEnv) {
	return func(_ *testing.T, e *matrixEnv) {
		e.tr.mu.Lock()
		e.tr.alter = f
		e.tr.mu.Unlock()
	}
}

// setAnswer replaces the status and body of resp, keeping its headers (the
// IDs among them).
func setAnswer(resp *http.Response, status int, body string) {
	_ = resp.Body.Close()
	resp.StatusCode = status
	resp.Status = fmt.Sprintf("%d %s", status, http.StatusText(status))
	resp.Header.Del("Retry-After")
	resp.Header.Set("Content-Type", "application/json")
	resp.Body = io.NopCloser(strings.NewReader(body))
	resp.ContentLength = int64(len(body))
}

// endless is a body without end.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// everyPage lists every customer through the pager.
func everyPage(ctx context.Context, e *matrixEnv) error {
	p := e.client.NewListCustomersPager(&wrapper.ListCustomersOptions{PageSize: matrixPageSize})
	for p.More() {
		if _, err := p.NextPage(ctx); err != nil {
			return err
		}
	}
	return nil
}
