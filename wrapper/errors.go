package wrapper

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/errs"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

// Error categories. Check them with errors.Is; a *ResponseError matches the
// category of its HTTP status, and validation errors raised before any
// network I/O wrap ErrInvalidInput.
var (
	// ErrInvalidInput reports an argument or option refused by the client
	// before any request was sent (a malformed customer ID, an http://
	// endpoint, a next link to another host, ...).
	ErrInvalidInput = errs.ErrInvalidInput
	// ErrBadRequest matches HTTP 400 answers.
	ErrBadRequest = errors.New("bad request")
	// ErrUnauthorized matches HTTP 401 answers: the token is missing,
	// expired or for the wrong audience.
	ErrUnauthorized = errs.ErrUnauthorized
	// ErrForbidden matches HTTP 403 answers: the partner lacks the
	// relationship or the GDAP roles the operation needs.
	ErrForbidden = errors.New("forbidden")
	// ErrNotFound matches HTTP 404 answers.
	ErrNotFound = errors.New("not found")
	// ErrConflict matches HTTP 409 answers.
	ErrConflict = errors.New("conflict")
	// ErrPreconditionFailed matches HTTP 412 answers: the If-Match ETag is
	// stale; read the resource again.
	ErrPreconditionFailed = errors.New("precondition failed")
	// ErrThrottled matches HTTP 429 answers that were still throttled once
	// the retries were spent. ResponseError.RetryAfter says how long to wait.
	ErrThrottled = errors.New("throttled")
	// ErrServer matches HTTP 5xx answers, and 408 Request Timeout: the
	// service failed, was unavailable or gave up. 408, 500, 502, 503 and
	// 504 are retried before the error is returned; 501 and other 5xx
	// statuses are not.
	ErrServer = errors.New("server error")
	// ErrMalformedResponse matches a 2xx answer the client could not use:
	// an empty, truncated or non-JSON body where JSON was due (for example
	// a proxy's HTML page sent with 200), or an unexpected 2xx status. The
	// *ResponseError carries the status, the IDs and, in Err, the decoding
	// error. Such answers are not retried: the service did answer, and an
	// update may have been applied.
	ErrMalformedResponse = errors.New("malformed response")
	// ErrNotInCloud reports an operation that does not exist in the cloud
	// the client is configured for (such as the Microsoft Customer Agreement
	// outside the public cloud). It is returned, wrapped with
	// ErrInvalidInput, before any request is sent.
	ErrNotInCloud = errors.New("operation not available in this cloud")
)

// DefaultMaxResponseBody is the cap on the body of a successful answer
// when ClientOptions.MaxResponseBody is zero: 32 MiB, counted after
// decompression. A page of customers is a few hundred kilobytes at most.
const DefaultMaxResponseBody = transport.DefaultMaxBody

// Errors of the transport and of listings.
var (
	// ErrResponseTooLarge matches the error of a call whose answer's body
	// was larger than the cap (ClientOptions.MaxResponseBody, or 1 MiB for
	// the token authority). The call is not retried.
	ErrResponseTooLarge = errs.ErrResponseTooLarge
	// ErrRedirect matches the error of a call whose Transport tried to send
	// a second request after the first was answered: to follow a redirect,
	// or to retry on its own. The second request was stopped before it was
	// sent, so the token did not go with it. Partner Center does not
	// redirect; a 3xx that the Transport returns as it is comes back as a
	// *ResponseError instead.
	ErrRedirect = errs.ErrRedirect
	// ErrPagingLoop matches the error that ends a listing (iterator, pager
	// and the command line) whose next links do not lead to an end: a next
	// link or continuation token already followed in this listing, or
	// three empty pages in a row that each still point to a next one.
	ErrPagingLoop = errs.ErrPagingLoop
)

// ResponseError is the error returned for every answer outside 2xx (other
// than the 404 that CheckDomainAvailability reports as "available"), and for
// a 2xx answer whose body could not be decoded (ErrMalformedResponse). Get it
// with errors.As; match its category with errors.Is.
//
// It never holds the access token: only what the service answered and the
// method and path of the request.
type ResponseError struct {
	// StatusCode is the HTTP status of the answer.
	StatusCode int
	// Code is the Partner Center error code, as text (the service sends a
	// number or a string).
	Code string
	// Description is the service's message, or a short sanitized excerpt of
	// a body that was not JSON (for example a gateway's HTML page).
	Description string
	// Data holds further details from the error body, if any.
	Data []any
	// Source is the service component that answered, such as "PartnerFD".
	Source string
	// CorrelationID is the MS-CorrelationId of the call.
	CorrelationID string
	// RequestID is the MS-RequestId of the call.
	RequestID string
	// RetryAfter is the wait the service asked for (Retry-After header, or
	// the text of a 429 body), zero when it gave none.
	RetryAfter time.Duration
	// Method is the HTTP method of the request.
	Method string
	// Path is the URL path of the request, without the query.
	Path string
	// Operation is the operationId in the OpenAPI document, such as
	// "getCustomer".
	Operation string
	// GDAPRoles lists the Entra ID roles the operation needs under granular
	// delegated admin privileges, from the spec's x-gdap-roles. It is filled
	// for 403 answers.
	GDAPRoles []string
	// Err is the decoding error of a malformed 2xx answer
	// (ErrMalformedResponse), nil otherwise. Unwrap returns it.
	Err error

	// refusal, when set, names the refusal an operation's own check found
	// the answer to be (CreateCustomer's domain check), in place of the
	// table's.
	refusal string
}

// noRefusal is ResponseError.refusal for an answer that an operation's
// own check found to be none of the refusals.
const noRefusal = "-"

// matchedRefusal returns the refusal (x-refusals) the answer is, if any.
func (e *ResponseError) matchedRefusal() (gen.Refusal, bool) {
	if e.refusal != "" {
		return gen.LookupRefusal(e.refusal)
	}
	return gen.MatchRefusal(e.Operation, e.StatusCode, e.Code)
}

// Error returns one line meant to be pasted into a support request: status,
// operation, method and path, Partner Center code, description, the roles
// a 403 needs, then the correlation and request IDs.
func (e *ResponseError) Error() string {
	var b strings.Builder
	b.WriteString("partnercenter: ")
	b.WriteString(strconv.Itoa(e.StatusCode))
	if t := http.StatusText(e.StatusCode); t != "" {
		b.WriteByte(' ')
		b.WriteString(t)
	}
	if e.Operation != "" || e.Method != "" || e.Path != "" {
		b.WriteString(" from")
		if e.Operation != "" {
			b.WriteByte(' ')
			b.WriteString(e.Operation)
		}
		if e.Method != "" || e.Path != "" {
			b.WriteString(" (")
			b.WriteString(strings.TrimSpace(e.Method + " " + e.Path))
			b.WriteByte(')')
		}
	}
	if e.Code != "" {
		b.WriteString(": code ")
		b.WriteString(scrub.OneLine(e.Code, 64))
	}
	if e.Description != "" {
		b.WriteString(": ")
		b.WriteString(scrub.OneLine(e.Description, scrub.MaxDescription))
	}
	if e.StatusCode == http.StatusForbidden && len(e.GDAPRoles) > 0 {
		b.WriteString("; the operation needs one of the GDAP roles: ")
		b.WriteString(strings.Join(e.GDAPRoles, ", "))
	}
	if r, ok := e.matchedRefusal(); ok && r.Hint != "" {
		b.WriteString("; ")
		b.WriteString(r.Hint)
	}
	if e.RetryAfter > 0 {
		b.WriteString("; retry after ")
		b.WriteString(e.RetryAfter.String())
	}
	if e.CorrelationID != "" {
		b.WriteString("; MS-CorrelationId=")
		b.WriteString(scrub.OneLine(e.CorrelationID, 64))
	}
	if e.RequestID != "" {
		b.WriteString("; MS-RequestId=")
		b.WriteString(scrub.OneLine(e.RequestID, 64))
	}
	return b.String()
}

// Is reports whether target is the category sentinel of e's status, so that
// errors.Is(err, ErrNotFound) works on a *ResponseError, or the sentinel of
// the refusal the answer is (ErrDomainTaken, ErrNoRelationship, ...: the
// x-refusals of openapi.yaml, whose sentinels zz_generated.go declares). A 2xx status means the answer was malformed: it
// matches ErrMalformedResponse.
func (e *ResponseError) Is(target error) bool {
	if c := categoryOf(e.StatusCode); c != nil && c == target {
		return true
	}
	r, ok := e.matchedRefusal()
	return ok && refusalErrors[r.Name] == target
}

// Unwrap returns Err, the decoding error of a malformed answer, or nil.
func (e *ResponseError) Unwrap() error { return e.Err }

// categoryOf maps an HTTP status to its sentinel, or nil.
func categoryOf(status int) error {
	switch {
	case status >= 200 && status <= 299:
		return ErrMalformedResponse
	case status == http.StatusBadRequest:
		return ErrBadRequest
	case status == http.StatusUnauthorized:
		return ErrUnauthorized
	case status == http.StatusForbidden:
		return ErrForbidden
	case status == http.StatusNotFound:
		return ErrNotFound
	case status == http.StatusConflict:
		return ErrConflict
	case status == http.StatusPreconditionFailed:
		return ErrPreconditionFailed
	case status == http.StatusTooManyRequests:
		return ErrThrottled
	case status == http.StatusRequestTimeout, status >= 500 && status <= 599:
		return ErrServer
	}
	return nil
}
