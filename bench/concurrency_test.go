package bench

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnercenter-go/partnercenter/wrapper"
)

// Sizes of BenchmarkConcurrentGets.
const (
	concurrentWorkers   = 64
	concurrentCustomers = 10_000
)

// concurrentResult is what one run of fetchConcurrently measured.
type concurrentResult struct {
	elapsed time.Duration
	fetched int
	errors  int
	conns   int64 // connections the server accepted during the run
}

// fetchConcurrently starts a canned server holding the customers and has
// workers goroutines fetch each of them once through a new wrapper client
// with the default transport (nil ClientOptions.Transport), which is what
// callers get unless they bring their own.
func fetchConcurrently(ctx context.Context, tb testing.TB, bodies *customerBodies, workers int) concurrentResult {
	tb.Helper()
	cs := newCannedServer(tb, bodies, nil)
	c := newWrapperClient(tb, wrapper.StaticTokenCredential(benchToken, time.Now().Add(time.Hour)), cs.URL(), nil)
	var fetched atomic.Int64
	start := time.Now()
	failed := fanOut(tb, bodies.ids, workers, &fetched, func(id string) error {
		cust, err := c.GetCustomer(ctx, id, nil)
		if err == nil && (cust.ID == nil || *cust.ID != id) {
			err = fmt.Errorf("got customer %v", cust.ID)
		}
		return err
	})
	res := concurrentResult{
		elapsed: time.Since(start),
		fetched: int(fetched.Load()),
		errors:  failed,
		conns:   cs.Conns(),
	}
	cs.srv.Close()
	return res
}

// BenchmarkConcurrentGets has 64 goroutines fetch 10,000 customers through
// one wrapper client with the default transport, from a canned TLS server
// speaking HTTP/1.1 (so that every request in flight needs a connection of
// its own). Each iteration uses a new server, so the connections it counts
// are the ones the run opened. It reports customers/s, the connections
// opened (conns, at most the concurrency when they are reused), and the
// workers and customers of the run.
func BenchmarkConcurrentGets(b *testing.B) {
	if !systemTrustsTestCert {
		b.Skip(noSystemTrust)
	}
	bodies := newCustomerBodies(b, concurrentCustomers)
	var total concurrentResult
	for b.Loop() {
		r := fetchConcurrently(b.Context(), b, bodies, concurrentWorkers)
		if r.errors > 0 || r.fetched != concurrentCustomers {
			b.Fatalf("fetched %d of %d customers, %d errors", r.fetched, concurrentCustomers, r.errors)
		}
		total.elapsed += r.elapsed
		total.fetched += r.fetched
		total.conns = max(total.conns, r.conns)
	}
	b.ReportMetric(float64(total.fetched)/total.elapsed.Seconds(), "customers/s")
	b.ReportMetric(float64(total.conns), "conns")
	b.ReportMetric(concurrentWorkers, "workers")
	b.ReportMetric(concurrentCustomers, "customers")
}
