package wrapper

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/invoke"
	"github.com/partnercenter-go/partnercenter/internal/nextlink"
	"github.com/partnercenter-go/partnercenter/internal/pipeline"
	"github.com/partnercenter-go/partnercenter/internal/ratelimit"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
)

// DefaultAPIVersion is the API version used when ClientOptions.APIVersion
// is empty.
const DefaultAPIVersion = "v1"

// ClientOptions configures a Client. The zero value talks to the public
// cloud, API v1, with azcore's retry defaults and no client-side rate
// limit.
//
// The embedded azcore.ClientOptions are azcore's, with these meanings here:
//   - Cloud selects the deployment through its Services[ServiceName] entry
//     (endpoint and token audience); the zero value means
//     cloud.AzurePublic. See CloudByName and CustomCloud.
//   - Retry: calls are retried on 408, 429, 500, 502, 503 and 504 answers
//     and on connection errors unless StatusCodes says otherwise; waits
//     follow Retry-After. Retry.TryTimeout bounds each try and starts after
//     the client-side rate limiter, not before.
//   - Logging: header values are redacted unless allowed; the IDs Partner
//     Center uses for support (MS-RequestId, MS-CorrelationId, MS-CV,
//     MS-ServerId) are allowed by default, and Authorization, cookies and
//     proxy credentials can never be.
//   - Transport sends the HTTP requests (an *http.Client satisfies it). Nil
//     means a shared client with TLS 1.2 or later and a pool of at most 64
//     connections per host. Redirects are never followed, whatever the
//     transport.
//   - Telemetry, TracingProvider, PerCallPolicies and PerRetryPolicies work
//     as in every azcore client; each operation is one span named after its
//     operationId (see the package documentation).
type ClientOptions struct {
	azcore.ClientOptions

	// APIVersion is the version path segment, "v1" when empty.
	APIVersion string
	// ApplicationName is sent as MS-PartnerCenter-Application.
	ApplicationName string
	// Locale is sent as X-Locale (the service assumes en-US).
	Locale string
	// MaxResponseBody caps the body of a successful answer, in bytes after
	// decompression; a larger answer ends the call with an error matching
	// ErrResponseTooLarge. Zero or less means DefaultMaxResponseBody (32
	// MiB). Error answers are read up to 64 KiB whatever it says.
	MaxResponseBody int64
	// RateLimit turns on a client-side limit of requests per customer
	// tenant (and one for partner-level calls), or for the partner as a
	// whole (RateLimitOptions.PartnerWide). Nil means no limit.
	RateLimit *RateLimitOptions
	// AllowInsecureHTTP permits an http:// endpoint, and only on a loopback
	// host (localhost, 127.0.0.0/8, ::1), for local mocks and proxies.
	// Requests to it carry no token: a bearer token never travels over
	// plain http, and the credential is never asked for one. The project's
	// fake accepts such requests when told to (fake.Options.NoAuth,
	// "partnercenter fake serve --http --no-auth").
	AllowInsecureHTTP bool
}

// Client calls the Partner Center customer API. It is safe for concurrent
// use; create one and share it.
type Client struct {
	raw  *gen.Client
	doer *pipeline.Doer
	// secretRaw sends the operations whose answer holds a secret: raw,
	// or with Logging.IncludeBody a client whose pipeline logs no bodies.
	secretRaw *gen.Client
	rt        invoke.Runtime // the call runtime (call.go)
	base      *url.URL       // endpoint + "/" + version, no trailing slash
	basePath  string         // base.Path + "/"
	links     nextlink.Resolver
	// cloudName is "public", "china" or "usgov" when the configuration is
	// one of azcore's, "" for a custom one.
	cloudName string
	// unavailable holds the operations the spec's x-clouds keeps out of
	// cloudName, refused before any request.
	unavailable map[string][]string
}

// NewClient returns a client that authenticates with cred, which may be any
// azcore.TokenCredential: an azidentity credential, StaticTokenCredential or
// a RefreshTokenCredential. The token scope is the cloud's Partner Center
// audience + "/.default". opts may be nil.
func NewClient(cred azcore.TokenCredential, opts *ClientOptions) (*Client, error) {
	if cred == nil {
		return nil, fmt.Errorf("%w: nil credential", ErrInvalidInput)
	}
	var o ClientOptions
	if opts != nil {
		o = *opts
	}
	svc, err := pipeline.Service(o.Cloud, ServiceName)
	if err != nil {
		return nil, err
	}
	endpoint, err := check.InputEndpoint("endpoint", svc.Endpoint, o.AllowInsecureHTTP)
	if err != nil {
		return nil, err
	}
	version := o.APIVersion
	if version == "" {
		version = DefaultAPIVersion
	}
	if !check.Version(version) {
		return nil, fmt.Errorf("%w: API version %s must be a single path segment such as v1", ErrInvalidInput, scrub.Quote(version))
	}
	if last := endpoint.Path[strings.LastIndex(endpoint.Path, "/")+1:]; strings.EqualFold(last, version) {
		return nil, fmt.Errorf("%w: endpoint %s already ends in the version %s; give the endpoint without it (the client adds /%s)", ErrInvalidInput, scrub.Quote(endpoint.String()), scrub.Quote(version), version)
	}
	if err := check.InputHeader("ApplicationName", o.ApplicationName); err != nil {
		return nil, err
	}
	if err := check.InputHeader("Locale", o.Locale); err != nil {
		return nil, err
	}
	var limiter *ratelimit.Limiter
	if o.RateLimit != nil {
		if limiter, err = ratelimit.New(ratelimit.Options(*o.RateLimit)); err != nil {
			return nil, err
		}
	}

	base := *endpoint
	base.Path = endpoint.Path + "/" + version
	c := &Client{
		base:      &base,
		basePath:  base.Path + "/",
		links:     nextlink.Resolver{Endpoint: endpoint, Base: &base, BasePath: base.Path + "/", Version: version},
		cloudName: pipeline.CloudName(o.Cloud, ServiceName),
	}
	if c.cloudName != "" {
		for _, op := range gen.Operations() {
			if len(op.Clouds) > 0 && !slices.Contains(op.Clouds, c.cloudName) {
				if c.unavailable == nil {
					c.unavailable = map[string][]string{}
				}
				c.unavailable[op.ID] = op.Clouds
			}
		}
	}
	az, secretAz, err := pipeline.New(pipeline.Options{
		Client: o.ClientOptions, Credential: cred, Scope: pipeline.Scope(svc.Audience),
		Endpoint: endpoint, BasePath: c.basePath, Limiter: limiter,
		Locale: o.Locale, Application: o.ApplicationName, MaxBody: o.MaxResponseBody,
		Module: moduleName, Version: Version,
	})
	if err != nil {
		return nil, fmt.Errorf("partnercenter: building the pipeline: %w", err)
	}
	c.rt.Tracer = az.Tracer()
	c.newRuntime()
	c.doer = &pipeline.Doer{Pipeline: az.Pipeline()}
	raw, err := gen.NewClient(base.String()+"/", gen.WithHTTPClient(c.doer))
	if err != nil {
		return nil, fmt.Errorf("partnercenter: building the generated client: %w", err)
	}
	c.raw, c.secretRaw = raw, raw
	if secretAz != az {
		if c.secretRaw, err = gen.NewClient(base.String()+"/", gen.WithHTTPClient(&pipeline.Doer{Pipeline: secretAz.Pipeline()})); err != nil {
			return nil, fmt.Errorf("partnercenter: building the generated client: %w", err)
		}
	}
	return c, nil
}

// BaseURL returns the versioned base URL the client sends requests to, such
// as "https://api.partnercenter.microsoft.com/v1".
func (c *Client) BaseURL() string {
	return c.base.String()
}
