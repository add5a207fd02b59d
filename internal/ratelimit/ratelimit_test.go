package ratelimit

import (
	"fmt"
	"testing"
	"time"
)

const testCustomerID = "aaaabbbb-0000-cccc-1111-dddd2222eeee"

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

func TestRateLimitDefaults(t *testing.T) {
	t.Parallel()
	l, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := float64(l.limit) * 60; got < 499.9 || got > 500.1 {
		t.Errorf("default rate = %v per minute, want 500", got)
	}
	if l.burst != 8 {
		t.Errorf("default burst = %d, want 8", l.burst)
	}
	l2, _ := New(Options{RequestsPerMinute: 10})
	if l2.burst != 1 {
		t.Errorf("burst for 10/min = %d, want 1", l2.burst)
	}
}

func TestRateLimitBucketsAreBounded(t *testing.T) {
	t.Parallel()
	l, _ := New(Options{RequestsPerMinute: 6000})
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
	l, _ := New(Options{RequestsPerMinute: 1})
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
