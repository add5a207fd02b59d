// Package bench holds the project's benchmark suite: the evidence behind
// the performance claims of the wrapper package. It has no API; the
// benchmarks live in its _test.go files and `make bench` runs them, then
// bench/report prints one table, checks the targets and writes
// docs/performance.md.
//
// The suite measures, on loopback HTTPS:
//
//   - BenchmarkGetCustomer: the cost of one get-customer call made with
//     plain net/http and encoding/json, with the generated client alone,
//     and with the wrapper, against one canned-response TLS server (so
//     that the server's cost is small and the same for all three).
//   - BenchmarkConcurrentGets: 64 goroutines fetching 10,000 customers
//     through a wrapper client with its default transport: throughput and
//     the number of TCP/TLS connections the server saw.
//   - BenchmarkThrottled: 32 goroutines fetching 2,000 customers from the
//     fake while it allows R requests per second, with and without the
//     wrapper's client-side rate limiter: throughput, 429 answers,
//     retries and errors.
//   - BenchmarkPagingHeap: listing 10,000 and 100,000 customers in pages
//     of 500 from a fake running in a child process, sampling the client's
//     heap.
//
// The numbers are reported with testing.B.ReportMetric; the targets are
// checked by bench/report, not by the benchmarks, and no unit test asserts
// a speed.
package bench
