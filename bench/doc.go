// Package bench holds the project's benchmark suite: the evidence behind
// the performance claims of the wrapper package. It has no API; the
// benchmarks live in its _test.go files and `make bench` runs them, then
// bench/report prints one table, checks the targets and writes
// docs/performance.md.
//
// The suite measures, on loopback HTTPS:
//
//   - BenchmarkGetCustomer, BenchmarkCreateCustomer,
//     BenchmarkUpdateCustomerUser, BenchmarkDeleteCustomerUser and
//     BenchmarkListCustomersPage: the cost of one call of each shape (a
//     read, a create whose answer holds a password, an update, a delete,
//     one page of a listing) made with plain net/http and encoding/json,
//     with the wrapper, and with the generated client over a bare azcore
//     pipeline (and, for the read, the generated client alone), against
//     one canned-response TLS server running in a child process, so that
//     the benchmark process is the client alone: its allocations, and its
//     CPU time (getrusage), per call.
//   - BenchmarkColdStart: two small programs under coldstart/, one using
//     net/http alone and one the wrapper, each built with `go build` and
//     run to make one call against the canned server in a child process:
//     package initialisation time (GODEBUG=inittrace=1), binary size and
//     time from start to exit.
//   - BenchmarkConcurrentGets: 64 goroutines fetching customers through
//     the wrapper with its default transport and through plain net/http,
//     in slices the two take in turn: throughput, its ratio, CPU time per
//     customer and the number of TCP/TLS connections each server saw.
//   - BenchmarkThrottled: 32 goroutines fetching 2,000 customers from the
//     fake while it allows R requests per second, with and without the
//     wrapper's client-side rate limiter: throughput, 429 answers,
//     retries and errors.
//   - BenchmarkPagingHeap and BenchmarkUsersPagingHeap: listing 10,000 and
//     100,000 customers, or user accounts of one customer, in pages of 500
//     from a fake running in a child process, sampling the client's heap
//     and reading what it retains between pages.
//   - BenchmarkListingBytes: listing 10,000 customers in pages of 50, 200
//     and 500, counting what the client allocates per customer.
//
// A server in a child process is this test binary started again with an
// environment variable that TestMain recognises (see startChild).
//
// The numbers are reported with testing.B.ReportMetric; the targets are
// checked by bench/report, not by the benchmarks, and no unit test asserts
// a speed.
package bench
