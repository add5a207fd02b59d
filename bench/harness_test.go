package bench

import (
	"testing"

	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// The tests below run each benchmark's machinery once at a small size, so
// that `make test` catches a broken harness; they check what the harness
// counts, not how fast anything is.

func TestGetters(t *testing.T) {
	t.Parallel()
	cs := newCannedServer(t, newCustomerBodies(t, 1))
	plain, generated, wrapped := getters(t, cs, cs.Client())
	for name, get := range map[string]getter{"plain": plain, "generated": generated, "wrapper": wrapped} {
		if err := get(t.Context()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if n := cs.Conns(); n != 1 {
		t.Errorf("connections = %d, want 1: the three clients share one keep-alive connection", n)
	}
}

func TestFetchConcurrently(t *testing.T) {
	t.Parallel()
	if !systemTrustsTestCert {
		t.Skip(noSystemTrust)
	}
	const n = 300
	r := fetchConcurrently(t.Context(), t, newCustomerBodies(t, n), 8)
	if r.fetched != n || r.errors != 0 {
		t.Errorf("fetched %d of %d, %d errors", r.fetched, n, r.errors)
	}
	if r.conns < 1 {
		t.Errorf("connections = %d, want at least one counted", r.conns)
	}
}

func TestFetchThrottled(t *testing.T) {
	t.Parallel()
	if !systemTrustsTestCert {
		t.Skip(noSystemTrust)
	}
	// 30 customers against a bucket of 10 refilled at 10/s: about two
	// seconds either way.
	const n, rate = 30, 10
	ids := throttleIDs(n)
	if len(ids) != n || ids[0] != fake.DocumentedCustomerID || ids[1] != fake.ContosoCustomerID {
		t.Fatalf("throttleIDs(%d) = %d IDs starting with %v", n, len(ids), ids[:min(2, len(ids))])
	}
	for name, limit := range map[string]bool{"limiter": true, "no-limiter": false} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := fake.NewTestServer(t, &fake.Options{ExtraCustomers: n})
			r := fetchThrottled(t.Context(), t, s, ids, rate, 8, limit)
			if r.fetched != n || r.errors != 0 {
				t.Errorf("fetched %d of %d, %d errors", r.fetched, n, r.errors)
			}
			// Every request either got its customer or a 429 that was
			// retried.
			if r.tries != int64(r.fetched)+r.throttled {
				t.Errorf("%d requests, want %d customers + %d throttled", r.tries, r.fetched, r.throttled)
			}
			// Without the limiter, 30 requests at once cannot all pass a
			// bucket of 10.
			if !limit && r.throttled == 0 {
				t.Error("no 429 counted")
			}
			// Retry-After is honoured.
			if r.retriedAfter429 > 0 && r.minRetryWait < throttleRetryAfter {
				t.Errorf("retried %v after a 429 with Retry-After %v", r.minRetryWait, throttleRetryAfter)
			}
		})
	}
}

func TestListWithHeapSampling(t *testing.T) {
	t.Parallel()
	const n = 1200 // three pages
	r := listWithHeapSampling(t.Context(), t, startFakeChild(t, n))
	if r.listed != n {
		t.Errorf("listed %d customers, want %d", r.listed, n)
	}
	if r.baseline == 0 || r.peak < r.baseline || r.peakLive == 0 {
		t.Errorf("heap: baseline %d, peak %d, live %d: want 0 < baseline <= peak and a live heap", r.baseline, r.peak, r.peakLive)
	}
}
