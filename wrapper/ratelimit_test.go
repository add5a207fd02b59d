package wrapper

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

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
