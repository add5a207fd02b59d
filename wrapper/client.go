package wrapper

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/partnercenter-go/partnercenter/gen"
)

// DefaultAPIVersion is the API version used when ClientOptions.APIVersion
// is empty.
const DefaultAPIVersion = "v1"

// ClientOptions configures a Client. The zero value talks to the public
// cloud, API v1, with azcore's retry defaults and no client-side rate limit.
type ClientOptions struct {
	// Cloud selects the deployment. The zero value means CloudPublic. A
	// custom cloud needs Endpoint and Audience.
	Cloud Cloud
	// APIVersion is the version path segment, "v1" when empty.
	APIVersion string
	// ApplicationName is sent as MS-PartnerCenter-Application.
	ApplicationName string
	// Locale is sent as X-Locale (the service assumes en-US).
	Locale string
	// Transport sends the HTTP requests; an *http.Client satisfies it. Nil
	// means a shared client with TLS 1.2 or later and a pool of at most 64
	// connections per host, all kept for reuse (further concurrent calls
	// wait for a free connection).
	Transport policy.Transporter
	// Retry configures retries (see RetryOptions).
	Retry RetryOptions
	// MaxResponseBody caps the body of a successful answer, in bytes after
	// decompression; a larger answer ends the call with an error matching
	// ErrResponseTooLarge. Zero or less means DefaultMaxResponseBody (32
	// MiB). Error answers are read up to 64 KiB whatever it says.
	MaxResponseBody int64
	// RateLimit turns on a client-side limit of requests per customer
	// tenant (and one for partner-level calls), or for the partner as a
	// whole (RateLimitOptions.PartnerWide). Nil means no limit.
	RateLimit *RateLimitOptions
	// Logging configures azcore's logging policy. Header values are
	// redacted unless allowed; the IDs Partner Center uses for support
	// (MS-RequestId, MS-CorrelationId, MS-CV, MS-ServerId) are allowed by
	// default, and Authorization can never be allowed.
	Logging policy.LogOptions
	// AllowInsecureHTTP permits an http:// endpoint, and only on a loopback
	// host (localhost, 127.0.0.0/8, ::1), for local mocks and proxies.
	// Requests to it carry no token: a bearer token never travels over
	// plain http.
	AllowInsecureHTTP bool
}

// RetryOptions configures retries; the semantics are azcore's
// (policy.RetryOptions). Calls are retried on 408, 429, 500, 502, 503 and
// 504 answers and on connection errors.
type RetryOptions struct {
	// MaxRetries is the number of retries after the first try: 0 means 3, a
	// negative value means no retry.
	MaxRetries int32
	// RetryDelay is the base of the exponential backoff (with jitter) used
	// when the answer has no Retry-After: 0 means 800ms.
	RetryDelay time.Duration
	// MaxRetryDelay caps each wait: 0 means 60s, negative means no cap. A
	// Retry-After longer than the cap ends the retries and returns the
	// error, whose RetryAfter field holds the wait asked for.
	MaxRetryDelay time.Duration
	// TryTimeout bounds each single try; 0 means no bound beyond ctx.
	TryTimeout time.Duration
}

// Client calls the Partner Center customer API. It is safe for concurrent
// use; create one and share it.
type Client struct {
	raw      *gen.Client
	doer     *pipelineDoer
	base     *url.URL // endpoint + "/" + version, no trailing slash
	basePath string   // base.Path + "/"
	// customersURL is base + "/customers/", the prefix of per-customer reads.
	customersURL string
	version      string
	endpoint     *url.URL
}

// NewClient returns a client that authenticates with cred, which may be any
// azcore.TokenCredential: an azidentity credential, StaticTokenCredential or
// a RefreshTokenCredential. The token scope is the cloud's
// Audience + "/.default". opts may be nil.
func NewClient(cred azcore.TokenCredential, opts *ClientOptions) (*Client, error) {
	if cred == nil {
		return nil, fmt.Errorf("%w: nil credential", ErrInvalidInput)
	}
	var o ClientOptions
	if opts != nil {
		o = *opts
	}
	cloud := o.Cloud
	if cloud == (Cloud{}) {
		cloud = CloudPublic
	}
	if cloud.Endpoint == "" || cloud.Audience == "" {
		return nil, fmt.Errorf("%w: cloud %s needs both Endpoint and Audience", ErrInvalidInput, quote(cloud.Name))
	}
	endpoint, err := parseEndpoint("endpoint", cloud.Endpoint, o.AllowInsecureHTTP)
	if err != nil {
		return nil, err
	}
	version := o.APIVersion
	if version == "" {
		version = DefaultAPIVersion
	}
	if !validVersion(version) {
		return nil, fmt.Errorf("%w: API version %s must be a single path segment such as v1", ErrInvalidInput, quote(version))
	}
	if last := endpoint.Path[strings.LastIndex(endpoint.Path, "/")+1:]; strings.EqualFold(last, version) {
		return nil, fmt.Errorf("%w: endpoint %s already ends in the version %s; give the endpoint without it (the client adds /%s)", ErrInvalidInput, quote(cloud.Endpoint), quote(version), version)
	}
	if err := checkHeaderValue("ApplicationName", o.ApplicationName); err != nil {
		return nil, err
	}
	if err := checkHeaderValue("Locale", o.Locale); err != nil {
		return nil, err
	}
	var limiter *tenantLimiter
	if o.RateLimit != nil {
		if limiter, err = newTenantLimiter(*o.RateLimit); err != nil {
			return nil, err
		}
	}

	base := *endpoint
	base.Path = endpoint.Path + "/" + version
	c := &Client{
		base:     &base,
		basePath: base.Path + "/",
		version:  version,
		endpoint: endpoint,
	}
	pl := newPipeline(cred, cloud.scope(), endpoint, c.basePath, limiter, &o)
	c.doer = &pipelineDoer{pl: pl}
	raw, err := gen.NewClient(base.String()+"/", gen.WithHTTPClient(c.doer))
	if err != nil {
		return nil, fmt.Errorf("partnercenter: building the generated client: %w", err)
	}
	c.raw = raw
	c.customersURL = base.String() + "/customers/"
	return c, nil
}

// BaseURL returns the versioned base URL the client sends requests to, such
// as "https://api.partnercenter.microsoft.com/v1".
func (c *Client) BaseURL() string {
	return c.base.String()
}

// validVersion accepts a single, plain path segment such as "v1" or
// "v2.1-preview".
func validVersion(v string) bool {
	if v == "" || len(v) > 32 || v == "." || v == ".." {
		return false
	}
	for _, r := range v {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-_", r)) {
			return false
		}
	}
	return true
}
