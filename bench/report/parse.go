package main

import (
	"bufio"
	"fmt"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// result is one result line of `go test -bench`: a benchmark, the iterations
// it ran and its metrics by unit ("ns/op", "allocs/op", "conns", ...).
type result struct {
	name    string // without the -GOMAXPROCS suffix
	procs   int
	iters   int
	metrics map[string]float64
}

// output is everything read from one or more `go test -bench` outputs.
type output struct {
	runs     []result
	header   map[string]string // goos, goarch, pkg, cpu
	failures []string          // lines saying a test or benchmark failed
	raw      []string          // the benchmark and header lines, for the record
}

// procsSuffix is the "-N" go test appends to a benchmark name when
// GOMAXPROCS is not 1.
var procsSuffix = regexp.MustCompile(`-(\d+)$`)

// parse reads `go test -bench` output, keeping benchmark result lines,
// the header lines and failures; everything else (logs) is skipped.
func parse(r io.Reader, out *output) error {
	if out.header == nil {
		out.header = map[string]string{}
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		line := strings.TrimRight(sc.Text(), " \t\r")
		switch {
		case strings.HasPrefix(line, "Benchmark"):
			rn, ok, err := parseRun(line)
			if err != nil {
				return err
			}
			if ok {
				out.runs = append(out.runs, rn)
				out.raw = append(out.raw, line)
			}
		case isFailure(line):
			out.failures = append(out.failures, line)
		default:
			for _, key := range []string{"goos", "goarch", "pkg", "cpu"} {
				if v, ok := strings.CutPrefix(line, key+": "); ok {
					if _, seen := out.header[key]; !seen {
						out.raw = append(out.raw, line)
					}
					out.header[key] = strings.TrimSpace(v)
				}
			}
		}
	}
	return sc.Err()
}

// isFailure reports lines go test prints when something failed.
func isFailure(line string) bool {
	return strings.HasPrefix(line, "--- FAIL") || line == "FAIL" || strings.HasPrefix(line, "FAIL\t") ||
		strings.HasPrefix(line, "panic: ")
}

// parseRun parses "BenchmarkX/y-2  100  123 ns/op  4.5 conns ...". ok is
// false for lines that start with "Benchmark" but are not results (such
// as a benchmark's name printed alone before its log).
func parseRun(line string) (rn result, ok bool, err error) {
	f := strings.Fields(line)
	if len(f) < 4 || len(f)%2 != 0 {
		return result{}, false, nil
	}
	iters, err := strconv.Atoi(f[1])
	if err != nil {
		return result{}, false, nil
	}
	rn = result{name: f[0], procs: 1, iters: iters, metrics: map[string]float64{}}
	if m := procsSuffix.FindStringSubmatch(rn.name); m != nil {
		rn.procs, _ = strconv.Atoi(m[1])
		rn.name = strings.TrimSuffix(rn.name, m[0])
	}
	for i := 2; i+1 < len(f); i += 2 {
		v, err := strconv.ParseFloat(f[i], 64)
		if err != nil {
			return result{}, false, fmt.Errorf("benchmark line %q: value %q: %w", line, f[i], err)
		}
		rn.metrics[f[i+1]] = v
	}
	return rn, true, nil
}

// values returns the values of unit over every run of the named benchmark.
func (o *output) values(name, unit string) []float64 {
	var vs []float64
	for _, r := range o.runs {
		if v, ok := r.metrics[unit]; ok && r.name == name {
			vs = append(vs, v)
		}
	}
	return vs
}

// procs returns the GOMAXPROCS the benchmarks ran with (0 if unknown).
func (o *output) procs() int {
	if len(o.runs) == 0 {
		return 0
	}
	return o.runs[0].procs
}

// median returns the median of vs.
func median(vs []float64) float64 {
	s := slices.Clone(vs)
	slices.Sort(s)
	m := len(s) / 2
	if len(s)%2 == 0 {
		return (s[m-1] + s[m]) / 2
	}
	return s[m]
}
