package main

import (
	"fmt"
	"math"
	"slices"
)

// The targets of issues 6 and 9, checked here rather than in the
// benchmarks.
const (
	maxCPURatio      = 1.15    // wrapper / plain net/http, client CPU time per call
	maxAllocsRatio   = 1.25    // wrapper / plain net/http, client allocations per call
	maxInitExtraMS   = 1.0     // cold start: wrapper program's package init - plain program's, ms
	maxBinaryRatio   = 2.0     // cold start: wrapper program's binary / plain program's
	minPctOfRate     = 95.0    // throttled run with the limiter, % of R sustained
	max429Pct        = 2.0     // throttled run with the limiter, 429s per request
	maxHeapGrowth    = 1.20    // peak heap, larger of the two listings / smaller
	pagingSmall      = "10000" // sub-benchmark names: the customers listed
	pagingLarge      = "100000"
	pagingSmallLabel = "10,000"
	pagingLargeLabel = "100,000"
	benchPerCall     = "BenchmarkGetCustomer"
	benchColdStart   = "BenchmarkColdStart"
	benchConcurrent  = "BenchmarkConcurrentGets"
	benchThrottled   = "BenchmarkThrottled"
	benchPaging      = "BenchmarkPagingHeap"
)

// verdict is the outcome of one row.
type verdict int

const (
	info verdict = iota // measured, no target
	pass
	fail
)

// String is how the verdict is printed.
func (v verdict) String() string {
	return [...]string{"info", "PASS", "FAIL"}[v]
}

// row is one line of the table.
type row struct {
	what     string
	measured string
	target   string
	verdict  verdict
}

// aggregation picks one value out of the runs of a benchmark.
type aggregation int

const (
	aggMedian aggregation = iota // typical value
	aggMax                       // worst case of a "lower is better" value
	aggMin                       // worst case of a "higher is better" value
)

// evaluator builds the rows, noting metrics that are missing.
type evaluator struct {
	out     *output
	missing []string
}

// get returns the aggregated value of unit for benchmark name, or NaN
// (and notes it) when no run reported it.
func (e *evaluator) get(name, unit string, agg aggregation) float64 {
	vs := e.out.values(name, unit)
	if len(vs) == 0 {
		e.missing = append(e.missing, fmt.Sprintf("%s: no %q", name, unit))
		return math.NaN()
	}
	switch agg {
	case aggMax:
		return slices.Max(vs)
	case aggMin:
		return slices.Min(vs)
	default:
		return median(vs)
	}
}

// check turns a condition into a verdict; a NaN operand fails.
func check(ok bool, operands ...float64) verdict {
	for _, v := range operands {
		if math.IsNaN(v) {
			return fail
		}
	}
	if ok {
		return pass
	}
	return fail
}

// rows evaluates every measurement and target of the suite.
func (e *evaluator) rows() []row {
	var rows []row
	rows = append(rows, e.perCall()...)
	rows = append(rows, e.coldStart()...)
	rows = append(rows, e.concurrency()...)
	rows = append(rows, e.throttled()...)
	rows = append(rows, e.paging()...)
	if len(e.out.failures) > 0 {
		rows = append(rows, row{
			what:     "go test",
			measured: fmt.Sprintf("%d failure line(s), first: %s", len(e.out.failures), e.out.failures[0]),
			target:   "no failure",
			verdict:  fail,
		})
	}
	for _, m := range e.missing {
		rows = append(rows, row{what: "missing result", measured: m, target: "reported", verdict: fail})
	}
	return rows
}

// perCall compares the three clients of BenchmarkGetCustomer. The server
// runs in another process, so every number is the client's alone: the CPU
// time per call summed over the interleaved rounds (the CPU target), the
// wall time per call (median over rounds, which includes the server's
// time and the round trip), and B/op and allocs/op of each client's own
// sub-benchmark (the allocation target).
func (e *evaluator) perCall() []row {
	name := func(sub string) string { return benchPerCall + "/" + sub }
	interleaved := name("interleaved")
	type cost struct{ cpu, wall, bytes, allocs float64 }
	get := func(sub string) cost {
		return cost{
			cpu:    e.get(interleaved, sub+"_cpu_ns/call", aggMedian),
			wall:   e.get(interleaved, sub+"_ns/call", aggMedian),
			bytes:  e.get(name(sub), "B/op", aggMedian),
			allocs: e.get(name(sub), "allocs/op", aggMedian),
		}
	}
	plain, generated, wrapped := get("plain"), get("generated"), get("wrapper")
	cpuGen := e.get(interleaved, "ratio_cpu_generated", aggMedian)
	cpuWrap := e.get(interleaved, "ratio_cpu", aggMedian)
	wallGen := e.get(interleaved, "ratio_time_generated", aggMedian)
	wallWrap := e.get(interleaved, "ratio_time", aggMedian)
	describe := func(c cost, cpuRatio, wallRatio float64) string {
		return fmt.Sprintf("CPU %s/call (%.2fx); wall %s/call (%.2fx); %s/op (%.2fx); %.0f allocs/op (%.2fx)",
			duration(c.cpu), cpuRatio, duration(c.wall), wallRatio, byteSize(c.bytes), c.bytes/plain.bytes, c.allocs, c.allocs/plain.allocs)
	}
	allocRatio := wrapped.allocs / plain.allocs
	// The generated client over a bare azcore pipeline is a reference
	// shown when the run measured it (older outputs did not).
	var floor []row
	if vs := e.out.values(interleaved, "ratio_cpu_azcore"); len(vs) > 0 {
		c := cost{
			cpu:    median(e.out.values(interleaved, "azcore_cpu_ns/call")),
			wall:   median(e.out.values(interleaved, "azcore_ns/call")),
			bytes:  median(e.out.values(name("azcore"), "B/op")),
			allocs: median(e.out.values(name("azcore"), "allocs/op")),
		}
		floor = append(floor, row{
			what:     "get customer, client process only: (d) generated client over a bare azcore pipeline (the wrapper's floor), ratios to (a)",
			measured: describe(c, median(vs), c.wall/plain.wall),
			verdict:  info,
		})
	}
	return append([]row{
		{
			what: "get customer, client process only: (a) plain net/http + encoding/json",
			measured: fmt.Sprintf("CPU %s/call; wall %s/call; %s/op; %.0f allocs/op",
				duration(plain.cpu), duration(plain.wall), byteSize(plain.bytes), plain.allocs),
			target:  "baseline",
			verdict: info,
		},
		{what: "get customer, client process only: (b) generated client, ratios to (a)", measured: describe(generated, cpuGen, wallGen), verdict: info},
		{what: "get customer, client process only: (c) wrapper, ratios to (a)", measured: describe(wrapped, cpuWrap, wallWrap), verdict: info},
	}, append(floor, []row{
		{
			what:     "get customer: wrapper CPU per call / plain (interleaved)",
			measured: fmt.Sprintf("%.3fx", cpuWrap),
			target:   fmt.Sprintf("<= %.2fx", maxCPURatio),
			verdict:  check(cpuWrap <= maxCPURatio, cpuWrap),
		},
		{
			what:     "get customer: wrapper allocations per call / plain",
			measured: fmt.Sprintf("%.3fx (%.0f / %.0f)", allocRatio, wrapped.allocs, plain.allocs),
			target:   fmt.Sprintf("<= %.2fx", maxAllocsRatio),
			verdict:  check(allocRatio <= maxAllocsRatio, allocRatio),
		},
	}...)...)
}

// coldStart compares the two programs of BenchmarkColdStart: package
// initialisation time (median over runs, then over benchmark runs) and
// binary size.
func (e *evaluator) coldStart() []row {
	type program struct{ init, initKB, packages, exec, binary float64 }
	get := func(prefix string) program {
		return program{
			init:     e.get(benchColdStart, prefix+"_init_ms", aggMedian),
			initKB:   e.get(benchColdStart, prefix+"_init_KB", aggMedian),
			packages: e.get(benchColdStart, prefix+"_init_packages", aggMedian),
			exec:     e.get(benchColdStart, prefix+"_exec_ms", aggMedian),
			binary:   e.get(benchColdStart, prefix+"_binary_MB", aggMax),
		}
	}
	plain, wrapped := get("plain"), get("wrapper")
	runs := e.get(benchColdStart, "runs", aggMin)
	describe := func(p program) string {
		return fmt.Sprintf("package init %.2f ms (%s packages, %s KB allocated); binary %.2f MB; start to exit %.1f ms",
			p.init, count(p.packages), count(p.initKB), p.binary, p.exec)
	}
	extra := wrapped.init - plain.init
	ratio := wrapped.binary / plain.binary
	label := fmt.Sprintf("cold start (one call, medians of %s runs): ", count(runs))
	return []row{
		{what: label + "(a) net/http-only program", measured: describe(plain), target: "baseline", verdict: info},
		{what: label + "(b) wrapper program", measured: describe(wrapped), verdict: info},
		{
			what:     "cold start: package init time, wrapper program - net/http-only",
			measured: fmt.Sprintf("%+.2f ms (%.2f - %.2f)", extra, wrapped.init, plain.init),
			target:   fmt.Sprintf("<= +%.2f ms", maxInitExtraMS),
			verdict:  check(extra <= maxInitExtraMS, extra),
		},
		{
			what:     "cold start: binary size, wrapper program / net/http-only",
			measured: fmt.Sprintf("%.3fx (%.2f MB / %.2f MB)", ratio, wrapped.binary, plain.binary),
			target:   fmt.Sprintf("<= %.2fx", maxBinaryRatio),
			verdict:  check(ratio <= maxBinaryRatio, ratio),
		},
	}
}

// concurrency reports BenchmarkConcurrentGets.
func (e *evaluator) concurrency() []row {
	workers := e.get(benchConcurrent, "workers", aggMax)
	customers := e.get(benchConcurrent, "customers", aggMax)
	conns := e.get(benchConcurrent, "conns", aggMax)
	rate := e.get(benchConcurrent, "customers/s", aggMedian)
	return []row{
		{
			what:     fmt.Sprintf("concurrency: %s goroutines, %s customers, default transport", count(workers), count(customers)),
			measured: fmt.Sprintf("%s customers/s", count(rate)),
			verdict:  info,
		},
		{
			what:     "concurrency: TCP/TLS connections opened (most in one run)",
			measured: fmt.Sprintf("%.0f", conns),
			target:   fmt.Sprintf("<= %.0f (the goroutines)", workers),
			verdict:  check(conns <= workers, conns, workers),
		},
	}
}

// throttled reports BenchmarkThrottled with and without the limiter.
func (e *evaluator) throttled() []row {
	var rows []row
	for _, mode := range []string{"limiter", "no-limiter"} {
		name := benchThrottled + "/" + mode
		limited := mode == "limiter"
		r := e.get(name, "R", aggMax)
		rate := e.get(name, "customers/s", aggMedian)
		pct := e.get(name, "pct_of_R", aggMin)
		p429 := e.get(name, "429_pct", aggMax)
		retries := e.get(name, "retries", aggMax)
		errs := e.get(name, "errors", aggMax)
		minWait := e.get(name, "min_retry_wait_ms", aggMin)
		retryAfter := e.get(name, "retry_after_ms", aggMax)
		workers := e.get(name, "workers", aggMax)
		customers := e.get(name, "customers", aggMax)
		label := fmt.Sprintf("throttled (R=%s/s, %s goroutines, %s customers), %s",
			count(r), count(workers), count(customers), map[bool]string{true: "limiter on", false: "no limiter"}[limited])
		rows = append(rows, row{
			what:     label + ": errors surfaced",
			measured: fmt.Sprintf("%.0f", errs),
			target:   "0",
			verdict:  check(errs == 0, errs),
		})
		through := row{
			what:     label + ": throughput",
			measured: fmt.Sprintf("%.1f%% of R sustained after the first second; %s customers/s overall", pct, count(rate)),
			verdict:  info,
		}
		throttled := row{
			what:     label + ": 429 answers",
			measured: fmt.Sprintf("%.2f%% of requests; %.0f retries", p429, retries),
			verdict:  info,
		}
		if limited {
			through.target = fmt.Sprintf(">= %.0f%% of R", minPctOfRate)
			through.verdict = check(pct >= minPctOfRate, pct)
			throttled.target = fmt.Sprintf("< %.0f%%", max429Pct)
			throttled.verdict = check(p429 < max429Pct, p429)
		}
		honoured := row{
			what:     label + ": shortest wait before retrying a 429",
			measured: "no 429, nothing to wait for",
			target:   fmt.Sprintf(">= Retry-After (%s)", duration(retryAfter*1e6)),
			verdict:  info,
		}
		if retries > 0 {
			honoured.measured = duration(minWait * 1e6)
			honoured.verdict = check(minWait >= retryAfter, minWait, retryAfter)
		}
		rows = append(rows, through, throttled, honoured)
	}
	return rows
}

// paging compares the heap of the two listings: the peak of the sampled
// heap, and the peak live heap (what the client keeps, without the garbage
// the collector has yet to reclaim).
func (e *evaluator) paging() []row {
	type heap struct{ peak, live, base, rate, page, listings float64 }
	get := func(size string) heap {
		name := benchPaging + "/" + size
		return heap{
			peak:     e.get(name, "peak_heap_MB", aggMax),
			live:     e.get(name, "live_heap_MB", aggMax),
			base:     e.get(name, "baseline_MB", aggMax),
			rate:     e.get(name, "customers/s", aggMedian),
			page:     e.get(name, "page_size", aggMax),
			listings: e.get(name, "listings", aggMax),
		}
	}
	small, large := get(pagingSmall), get(pagingLarge)
	describe := func(h heap) string {
		return fmt.Sprintf("peak heap %.2f MB, peak live heap %.2f MB (medians over runs), before listing %.2f MB; %s customers/s",
			h.peak, h.live, h.base, count(h.rate))
	}
	label := func(customers string, page, listings float64) string {
		return fmt.Sprintf("paging: %s customers, pages of %s (%s listing(s) per run)", customers, count(page), count(listings))
	}
	ratio := func(a, b float64) float64 { return max(a, b) / min(a, b) }
	liveGrowth, peakGrowth := ratio(small.live, large.live), ratio(small.peak, large.peak)
	return []row{
		{what: label(pagingSmallLabel, small.page, small.listings), measured: describe(small), verdict: info},
		{what: label(pagingLargeLabel, large.page, large.listings), measured: describe(large), verdict: info},
		{
			what:     "paging: peak heap, larger / smaller of the two",
			measured: fmt.Sprintf("%.3fx", peakGrowth),
			target:   fmt.Sprintf("<= %.2fx (within 20%%)", maxHeapGrowth),
			verdict:  check(peakGrowth <= maxHeapGrowth, peakGrowth),
		},
		{
			what:     "paging: peak live heap, larger / smaller of the two",
			measured: fmt.Sprintf("%.3fx", liveGrowth),
			target:   fmt.Sprintf("<= %.2fx (within 20%%)", maxHeapGrowth),
			verdict:  check(liveGrowth <= maxHeapGrowth, liveGrowth),
		},
	}
}

// failed reports whether any row failed.
func failed(rows []row) bool {
	for _, r := range rows {
		if r.verdict == fail {
			return true
		}
	}
	return false
}
