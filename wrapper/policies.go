package wrapper

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/google/uuid"
)

// headerPolicy runs once per call, before the retry policy: every try of
// the call shares the MS-RequestId and MS-CorrelationId it sets.
type headerPolicy struct {
	locale      string
	application string
}

// Do sets the Partner Center headers the request lacks.
func (p *headerPolicy) Do(req *policy.Request) (*http.Response, error) {
	h := req.Raw().Header
	if h.Get(headerRequestID) == "" {
		h.Set(headerRequestID, uuid.NewString())
	}
	if h.Get(headerCorrelationID) == "" {
		h.Set(headerCorrelationID, uuid.NewString())
	}
	if p.locale != "" && h.Get(headerLocale) == "" {
		h.Set(headerLocale, p.locale)
	}
	if p.application != "" && h.Get(headerApplication) == "" {
		h.Set(headerApplication, p.application)
	}
	if h.Get(headerAccept) == "" {
		h.Set(headerAccept, "application/json")
	}
	h.Set(headerUserAgent, userAgent)
	return req.Next()
}

// errForeignHost is returned when a request would leave the configured
// endpoint.
var errForeignHost = errors.New("request to a host other than the configured endpoint refused")

// hostGuardPolicy refuses, before the bearer token policy adds a token, any
// request whose scheme or host differs from the configured endpoint.
type hostGuardPolicy struct {
	scheme string
	host   string
}

// Do checks the request URL.
func (p *hostGuardPolicy) Do(req *policy.Request) (*http.Response, error) {
	u := req.Raw().URL
	if !strings.EqualFold(u.Scheme, p.scheme) || !strings.EqualFold(u.Host, p.host) {
		return nil, nonRetriable{err: fmt.Errorf("%w: %w", ErrInvalidInput, errForeignHost)}
	}
	return req.Next()
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
