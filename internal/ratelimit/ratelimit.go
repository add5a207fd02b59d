// Package ratelimit is the client-side rate limiter: a token bucket per
// customer tenant (or one for the whole partner), at most a fixed number
// of them in least-recently-used order, waited for before every try.
package ratelimit

import (
	"container/list"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/errs"
	"golang.org/x/time/rate"
)

// DefaultRequestsPerMinute is Partner Center's documented limit for the
// customer resource: 500 requests per minute per tenant.
const DefaultRequestsPerMinute = 500

// Options are wrapper.RateLimitOptions, whose doc says what each field
// means; the wrapper converts one into the other.
type Options struct {
	RequestsPerMinute int
	Burst             int
	PartnerWide       bool
}

// partnerKey is the bucket of calls that name no customer.
const partnerKey = "partner"

// maxIdleBuckets bounds the bucket map: beyond it, the bucket used least
// recently is dropped. With more tenants than this busy within one refill
// period (Burst/rate), a dropped tenant starts again with a full bucket, so
// the limit then holds only approximately.
const maxIdleBuckets = 4096

// Limiter holds one token bucket per key, at most maxIdleBuckets of
// them, in least-recently-used order: finding, creating and dropping a
// bucket each cost the same whatever the number of tenants.
type Limiter struct {
	limit       rate.Limit
	burst       int
	partnerWide bool

	mu      sync.Mutex
	buckets map[string]*list.Element // of *bucketEntry
	lru     list.List                // front: used most recently
}

// bucketEntry is an element of Limiter.lru.
type bucketEntry struct {
	key string
	lim *rate.Limiter
}

// New checks o and builds the limiter.
func New(o Options) (*Limiter, error) {
	if o.RequestsPerMinute < 0 || o.Burst < 0 {
		return nil, fmt.Errorf("%w: rate limit needs non-negative RequestsPerMinute and Burst (got %d, %d)", errs.ErrInvalidInput, o.RequestsPerMinute, o.Burst)
	}
	rpm := o.RequestsPerMinute
	if rpm == 0 {
		rpm = DefaultRequestsPerMinute
	}
	burst := o.Burst
	if burst == 0 {
		burst = max(rpm/60, 1)
	}
	return &Limiter{
		limit:       rate.Limit(float64(rpm) / time.Minute.Seconds()),
		burst:       burst,
		partnerWide: o.PartnerWide,
		buckets:     make(map[string]*list.Element),
	}, nil
}

// bucket returns the limiter of key, creating it when needed.
func (l *Limiter) bucket(key string) *rate.Limiter {
	l.mu.Lock()
	defer l.mu.Unlock()
	if e, ok := l.buckets[key]; ok {
		l.lru.MoveToFront(e)
		return e.Value.(*bucketEntry).lim
	}
	if len(l.buckets) >= maxIdleBuckets {
		if old := l.lru.Back(); old != nil {
			delete(l.buckets, old.Value.(*bucketEntry).key)
			l.lru.Remove(old)
		}
	}
	b := rate.NewLimiter(l.limit, l.burst)
	l.buckets[key] = l.lru.PushFront(&bucketEntry{key: key, lim: b})
	return b
}

// Wait waits for a token of the bucket of req before a try (or gives up
// when its context ends, with an error azcore does not retry); basePath is
// the versioned base path ("/v1/"), after which a request path names its
// customer. The pipeline's per-try policy calls it.
func (l *Limiter) Wait(req *http.Request, basePath string) error {
	key := partnerKey
	if !l.partnerWide {
		key = limiterKey(req.URL.Path, basePath)
	}
	if err := wait(req.Context(), l.bucket(key)); err != nil {
		return errs.NonRetriable{Err: fmt.Errorf("client-side rate limit: %w", err)}
	}
	return nil
}

// wait takes a token from b, sleeping as long as needed. When the context
// ends first (or its deadline comes before the token would), it gives the
// token back and returns the context's error at once.
func wait(ctx context.Context, b *rate.Limiter) error {
	r := b.Reserve()
	if !r.OK() {
		return errors.New("burst too small")
	}
	delay := r.Delay()
	if delay == 0 {
		return nil
	}
	if d, ok := ctx.Deadline(); ok && time.Until(d) < delay {
		r.Cancel()
		return fmt.Errorf("waiting %v would pass the context deadline: %w", delay.Round(time.Millisecond), context.DeadlineExceeded)
	}
	t := time.NewTimer(delay)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		r.Cancel()
		return ctx.Err()
	}
}

// limiterKey returns the customer ID of a path under basePath
// ("customers/{id}/..."), lower-cased, or partnerKey.
func limiterKey(path, basePath string) string {
	rest, ok := strings.CutPrefix(path, basePath)
	if !ok {
		return partnerKey
	}
	rest, ok = strings.CutPrefix(rest, "customers/")
	if !ok || len(rest) < check.GUIDLen {
		return partnerKey
	}
	id := rest[:check.GUIDLen]
	if len(rest) > check.GUIDLen && rest[check.GUIDLen] != '/' {
		return partnerKey
	}
	if !check.GUID(id) {
		return partnerKey
	}
	return strings.ToLower(id)
}
