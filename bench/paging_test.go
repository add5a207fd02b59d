package bench

import (
	"context"
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

// pagingPageSize is the page size of BenchmarkPagingHeap (the service's
// largest is 500).
const pagingPageSize = 500

// heapSampleEvery is how often the sampler reads the heap size while a
// listing runs (it also reads it at every page boundary).
const heapSampleEvery = time.Millisecond

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

// heapObjects returns the current size of the heap's objects.
func heapObjects() uint64 {
	s := []metrics.Sample{{Name: metricHeapObjects}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// listWithHeapSampling lists every customer of fc in pages of
// pagingPageSize with the wrapper's iterator, touching each customer,
// while a goroutine samples the heap. The fake runs in another process,
// so the heap is the client's: the listing's buffers and decoded pages on
// top of the baseline of the test binary, measured after a GC.
func listWithHeapSampling(ctx context.Context, tb testing.TB, fc *childServer) pagingResult {
	tb.Helper()
	c := newWrapperClient(tb, fake.NewCredential("bench-token"), fc.URL, fc.Client)
	runtime.GC()
	runtime.GC()
	res := pagingResult{baseline: heapObjects()}
	h := newHeapSampler()
	h.sample()
	sctx, stop := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		h.run(sctx)
	}()
	start := time.Now()
	for cust, err := range c.ListCustomers(ctx, &wrapper.ListCustomersOptions{PageSize: pagingPageSize}) {
		if err != nil {
			stop()
			<-done
			tb.Fatalf("after %d customers: %v", res.listed, err)
		}
		if cust.ID == nil {
			stop()
			<-done
			tb.Fatalf("customer %d has no ID", res.listed)
		}
		res.listed++
		if res.listed%pagingPageSize == 0 {
			h.sample()
		}
	}
	res.elapsed = time.Since(start)
	h.sample()
	stop()
	<-done
	res.peak, res.peakLive = h.peak, h.peakLive
	return res
}

// pagingSizes are the listings BenchmarkPagingHeap compares, smallest
// first; the largest must be a multiple of each.
var pagingSizes = []int{10_000, 100_000}

// BenchmarkPagingHeap lists 10,000 and 100,000 customers in pages of 500
// from a fake running in a child process and reports the client's heap:
//
//   - peak_heap_MB: the largest heap objects size, sampled every
//     millisecond and at each page;
//   - live_heap_MB: the largest live heap a garbage collection marked;
//   - baseline_MB: the heap before a listing (1 MB is 10^6 bytes);
//   - customers/s, page_size, and listings: the listings per iteration.
//
// The peaks are maxima over the garbage collections of a run, which vary
// with what is live when each one starts, so the more collections a run
// has, the higher its maxima tend to be. Each iteration therefore lists
// the same number of customers whatever the size (10 listings of 10,000
// against one of 100,000), and the peaks reported are the medians over
// iterations of each iteration's peak, so that one iteration spoilt by
// load from elsewhere on the machine does not decide the result. A
// listing that keeps memory flat shows the same peaks for both sizes; one
// that keeps what it listed shows larger ones for the larger.
func BenchmarkPagingHeap(b *testing.B) {
	largest := slices.Max(pagingSizes)
	for _, n := range pagingSizes {
		b.Run(strconv.Itoa(n), func(b *testing.B) {
			fc := startFakeChild(b, n)
			listings := largest / n
			var peaks, lives []float64
			var baseline uint64
			var elapsed time.Duration
			listed := 0
			for b.Loop() {
				var worst pagingResult
				for range listings {
					r := listWithHeapSampling(b.Context(), b, fc)
					if r.listed != n {
						b.Fatalf("listed %d customers, want %d", r.listed, n)
					}
					listed += r.listed
					elapsed += r.elapsed
					worst.peak = max(worst.peak, r.peak)
					worst.peakLive = max(worst.peakLive, r.peakLive)
					baseline = max(baseline, r.baseline)
				}
				peaks = append(peaks, mb(worst.peak))
				lives = append(lives, mb(worst.peakLive))
			}
			b.ReportMetric(median(peaks), "peak_heap_MB")
			b.ReportMetric(median(lives), "live_heap_MB")
			b.ReportMetric(mb(baseline), "baseline_MB")
			b.ReportMetric(float64(listed)/elapsed.Seconds(), "customers/s")
			b.ReportMetric(pagingPageSize, "page_size")
			b.ReportMetric(float64(listings), "listings")
		})
	}
}

// mb converts bytes to megabytes (10^6 bytes).
func mb(n uint64) float64 { return float64(n) / 1e6 }
