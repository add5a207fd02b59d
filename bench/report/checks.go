package main

import (
	"fmt"
	"math"
	"slices"
)

// The targets, checked here rather than in the benchmarks (issues 6, 9,
// 16 and 17).
const (
	maxCPURatio      = 1.15 // wrapper / plain net/http, client CPU time per call, every operation
	maxAllocsRatio   = 1.15 // wrapper / plain net/http, client allocations per call, every operation
	maxInitExtraMS   = 1.0  // cold start: wrapper program's package init - plain program's, ms
	maxBinaryRatio   = 2.0  // cold start: wrapper program's binary / plain program's
	minRateRatio     = 0.95 // concurrency: wrapper / plain net/http, customers per second
	minPctOfRate     = 95.0 // throttled run with the limiter, % of R sustained
	max429Pct        = 2.0  // throttled run with the limiter, 429s per request
	maxHeapGrowth    = 1.20 // paging: heap of the larger listing / the smaller's, or the other way round
	maxBytesPerItem  = 1.20 // listing: the most bytes allocated per customer over page sizes / the fewest
	pagingSmall      = "10000"
	pagingLarge      = "100000"
	pagingSmallLabel = "10,000"
	pagingLargeLabel = "100,000"
	benchColdStart   = "BenchmarkColdStart"
	benchConcurrent  = "BenchmarkConcurrentGets"
	benchThrottled   = "BenchmarkThrottled"
	benchPaging      = "BenchmarkPagingHeap"
	benchUsersPaging = "BenchmarkUsersPagingHeap"
	benchListing     = "BenchmarkListingBytes"
)

// operation is one call whose cost a benchmark measures.
type operation struct {
	bench string // benchmark name
	label string // for the table
	// kinds besides plain and the wrapper: "generated" (the generated
	// client alone) and "azcore" (over a bare azcore pipeline), each shown
	// when the run measured it.
	extra []string
}

// operations are the cost benchmarks, one per shape of call.
var operations = []operation{
	{"BenchmarkGetCustomer", "get customer (GET, 200)", []string{"generated", "azcore"}},
	{"BenchmarkCreateCustomer", "create customer (POST with a body, 201 with the password)", []string{"azcore"}},
	{"BenchmarkUpdateCustomerUser", "update user (PATCH with a body, 200)", []string{"azcore"}},
	{"BenchmarkDeleteCustomerUser", "delete user (DELETE, 204)", []string{"azcore"}},
	{"BenchmarkListCustomersPage", "one page of 20 customers (GET, 200)", []string{"azcore"}},
}

// benchPerCall is the first cost benchmark, whose rounds the page counts.
var benchPerCall = operations[0].bench

// listingSizes are the page sizes of BenchmarkListingBytes.
var listingSizes = []string{"50", "200", "500"}

// Sections of the report, in order; every row belongs to one.
const (
	sectionPerCall     = "cost"
	sectionColdStart   = "coldstart"
	sectionConcurrency = "concurrency"
	sectionThrottled   = "throttled"
	sectionPaging      = "paging"
	sectionUsers       = "users"
	sectionListing     = "listing"
	sectionRun         = "run"
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
	section  string // which section of the page shows it (and says how it was measured)
	what     string
	measured string
	target   string
	verdict  verdict
}

// in sets the section of rows.
func in(section string, rows []row) []row {
	for i := range rows {
		rows[i].section = section
	}
	return rows
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
	for _, op := range operations {
		rows = append(rows, in(sectionPerCall, e.perCall(op))...)
	}
	rows = append(rows, in(sectionColdStart, e.coldStart())...)
	rows = append(rows, in(sectionConcurrency, e.concurrency())...)
	rows = append(rows, in(sectionThrottled, e.throttled())...)
	rows = append(rows, in(sectionPaging, e.paging(benchPaging, "customers"))...)
	rows = append(rows, in(sectionUsers, e.paging(benchUsersPaging, "users"))...)
	rows = append(rows, in(sectionListing, e.listing())...)
	if len(e.out.failures) > 0 {
		rows = append(rows, row{
			section:  sectionRun,
			what:     "go test",
			measured: fmt.Sprintf("%d failure line(s), first: %s", len(e.out.failures), e.out.failures[0]),
			target:   "no failure",
			verdict:  fail,
		})
	}
	seen := map[string]bool{}
	for _, m := range e.missing {
		if !seen[m] {
			seen[m] = true
			rows = append(rows, row{section: sectionRun, what: "missing result", measured: m, target: "reported", verdict: fail})
		}
	}
	return rows
}

// spread returns the spread of unit over the rounds of benchmark name,
// noting it when no round reported it.
func (e *evaluator) spread(name, unit string) spread {
	vs := e.out.values(name, unit)
	if len(vs) == 0 {
		e.missing = append(e.missing, fmt.Sprintf("%s: no %q", name, unit))
	}
	return summarize(vs)
}

// perRound returns the spread of f(a, b) over the rounds, a and b being
// unit of benchmarks nameA and nameB in the same round; it notes a metric
// no round reported, and unequal round counts give NaN (a FAIL).
func (e *evaluator) perRound(nameA, unitA, nameB, unitB string, f func(a, b float64) float64) spread {
	a, b := e.out.values(nameA, unitA), e.out.values(nameB, unitB)
	for _, m := range []struct {
		name, unit string
		vs         []float64
	}{{nameA, unitA, a}, {nameB, unitB, b}} {
		if len(m.vs) == 0 {
			e.missing = append(e.missing, fmt.Sprintf("%s: no %q", m.name, m.unit))
			return summarize(nil)
		}
	}
	if len(a) != len(b) {
		e.missing = append(e.missing, fmt.Sprintf("%s %q and %s %q: %d and %d rounds", nameA, unitA, nameB, unitB, len(a), len(b)))
	}
	return summarize(pairwise(a, b, f))
}

func divide(a, b float64) float64   { return a / b }
func subtract(a, b float64) float64 { return a - b }

// perCall compares the clients of one cost benchmark. The server runs in
// another process, so every number is the client's alone: the CPU time
// per call summed over the interleaved rounds of calls within one run (the
// CPU target), the wall time per call (median over those rounds, which
// includes the server's time and the round trip), and B/op and allocs/op
// of each client's own sub-benchmark (the allocation target). Every ratio
// is taken run by run (each run of go test -count is a round of `make
// bench`) and shown as its median and spread over the runs; a target is
// met when the upper quartile meets it.
func (e *evaluator) perCall(op operation) []row {
	name := func(sub string) string { return op.bench + "/" + sub }
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
	type ratiosOf struct{ cpu, wall, bytes, allocs spread }
	ratiosTo := func(sub string) ratiosOf {
		suffix := "_" + sub
		if sub == "wrapper" {
			suffix = ""
		}
		return ratiosOf{
			cpu:    e.spread(interleaved, "ratio_cpu"+suffix),
			wall:   e.spread(interleaved, "ratio_time"+suffix),
			bytes:  e.perRound(name(sub), "B/op", name("plain"), "B/op", divide),
			allocs: e.perRound(name(sub), "allocs/op", name("plain"), "allocs/op", divide),
		}
	}
	describe := func(c cost, r ratiosOf) string {
		return fmt.Sprintf("CPU %s/call (%s); wall %s/call (%s); %s/op (%s); %.0f allocs/op (%s)",
			duration(c.cpu), r.cpu.short("%.2fx"), duration(c.wall), r.wall.short("%.2fx"),
			byteSize(c.bytes), r.bytes.short("%.2fx"), c.allocs, r.allocs.short("%.2fx"))
	}
	plain, wrapped := get("plain"), get("wrapper")
	wrapRatios := ratiosTo("wrapper")
	label := op.label + ", client process only: "
	rows := []row{{
		what: label + "(a) plain net/http + encoding/json (medians over rounds)",
		measured: fmt.Sprintf("CPU %s/call; wall %s/call; %s/op; %.0f allocs/op",
			duration(plain.cpu), duration(plain.wall), byteSize(plain.bytes), plain.allocs),
		target:  "baseline",
		verdict: info,
	}}
	// The other clients are references, shown when the run measured them.
	for _, sub := range op.extra {
		if len(e.out.values(interleaved, "ratio_cpu_"+sub)) == 0 {
			continue
		}
		what := "(b) generated client alone, ratios to (a)"
		if sub == "azcore" {
			what = "(d) generated client over a bare azcore pipeline (the wrapper's floor), ratios to (a)"
		}
		rows = append(rows, row{what: label + what, measured: describe(get(sub), ratiosTo(sub)), verdict: info})
	}
	return append(rows,
		row{what: label + "(c) wrapper, ratios to (a): median, IQR", measured: describe(wrapped, wrapRatios), verdict: info},
		row{
			what:     op.label + ": wrapper CPU per call / plain (interleaved)",
			measured: wrapRatios.cpu.format("%.3fx"),
			target:   fmt.Sprintf("<= %.2fx (upper quartile)", maxCPURatio),
			verdict:  atMost(wrapRatios.cpu, maxCPURatio),
		},
		row{
			what:     op.label + ": wrapper allocations per call / plain",
			measured: fmt.Sprintf("%s; medians %.0f / %.0f allocs/op", wrapRatios.allocs.format("%.3fx"), wrapped.allocs, plain.allocs),
			target:   fmt.Sprintf("<= %.2fx (upper quartile)", maxAllocsRatio),
			verdict:  atMost(wrapRatios.allocs, maxAllocsRatio),
		},
	)
}

// coldStart compares the two programs of BenchmarkColdStart: package
// initialisation time (median over the program runs of a round) and
// binary size, the difference and the ratio taken round by round.
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
	extra := e.perRound(benchColdStart, "wrapper_init_ms", benchColdStart, "plain_init_ms", subtract)
	ratio := e.perRound(benchColdStart, "wrapper_binary_MB", benchColdStart, "plain_binary_MB", divide)
	label := fmt.Sprintf("cold start (one call, medians of %s runs a round): ", count(runs))
	return []row{
		{what: label + "(a) net/http-only program", measured: describe(plain), target: "baseline", verdict: info},
		{what: label + "(b) wrapper program", measured: describe(wrapped), verdict: info},
		{
			what:     "cold start: package init time, wrapper program - net/http-only",
			measured: fmt.Sprintf("%s; medians %.2f - %.2f", extra.format("%+.2f ms"), wrapped.init, plain.init),
			target:   fmt.Sprintf("<= +%.2f ms (upper quartile)", maxInitExtraMS),
			verdict:  atMost(extra, maxInitExtraMS),
		},
		{
			what:     "cold start: binary size, wrapper program / net/http-only",
			measured: fmt.Sprintf("%s; %.2f MB / %.2f MB", ratio.format("%.3fx"), wrapped.binary, plain.binary),
			target:   fmt.Sprintf("<= %.2fx (upper quartile)", maxBinaryRatio),
			verdict:  atMost(ratio, maxBinaryRatio),
		},
	}
}

// concurrency reports BenchmarkConcurrentGets: the throughput of the
// wrapper and of plain net/http, their ratio round by round (the target,
// met when the lower quartile meets it: a lower ratio is worse), and the
// connections the wrapper opened.
func (e *evaluator) concurrency() []row {
	workers := e.get(benchConcurrent, "workers", aggMax)
	customers := e.get(benchConcurrent, "customers", aggMax)
	fetches := e.get(benchConcurrent, "fetches", aggMax)
	conns := e.get(benchConcurrent, "conns", aggMax)
	plainConns := e.get(benchConcurrent, "plain_conns", aggMax)
	rate := e.get(benchConcurrent, "customers/s", aggMedian)
	plainRate := e.get(benchConcurrent, "plain_customers/s", aggMedian)
	cpu := e.get(benchConcurrent, "cpu_us/customer", aggMedian)
	plainCPU := e.get(benchConcurrent, "plain_cpu_us/customer", aggMedian)
	ratio := e.spread(benchConcurrent, "ratio")
	label := fmt.Sprintf("concurrency: %s goroutines, %s fetches of %s customers a round", count(workers), count(fetches), count(customers))
	return []row{
		{
			what:     label + ": (a) plain net/http (medians over rounds)",
			measured: fmt.Sprintf("%s customers/s; CPU %.1f µs/customer (client and server); %.0f connections", count(plainRate), plainCPU, plainConns),
			target:   "baseline",
			verdict:  info,
		},
		{
			what:     label + ": (b) wrapper, default transport (medians over rounds)",
			measured: fmt.Sprintf("%s customers/s; CPU %.1f µs/customer (client and server)", count(rate), cpu),
			verdict:  info,
		},
		{
			what:     "concurrency: wrapper customers per second / plain (median over pairs of slices)",
			measured: fmt.Sprintf("%s; of all slices together %s", ratio.format("%.3fx"), e.spread(benchConcurrent, "ratio_total").short("%.3fx")),
			target:   fmt.Sprintf(">= %.2fx (lower quartile)", minRateRatio),
			verdict:  atLeast(ratio, minRateRatio),
		},
		{
			what:     "concurrency: TCP/TLS connections the wrapper opened (most in one round)",
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

// paging compares the heap of the two listings of a paging memory
// benchmark (of customers or of users): the peak of the sampled heap, the
// peak live heap (what the client keeps, without the garbage the
// collector has yet to reclaim) and the retained heap (live after a
// forced collection between pages), larger over smaller, round by round.
func (e *evaluator) paging(bench, items string) []row {
	type heap struct{ peak, live, retained, base, rate, page, listings float64 }
	get := func(size string) heap {
		name := bench + "/" + size
		return heap{
			peak:     e.get(name, "peak_heap_MB", aggMedian),
			live:     e.get(name, "live_heap_MB", aggMedian),
			retained: e.get(name, "retained_heap_MB", aggMedian),
			base:     e.get(name, "baseline_MB", aggMedian),
			rate:     e.get(name, "items/s", aggMedian),
			page:     e.get(name, "page_size", aggMax),
			listings: e.get(name, "listings", aggMax),
		}
	}
	small, large := get(pagingSmall), get(pagingLarge)
	describe := func(h heap) string {
		return fmt.Sprintf("peak heap %.2f MB, peak live heap %.2f MB, retained heap %.2f MB (medians over rounds), before listing %.2f MB; %s %s/s",
			h.peak, h.live, h.retained, h.base, count(h.rate), items)
	}
	label := func(n string, page, listings float64) string {
		return fmt.Sprintf("paging: %s %s, pages of %s (%s listing(s) per run)", n, items, count(page), count(listings))
	}
	growth := func(a, b float64) float64 { return max(a, b) / min(a, b) }
	smallName, largeName := bench+"/"+pagingSmall, bench+"/"+pagingLarge
	rows := []row{
		{what: label(pagingSmallLabel, small.page, small.listings), measured: describe(small), verdict: info},
		{what: label(pagingLargeLabel, large.page, large.listings), measured: describe(large), verdict: info},
	}
	for _, m := range []struct{ unit, what string }{
		{"peak_heap_MB", "peak heap"}, {"live_heap_MB", "peak live heap"}, {"retained_heap_MB", "retained heap (live after a forced collection)"},
	} {
		g := e.perRound(smallName, m.unit, largeName, m.unit, growth)
		rows = append(rows, row{
			what:     fmt.Sprintf("paging %s: %s, larger / smaller of the two", items, m.what),
			measured: g.format("%.3fx"),
			target:   fmt.Sprintf("<= %.2fx (within 20%%; upper quartile)", maxHeapGrowth),
			verdict:  atMost(g, maxHeapGrowth),
		})
	}
	return rows
}

// listing reports BenchmarkListingBytes: what the client allocates per
// customer for each page size, and the most over the fewest, round by
// round.
func (e *evaluator) listing() []row {
	var rows []row
	var perSize [][]float64
	for _, size := range listingSizes {
		name := benchListing + "/page=" + size
		b := e.get(name, "B/customer", aggMedian)
		a := e.get(name, "allocs/customer", aggMedian)
		rows = append(rows, row{
			what:     fmt.Sprintf("listing %s customers in pages of %s", count(10_000), size),
			measured: fmt.Sprintf("%s/customer, %.1f allocs/customer (medians over rounds)", byteSize(b), a),
			verdict:  info,
		})
		perSize = append(perSize, e.out.values(name, "B/customer")) // (e.get noted it if missing)
	}
	spreadOf := summarize(nil)
	if n := len(perSize[0]); n > 0 {
		var ratios []float64
		for i := range n {
			var round []float64
			for _, vs := range perSize {
				if len(vs) != n {
					e.missing = append(e.missing, fmt.Sprintf("%s: unequal rounds over the page sizes", benchListing))
					round = append(round, math.NaN())
					continue
				}
				round = append(round, vs[i])
			}
			ratios = append(ratios, slices.Max(round)/slices.Min(round))
		}
		spreadOf = summarize(ratios)
	}
	return append(rows, row{
		what:     "listing: bytes allocated per customer, largest / smallest over the page sizes",
		measured: spreadOf.format("%.3fx"),
		target:   fmt.Sprintf("<= %.2fx (upper quartile)", maxBytesPerItem),
		verdict:  atMost(spreadOf, maxBytesPerItem),
	})
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
