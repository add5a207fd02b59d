package wrapper

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"
)

func TestLimiterKey(t *testing.T) {
	t.Parallel()
	const base = "/pc/v1/"
	tests := map[string]string{
		"/pc/v1/customers/" + testCustomerID:                       testCustomerID,
		"/pc/v1/customers/AAAABBBB-0000-CCCC-1111-DDDD2222EEEE/x":  testCustomerID,
		"/pc/v1/customers/" + testCustomerID + "/profiles/billing": testCustomerID,
		"/pc/v1/customers":                                     partnerKey,
		"/pc/v1/customers/" + testCustomerID + "x":             partnerKey,
		"/pc/v1/customers/not-a-guid-but-36-characters-long!!": partnerKey,
		"/pc/v1/domains/contoso.com":                           partnerKey,
		"/other/customers/" + testCustomerID:                   partnerKey,
	}
	for path, want := range tests {
		if got := limiterKey(path, base); got != want {
			t.Errorf("limiterKey(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestRateLimitIsPerTenant(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, jsonHandler(http.StatusOK, customerJSON))
	// One request per minute with a burst of one: the second call for the
	// same tenant would wait about a minute.
	c := ts.client(func(o *ClientOptions) { o.RateLimit = &RateLimitOptions{RequestsPerMinute: 1, Burst: 1} })
	ctx := testCtx(t)
	if _, err := c.GetCustomer(ctx, testCustomerID, nil); err != nil {
		t.Fatal(err)
	}
	short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	defer cancel()
	_, err := c.GetCustomerCustomDomains(short, testCustomerID, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("second call for the same tenant: err = %v, want to wait past the deadline", err)
	}
	// Another tenant and partner-level calls have their own buckets.
	if _, err := c.GetCustomer(ctx, "0b4ad2fd-5e6c-4a2f-9a8e-1c2d3e4f5a6b", nil); err != nil {
		t.Errorf("other tenant: %v", err)
	}
	if _, err := c.CheckDomainAvailability(ctx, "contoso.com", nil); err != nil {
		t.Errorf("partner bucket: %v", err)
	}
	if n := len(ts.requests()); n != 3 {
		t.Errorf("requests = %d, want 3 (the limited call never left)", n)
	}
}

// TestRateLimitWaitIsNotATry shows that queueing for the limiter is bounded
// by the call's context, not by RetryOptions.TryTimeout: the second call
// waits about 500ms for its token although each try may last only 100ms.
func TestRateLimitWaitIsNotATry(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, jsonHandler(http.StatusOK, customerJSON))
	c := ts.client(func(o *ClientOptions) {
		o.RateLimit = &RateLimitOptions{RequestsPerMinute: 120, Burst: 1}
		o.Retry.TryTimeout = 100 * time.Millisecond
	})
	ctx := testCtx(t)
	for i := range 2 {
		if _, err := c.GetCustomer(ctx, testCustomerID, nil); err != nil {
			t.Fatalf("call %d: %v", i+1, err)
		}
	}
	if n := len(ts.requests()); n != 2 {
		t.Errorf("requests = %d, want 2", n)
	}
}

func TestRateLimitPartnerWide(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, jsonHandler(http.StatusOK, customerJSON))
	// One bucket for everything: after one call, a call for another tenant
	// (or naming none) waits about a minute too.
	c := ts.client(func(o *ClientOptions) {
		o.RateLimit = &RateLimitOptions{RequestsPerMinute: 1, Burst: 1, PartnerWide: true}
	})
	ctx := testCtx(t)
	if _, err := c.GetCustomer(ctx, testCustomerID, nil); err != nil {
		t.Fatal(err)
	}
	for name, call := range map[string]func(context.Context) error{
		"other tenant": func(ctx context.Context) error {
			_, err := c.GetCustomer(ctx, "0b4ad2fd-5e6c-4a2f-9a8e-1c2d3e4f5a6b", nil)
			return err
		},
		"partner-level call": func(ctx context.Context) error {
			_, err := c.CheckDomainAvailability(ctx, "contoso.com", nil)
			return err
		},
	} {
		short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
		err := call(short)
		cancel()
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: err = %v, want to wait past the deadline", name, err)
		}
	}
	if n := len(ts.requests()); n != 1 {
		t.Errorf("requests = %d, want 1 (the limited calls never left)", n)
	}
}

func TestRateLimitDefaults(t *testing.T) {
	t.Parallel()
	l, err := newTenantLimiter(RateLimitOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := float64(l.limit) * 60; got < 499.9 || got > 500.1 {
		t.Errorf("default rate = %v per minute, want 500", got)
	}
	if l.burst != 8 {
		t.Errorf("default burst = %d, want 8", l.burst)
	}
	l2, _ := newTenantLimiter(RateLimitOptions{RequestsPerMinute: 10})
	if l2.burst != 1 {
		t.Errorf("burst for 10/min = %d, want 1", l2.burst)
	}
}

func TestRateLimitBucketsAreBounded(t *testing.T) {
	t.Parallel()
	l, _ := newTenantLimiter(RateLimitOptions{RequestsPerMinute: 6000})
	for i := range maxIdleBuckets + 10 {
		l.bucket(string(rune('a'+i%26)) + time.Duration(i).String())
	}
	if n := len(l.buckets); n > maxIdleBuckets {
		t.Errorf("buckets = %d, want at most %d", n, maxIdleBuckets)
	}
}

// TestRateLimitManyTenants: 100,000 tenants at a low rate keep the bucket
// map at maxIdleBuckets, and each call costs the same: the whole run takes
// well under the budget (a scan of the map per call took minutes).
func TestRateLimitManyTenants(t *testing.T) {
	t.Parallel()
	l, _ := newTenantLimiter(RateLimitOptions{RequestsPerMinute: 1})
	const tenants = 100_000
	keys := make([]string, tenants)
	for i := range keys {
		keys[i] = fmt.Sprintf("%08x-0000-0000-0000-000000000000", i)
	}
	start := time.Now()
	for i, k := range keys {
		if !l.bucket(k).Allow() {
			t.Fatalf("tenant %d: first request refused", i)
		}
		if i%1000 == 0 && time.Since(start) > 5*time.Second {
			t.Fatalf("%d tenants took %v: the per-call cost grows with the number of tenants", i, time.Since(start))
		}
	}
	if n := len(l.buckets); n > maxIdleBuckets || l.lru.Len() != n {
		t.Errorf("buckets = %d (list %d), want at most %d", n, l.lru.Len(), maxIdleBuckets)
	}
	// A recently used tenant keeps its bucket (and its spent token).
	if l.bucket(keys[tenants-1]).Allow() {
		t.Error("the most recent tenant's bucket was dropped")
	}
}
