package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// duration formats nanoseconds.
func duration(ns float64) string {
	switch {
	case math.IsNaN(ns):
		return "?"
	case ns >= 1e9:
		return fmt.Sprintf("%.3f s", ns/1e9)
	case ns >= 1e6:
		return fmt.Sprintf("%.2f ms", ns/1e6)
	case ns >= 1e3:
		return fmt.Sprintf("%.1f µs", ns/1e3)
	default:
		return fmt.Sprintf("%.0f ns", ns)
	}
}

// byteSize formats a byte count.
func byteSize(b float64) string {
	switch {
	case math.IsNaN(b):
		return "?"
	case b >= 1<<20:
		return fmt.Sprintf("%.1f MiB", b/(1<<20))
	case b >= 1<<10:
		return fmt.Sprintf("%.1f KiB", b/(1<<10))
	default:
		return fmt.Sprintf("%.0f B", b)
	}
}

// count formats a number rounded to an integer with thousands separators.
func count(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "?"
	}
	s := strconv.FormatInt(int64(math.Round(v)), 10)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

// table renders rows as a Markdown table with padded columns, readable
// in a terminal and in a rendered page alike.
func table(rows []row) string {
	head := []string{"Measurement", "Result", "Target", "Verdict"}
	cells := [][]string{head}
	for _, r := range rows {
		target := r.target
		if target == "" {
			target = "-"
		}
		cells = append(cells, []string{r.what, r.measured, target, r.verdict.String()})
	}
	width := make([]int, len(head))
	for _, line := range cells {
		for i, c := range line {
			width[i] = max(width[i], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	writeLine := func(line []string) {
		b.WriteString("|")
		for i, c := range line {
			b.WriteString(" " + c + strings.Repeat(" ", width[i]-utf8.RuneCountInString(c)) + " |")
		}
		b.WriteString("\n")
	}
	writeLine(cells[0])
	b.WriteString("|")
	for _, w := range width {
		b.WriteString(strings.Repeat("-", w+2) + "|")
	}
	b.WriteString("\n")
	for _, line := range cells[1:] {
		writeLine(line)
	}
	return b.String()
}

// machine describes where the benchmarks ran.
type machine struct {
	goVersion string
	goos      string
	goarch    string
	cpu       string
	cpus      int
	procs     int
	date      time.Time
}

// describeMachine collects the machine's description: the Go version
// and platform (from the benchmark header when present), the CPU model
// from /proc/cpuinfo (else the header's cpu line), the logical CPUs and
// the GOMAXPROCS the benchmarks ran with.
func describeMachine(out *output, now time.Time) machine {
	m := machine{
		goVersion: runtime.Version(),
		goos:      or(out.header["goos"], runtime.GOOS),
		goarch:    or(out.header["goarch"], runtime.GOARCH),
		cpu:       out.header["cpu"],
		cpus:      runtime.NumCPU(),
		procs:     out.procs(),
		date:      now.UTC(),
	}
	if f, err := os.Open("/proc/cpuinfo"); err == nil {
		defer f.Close()
		model, n := cpuInfo(f)
		if model != "" {
			m.cpu = model
		}
		if n > 0 {
			m.cpus = n
		}
	}
	return m
}

// cpuInfo reads the first CPU model and the number of processors from
// /proc/cpuinfo.
func cpuInfo(r io.Reader) (model string, processors int) {
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		key, value, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		switch strings.TrimSpace(key) {
		case "processor":
			processors++
		case "model name":
			if model == "" {
				model = strings.TrimSpace(value)
			}
		}
	}
	return model, processors
}

func or(s, otherwise string) string {
	if s == "" {
		return otherwise
	}
	return s
}
