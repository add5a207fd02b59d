package wrapper

import (
	"bytes"
	"context"
	"mime"
	"net/http"
	"strings"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/errbody"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

// The custom operations of the "Domains" tag.

// CheckDomainAvailability tells whether domain (such as
// "contoso.onmicrosoft.com") is free: true when no tenant uses it (the
// service answers 404), false when it is taken (200). Other answers are
// errors. It is a read and is retried.
func (c *Client) CheckDomainAvailability(ctx context.Context, domain string, opts *CheckDomainAvailabilityOptions) (available bool, err error) {
	if err := check.InputDomain(domain); err != nil {
		return false, err
	}
	r, resp, err := invokeWith(ctx, c, gen.OperationCheckDomainAvailability, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.CheckDomainAvailability(ctx, domain, nil, edit)
	}, gen.ParseCheckDomainAvailabilityResponse, func(status int) bool {
		return status == http.StatusOK || status == http.StatusNotFound
	}, false)
	if err != nil {
		return false, err
	}
	if r.StatusCode() == http.StatusNotFound && foreignNotFound(resp) {
		// A gateway's page says nothing about the domain (notfound.go).
		defer transport.Drain(resp)
		return false, newResponseError(gen.OperationCheckDomainAvailability, resp)
	}
	return r.StatusCode() == http.StatusNotFound, nil
}

// foreignNotFound reports whether a 404 answer is plainly not Partner
// Center's own "no such resource": one labelled as anything but JSON (a
// gateway's or proxy's text/html page), or whose body is not JSON.
// Partner Center answers the domain check (HEAD) with no body, and its
// error bodies are JSON. CheckDomainAvailability reads a 404 as "the
// domain is free" only when this is false; otherwise the answer is an
// error, since a gateway that lost the route says nothing about the domain.
// The body, if any, stays readable (azcore buffers it).
func foreignNotFound(resp *http.Response) bool {
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil {
			return true
		}
		if mt != "application/json" && mt != "text/json" && !strings.HasSuffix(mt, "+json") {
			return true
		}
	}
	b := bytes.TrimSpace(errbody.TrimBOM(transport.Payload(resp)))
	return len(b) > 0 && b[0] != '{' && b[0] != '['
}
