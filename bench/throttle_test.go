package bench

import (
	"context"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// Sizes of BenchmarkThrottled. Partner Center allows 500 requests a minute
// per tenant; the fake is scaled to throttleRate a second, with the same
// bucket (a period's worth of burst), so that the run takes seconds.
const (
	throttleRate       = 400 // R, requests per second
	throttleWorkers    = 32
	throttleCustomers  = 2_000
	throttleRetryAfter = time.Second
	// throttleWarmUp is left out of the sustained rate: the fake's full
	// bucket and the start of the goroutines make the first second
	// unlike the rest.
	throttleWarmUp = time.Second
)

// throttleResult is what one throttled run measured.
type throttleResult struct {
	elapsed time.Duration
	// fetchedInWarmUp is how many customers were fetched in the first
	// throttleWarmUp of the run (all of them for a shorter run).
	fetchedInWarmUp int
	fetched         int
	errors          int
	tries           int64 // requests sent, retries included
	throttled       int64 // 429 answers
	// minRetryWait is the shortest time between the arrivals of a try
	// answered 429 and of the next try of the same call, over the
	// retriedAfter429 such tries.
	minRetryWait    time.Duration
	retriedAfter429 int
}

// throttleIDs are the IDs of the first n customers of a fake: the two
// documented ones, then generated ones.
func throttleIDs(n int) []string {
	ids := []string{fake.DocumentedCustomerID, fake.ContosoCustomerID}
	for i := 0; len(ids) < n; i++ {
		ids = append(ids, fake.GeneratedCustomerID(i))
	}
	return ids[:n]
}

// fetchThrottled switches on a fresh throttle of rate requests a second in
// s (one budget for the partner, Retry-After fixed at throttleRetryAfter)
// and has workers goroutines fetch each customer in ids once through a new
// wrapper client with the default transport, with the client-side limiter
// set to the same rate, also partner-wide, when limit is true. The
// requests, 429 answers and waits before retries are counted from the
// fake's record of the requests it received.
func fetchThrottled(ctx context.Context, tb testing.TB, s *fake.Server, ids []string, rate, workers int, limit bool) throttleResult {
	tb.Helper()
	s.Faults().Throttle(fake.Throttle{Requests: rate, Per: time.Second, RetryAfter: throttleRetryAfter})
	defer s.Faults().Throttle(fake.Throttle{})
	s.ResetRequests()
	opts := &wrapper.ClientOptions{ClientOptions: azcore.ClientOptions{Cloud: s.Cloud()}}
	if limit {
		opts.RateLimit = &wrapper.RateLimitOptions{RequestsPerMinute: rate * 60, Burst: limiterBurst(rate), PartnerWide: true}
	}
	c, err := wrapper.NewClient(s.Credential(), opts)
	if err != nil {
		tb.Fatal(err)
	}
	var fetched, warmUp atomic.Int64
	warmUp.Store(-1)
	start := time.Now()
	timer := time.AfterFunc(throttleWarmUp, func() { warmUp.Store(fetched.Load()) })
	failed := fanOut(tb, ids, workers, &fetched, func(id string) error {
		_, err := c.GetCustomer(ctx, id, nil)
		return err
	})
	r := throttleResult{
		elapsed: time.Since(start),
		fetched: int(fetched.Load()),
		errors:  failed,
	}
	if timer.Stop() || warmUp.Load() < 0 {
		r.fetchedInWarmUp = r.fetched // the run was shorter than the warm-up
	} else {
		r.fetchedInWarmUp = int(warmUp.Load())
	}
	countTries(s.Requests(), &r)
	return r
}

// limiterBurst is the client-side limiter's burst for a rate of rate
// requests a second: in the same proportion to it as the limiter's default
// burst (RequestsPerMinute/60, 8) to Partner Center's 500 requests a
// minute. The limit is scaled from a minute to a second, and so is the
// burst; left at its default it would be a second's worth, as large as the
// fake's whole bucket.
func limiterBurst(rate int) int {
	return max(rate/60, 1)
}

// countTries fills in the requests, 429 answers and the shortest wait
// between a 429 and the next try of the same call (the tries of one call
// share their MS-RequestId), from the fake's record, oldest first.
func countTries(reqs []fake.RecordedRequest, r *throttleResult) {
	last429 := map[string]time.Time{}
	for _, req := range reqs {
		r.tries++
		id := req.Header.Get("MS-RequestId")
		if at, ok := last429[id]; ok {
			wait := req.Time.Sub(at)
			if r.retriedAfter429 == 0 || wait < r.minRetryWait {
				r.minRetryWait = wait
			}
			r.retriedAfter429++
			delete(last429, id)
		}
		if req.Status == http.StatusTooManyRequests {
			r.throttled++
			last429[id] = req.Time
		}
	}
}

// BenchmarkThrottled fetches 2,000 customers with 32 goroutines from a fake
// that allows throttleRate requests a second to the partner (bucket of the
// same size, Retry-After 1s), with the wrapper's client-side limiter at the
// same rate and a burst of limiterBurst (limiter) and without it
// (no-limiter). It reports:
//
//   - customers/s: customers fetched per second of the run;
//   - pct_of_R: the rate sustained after the first throttleWarmUp,
//     (customers - customers in the warm-up) / (elapsed - warm-up), as a
//     percentage of R: 100 means the client kept up with what the fake
//     allows (the fake's full bucket at the start makes the overall rate
//     higher than R);
//   - 429_pct: 429 answers as a percentage of the requests sent;
//   - retries: requests sent beyond one per customer;
//   - min_retry_wait_ms: the shortest time between a 429 and the next try
//     of the same call (0 when nothing was retried), to compare with
//     retry_after_ms, the Retry-After the fake sent;
//   - errors: calls that failed (surfaced to the caller).
func BenchmarkThrottled(b *testing.B) {
	if !systemTrustsTestCert {
		b.Skip(noSystemTrust)
	}
	s, err := fake.NewServer(&fake.Options{ExtraCustomers: throttleCustomers - 2, MaxRecordedRequests: 4 * throttleCustomers})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(s.Close)
	ids := throttleIDs(throttleCustomers)
	for _, mode := range []struct {
		name  string
		limit bool
	}{{"limiter", true}, {"no-limiter", false}} {
		b.Run(mode.name, func(b *testing.B) {
			var sum, sustained throttleResult
			runs := 0
			for b.Loop() {
				r := fetchThrottled(b.Context(), b, s, ids, throttleRate, throttleWorkers, mode.limit)
				sum.elapsed += r.elapsed
				sustained.fetched += r.fetched - r.fetchedInWarmUp
				sustained.elapsed += max(r.elapsed-throttleWarmUp, time.Millisecond)
				sum.fetched += r.fetched
				sum.errors += r.errors
				sum.tries += r.tries
				sum.throttled += r.throttled
				if r.retriedAfter429 > 0 && (sum.retriedAfter429 == 0 || r.minRetryWait < sum.minRetryWait) {
					sum.minRetryWait = r.minRetryWait
				}
				sum.retriedAfter429 += r.retriedAfter429
				runs++
			}
			n := float64(runs)
			secs := sum.elapsed.Seconds()
			b.ReportMetric(float64(sum.fetched)/secs, "customers/s")
			b.ReportMetric(100*float64(sustained.fetched)/sustained.elapsed.Seconds()/throttleRate, "pct_of_R")
			b.ReportMetric(100*float64(sum.throttled)/float64(max(sum.tries, 1)), "429_pct")
			b.ReportMetric(float64(sum.tries-int64(sum.fetched)-int64(sum.errors))/n, "retries")
			b.ReportMetric(float64(sum.errors)/n, "errors")
			b.ReportMetric(throttleRate, "R")
			b.ReportMetric(throttleWorkers, "workers")
			b.ReportMetric(float64(len(ids)), "customers")
			b.ReportMetric(float64(sum.minRetryWait.Microseconds())/1e3, "min_retry_wait_ms")
			b.ReportMetric(throttleRetryAfter.Seconds()*1e3, "retry_after_ms")
		})
	}
}
