package wrapper

import (
	"bytes"
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
)

// Canonical forms of the header names set on every call: writing the
// header map with them directly spares net/http canonicalising (and
// allocating) the names on each call.
var (
	canonRequestID     = http.CanonicalHeaderKey(headerRequestID)
	canonCorrelationID = http.CanonicalHeaderKey(headerCorrelationID)
	canonLocale        = http.CanonicalHeaderKey(headerLocale)
	canonApplication   = http.CanonicalHeaderKey(headerApplication)
	canonAccept        = http.CanonicalHeaderKey(headerAccept)
	canonContentType   = http.CanonicalHeaderKey(headerContentType)
)

// callPolicy runs once per call, before the retry policy. On the way out it
// sets the Partner Center headers the request lacks, so that every try of
// the call shares its MS-RequestId and MS-CorrelationId. On the way back it
// evens out, once for every operation, what the service sends that a JSON
// decoder would stumble on, so that the generated response parsers see
// plain JSON: a leading UTF-8 byte-order mark is dropped, and a 2xx body
// that is JSON but labelled with another Content-Type is relabelled
// application/json. azcore has read that body into memory by then.
type callPolicy struct {
	locale       []string
	application  []string
	skipDownload bool
}

// acceptJSON is the Accept header of every request.
var acceptJSON = []string{"application/json"}

// newCallPolicy returns the policy for the given X-Locale and
// MS-PartnerCenter-Application values (empty: not sent).
func newCallPolicy(locale, application string, logBodies bool) *callPolicy {
	p := &callPolicy{skipDownload: !logBodies}
	if locale != "" {
		p.locale = []string{locale}
	}
	if application != "" {
		p.application = []string{application}
	}
	return p
}

// Do sets the headers, sends the request and fixes up the answer.
func (p *callPolicy) Do(req *policy.Request) (*http.Response, error) {
	h := req.Raw().Header
	if _, ok := h[canonRequestID]; !ok {
		rid, cid := newIDs()
		ids := [...]string{rid, cid} // one allocation for both header values
		h[canonRequestID] = ids[0:1:1]
		if _, ok := h[canonCorrelationID]; !ok {
			h[canonCorrelationID] = ids[1:2:2]
		}
	}
	if _, ok := h[canonCorrelationID]; !ok {
		h[canonCorrelationID] = []string{uuid.NewString()}
	}
	if _, ok := h[canonLocale]; !ok && p.locale != nil {
		h[canonLocale] = p.locale
	}
	if _, ok := h[canonApplication]; !ok && p.application != nil {
		h[canonApplication] = p.application
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
	resp, err := req.Next()
	if err != nil || resp == nil || resp.StatusCode < 200 || resp.StatusCode > 299 || resp.Body == nil || resp.Body == http.NoBody {
		return resp, err
	}
	body := payload(resp)
	if len(body) == 0 {
		return resp, err
	}
	if trimmed := trimBOM(body); len(trimmed) != len(body) {
		if b, ok := resp.Body.(*bufferedBody); ok {
			b.dropPrefix(len(body) - len(trimmed))
		} else {
			resp.Body = newBufferedBody(trimmed)
		}
		body = trimmed
		resp.ContentLength = int64(len(body))
	}
	if ct := resp.Header.Get(headerContentType); looksLikeJSON(body) && !strings.Contains(ct, "json") {
		resp.Header[canonContentType] = []string{"application/json"}
		// The key is not in canonical form, so no header the service sends
		// can set it; a malformed-answer error names what the service said.
		resp.Header[servedContentType] = []string{ct}
	}
	return resp, err
}

// newIDs returns two new random GUIDs (a request and a correlation ID),
// made from one read of the random source into one string.
func newIDs() (string, string) {
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

// servedContentType keeps the Content-Type the service sent when
// callPolicy relabels an answer.
const servedContentType = "partnercenter-served-content-type"

// looksLikeJSON reports whether body starts (after white space) like a JSON
// object or array.
func looksLikeJSON(body []byte) bool {
	body = bytes.TrimLeft(body, " \t\r\n")
	return len(body) > 0 && (body[0] == '{' || body[0] == '[')
}

// errForeignHost is returned when a request would leave the configured
// endpoint.
var errForeignHost = errors.New("request to a host other than the configured endpoint refused")

// hostGuardPolicy runs on every try, just before the bearer token policy.
// It refuses any request whose scheme or host differs from the configured
// endpoint before a token is added, and turns errTokenUnchanged (see
// reauthorize) back into the 401 answer it ended, so that the caller gets
// the service's *ResponseError rather than an internal error.
type hostGuardPolicy struct {
	scheme string
	host   string
}

// Do checks the request URL, sends the request and restores a 401 that
// reauthorize declined to resend.
func (p *hostGuardPolicy) Do(req *policy.Request) (*http.Response, error) {
	u := req.Raw().URL
	if !strings.EqualFold(u.Scheme, p.scheme) || !strings.EqualFold(u.Host, p.host) {
		return nil, nonRetriable{err: fmt.Errorf("%w: %w", ErrInvalidInput, errForeignHost)}
	}
	resp, err := req.Next()
	if err != nil && resp != nil && errors.Is(err, errTokenUnchanged) {
		return resp, nil
	}
	return resp, err
}

// tryTimeoutPolicy bounds one try (token, request and body download) by
// RetryOptions.TryTimeout. It replaces azcore's own per-try timeout, which
// would also count the time the request waits for the rate limiter. A try
// that runs out is retried like azcore's, as long as the call's context
// lives.
type tryTimeoutPolicy struct{ timeout time.Duration }

// Do sends the request under the try's deadline. azcore downloads the body
// further down the pipeline, so the deadline can end when Next returns.
func (p tryTimeoutPolicy) Do(req *policy.Request) (*http.Response, error) {
	ctx, cancel := context.WithTimeout(req.Raw().Context(), p.timeout)
	defer cancel()
	return req.WithContext(ctx).Next()
}

// nonRetriable marks an error azcore's retry policy must not retry.
type nonRetriable struct{ err error }

func (e nonRetriable) Error() string { return e.err.Error() }
func (e nonRetriable) Unwrap() error { return e.err }

// NonRetriable tells azcore not to retry.
func (nonRetriable) NonRetriable() {}

// userAgentPolicy names this library in the User-Agent of token requests.
type userAgentPolicy struct{}

// Do sets User-Agent.
func (userAgentPolicy) Do(req *policy.Request) (*http.Response, error) {
	req.Raw().Header.Set(headerUserAgent, userAgent)
	return req.Next()
}

// errTokenUnchanged ends the handling of a 401 when the credential has
// no other token to offer: sending the refused token again is pointless.
var errTokenUnchanged = errors.New("the credential returned the token the service refused")

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
			return errTokenUnchanged
		}
		return nil
	}
}
