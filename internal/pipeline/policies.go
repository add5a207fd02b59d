package pipeline

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/google/uuid"
	"github.com/partnercenter-go/partnercenter/internal/errs"
	"github.com/partnercenter-go/partnercenter/internal/ratelimit"
)

// Canonical forms of the header names set on every call: writing the
// header map with them directly spares net/http canonicalising (and
// allocating) the names on each call.
var (
	CanonRequestID     = http.CanonicalHeaderKey(HeaderRequestID)
	CanonCorrelationID = http.CanonicalHeaderKey(HeaderCorrelationID)
	canonLocale        = http.CanonicalHeaderKey(headerLocale)
	canonApplication   = http.CanonicalHeaderKey(headerApplication)
	canonAccept        = http.CanonicalHeaderKey(headerAccept)
	canonUserAgent     = http.CanonicalHeaderKey(headerUserAgent)
)

// callPolicy runs once per call, before the retry policy. It sends the
// User-Agent as azcore's telemetry policy would (which New switches off:
// one policy less on every call), and sets the Partner Center headers the
// request lacks, so that every try of the call shares its MS-RequestId and
// MS-CorrelationId. (The service's quirks in answers are evened out by
// the transport guard, on every try.)
type callPolicy struct {
	userAgent    []string // nil: telemetry disabled
	locale       []string
	application  []string
	skipDownload bool
}

// acceptJSON is the Accept header of every request.
var acceptJSON = []string{"application/json"}

// newCallPolicy returns the policy for the given User-Agent (telemetryValue),
// X-Locale and MS-PartnerCenter-Application values (empty: not sent).
func newCallPolicy(userAgent, locale, application string, logBodies bool) *callPolicy {
	p := &callPolicy{skipDownload: !logBodies}
	if userAgent != "" {
		p.userAgent = []string{userAgent}
	}
	if locale != "" {
		p.locale = []string{locale}
	}
	if application != "" {
		p.application = []string{application}
	}
	return p
}

// Do sets the headers and sends the request.
func (p *callPolicy) Do(req *policy.Request) (*http.Response, error) {
	h := req.Raw().Header
	if p.userAgent != nil {
		// As azcore's telemetry policy: a User-Agent the request has
		// already is kept after the telemetry value.
		if ua := h[canonUserAgent]; len(ua) > 0 && ua[0] != "" {
			h[canonUserAgent] = []string{p.userAgent[0] + " " + ua[0]}
		} else {
			h[canonUserAgent] = p.userAgent
		}
	}
	if _, ok := h[CanonRequestID]; !ok {
		rid, cid := NewIDs()
		ids := [...]string{rid, cid} // one allocation for both header values
		h[CanonRequestID] = ids[0:1:1]
		if _, ok := h[CanonCorrelationID]; !ok {
			h[CanonCorrelationID] = ids[1:2:2]
		}
	}
	if _, ok := h[CanonCorrelationID]; !ok {
		h[CanonCorrelationID] = []string{uuid.NewString()}
	}
	if p.locale != nil {
		if _, ok := h[canonLocale]; !ok {
			h[canonLocale] = p.locale
		}
	}
	if p.application != nil {
		if _, ok := h[canonApplication]; !ok {
			h[canonApplication] = p.application
		}
	}
	if _, ok := h[canonAccept]; !ok {
		h[canonAccept] = acceptJSON
	}
	// guardedTransport reads every body within its try; azcore's own
	// download would only copy it again. azcore logs bodies only when it
	// downloaded them, so with Logging.IncludeBody it still does.
	if p.skipDownload {
		runtime.SkipBodyDownload(req)
	}
	return req.Next()
}

// NewIDs returns two new random GUIDs (a request and a correlation ID),
// made from one read of the random source into one string.
func NewIDs() (string, string) {
	var raw [32]byte
	_, _ = rand.Read(raw[:]) // crypto/rand.Read never fails (Go 1.24+)
	var buf [73]byte
	formatGUID(buf[:36], raw[:16])
	buf[36] = ' '
	formatGUID(buf[37:], raw[16:])
	s := string(buf[:])
	return s[:36], s[37:]
}

// formatGUID writes the version-4 GUID made of the 16 bytes b into dst
// (36 bytes, 8-4-4-4-12 lower-case hex).
func formatGUID(dst, b []byte) {
	b[6] = b[6]&0x0f | 0x40 // version 4
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	const hexdigits = "0123456789abcdef"
	j := 0
	for i, c := range b {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			dst[j] = '-'
			j++
		}
		dst[j], dst[j+1] = hexdigits[c>>4], hexdigits[c&15]
		j += 2
	}
}

// ErrForeignHost is returned when a request would leave the configured
// endpoint.
var ErrForeignHost = errors.New("request to a host other than the configured endpoint refused")

// tryPolicy runs on every try, right after the retry policy, and does in
// order what were once five policies:
//
//  1. after the try, it ends the retries when the answer's wait cannot fit
//     in the call's deadline (waitFits);
//  2. it waits for a token of the client-side rate limiter, if any;
//  3. it bounds the try by RetryOptions.TryTimeout, replacing azcore's own
//     per-try timeout, which would also count the time the request waits
//     for the rate limiter; a try that runs out is retried like azcore's,
//     as long as the call's context lives;
//  4. it refuses any request whose scheme or host differs from the
//     configured endpoint before a token is added, and turns
//     ErrTokenUnchanged (see reauthorize) back into the 401 answer it
//     ended, so that the caller gets the service's *ResponseError rather
//     than an internal error;
//  5. it hands the request to azcore's bearer token policy (none for an
//     http endpoint), which sends it on down the pipeline.
type tryPolicy struct {
	waitFits waitFits
	limiter  *ratelimit.Limiter // nil: none
	basePath string             // for the limiter's buckets
	timeout  time.Duration      // zero: none
	scheme   string
	host     string
	bearer   policy.Policy // nil: no token (http endpoint)
}

// Do runs one try.
func (p *tryPolicy) Do(req *policy.Request) (*http.Response, error) {
	call := req.Raw().Context() // the call's, without the try timeout
	if p.limiter != nil {
		if err := p.limiter.Wait(req.Raw(), p.basePath); err != nil {
			return nil, err
		}
	}
	if p.timeout > 0 {
		// azcore downloads the body further down the pipeline, so the
		// deadline can end when the try returns.
		ctx, cancel := context.WithTimeout(call, p.timeout)
		defer cancel()
		req = req.WithContext(ctx)
	}
	u := req.Raw().URL
	if !strings.EqualFold(u.Scheme, p.scheme) || !strings.EqualFold(u.Host, p.host) {
		return nil, errs.NonRetriable{Err: fmt.Errorf("%w: %w", errs.ErrInvalidInput, ErrForeignHost)}
	}
	var resp *http.Response
	var err error
	if p.bearer != nil {
		resp, err = p.bearer.Do(req) // which calls req.Next
	} else {
		resp, err = req.Next()
	}
	if err != nil && resp != nil && errors.Is(err, ErrTokenUnchanged) {
		err = nil // the 401 stands
	}
	return p.waitFits.check(call, resp, err)
}

// UserAgentPolicy returns a policy that sends ua as the User-Agent (of the
// token requests, whose pipeline has no telemetry policy).
func UserAgentPolicy(ua string) policy.Policy { return userAgentPolicy{ua: ua} }

// userAgentPolicy implements UserAgentPolicy.
type userAgentPolicy struct{ ua string }

// Do sets User-Agent.
func (p userAgentPolicy) Do(req *policy.Request) (*http.Response, error) {
	req.Raw().Header.Set(headerUserAgent, p.ua)
	return req.Next()
}

// ErrTokenUnchanged ends the handling of a 401 when the credential has
// no other token to offer: sending the refused token again is pointless.
var ErrTokenUnchanged = errors.New("the credential returned the token the service refused")

// reauthorize is the bearer token policy's OnChallenge handler. azcore
// calls it for a 401 that carries a WWW-Authenticate challenge (RFC 6750
// makes servers send one), after dropping its cached token. It asks the
// credential for a token again and, when that token differs from the one
// refused, lets azcore send the request once more: a token that expired or
// was revoked before its stated expiry costs one extra request instead of
// failing the call. When the token is the same (a credential with its own
// cache, a static token), nothing is sent and the 401 stands.
func reauthorize(scope string) func(*policy.Request, *http.Response, func(policy.TokenRequestOptions) error) error {
	return func(req *policy.Request, _ *http.Response, authorize func(policy.TokenRequestOptions) error) error {
		refused := req.Raw().Header.Get("Authorization")
		if err := authorize(policy.TokenRequestOptions{Scopes: []string{scope}}); err != nil {
			return err
		}
		if req.Raw().Header.Get("Authorization") == refused {
			return ErrTokenUnchanged
		}
		return nil
	}
}
