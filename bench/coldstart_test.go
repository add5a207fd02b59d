package bench

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// coldProgram is one of the programs BenchmarkColdStart compares. Both
// take the endpoint and a customer ID as arguments, get that customer and
// print its ID; their sources are under coldstart/.
type coldProgram struct {
	name string // "plain" or "wrapper": the prefix of its metrics
	pkg  string // its package, relative to this directory
	path string // the binary built
	size int64  // the binary's size in bytes
}

// coldPrograms are the programs BenchmarkColdStart builds, the baseline
// first.
var coldPrograms = []coldProgram{
	{name: "plain", pkg: "./coldstart/plainprog"},
	{name: "wrapper", pkg: "./coldstart/wrapperprog"},
}

// goTool returns the go command, which go test puts on the PATH of the
// test binary; tb skips when there is none.
func goTool(tb testing.TB) string {
	tb.Helper()
	gocmd, err := exec.LookPath("go")
	if err != nil {
		tb.Skipf("no go command to build the cold-start programs with: %v", err)
	}
	return gocmd
}

// buildColdPrograms builds each of coldPrograms with a plain `go build`
// (the default flags, symbols and debug information included, as a user
// gets) into dir.
func buildColdPrograms(tb testing.TB, dir string) []coldProgram {
	tb.Helper()
	gocmd := goTool(tb)
	progs := make([]coldProgram, len(coldPrograms))
	for i, p := range coldPrograms {
		p.path = filepath.Join(dir, p.name+"prog")
		out, err := exec.Command(gocmd, "build", "-o", p.path, p.pkg).CombinedOutput()
		if err != nil {
			tb.Fatalf("go build %s: %v\n%s", p.pkg, err, out)
		}
		fi, err := os.Stat(p.path)
		if err != nil {
			tb.Fatal(err)
		}
		p.size = fi.Size()
		progs[i] = p
	}
	return progs
}

// coldRun is what one run of a cold-start program measured.
type coldRun struct {
	initTime   time.Duration // package initialisation, summed over packages
	initBytes  uint64        // heap allocated by package initialisation
	initAllocs uint64
	packages   int           // packages whose initialisation was traced
	elapsed    time.Duration // from starting the process to its exit
}

// initTraceLine is one line of GODEBUG=inittrace=1: the package, when its
// initialisation started after the runtime's, how long it took, and what
// it allocated.
var initTraceLine = regexp.MustCompile(`^init (\S+) @(\S+) ms, (\S+) ms clock, (\d+) bytes, (\d+) allocs$`)

// parseInitTrace sums the GODEBUG=inittrace=1 lines of a program's
// standard error, ignoring every other line.
func parseInitTrace(stderr []byte) (coldRun, error) {
	var r coldRun
	for line := range strings.Lines(string(stderr)) {
		m := initTraceLine.FindStringSubmatch(strings.TrimRight(line, "\r\n"))
		if m == nil {
			continue
		}
		ms, err1 := strconv.ParseFloat(m[3], 64)
		b, err2 := strconv.ParseUint(m[4], 10, 64)
		n, err3 := strconv.ParseUint(m[5], 10, 64)
		if err1 != nil || err2 != nil || err3 != nil || ms < 0 {
			return coldRun{}, fmt.Errorf("inittrace line %q: bad number", line)
		}
		r.initTime += time.Duration(ms * float64(time.Millisecond))
		r.initBytes += b
		r.initAllocs += n
		r.packages++
	}
	if r.packages == 0 {
		return coldRun{}, fmt.Errorf("no inittrace line in the program's output:\n%s", stderr)
	}
	return r, nil
}

// runCold runs p once with GODEBUG=inittrace=1 to get customer id from
// endpoint, checks that it printed the ID, and returns what it measured.
// The program trusts the server through SSL_CERT_FILE, which TestMain set.
func runCold(ctx context.Context, p coldProgram, endpoint, id string) (coldRun, error) {
	var stdout, stderr bytes.Buffer
	cmd := exec.CommandContext(ctx, p.path, endpoint, id)
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err := cmd.Run()
	elapsed := time.Since(start)
	if err != nil {
		return coldRun{}, fmt.Errorf("%s: %v\n%s", p.name, err, stderr.Bytes())
	}
	if got := strings.TrimSpace(stdout.String()); got != id {
		return coldRun{}, fmt.Errorf("%s printed %q, want the customer ID %s", p.name, got, id)
	}
	r, err := parseInitTrace(stderr.Bytes())
	if err != nil {
		return coldRun{}, fmt.Errorf("%s: %w", p.name, err)
	}
	r.elapsed = elapsed
	return r, nil
}

// BenchmarkColdStart compares the start-up of two small programs that
// each get one customer from a canned-response server in a child process:
// plainprog, with net/http and encoding/json alone, and wrapperprog,
// through a new wrapper client (see coldstart/). It builds both with
// `go build` into a temporary directory, then each iteration runs each
// program once, in alternating order, with GODEBUG=inittrace=1. For each
// program (metric prefix plain_ or wrapper_) it reports the medians over
// runs of the package initialisation time summed over packages
// (init_ms), of the heap it allocated (init_KB, 1 KB = 10^3 bytes), of the
// packages traced (init_packages) and of the time from starting the
// process to its exit (exec_ms), the binary's size (binary_MB, 10^6
// bytes), and the runs.
func BenchmarkColdStart(b *testing.B) {
	if !systemTrustsTestCert {
		b.Skip(noSystemTrust)
	}
	progs := buildColdPrograms(b, b.TempDir())
	srv := startCannedChild(b, 1)
	runs := make([][]coldRun, len(progs))
	n := 0
	for b.Loop() {
		for k := range progs {
			i := (n + k) % len(progs)
			r, err := runCold(b.Context(), progs[i], srv.URL, fake.DocumentedCustomerID)
			if err != nil {
				b.Fatal(err)
			}
			runs[i] = append(runs[i], r)
		}
		n++
	}
	for i, p := range progs {
		medianOf := func(f func(coldRun) float64) float64 {
			xs := make([]float64, len(runs[i]))
			for j, r := range runs[i] {
				xs[j] = f(r)
			}
			return median(xs)
		}
		b.ReportMetric(medianOf(func(r coldRun) float64 { return float64(r.initTime) / 1e6 }), p.name+"_init_ms")
		b.ReportMetric(medianOf(func(r coldRun) float64 { return float64(r.initBytes) / 1e3 }), p.name+"_init_KB")
		b.ReportMetric(medianOf(func(r coldRun) float64 { return float64(r.packages) }), p.name+"_init_packages")
		b.ReportMetric(medianOf(func(r coldRun) float64 { return float64(r.elapsed) / 1e6 }), p.name+"_exec_ms")
		b.ReportMetric(float64(p.size)/1e6, p.name+"_binary_MB")
	}
	b.ReportMetric(float64(n), "runs")
}
