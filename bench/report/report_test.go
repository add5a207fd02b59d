package main

import (
	"bytes"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseRun(t *testing.T) {
	t.Parallel()
	tests := []struct {
		line    string
		ok      bool
		wantErr bool
		name    string
		procs   int
		metrics map[string]float64
	}{
		{
			line: "BenchmarkGetCustomer/plain-2   \t 17422\t 67310 ns/op\t 12696 B/op\t 220 allocs/op",
			ok:   true, name: "BenchmarkGetCustomer/plain", procs: 2,
			metrics: map[string]float64{"ns/op": 67310, "B/op": 12696, "allocs/op": 220},
		},
		{
			line: "BenchmarkConcurrentGets \t 3\t 5.1e+08 ns/op\t 64.00 conns\t 19349 customers/s",
			ok:   true, name: "BenchmarkConcurrentGets", procs: 1,
			metrics: map[string]float64{"ns/op": 5.1e8, "conns": 64, "customers/s": 19349},
		},
		{line: "BenchmarkPagingHeap/10000-2", ok: false},                          // name printed before a log
		{line: "BenchmarkThrottled/limiter-2 \t 1\t 42 ns/op\t extra", ok: false}, // odd field count
		{line: "BenchmarkX-2 \t many\t 42 ns/op", ok: false},
		{line: "BenchmarkX-2 \t 1\t fast ns/op", wantErr: true},
	}
	for _, tt := range tests {
		got, ok, err := parseRun(tt.line)
		if (err != nil) != tt.wantErr || ok != tt.ok {
			t.Errorf("parseRun(%q): ok %v, err %v; want ok %v, error %v", tt.line, ok, err, tt.ok, tt.wantErr)
			continue
		}
		if !ok {
			continue
		}
		if got.name != tt.name || got.procs != tt.procs || len(got.metrics) != len(tt.metrics) {
			t.Errorf("parseRun(%q) = %+v", tt.line, got)
		}
		for unit, v := range tt.metrics {
			if got.metrics[unit] != v {
				t.Errorf("parseRun(%q): %s = %v, want %v", tt.line, unit, got.metrics[unit], v)
			}
		}
	}
}

func TestParseKeepsHeaderAndFailures(t *testing.T) {
	t.Parallel()
	in := "goos: linux\ncpu: Test CPU\n    some_test.go:12: a log line\n--- FAIL: BenchmarkX\nFAIL\nBenchmarkY-4 \t 1\t 2 ns/op\n"
	var out output
	if err := parse(strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	if out.header["goos"] != "linux" || out.header["cpu"] != "Test CPU" {
		t.Errorf("header = %v", out.header)
	}
	if len(out.failures) != 2 {
		t.Errorf("failures = %q, want the two FAIL lines", out.failures)
	}
	if len(out.runs) != 1 || out.procs() != 4 {
		t.Errorf("runs = %+v", out.runs)
	}
}

// passing is `make bench` output in which every target is met: the first
// round of each benchmark of a real run (issue 16), with the figures that
// run missed edited to meet their targets: the wrapper's CPU ratio of the
// create, update and delete benchmarks (set to 1.12), its allocations of
// the update and delete ones (134 and 69 allocs/op) and the concurrency
// ratio (0.97). docs/performance.md shows the real ones.
func passing(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "pass.txt"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// replaceMetric sets unit of every result line of bench to value.
func replaceMetric(t *testing.T, in, bench, unit, value string) string {
	t.Helper()
	var b strings.Builder
	n := 0
	for line := range strings.Lines(in) {
		f := strings.Fields(line)
		if len(f) > 0 && procsSuffix.ReplaceAllString(f[0], "") == bench {
			for i := 3; i < len(f); i += 2 {
				if f[i] == unit {
					f[i-1] = value
					n++
				}
			}
			line = strings.Join(f, " ") + "\n"
		}
		b.WriteString(line)
	}
	if n == 0 {
		t.Fatalf("no %s %s in the sample", bench, unit)
	}
	return b.String()
}

// dropBenchmark removes the result lines of bench.
func dropBenchmark(in, bench string) string {
	var b strings.Builder
	for line := range strings.Lines(in) {
		if !strings.HasPrefix(line, bench+"-") && !strings.HasPrefix(line, bench+" ") {
			b.WriteString(line)
		}
	}
	return b.String()
}

func TestRunVerdicts(t *testing.T) {
	t.Parallel()
	pass := passing(t)
	tests := []struct {
		name     string
		input    string
		wantCode int
		wantText string // in the table
	}{
		{"all met", pass, 0, "every target met"},
		{"wrapper CPU too high", replaceMetric(t, pass, "BenchmarkGetCustomer/interleaved", "ratio_cpu", "1.2"), 1, "| 1.200x"},
		{"wall-time ratio is no target", replaceMetric(t, pass, "BenchmarkGetCustomer/interleaved", "ratio_time", "1.5"), 0, "/call (1.50x); "},
		{"too many allocations", replaceMetric(t, pass, "BenchmarkGetCustomer/wrapper", "allocs/op", "400"), 1, "FAIL"},
		{"allocations just over the target", replaceMetric(t, pass, "BenchmarkGetCustomer/wrapper", "allocs/op", "213"), 1, "1.151x (1 round); medians 213 / 185"},
		{"allocations just within the target", replaceMetric(t, pass, "BenchmarkGetCustomer/wrapper", "allocs/op", "212"), 0, "1.146x (1 round); medians 212 / 185"},
		{"update CPU too high", replaceMetric(t, pass, "BenchmarkUpdateCustomerUser/interleaved", "ratio_cpu", "1.3"), 1, "| 1.300x (1 round)"},
		{"delete allocations too many", replaceMetric(t, pass, "BenchmarkDeleteCustomerUser/wrapper", "allocs/op", "90"), 1, "1.500x (1 round); medians 90 / 60 allocs/op"},
		{"CPU per call missing", dropBenchmark(pass, "BenchmarkGetCustomer/interleaved"), 1, "missing result"},
		{"an operation missing", dropBenchmark(pass, "BenchmarkCreateCustomer/interleaved"), 1, "BenchmarkCreateCustomer/interleaved: no"},
		{"the floor is no target", replaceMetric(t, pass, "BenchmarkDeleteCustomerUser/interleaved", "ratio_cpu_azcore", "2"), 0, "every target met"},
		{"init too slow", replaceMetric(t, pass, "BenchmarkColdStart", "wrapper_init_ms", "2.3"), 1, "+1.62 ms (1 round); medians 2.30 - 0.68"},
		{"binary too large", replaceMetric(t, pass, "BenchmarkColdStart", "wrapper_binary_MB", "18"), 1, "2.010x (1 round); 18.00 MB / 8.95 MB"},
		{"cold start missing", dropBenchmark(pass, "BenchmarkColdStart"), 1, "missing result"},
		{"too many connections", replaceMetric(t, pass, "BenchmarkConcurrentGets", "conns", "65"), 1, "FAIL"},
		{"concurrency too slow", replaceMetric(t, pass, "BenchmarkConcurrentGets", "ratio", "0.9"), 1, "| 0.900x (1 round); of all slices together"},
		{"concurrency: the slices together are no target", replaceMetric(t, pass, "BenchmarkConcurrentGets", "ratio_total", "0.5"), 0, "of all slices together 0.500x"},
		{"errors surfaced", replaceMetric(t, pass, "BenchmarkThrottled/no-limiter", "errors", "1"), 1, "FAIL"},
		{"throughput too low", replaceMetric(t, pass, "BenchmarkThrottled/limiter", "pct_of_R", "94.9"), 1, "94.9% of R"},
		{"Retry-After not honoured", replaceMetric(t, pass, "BenchmarkThrottled/no-limiter", "min_retry_wait_ms", "900"), 1, "900.00 ms"},
		{"too many 429s", replaceMetric(t, pass, "BenchmarkThrottled/limiter", "429_pct", "2"), 1, "2.00% of requests"},
		{"heap grows", replaceMetric(t, pass, "BenchmarkPagingHeap/100000", "peak_heap_MB", "9.9"), 1, "FAIL"},
		{"live heap grows", replaceMetric(t, pass, "BenchmarkPagingHeap/100000", "live_heap_MB", "9.9"), 1, "FAIL"},
		{"heap shrinks", replaceMetric(t, pass, "BenchmarkPagingHeap/100000", "live_heap_MB", "1.0"), 1, "FAIL"},
		{"retained heap grows", replaceMetric(t, pass, "BenchmarkPagingHeap/100000", "retained_heap_MB", "9.9"), 1, "FAIL"},
		{"users' heap grows", replaceMetric(t, pass, "BenchmarkUsersPagingHeap/100000", "retained_heap_MB", "9.9"), 1, "| paging users: retained heap"},
		{"bytes per customer depend on the page size", replaceMetric(t, pass, "BenchmarkListingBytes/page=50", "B/customer", "4000"), 1, "FAIL"},
		{"benchmark missing", dropBenchmark(pass, "BenchmarkPagingHeap/10000"), 1, "missing result"},
		{"a page size missing", dropBenchmark(pass, "BenchmarkListingBytes/page=200"), 1, "BenchmarkListingBytes/page=200: no"},
		{"go test failed", pass + "--- FAIL: BenchmarkThrottled/limiter\nFAIL\n", 1, "failure line"},
		{"no input", "", 1, "missing result"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			code := run(nil, "", strings.NewReader(tt.input), &stdout, &stderr, time.Now())
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.wantCode, stdout.String(), stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.wantText) {
				t.Errorf("output lacks %q:\n%s", tt.wantText, stdout.String())
			}
			if tt.wantCode == 0 && strings.Contains(stdout.String(), "FAIL") {
				t.Errorf("a passing run printed FAIL:\n%s", stdout.String())
			}
		})
	}
}

// rounds replaces the result lines of every benchmark whose name starts
// with prefix by n copies, one a round, in order (as go test -count n
// prints them: each round's sub-benchmarks together), and sets unit of
// bench in round i to values[i].
func rounds(t *testing.T, in, prefix, bench, unit string, values ...string) string {
	t.Helper()
	var group []string
	var b strings.Builder
	flush := func() {
		for _, v := range values {
			for _, line := range group {
				f := strings.Fields(line)
				if procsSuffix.ReplaceAllString(f[0], "") == bench {
					for j := 3; j < len(f); j += 2 {
						if f[j] == unit {
							f[j-1] = v
						}
					}
				}
				b.WriteString(strings.Join(f, " ") + "\n")
			}
		}
		group = nil
	}
	for line := range strings.Lines(in) {
		if strings.HasPrefix(line, prefix) {
			group = append(group, strings.TrimRight(line, "\n"))
			continue
		}
		if group != nil {
			flush()
		}
		b.WriteString(line)
	}
	if group != nil {
		flush()
	}
	if !strings.Contains(b.String(), unit) {
		t.Fatalf("no %s in the sample", unit)
	}
	return b.String()
}

// TestQuartileRule: a ratio target is met only when the upper quartile of
// the rounds meets it, whatever the median; the figure shows the median,
// the interquartile range, the range and the rounds.
func TestQuartileRule(t *testing.T) {
	t.Parallel()
	pass := passing(t)
	perCall := func(values ...string) string {
		return rounds(t, pass, "BenchmarkGetCustomer/", "BenchmarkGetCustomer/interleaved", "ratio_cpu", values...)
	}
	tests := []struct {
		name     string
		input    string
		wantCode int
		wantText string
	}{
		// The rerun of issue 20: median 1.196 over 1.15, FAIL.
		{"issue 20's rerun", perCall("1.196", "1.137", "1.219"), 1,
			"| 1.196x (median of 3 rounds; IQR 1.167x–1.208x; range 1.137x–1.219x) | <= 1.15x (upper quartile) | FAIL"},
		// Median 1.10 meets 1.15, but the upper quartile (1.16) does not.
		{"median met, upper quartile missed", perCall("1.05", "1.08", "1.10", "1.16", "1.30"), 1,
			"| 1.100x (median of 5 rounds; IQR 1.080x–1.160x; range 1.050x–1.300x) | <= 1.15x (upper quartile) | FAIL"},
		// One bad round of five does not decide it: Q3 is the 4th value.
		{"one slow round", perCall("1.05", "1.08", "1.10", "1.12", "1.40"), 0,
			"| 1.100x (median of 5 rounds; IQR 1.080x–1.120x; range 1.050x–1.400x) | <= 1.15x (upper quartile) | PASS"},
		{"upper quartile exactly at the target", perCall("1.00", "1.15", "1.15", "1.15", "1.15"), 0, "IQR 1.150x–1.150x; range 1.000x–1.150x) | <= 1.15x (upper quartile) | PASS"},
		// Rounds of a ratio's two sides that do not pair up fail.
		{"rounds do not pair", rounds(t, pass, "BenchmarkGetCustomer/wrapper", "BenchmarkGetCustomer/wrapper", "allocs/op", "220", "221"), 1, `BenchmarkGetCustomer/wrapper "allocs/op" and BenchmarkGetCustomer/plain "allocs/op": 2 and 1 rounds`},
		{"allocations over the target in one of three rounds", rounds(t, pass, "BenchmarkGetCustomer/", "BenchmarkGetCustomer/wrapper", "allocs/op", "200", "200", "225"), 0,
			"| 1.081x (median of 3 rounds; IQR 1.081x–1.149x; range 1.081x–1.216x); medians 200 / 185 allocs/op | <= 1.15x (upper quartile) | PASS"},
		{"allocations over the target in two of three rounds", rounds(t, pass, "BenchmarkGetCustomer/", "BenchmarkGetCustomer/wrapper", "allocs/op", "200", "225", "225"), 1,
			"| 1.216x (median of 3 rounds; IQR 1.149x–1.216x; range 1.081x–1.216x); medians 225 / 185 allocs/op | <= 1.15x (upper quartile) | FAIL"},
		{"cold start over in the upper quartile", rounds(t, pass, "BenchmarkColdStart", "BenchmarkColdStart", "wrapper_init_ms", "1.676", "2.076", "2.276", "2.476"), 1,
			"| +1.50 ms (median of 4 rounds; IQR +1.30 ms–+1.65 ms; range +1.00 ms–+1.80 ms); medians 2.18 - 0.68 | <= +1.00 ms (upper quartile) | FAIL"},
		{"paging grows in most rounds", rounds(t, pass, "BenchmarkPagingHeap/", "BenchmarkPagingHeap/100000", "peak_heap_MB", "5.6", "6.92", "6.92"), 1,
			"| 1.250x (median of 3 rounds; IQR 1.131x–1.250x; range 1.012x–1.250x) | <= 1.20x (within 20%; upper quartile) | FAIL"},
		// A floor is held at the lower quartile: one slow round of five does
		// not decide it, two do.
		{"concurrency: one slow round", rounds(t, pass, "BenchmarkConcurrentGets", "BenchmarkConcurrentGets", "ratio", "0.99", "0.96", "0.97", "0.90", "1.00"), 0,
			"| 0.970x (median of 5 rounds; IQR 0.960x–0.990x; range 0.900x–1.000x); of all slices together"},
		{"concurrency: lower quartile missed", rounds(t, pass, "BenchmarkConcurrentGets", "BenchmarkConcurrentGets", "ratio", "0.99", "0.96", "0.94", "0.93", "1.00"), 1,
			"| 0.960x (median of 5 rounds; IQR 0.940x–0.990x; range 0.930x–1.000x); of all slices together"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var stdout, stderr bytes.Buffer
			code := run(nil, "", strings.NewReader(tt.input), &stdout, &stderr, time.Now())
			flat := strings.Join(strings.Fields(stdout.String()), " ")
			want := strings.Join(strings.Fields(tt.wantText), " ")
			if code != tt.wantCode || !strings.Contains(flat, want) {
				t.Errorf("exit %d (want %d); output lacks %q:\n%s%s", code, tt.wantCode, tt.wantText, stdout.String(), stderr.String())
			}
		})
	}
}

func TestSummarize(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in                       []float64
		min, q1, median, q3, max float64
	}{
		{[]float64{7}, 7, 7, 7, 7, 7},
		{[]float64{2, 1}, 1, 1.25, 1.5, 1.75, 2},
		{[]float64{3, 1, 2}, 1, 1.5, 2, 2.5, 3},
		{[]float64{4, 1, 3, 2}, 1, 1.75, 2.5, 3.25, 4},
		{[]float64{1, 2, 3, 4, 100}, 1, 2, 3, 4, 100},
		{[]float64{1.196, 1.137, 1.219}, 1.137, 1.1665, 1.196, 1.2075, 1.219},
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	for _, tt := range tests {
		s := summarize(tt.in)
		if s.n != len(tt.in) || !near(s.min, tt.min) || !near(s.q1, tt.q1) || !near(s.median, tt.median) || !near(s.q3, tt.q3) || !near(s.max, tt.max) {
			t.Errorf("summarize(%v) = %+v", tt.in, s)
		}
	}
	for _, in := range [][]float64{nil, {1, math.NaN()}} {
		if s := summarize(in); !math.IsNaN(s.q3) || atMost(s, 10) != fail || s.format("%.2f") != "?" {
			t.Errorf("summarize(%v) = %+v: want NaN and a FAIL", in, s)
		}
	}
	if got := summarize([]float64{1.1, 1.2, 1.3}).format("%.2fx"); got != "1.20x (median of 3 rounds; IQR 1.15x–1.25x; range 1.10x–1.30x)" {
		t.Errorf("format = %q", got)
	}
	if got := summarize([]float64{1.1, 1.2, 1.3}).short("%.2f"); got != "1.20, IQR 1.15–1.25" {
		t.Errorf("short = %q", got)
	}
	if got := summarize([]float64{1.1}).short("%.2f"); got != "1.10" {
		t.Errorf("short of one = %q", got)
	}
	if got := ratios([]float64{2, 3}, []float64{1, 2}); len(got) != 2 || got[0] != 2 || got[1] != 1.5 {
		t.Errorf("ratios = %v", got)
	}
	if got := ratios([]float64{2, 3}, []float64{1}); len(got) != 1 || !math.IsNaN(got[0]) {
		t.Errorf("unpaired ratios = %v", got)
	}
}

func TestRunWritesDoc(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in := filepath.Join(dir, "bench.txt")
	if err := os.WriteFile(in, []byte(passing(t)), 0o600); err != nil {
		t.Fatal(err)
	}
	doc := filepath.Join(dir, "performance.md")
	var stdout, stderr bytes.Buffer
	now := time.Date(2026, 1, 2, 3, 4, 0, 0, time.UTC)
	if code := run([]string{in}, doc, nil, &stdout, &stderr, now); code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout.String(), stderr.String())
	}
	b, err := os.ReadFile(doc)
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, want := range []string{
		"Generated by `make bench`", "Do not edit by hand", "Every target was met.",
		"Date: 2026-01-02 03:04 UTC", "GOMAXPROCS=2", "linux/amd64",
		"BenchmarkThrottled/limiter-2", // the raw output
	} {
		if !strings.Contains(text, want) {
			t.Errorf("performance.md lacks %q", want)
		}
	}
	// Every row printed is on the page, in the section that says how it
	// was measured: each section's table follows its method.
	table := stdout.String()[:strings.Index(stdout.String(), "\n\n")+1]
	rows := 0
	for line := range strings.Lines(table) {
		cells := strings.Split(line, "|")
		if len(cells) < 3 || strings.HasPrefix(strings.TrimSpace(cells[1]), "-") || strings.TrimSpace(cells[1]) == "Measurement" {
			continue
		}
		rows++
		if what := strings.TrimSpace(cells[1]); !strings.Contains(text, "| "+what+" ") {
			t.Errorf("performance.md lacks the row %q", what)
		}
	}
	if rows < 40 {
		t.Errorf("%d rows printed", rows)
	}
	sections := []string{"### Cost of one call", "### Cold start", "### Concurrency", "### Throttled throughput",
		"### Memory while paging customers", "### Memory while paging users", "### Allocations per customer for each page size"}
	last := -1
	for _, s := range sections {
		i := strings.Index(text, s)
		if i < last {
			t.Errorf("section %q missing or out of order", s)
		}
		last = i
	}
	// How the numbers were measured (with the runs counted from the
	// input), and the targets, wherever the lines of the page break.
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"the server runs in a process of its own", "getrusage(RUSAGE_SELF)", "GODEBUG=inittrace=1",
		"over the 1 rounds of `make bench`", "runs each program 15 times",
		"Rounds: 1 of the cost of one call, 1 of the cold start, 1 of the concurrency, 1 of the memory benchmarks",
		"the upper quartile for a ceiling (at most), the lower quartile for a floor (at least)", "interquartile range",
		"CPU time per call at most 1.15x", "allocations per call at most 1.15x",
		"at most 1 ms more than a net/http-only program's", "a binary at most 2x its size",
		"the wrapper's throughput at least 0.95x plain net/http's", "mutex and block profiles",
		"the retained heap", "(issue 17)", "the page size that allocates the most at most 1.20x",
		"calls for 1 s", // the sub-benchmarks' time, from the output
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("performance.md lacks %q", want)
		}
	}
	if code := run([]string{filepath.Join(dir, "missing.txt")}, doc, nil, &stdout, &stderr, now); code != 2 {
		t.Errorf("missing input file: exit %d, want 2", code)
	}
}

func TestCount(t *testing.T) {
	t.Parallel()
	for in, want := range map[float64]string{0: "0", 999: "999", 1000: "1,000", 19349.4: "19,349", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := count(in); got != want {
			t.Errorf("count(%v) = %q, want %q", in, got, want)
		}
	}
}

func TestCPUInfo(t *testing.T) {
	t.Parallel()
	in := "processor\t: 0\nmodel name\t: Test CPU @ 2GHz\nflags\t: x\n\nprocessor\t: 1\nmodel name\t: Test CPU @ 2GHz\n"
	model, n := cpuInfo(strings.NewReader(in))
	if model != "Test CPU @ 2GHz" || n != 2 {
		t.Errorf("cpuInfo = %q, %d", model, n)
	}
}
