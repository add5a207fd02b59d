// Package pipeline assembles the azcore pipeline every call of the client
// goes through (headers, retries, rate limit, host guard, bearer token,
// logging, tracing, the guarded transport) and adapts it to the generated
// client's HTTP doer.
package pipeline

import (
	"context"
	"net/http"
	"net/url"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/partnercenter-go/partnercenter/internal/ratelimit"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

// Header names the client sends or reads.
const (
	HeaderRequestID     = "MS-RequestId"
	HeaderCorrelationID = "MS-CorrelationId"
	headerLocale        = "X-Locale"
	headerApplication   = "MS-PartnerCenter-Application"
	headerUserAgent     = "User-Agent"
	headerAccept        = "Accept"
)

// TracingNamespace is the az.namespace attribute of this client's spans.
const TracingNamespace = "Microsoft.PartnerCenter"

// loggedHeaders are header values azcore's logging policy may print: the
// IDs a support request needs. Authorization is never among them.
var loggedHeaders = []string{
	HeaderRequestID, HeaderCorrelationID, "MS-CV", "MS-ServerId",
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

// Options configure New.
type Options struct {
	// Client are the caller's azcore options (ClientOptions.ClientOptions).
	Client azcore.ClientOptions
	// Credential and Scope give the bearer token.
	Credential azcore.TokenCredential
	Scope      string
	// Endpoint is the API's base URL, without the version.
	Endpoint *url.URL
	// BasePath is the versioned base path, with a trailing slash
	// ("/v1/"), after which a request path names its customer.
	BasePath string
	// Limiter is the client-side rate limiter, nil for none.
	Limiter *ratelimit.Limiter
	// Locale and Application are sent as X-Locale and
	// MS-PartnerCenter-Application; empty means not sent.
	Locale, Application string
	// MaxBody caps a 2xx answer's body (zero: transport.DefaultMaxBody).
	MaxBody int64
	// Module and Version name the library in telemetry.
	Module, Version string
}

// New assembles the azcore client (pipeline and tracer):
//
//	per call:  User-Agent (azcore's telemetry value) and the Partner Center
//	           headers (MS-RequestId, MS-CorrelationId, X-Locale, ...); the
//	           caller's PerCallPolicies
//	retry:     azcore retry policy (408, 429, 5xx, connection errors)
//	per try:   one policy (tryPolicy) that ends the retries when a wait cannot
//	           fit in the deadline, waits for the rate limiter, starts the try
//	           timeout, refuses a foreign host and hands the request to azcore's
//	           bearer token policy (which sends once more with a fresh token
//	           after a 401 challenge); the caller's PerRetryPolicies
//	then:      azcore logging, HTTP trace span, body download
//	transport: transport.Guarded (no redirect followed, bodies capped, secrets
//	           scrubbed from answers, quirks evened out, waits normalised)
//
// MS-RequestId is set before the retry policy, so every try of one call
// carries the same value. The steps of one call and of one try are each
// one policy rather than a policy each, in the order they had as separate
// policies: every policy costs an allocation and an indirect call per
// request, and these run on every call.
//
// When the caller's Logging.IncludeBody is set, a second client is returned
// for the operations whose answer holds a secret (a new administrator's or
// user's password, which no scrubber knows): it shares the per-try
// policy (so the token cache and the rate limiter) and logs no bodies.
// Otherwise the second client is the first.
func New(o Options) (az, secretAz *azcore.Client, err error) {
	try := &tryPolicy{
		waitFits: newWaitFits(RetryOptions(o.Client.Retry)),
		limiter:  o.Limiter,
		basePath: o.BasePath,
		// The try timeout starts after the limiter: time spent queueing for
		// a token is not time the service spends answering.
		timeout: o.Client.Retry.TryTimeout,
		scheme:  o.Endpoint.Scheme,
		host:    o.Endpoint.Host,
	}
	// An http endpoint (loopback only, see check.Endpoint) gets no bearer
	// policy at all: the token never travels over plain http.
	if o.Endpoint.Scheme == "https" {
		try.bearer = runtime.NewBearerTokenPolicy(o.Credential, []string{o.Scope}, &policy.BearerTokenOptions{
			AuthorizationHandler: policy.AuthorizationHandler{OnChallenge: reauthorize(o.Scope)},
		})
	}
	userAgent := telemetryValue(o.Module, "v"+o.Version, o.Client.Telemetry)
	build := func(logBodies bool) (*azcore.Client, error) {
		azo := o.Client
		azo.Retry = RetryOptions(o.Client.Retry)
		azo.Logging = SafeLogOptions(o.Client.Logging)
		azo.Logging.IncludeBody = logBodies
		azo.Transport = transport.New(o.Client.Transport, o.MaxBody, logBodies)
		// callPolicy sends the User-Agent azcore's telemetry policy would.
		azo.Telemetry.Disabled = true
		return azcore.NewClient(o.Module, "v"+o.Version, runtime.PipelineOptions{
			AllowedHeaders: loggedHeaders,
			PerCall:        []policy.Policy{newCallPolicy(userAgent, o.Locale, o.Application, logBodies)},
			PerRetry:       []policy.Policy{try},
			Tracing:        runtime.TracingOptions{Namespace: TracingNamespace},
		}, &azo)
	}
	if az, err = build(o.Client.Logging.IncludeBody); err != nil || !o.Client.Logging.IncludeBody {
		return az, az, err
	}
	secretAz, err = build(false)
	return az, secretAz, err
}

// telemetryValue returns the User-Agent azcore's telemetry policy sends
// for module and version with the caller's telemetry options (application
// ID first, then azsdk-go-MODULE/VERSION and the platform), or "" when
// telemetry is disabled. It asks the policy itself, on a request that goes
// nowhere, so that the value stays azcore's.
func telemetryValue(module, version string, o policy.TelemetryOptions) string {
	if o.Disabled {
		return ""
	}
	req, err := runtime.NewRequest(context.Background(), http.MethodGet, "https://localhost")
	if err != nil {
		return ""
	}
	_, _ = runtime.NewTelemetryPolicy(module, version, &o).Do(req) // sets the header; then there is no next policy
	return req.Raw().Header.Get(headerUserAgent)
}

// RetryOptions returns the caller's retry options with this client's
// retried status codes (when the caller named none) and without
// TryTimeout, which tryPolicy applies after the rate limiter
// (azcore's own would start before it).
func RetryOptions(r policy.RetryOptions) policy.RetryOptions {
	if r.StatusCodes == nil {
		r.StatusCodes = retriedStatusCodes
	}
	r.TryTimeout = 0
	return r
}

// SafeLogOptions drops headers that must never be logged from the caller's
// allow list.
func SafeLogOptions(l policy.LogOptions) policy.LogOptions {
	out := l
	out.AllowedHeaders = nil
	for _, h := range l.AllowedHeaders {
		if !neverLogged[strings.ToLower(h)] {
			out.AllowedHeaders = append(out.AllowedHeaders, h)
		}
	}
	return out
}

// Doer adapts an azcore pipeline to the generated client's
// HttpRequestDoer: the generated code builds the *http.Request, the
// pipeline (headers, retries, token, logging) sends it.
type Doer struct {
	Pipeline runtime.Pipeline
}

// Do sends r through the pipeline.
func (d *Doer) Do(r *http.Request) (*http.Response, error) {
	req, err := runtime.NewRequestFromRequest(r)
	if err != nil {
		return nil, err
	}
	return d.Pipeline.Do(req)
}
