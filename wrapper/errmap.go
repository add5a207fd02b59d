package wrapper

import (
	"bytes"
	"net/http"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/errbody"
	"github.com/partnercenter-go/partnercenter/internal/invoke"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

// newResponseError builds the error for a non-2xx answer. It reads at most
// transport.MaxErrorBody bytes of the body (the transport enforces the cap) and
// keeps nothing of the request but its method and path.
func newResponseError(op string, resp *http.Response) *ResponseError {
	e := responseErrorBase(op, resp)
	f := errbody.Parse(transport.Payload(resp), invoke.AnswerSecrets(resp)...)
	e.Code, e.Description, e.Data, e.Source = f.Code, f.Description, f.Data, f.Source
	if e.Description == "" {
		e.Description = http.StatusText(resp.StatusCode)
	}
	e.RetryAfter = transport.RetryAfter(resp.Header.Get("Retry-After"), time.Now())
	if e.RetryAfter == 0 && resp.StatusCode == http.StatusTooManyRequests {
		e.RetryAfter = errbody.WaitFromMessage(e.Description)
	}
	if resp.StatusCode == http.StatusForbidden {
		if info, ok := gen.LookupOperation(op); ok {
			e.GDAPRoles = info.GDAPRoles
		}
	}
	return e
}

// newMalformedError builds the error for a 2xx answer whose body could not
// be used: it matches ErrMalformedResponse and carries cause in Err. The
// description names the content type and, for a body that is not JSON
// (such as an HTML page), a short excerpt of it.
func newMalformedError(op string, resp *http.Response, body []byte, cause error) *ResponseError {
	e := responseErrorBase(op, resp)
	e.Err = cause
	secrets := invoke.AnswerSecrets(resp)
	desc := "malformed answer"
	ct := resp.Header.Get("Content-Type")
	//lint:ignore SA1008 deliberately not canonical: no header on the wire can set it (see transport.ServedContentType)
	if served, ok := resp.Header[transport.ServedContentType]; ok && len(served) == 1 {
		ct = served[0]
	}
	if ct != "" {
		desc += " (Content-Type " + ct + ")"
	}
	desc += ": " + cause.Error()
	if info, _ := gen.LookupOperation(op); info.SecretAnswer {
		// The answer may hold a secret no scrubber knows (a new
		// administrator's password): none of it is shown, here or in the
		// span this error ends.
		desc += "; the body is not shown, as it may hold a secret (the operation may have been carried out)"
	} else if b := bytes.TrimSpace(errbody.TrimBOM(body)); len(b) > 0 && b[0] != '{' && b[0] != '[' {
		desc += "; the body starts: " + errbody.Excerpt(b, secrets)
	}
	e.Description = scrub.Line(desc, scrub.MaxDescription, secrets...)
	return e
}

// responseErrorBase returns the error for resp with what every answer
// has: status, operation, method and path, and the IDs (see
// invoke.Answered).
func responseErrorBase(op string, resp *http.Response) *ResponseError {
	a := invoke.Answered(resp)
	return &ResponseError{StatusCode: resp.StatusCode, Operation: op, CorrelationID: a.CorrelationID,
		RequestID: a.RequestID, Method: a.Method, Path: a.Path}
}
