package wrapper

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// Header names the client sends or reads.
const (
	headerRequestID     = "MS-RequestId"
	headerCorrelationID = "MS-CorrelationId"
	headerLocale        = "X-Locale"
	headerApplication   = "MS-PartnerCenter-Application"
	headerUserAgent     = "User-Agent"
	headerAccept        = "Accept"
	headerContentType   = "Content-Type"
)

// tracingNamespace is the az.namespace attribute of this client's spans.
const tracingNamespace = "Microsoft.PartnerCenter"

// maxErrorBody caps the bytes read from the body of an error answer.
const maxErrorBody = 64 << 10

// loggedHeaders are header values azcore's logging policy may print: the
// IDs a support request needs. Authorization is never among them.
var loggedHeaders = []string{
	headerRequestID, headerCorrelationID, "MS-CV", "MS-ServerId",
	headerLocale, headerApplication,
}

// neverLogged are headers whose values stay redacted whatever the caller
// asks for.
var neverLogged = map[string]bool{
	"authorization":       true,
	"proxy-authorization": true,
	"cookie":              true,
	"set-cookie":          true,
}

// retriedStatusCodes are the answers retried when the caller's
// Retry.StatusCodes is nil.
var retriedStatusCodes = []int{
	http.StatusRequestTimeout,
	http.StatusTooManyRequests,
	http.StatusInternalServerError,
	http.StatusBadGateway,
	http.StatusServiceUnavailable,
	http.StatusGatewayTimeout,
}

// newAzClient assembles the azcore client (pipeline and tracer):
//
//	per call:  headers (MS-RequestId, MS-CorrelationId, X-Locale, ...) and, on the
//	           answer, the service's quirks; the caller's PerCallPolicies
//	retry:     azcore retry policy (408, 429, 5xx, connection errors)
//	per try:   rate limiter, try timeout, host guard and 401 handling, bearer token
//	           (which sends once more with a fresh token after a 401 challenge), the
//	           caller's PerRetryPolicies
//	then:      azcore logging, HTTP trace span, body download
//	transport: guardedTransport (no redirect followed, bodies capped, secrets
//	           scrubbed from answers, waits normalised; see guard.go)
//
// MS-RequestId is set before the retry policy, so every try of one call
// carries the same value.
func newAzClient(cred azcore.TokenCredential, scope string, endpoint *url.URL, basePath string, limiter *tenantLimiter, o *ClientOptions) (*azcore.Client, error) {
	perCall := []policy.Policy{newCallPolicy(o.Locale, o.ApplicationName, o.Logging.IncludeBody)}
	var perRetry []policy.Policy
	if limiter != nil {
		perRetry = append(perRetry, &rateLimitPolicy{limiter: limiter, basePath: basePath})
	}
	if o.Retry.TryTimeout > 0 {
		// The try timeout starts after the limiter: time spent queueing for
		// a token is not time the service spends answering.
		perRetry = append(perRetry, tryTimeoutPolicy{timeout: o.Retry.TryTimeout})
	}
	perRetry = append(perRetry, &hostGuardPolicy{scheme: endpoint.Scheme, host: endpoint.Host})
	if endpoint.Scheme == "https" {
		perRetry = append(perRetry, runtime.NewBearerTokenPolicy(cred, []string{scope}, &policy.BearerTokenOptions{
			AuthorizationHandler: policy.AuthorizationHandler{OnChallenge: reauthorize(scope)},
		}))
	}
	// An http endpoint (loopback only, see parseEndpoint) gets no bearer
	// policy at all: the token never travels over plain http.
	az := o.ClientOptions
	az.Retry = retryOptions(o.Retry)
	az.Logging = safeLogOptions(o.Logging)
	az.Transport = newTransport(o.Transport, o.MaxResponseBody, o.Logging.IncludeBody)
	return azcore.NewClient(moduleName, "v"+Version, runtime.PipelineOptions{
		AllowedHeaders: loggedHeaders,
		PerCall:        perCall,
		PerRetry:       perRetry,
		Tracing:        runtime.TracingOptions{Namespace: tracingNamespace},
	}, &az)
}

// retryOptions returns the caller's retry options with this client's
// retried status codes (when the caller named none) and without
// TryTimeout, which tryTimeoutPolicy applies after the rate limiter
// (azcore's own would start before it).
func retryOptions(r policy.RetryOptions) policy.RetryOptions {
	if r.StatusCodes == nil {
		r.StatusCodes = retriedStatusCodes
	}
	r.TryTimeout = 0
	return r
}

// safeLogOptions drops headers that must never be logged from the caller's
// allow list.
func safeLogOptions(l policy.LogOptions) policy.LogOptions {
	out := l
	out.AllowedHeaders = nil
	for _, h := range l.AllowedHeaders {
		if !neverLogged[strings.ToLower(h)] {
			out.AllowedHeaders = append(out.AllowedHeaders, h)
		}
	}
	return out
}

// pipelineDoer adapts an azcore pipeline to the generated client's
// HttpRequestDoer: the generated code builds the *http.Request, the
// pipeline (headers, retries, token, logging) sends it.
type pipelineDoer struct {
	pl runtime.Pipeline
}

// Do sends r through the pipeline.
func (d *pipelineDoer) Do(r *http.Request) (*http.Response, error) {
	req, err := runtime.NewRequestFromRequest(r)
	if err != nil {
		return nil, err
	}
	return d.pl.Do(req)
}
