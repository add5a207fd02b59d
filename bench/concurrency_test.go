package bench

import (
	"context"
	"crypto/tls"
	"fmt"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnercenter-go/partnercenter/wrapper"
)

// Sizes of BenchmarkConcurrentGets.
const (
	concurrentWorkers   = 64
	concurrentCustomers = 10_000
	// concurrentSlices is how many slices the customers are cut in, and
	// concurrentPairs how many pairs of slices (one of each kind) an
	// iteration fetches, going over the customers as many times as it
	// takes (see BenchmarkConcurrentGets).
	concurrentSlices = 4
	concurrentPairs  = 16
)

// concurrentResult is what fetching measured.
type concurrentResult struct {
	elapsed time.Duration
	cpu     time.Duration // the process's CPU time (0: unknown)
	fetched int
	errors  int
}

// rate is the throughput in customers per second.
func (r concurrentResult) rate() float64 { return float64(r.fetched) / r.elapsed.Seconds() }

// add adds o to r.
func (r *concurrentResult) add(o concurrentResult) {
	r.elapsed += o.elapsed
	r.cpu += o.cpu
	r.fetched += o.fetched
	r.errors += o.errors
}

// concurrentFetcher fetches customers concurrently through one client of
// one kind from a canned server of its own, which counts the connections
// the client opens.
type concurrentFetcher struct {
	kind string
	cs   *cannedServer
	get  func(ctx context.Context, id string) error
}

// newConcurrentFetcher starts a canned server holding the customers and
// makes a new client of the kind asked for:
//
//   - "wrapper": a wrapper client with the default transport (nil
//     ClientOptions.Transport), which is what callers get unless they
//     bring their own;
//   - "plain": net/http and encoding/json doing what plainGetCustomer does, over a
//     transport set up as the wrapper's default one is (net/http's
//     defaults with TLS 1.2 or later, at most 64 connections per host and
//     all of them kept for reuse), so that the two differ only in the
//     client's own work. (With net/http's defaults alone, 2 idle
//     connections per host and no limit, most connections would be closed
//     after each call and dialled again, a handshake each.)
//
// The server stops when tb ends.
func newConcurrentFetcher(tb testing.TB, bodies *customerBodies, kind string) *concurrentFetcher {
	tb.Helper()
	f := &concurrentFetcher{kind: kind, cs: newCannedServer(tb, bodies, nil)}
	switch kind {
	case "wrapper":
		c := newWrapperClient(tb, wrapper.StaticTokenCredential(benchToken, time.Now().Add(time.Hour)), f.cs.URL(), nil)
		f.get = func(ctx context.Context, id string) error {
			cust, err := c.GetCustomer(ctx, id, nil)
			if err == nil && (cust.ID == nil || *cust.ID != id) {
				err = fmt.Errorf("got customer %v", cust.ID)
			}
			return err
		}
	case "plain":
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
		tr.ForceAttemptHTTP2 = true
		tr.MaxConnsPerHost = concurrentWorkers
		tr.MaxIdleConnsPerHost = concurrentWorkers
		tr.MaxIdleConns = max(tr.MaxIdleConns, concurrentWorkers)
		tb.Cleanup(tr.CloseIdleConnections)
		hc := &http.Client{Transport: tr}
		base := f.cs.URL() + "/v1/customers/"
		f.get = func(ctx context.Context, id string) error { return plainGetCustomer(ctx, hc, base+id) }
	default:
		tb.Fatalf("unknown kind %q", kind)
	}
	return f
}

// fetch has workers goroutines fetch each of ids once, and measures it.
func (f *concurrentFetcher) fetch(ctx context.Context, tb testing.TB, ids []string, workers int) concurrentResult {
	tb.Helper()
	var fetched atomic.Int64
	cpu, _ := processCPU()
	start := time.Now()
	failed := fanOut(tb, ids, workers, &fetched, func(id string) error { return f.get(ctx, id) })
	res := concurrentResult{elapsed: time.Since(start), fetched: int(fetched.Load()), errors: failed}
	if now, ok := processCPU(); ok {
		res.cpu = now - cpu
	}
	return res
}

// fetchConcurrently fetches every customer of bodies once through a new
// client of the kind asked for (see newConcurrentFetcher), with workers
// goroutines, and returns what it measured and the connections the
// client opened.
func fetchConcurrently(ctx context.Context, tb testing.TB, bodies *customerBodies, workers int, kind string) (concurrentResult, int64) {
	tb.Helper()
	f := newConcurrentFetcher(tb, bodies, kind)
	r := f.fetch(ctx, tb, bodies.ids, workers)
	return r, f.cs.Conns()
}

// BenchmarkConcurrentGets measures the throughput of 64 goroutines
// fetching customers through one client, from a canned TLS server
// speaking HTTP/1.1 (so that every request in flight needs a connection of
// its own) in the same process: the wrapper with its default transport,
// and plain net/http (see newConcurrentFetcher). Each iteration makes a
// new client and a new server of each kind and fetches 40,000 customers
// (the 10,000 four times over) through each, in 16 slices of 2,500 that
// the two kinds take in turn, a pair of slices at a time (plain then
// wrapper, wrapper then plain, ...), so that load from elsewhere on the
// machine and the warming up of the process fall on both alike. It reports customers/s of the wrapper and
// plain_customers/s (over all slices), ratio (the median over the pairs of
// slices of the wrapper's throughput over plain's: a burst of load from
// elsewhere that spoils one slice spoils one pair, which the median
// ignores), ratio_total (of the throughputs over all slices),
// cpu_us/customer and plain_cpu_us/customer (the process's CPU time per
// customer: client and server, which share the process and its two
// cores), conns (the most connections the wrapper's client opened in an
// iteration, at most the concurrency when they are reused) and
// plain_conns, and the workers, the distinct customers and the fetches
// of each kind in an iteration.
func BenchmarkConcurrentGets(b *testing.B) {
	if !systemTrustsTestCert {
		b.Skip(noSystemTrust)
	}
	bodies := newCustomerBodies(b, concurrentCustomers)
	kinds := [2]string{"plain", "wrapper"}
	slice := concurrentCustomers / concurrentSlices
	var total [2]concurrentResult
	var conns [2]int64
	var pairs []float64 // wrapper's rate / plain's, per pair of slices
	for b.Loop() {
		var f [2]*concurrentFetcher
		for k, kind := range kinds {
			f[k] = newConcurrentFetcher(b, bodies, kind)
		}
		for p := range concurrentPairs {
			var pair [2]concurrentResult
			for j := range 2 {
				k := (p + j) % 2 // plain first in even pairs, the wrapper in odd ones
				from := (p % concurrentSlices) * slice
				r := f[k].fetch(b.Context(), b, bodies.ids[from:from+slice], concurrentWorkers)
				if r.errors > 0 || r.fetched != slice {
					b.Fatalf("%s: fetched %d of %d customers, %d errors", kinds[k], r.fetched, slice, r.errors)
				}
				pair[k] = r
				total[k].add(r)
			}
			pairs = append(pairs, pair[1].rate()/pair[0].rate())
		}
		for k := range f {
			conns[k] = max(conns[k], f[k].cs.Conns())
			f[k].cs.srv.Close()
		}
	}
	b.ReportMetric(total[1].rate(), "customers/s")
	b.ReportMetric(total[0].rate(), "plain_customers/s")
	b.ReportMetric(median(pairs), "ratio")
	b.ReportMetric(total[1].rate()/total[0].rate(), "ratio_total")
	for k, prefix := range []string{"plain_", ""} {
		b.ReportMetric(float64(total[k].cpu.Microseconds())/float64(total[k].fetched), prefix+"cpu_us/customer")
	}
	b.ReportMetric(float64(conns[1]), "conns")
	b.ReportMetric(float64(conns[0]), "plain_conns")
	b.ReportMetric(concurrentWorkers, "workers")
	b.ReportMetric(concurrentCustomers, "customers")
	b.ReportMetric(float64(concurrentPairs*slice), "fetches")
}
