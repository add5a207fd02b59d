package wrapper

import (
	"context"

	"github.com/partnercenter-go/partnercenter/internal/invoke"
	"github.com/partnercenter-go/partnercenter/internal/ratelimit"
)

// CallOptions holds the settings every operation accepts. Each XxxOptions
// type embeds it.
type CallOptions struct {
	// CorrelationID is sent as MS-CorrelationId, to tie several calls to one
	// piece of work. It must be a GUID. When empty the context's value (see
	// WithCorrelationID) is used, and failing that a new GUID per call.
	CorrelationID string
	// ValidateMFA sends ValidateMfa: true, which asks the service to check
	// an app+user token as it does once multi-factor authentication is
	// enforced: a token without an MFA claim is then refused with
	// ErrMFARequired. App-only tokens are not affected.
	ValidateMFA bool
}

// embedsCallOptions is satisfied by every options type, through the
// CallOptions it embeds.
type embedsCallOptions interface{ callOptions() CallOptions }

// callOptions returns the CallOptions themselves.
func (o CallOptions) callOptions() CallOptions { return o }

// DefaultRequestsPerMinute is Partner Center's documented limit for the
// customer resource: 500 requests per minute per tenant.
const DefaultRequestsPerMinute = ratelimit.DefaultRequestsPerMinute

// RateLimitOptions configures the client-side rate limiter. Each customer
// tenant named in a request path gets its own token bucket, and calls that
// name no customer (listing customers, checking a domain) share the
// partner's bucket; with PartnerWide, every call shares one bucket. Every
// try counts, retries included. At most 4096 buckets are kept, in
// least-recently-used order.
type RateLimitOptions struct {
	// RequestsPerMinute is the steady rate per bucket; 0 means
	// DefaultRequestsPerMinute.
	RequestsPerMinute int
	// Burst is how many requests may go at once before the rate applies; 0
	// means RequestsPerMinute/60 (8 for the default), at least 1. In any
	// minute a bucket lets through at most RequestsPerMinute + Burst.
	Burst int
	// PartnerWide puts every request in one bucket, for a limit that applies
	// to the partner tenant as a whole rather than to each partner and
	// customer pair (Partner Center documents both kinds).
	PartnerWide bool
}

// WithCorrelationID returns a context whose calls send id as
// MS-CorrelationId (unless CallOptions.CorrelationID says otherwise). The id
// must be a GUID; a malformed one makes each call fail with ErrInvalidInput.
func WithCorrelationID(ctx context.Context, id string) context.Context {
	return invoke.WithCorrelationID(ctx, id)
}
