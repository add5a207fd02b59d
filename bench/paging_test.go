package bench

import (
	"context"
	"fmt"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// pagingPageSize is the page size of the paging memory benchmarks (the
// service's largest, and the fake's, is 500).
const pagingPageSize = fake.MaxPageSize

// heapSampleEvery is how often the sampler reads the heap size while a
// listing runs (it also reads it at every page boundary).
const heapSampleEvery = time.Millisecond

// retainedEvery is how many pages apart a listing stops to collect the
// garbage and read what the client still holds (pagingResult.retained).
const retainedEvery = 10

// Heap metrics the sampler reads (runtime/metrics: no stop-the-world).
const (
	metricHeapObjects = "/memory/classes/heap/objects:bytes" // = MemStats.HeapAlloc
	metricHeapLive    = "/gc/heap/live:bytes"                // live heap marked by the last GC
)

// pagingResult is what one listing measured.
type pagingResult struct {
	listed   int
	elapsed  time.Duration
	baseline uint64 // heap objects after a GC, before the listing
	peak     uint64 // largest heap objects size seen during the listing
	peakLive uint64 // largest live heap a GC marked during the listing
	// retained is the largest live heap after a forced garbage
	// collection, every retainedEvery pages of the listing: what the
	// client holds between pages (the page being iterated over included),
	// without the garbage and whatever the collector's timing.
	retained uint64
}

// heapSampler records the largest heap sizes seen.
type heapSampler struct {
	mu       sync.Mutex
	samples  []metrics.Sample
	peak     uint64
	peakLive uint64
}

func newHeapSampler() *heapSampler {
	return &heapSampler{samples: []metrics.Sample{{Name: metricHeapObjects}, {Name: metricHeapLive}}}
}

// sample reads the heap now.
func (h *heapSampler) sample() {
	h.mu.Lock()
	defer h.mu.Unlock()
	metrics.Read(h.samples)
	h.peak = max(h.peak, h.samples[0].Value.Uint64())
	h.peakLive = max(h.peakLive, h.samples[1].Value.Uint64())
}

// run samples every heapSampleEvery until ctx ends.
func (h *heapSampler) run(ctx context.Context) {
	t := time.NewTicker(heapSampleEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			h.sample()
		}
	}
}

// readMetric returns the current value of one runtime metric.
func readMetric(name string) uint64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// lister lists items through c in pages of pageSize, calling visit with
// each item's ID until it returns false.
type lister func(ctx context.Context, c *wrapper.Client, pageSize int, visit func(id *string) bool) error

// listCustomers lists the partner's customers.
func listCustomers(ctx context.Context, c *wrapper.Client, pageSize int, visit func(id *string) bool) error {
	for cust, err := range c.ListCustomers(ctx, &wrapper.ListCustomersOptions{PageSize: pageSize}) {
		if err != nil {
			return err
		}
		if !visit(cust.ID) {
			break
		}
	}
	return nil
}

// listUsers lists the documented customer's user accounts.
func listUsers(ctx context.Context, c *wrapper.Client, pageSize int, visit func(id *string) bool) error {
	for u, err := range c.ListCustomerUsers(ctx, fake.DocumentedCustomerID, &wrapper.ListCustomerUsersOptions{PageSize: int32(pageSize)}) {
		if err != nil {
			return err
		}
		if !visit(u.ID) {
			break
		}
	}
	return nil
}

// listWithHeapSampling lists with list in pages of pagingPageSize from the
// fake fc with a new wrapper client, touching each item, while a
// goroutine samples the heap; every retainedEvery pages it collects the
// garbage and reads the live heap. The fake runs in another process, so
// the heap is the client's: the listing's buffers and decoded pages on top
// of the baseline of the test binary, measured after a GC.
func listWithHeapSampling(ctx context.Context, tb testing.TB, fc *childServer, list lister) pagingResult {
	tb.Helper()
	c := newWrapperClient(tb, fake.NewCredential("bench-token"), fc.URL, fc.Client)
	runtime.GC()
	runtime.GC()
	res := pagingResult{baseline: readMetric(metricHeapObjects)}
	h := newHeapSampler()
	h.sample()
	sctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.run(sctx)
	}()
	start := time.Now()
	var bad error
	err := list(ctx, c, pagingPageSize, func(id *string) bool {
		if id == nil {
			bad = fmt.Errorf("item %d has no ID", res.listed)
			return false
		}
		res.listed++
		if res.listed%pagingPageSize == 0 {
			h.sample()
		}
		if res.listed%(retainedEvery*pagingPageSize) == 0 {
			runtime.GC()
			res.retained = max(res.retained, readMetric(metricHeapLive))
		}
		return true
	})
	res.elapsed = time.Since(start)
	h.sample()
	stop()
	<-done
	if err == nil {
		err = bad
	}
	if err != nil {
		tb.Fatalf("after %d items: %v", res.listed, err)
	}
	res.peak, res.peakLive = h.peak, h.peakLive
	return res
}

// pagingSizes are the listings the paging memory benchmarks compare,
// smallest first; the largest must be a multiple of each.
var pagingSizes = []int{10_000, 100_000}

// benchPagingHeap runs the sub-benchmarks of a paging memory benchmark:
// for each of pagingSizes, listings of that many items from a fake that
// start serves, in pages of pagingPageSize, reporting the client's heap:
//
//   - peak_heap_MB: the largest heap objects size, sampled every
//     millisecond and at each page;
//   - live_heap_MB: the largest live heap a garbage collection marked;
//   - retained_heap_MB: the largest live heap after a forced garbage
//     collection, every retainedEvery pages;
//   - baseline_MB: the heap before a listing (1 MB is 10^6 bytes);
//   - items/s, page_size, and listings: the listings per iteration.
//
// The peaks are maxima over the garbage collections of a run, which vary
// with what is live when each one starts, so the more collections a run
// has, the higher its maxima tend to be. Each iteration therefore lists
// the same number of items whatever the size (10 listings of 10,000
// against one of 100,000), and the values reported are the medians over
// iterations of each iteration's largest, so that one iteration spoilt by
// load from elsewhere on the machine does not decide the result. A
// listing that keeps memory flat shows the same heap for both sizes; one
// that keeps what it listed shows a larger one for the larger, the
// retained heap most plainly.
func benchPagingHeap(b *testing.B, start func(tb testing.TB, items int) *childServer, list lister) {
	largest := slices.Max(pagingSizes)
	for _, n := range pagingSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			fc := start(b, n)
			listings := largest / n
			var peaks, lives, retained []float64
			var baseline uint64
			var elapsed time.Duration
			listed := 0
			for b.Loop() {
				var worst pagingResult
				for range listings {
					r := listWithHeapSampling(b.Context(), b, fc, list)
					if r.listed != n {
						b.Fatalf("listed %d items, want %d", r.listed, n)
					}
					listed += r.listed
					elapsed += r.elapsed
					worst.peak = max(worst.peak, r.peak)
					worst.peakLive = max(worst.peakLive, r.peakLive)
					worst.retained = max(worst.retained, r.retained)
					baseline = max(baseline, r.baseline)
				}
				peaks = append(peaks, mb(worst.peak))
				lives = append(lives, mb(worst.peakLive))
				retained = append(retained, mb(worst.retained))
			}
			b.ReportMetric(median(peaks), "peak_heap_MB")
			b.ReportMetric(median(lives), "live_heap_MB")
			b.ReportMetric(median(retained), "retained_heap_MB")
			b.ReportMetric(mb(baseline), "baseline_MB")
			b.ReportMetric(float64(listed)/elapsed.Seconds(), "items/s")
			b.ReportMetric(pagingPageSize, "page_size")
			b.ReportMetric(float64(listings), "listings")
		})
	}
}

// BenchmarkPagingHeap lists 10,000 and 100,000 customers (ListCustomers)
// from a fake running in a child process; see benchPagingHeap.
func BenchmarkPagingHeap(b *testing.B) {
	benchPagingHeap(b, startFakeChild, listCustomers)
}

// BenchmarkUsersPagingHeap lists 10,000 and 100,000 user accounts of one
// customer (ListCustomerUsers) from a fake running in a child process; see
// benchPagingHeap.
func BenchmarkUsersPagingHeap(b *testing.B) {
	benchPagingHeap(b, func(tb testing.TB, users int) *childServer {
		return startUsersFakeChild(tb, users-documentedUsers(tb))
	}, listUsers)
}

var (
	documentedUsersOnce sync.Once
	documentedUsersN    int
	documentedUsersErr  error
)

// documentedUsers returns the number of the documented customer's
// documented user accounts, which a fake lists before the generated ones:
// counted once per process, on a fake without generated users.
func documentedUsers(tb testing.TB) int {
	tb.Helper()
	documentedUsersOnce.Do(func() {
		s, err := fake.NewServer(nil)
		if err != nil {
			documentedUsersErr = err
			return
		}
		defer s.Close()
		c, err := s.NewClient(nil)
		if err != nil {
			documentedUsersErr = err
			return
		}
		documentedUsersErr = listUsers(context.Background(), c, pagingPageSize, func(*string) bool {
			documentedUsersN++
			return true
		})
	})
	if documentedUsersErr != nil {
		tb.Fatal(documentedUsersErr)
	}
	return documentedUsersN
}

// listingPageSizes are the page sizes BenchmarkListingBytes compares:
// small, the fake's default (the service picks its own without one) and
// the largest the service and the fake give.
var listingPageSizes = []int{50, fake.DefaultPageSize, fake.MaxPageSize}

// listingCustomers is how many customers BenchmarkListingBytes lists.
const listingCustomers = 10_000

// BenchmarkListingBytes lists the same 10,000 customers from a fake in a
// child process in pages of 50, 200 and 500, and reports what the client
// allocates per customer (B/customer, allocs/customer: the process's
// cumulative heap allocations, runtime.MemStats.TotalAlloc and Mallocs,
// across the listing) and the page size. A listing whose cost per
// customer does not depend on the page size has the same figures for
// each: a page's fixed costs (its request, its answer's headers) are
// spread over its customers, and a body or a decoded page costs in
// proportion to the customers it holds.
func BenchmarkListingBytes(b *testing.B) {
	for _, size := range listingPageSizes {
		b.Run("page="+strconv.Itoa(size), func(b *testing.B) {
			fc := startFakeChild(b, listingCustomers)
			c := newWrapperClient(b, fake.NewCredential("bench-token"), fc.URL, fc.Client)
			var bytes, allocs uint64
			listed := 0
			for b.Loop() {
				var before, after runtime.MemStats
				runtime.ReadMemStats(&before)
				n := 0
				err := listCustomers(b.Context(), c, size, func(id *string) bool {
					n++
					return id != nil
				})
				runtime.ReadMemStats(&after)
				if err != nil || n != listingCustomers {
					b.Fatalf("listed %d customers of %d: %v", n, listingCustomers, err)
				}
				bytes += after.TotalAlloc - before.TotalAlloc
				allocs += after.Mallocs - before.Mallocs
				listed += n
			}
			b.ReportMetric(float64(bytes)/float64(listed), "B/customer")
			b.ReportMetric(float64(allocs)/float64(listed), "allocs/customer")
			b.ReportMetric(float64(size), "page_size")
		})
	}
}

// mb converts bytes to megabytes (10^6 bytes).
func mb(n uint64) float64 { return float64(n) / 1e6 }
