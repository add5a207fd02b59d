package fake

import (
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Faults switches on the failures the real service and the gateways in
// front of it show, so tests can check how a client copes. Get it with
// Server.Faults. All methods are safe for concurrent use, also while
// requests are being served.
//
// Counted faults (FailNext, HTMLGatewayError, Truncate, ...) hit the next n
// matching requests, in the order they were set up; the others stay on
// until switched off or Reset. A view from On limits the faults set through
// it to one operation or path.
//
// Injected answers are written as they are, bypassing the spec check of
// Options.ValidateResponses: breaking the contract is their point.
type Faults struct {
	state *faultState
	scope scope
}

// Failure describes an error answer for FailNextWith.
type Failure struct {
	// Status is the HTTP status, such as 500 or 429.
	Status int
	// Code is the Partner Center error code; "" picks the usual code for
	// Status (for example 800003 for 500). A numeric code is sent as a JSON
	// number, as the service does.
	Code string
	// CodeAsString sends Code as a JSON string, as the documentation shows.
	CodeAsString bool
	// Description is the error text; "" picks the usual text for Status.
	Description string
	// RetryAfter is sent as the Retry-After header in whole seconds,
	// rounded up. Zero sends none, except on 429 where it means one second.
	// A negative value sends "Retry-After: 0".
	RetryAfter time.Duration
	// OmitRetryAfter sends no Retry-After header at all, also on 429 (whose
	// body then says to try again in 0 seconds).
	OmitRetryAfter bool
}

// Throttle configures rate limiting. Requests beyond the rate are answered
// 429 with Retry-After and the throttling body
// {"statusCode":429,"message":"Rate limit is exceeded. Try again in N seconds."}.
type Throttle struct {
	// Requests is how many requests are allowed per Per. Zero or less
	// switches throttling off for the view's scope.
	Requests int
	// Per is the period of Requests; zero means a minute. Partner Center
	// allows 500 requests per minute per customer tenant.
	Per time.Duration
	// Burst is how many requests may come at once; zero means Requests.
	Burst int
	// PerCustomer keeps one budget per customer tenant ID in the path, as the
	// service does; requests without one share a partner-wide budget. When
	// false, all requests share one budget.
	PerCustomer bool
	// RetryAfter fixes the Retry-After value (whole seconds, rounded up).
	// Zero sends the real wait until the next request is allowed, at least
	// one second; a negative value sends 0.
	RetryAfter time.Duration
}

// MaxOversizedBody is the largest description OversizedErrorBody sends.
const MaxOversizedBody = 64 << 20

// scope limits a fault to an operation and/or a path prefix.
type scope struct {
	operation string
	path      string
}

// matches reports whether a request for op at path (as received and
// without the version segment) is in scope.
func (sc scope) matches(op, path, unversioned string) bool {
	if sc.operation != "" && !strings.EqualFold(sc.operation, op) {
		return false
	}
	if sc.path != "" && !strings.HasPrefix(path, sc.path) && !strings.HasPrefix(unversioned, sc.path) {
		return false
	}
	return true
}

// faultKind tells the counted faults apart.
type faultKind int

const (
	kindFail faultKind = iota
	kindHTMLGateway
	kindEmptyGateway
	kindOversized
	kindDrop
	kindTruncate
	kindWrongContentType
	kindDropAfterCommit
)

// name is how a fault is shown in RecordedRequest.Fault.
func (k faultKind) name() string {
	return [...]string{"fail", "html-gateway", "empty-gateway", "oversized-error", "drop-connection", "truncate", "wrong-content-type", "drop-after-commit"}[k]
}

// after reports whether the fault acts on the handler's answer rather than
// replacing the handling.
func (k faultKind) after() bool {
	return k == kindTruncate || k == kindWrongContentType || k == kindDropAfterCommit
}

// countedFault hits the next remaining matching requests.
type countedFault struct {
	kind      faultKind
	scope     scope
	remaining int
	failure   Failure
	size      int
}

// throttleRule is a Throttle with its buckets.
type throttleRule struct {
	cfg     Throttle
	scope   scope
	buckets map[string]*bucket
}

// faultState is shared by every view of a Server's Faults.
type faultState struct {
	mu             sync.Mutex
	counted        []*countedFault
	latency        map[scope]time.Duration
	bom            map[scope]bool
	throttles      map[scope]*throttleRule
	retryAfterDate bool
	auth           *authState
	now            func() time.Time
}

func newFaultState(auth *authState) *faultState {
	return &faultState{
		latency:   map[scope]time.Duration{},
		bom:       map[scope]bool{},
		throttles: map[scope]*throttleRule{},
		auth:      auth,
		now:       time.Now,
	}
}

// On returns a view of f whose faults apply only to requests for target:
// an operation ID from the spec, such as "getCustomer" (any case), or, when
// target starts with "/", a path prefix such as "/customers" or
// "/v1/domains", compared with the path with and without its version
// segment. Calls can be chained to narrow further.
func (f *Faults) On(target string) *Faults {
	v := *f
	if strings.HasPrefix(target, "/") {
		v.scope.path = target
	} else {
		v.scope.operation = target
	}
	return &v
}

// FailNext answers the next n requests with status and an ApiFault body
// with the usual code for the status; a 429 gets the throttling body and
// "Retry-After: 1".
func (f *Faults) FailNext(n, status int) {
	f.FailNextWith(n, Failure{Status: status})
}

// FailNextWith answers the next n requests with the given failure.
func (f *Faults) FailNextWith(n int, failure Failure) {
	if failure.Status < 400 || failure.Status > 599 {
		failure.Status = http.StatusInternalServerError
	}
	f.addCounted(&countedFault{kind: kindFail, remaining: n, failure: failure})
}

// Refuse answers the next n requests with a refusal of the spec
// (x-refusals; name is one of gen's Refusal constants, such as
// gen.RefusalMFARequired): its status and code, and the description of
// the spec's example of it. An unknown name answers 500.
func (f *Faults) Refuse(n int, name string) {
	e := refusal(f.scope.operation, name)
	f.FailNextWith(n, Failure{Status: e.status, Code: e.code, Description: e.description})
}

// HTMLGatewayError answers the next n requests with status (502, 503 or
// 504; anything else becomes 502) and an HTML page, as a gateway in front of
// the service does.
func (f *Faults) HTMLGatewayError(n, status int) {
	f.addCounted(&countedFault{kind: kindHTMLGateway, remaining: n, failure: Failure{Status: gatewayStatus(status)}})
}

// EmptyGatewayError answers the next n requests with status (502, 503 or
// 504; anything else becomes 502) and no body at all.
func (f *Faults) EmptyGatewayError(n, status int) {
	f.addCounted(&countedFault{kind: kindEmptyGateway, remaining: n, failure: Failure{Status: gatewayStatus(status)}})
}

// OversizedErrorBody answers the next n requests with status and an ApiFault
// whose description is size bytes long, far beyond the documented 1024, to
// check that a client bounds what it reads. A size below 2 KiB becomes
// 4 MiB; sizes above MaxOversizedBody are cut to it.
func (f *Faults) OversizedErrorBody(n, status, size int) {
	if status < 400 || status > 599 {
		status = http.StatusInternalServerError
	}
	if size < 2048 {
		size = 4 << 20
	}
	size = min(size, MaxOversizedBody)
	f.addCounted(&countedFault{kind: kindOversized, remaining: n, failure: Failure{Status: status}, size: size})
}

// DropConnection closes the connection of the next n requests without an
// answer.
func (f *Faults) DropConnection(n int) {
	f.addCounted(&countedFault{kind: kindDrop, remaining: n})
}

// DropAfterCommit lets the next n requests be handled, so whatever they
// change is changed (a customer created, an agreement confirmed), then closes
// their connections without sending the answer. The client sees the same
// failure as with DropConnection, yet the server committed the call: a client
// that retries a create must send the same MS-RequestId to get the customer
// it already made instead of a second one.
func (f *Faults) DropAfterCommit(n int) {
	f.addCounted(&countedFault{kind: kindDropAfterCommit, remaining: n})
}

// Truncate cuts the body of the next n answers that have one in half, so
// it is no longer valid JSON; status and headers stay as they were.
func (f *Faults) Truncate(n int) {
	f.addCounted(&countedFault{kind: kindTruncate, remaining: n})
}

// WrongContentType labels the body of the next n answers that have one as
// text/plain instead of JSON.
func (f *Faults) WrongContentType(n int) {
	f.addCounted(&countedFault{kind: kindWrongContentType, remaining: n})
}

// Latency delays every request in the view's scope by d before it is
// answered; zero or less switches the delay off. A request whose client
// gives up is dropped.
func (f *Faults) Latency(d time.Duration) {
	f.state.mu.Lock()
	defer f.state.mu.Unlock()
	if d <= 0 {
		delete(f.state.latency, f.scope)
		return
	}
	f.state.latency[f.scope] = d
}

// BOM puts a UTF-8 byte-order mark (EF BB BF) in front of every answer body
// in the view's scope while on.
func (f *Faults) BOM(on bool) {
	f.state.mu.Lock()
	defer f.state.mu.Unlock()
	if !on {
		delete(f.state.bom, f.scope)
		return
	}
	f.state.bom[f.scope] = true
}

// Throttle rate-limits the requests in the view's scope; it replaces the
// view's previous throttle. Throttle(Throttle{}) switches it off.
func (f *Faults) Throttle(t Throttle) {
	f.state.mu.Lock()
	defer f.state.mu.Unlock()
	if t.Requests <= 0 {
		delete(f.state.throttles, f.scope)
		return
	}
	if t.Per <= 0 {
		t.Per = time.Minute
	}
	if t.Burst <= 0 {
		t.Burst = t.Requests
	}
	f.state.throttles[f.scope] = &throttleRule{cfg: t, scope: f.scope, buckets: map[string]*bucket{}}
}

// RetryAfterAsDate sends Retry-After as an HTTP date instead of seconds
// while on; both forms are allowed by HTTP.
func (f *Faults) RetryAfterAsDate(on bool) {
	f.state.mu.Lock()
	defer f.state.mu.Unlock()
	f.state.retryAfterDate = on
}

// ExpireTokens makes every bearer token the fake has accepted so far fail
// with 401 (code 800001), as an expired token does. A token the fake has not
// seen yet is accepted, so a client recovers by getting a new token from
// its credential (a Credential hands out a new one on each call).
func (f *Faults) ExpireTokens() {
	f.state.auth.expireSeen()
}

// Pending reports how many counted faults have requests left to hit, in
// every scope.
func (f *Faults) Pending() int {
	f.state.mu.Lock()
	defer f.state.mu.Unlock()
	n := 0
	for _, c := range f.state.counted {
		n += c.remaining
	}
	return n
}

// Reset switches every fault off, in every scope, and makes expired tokens
// valid again.
func (f *Faults) Reset() {
	f.state.mu.Lock()
	f.state.counted = nil
	clear(f.state.latency)
	clear(f.state.bom)
	clear(f.state.throttles)
	f.state.retryAfterDate = false
	f.state.mu.Unlock()
	f.state.auth.reset()
}

// addCounted queues a counted fault with the view's scope.
func (f *Faults) addCounted(c *countedFault) {
	if c.remaining <= 0 {
		return
	}
	c.scope = f.scope
	f.state.mu.Lock()
	defer f.state.mu.Unlock()
	f.state.counted = append(f.state.counted, c)
}

// gatewayStatus keeps 502, 503 and 504 and maps anything else to 502.
func gatewayStatus(status int) int {
	switch status {
	case http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return status
	default:
		return http.StatusBadGateway
	}
}

// injection is what the faults decide for one request before it is handled.
type injection struct {
	latency        time.Duration
	fault          *countedFault // a fault answering instead of the handler
	throttled      bool
	wait           time.Duration // Retry-After of a throttled request
	retryAfterDate bool
}

// before decides the faults for a request about to be handled.
func (st *faultState) before(op, path, unversioned, customerKey string) injection {
	st.mu.Lock()
	defer st.mu.Unlock()
	inj := injection{retryAfterDate: st.retryAfterDate}
	for sc, d := range st.latency {
		if sc.matches(op, path, unversioned) {
			inj.latency = max(inj.latency, d)
		}
	}
	if c := st.take(op, path, unversioned, func(k faultKind) bool { return !k.after() }); c != nil {
		inj.fault = c
		return inj
	}
	now := st.now()
	for sc, t := range st.throttles {
		if !sc.matches(op, path, unversioned) {
			continue
		}
		key := ""
		if t.cfg.PerCustomer {
			key = customerKey
		}
		if ok, wait := t.take(key, now); !ok {
			inj.throttled = true
			inj.wait = max(inj.wait, wait)
		}
	}
	return inj
}

// after is what the faults change in an answer that has a body.
type after struct {
	bom, truncate, wrongContentType bool
}

// names lists the faults applied, for the request record.
func (a after) names() []string {
	var out []string
	if a.truncate {
		out = append(out, kindTruncate.name())
	}
	if a.wrongContentType {
		out = append(out, kindWrongContentType.name())
	}
	if a.bom {
		out = append(out, "bom")
	}
	return out
}

// afterHandled decides the changes to an answer with a body.
func (st *faultState) afterHandled(op, path, unversioned string) after {
	st.mu.Lock()
	defer st.mu.Unlock()
	var a after
	for sc := range st.bom {
		if sc.matches(op, path, unversioned) {
			a.bom = true
		}
	}
	a.truncate = st.take(op, path, unversioned, func(k faultKind) bool { return k == kindTruncate }) != nil
	a.wrongContentType = st.take(op, path, unversioned, func(k faultKind) bool { return k == kindWrongContentType }) != nil
	return a
}

// dropAfterCommit reports whether the answer to a handled request is to be
// dropped.
func (st *faultState) dropAfterCommit(op, path, unversioned string) bool {
	st.mu.Lock()
	defer st.mu.Unlock()
	return st.take(op, path, unversioned, func(k faultKind) bool { return k == kindDropAfterCommit }) != nil
}

// take consumes one hit of the first matching counted fault whose kind is
// wanted. The caller holds st.mu.
func (st *faultState) take(op, path, unversioned string, wanted func(faultKind) bool) *countedFault {
	for i, c := range st.counted {
		if !wanted(c.kind) || !c.scope.matches(op, path, unversioned) {
			continue
		}
		c.remaining--
		if c.remaining <= 0 {
			st.counted = slices.Delete(st.counted, i, i+1)
		}
		hit := *c
		return &hit
	}
	return nil
}
