package bench

import (
	"net/http"
	"os/exec"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// The tests below run each benchmark's machinery once at a small size, so
// that `make test` catches a broken harness; they check what the harness
// counts, not how fast anything is.

func TestGetters(t *testing.T) {
	t.Parallel()
	cs := newCannedServer(t, newCustomerBodies(t, 1), nil)
	plain, generated, wrapped := getters(t, cs.URL(), cs.Client())
	for name, get := range map[string]getter{"plain": plain, "generated": generated, "wrapper": wrapped} {
		if err := get(t.Context()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	if n := cs.Conns(); n != 1 {
		t.Errorf("connections = %d, want 1: the three clients share one keep-alive connection", n)
	}
}

// TestCannedChild checks the set-up of BenchmarkGetCustomer: the three
// clients against the canned server in a child process, which knows the
// documented customer and nothing else.
func TestCannedChild(t *testing.T) {
	t.Parallel()
	srv := startCannedChild(t, 1)
	plain, generated, wrapped := getters(t, srv.URL, srv.Client)
	for name, get := range map[string]getter{"plain": plain, "generated": generated, "wrapper": wrapped} {
		if err := get(t.Context()); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
	resp, err := srv.Client.Get(srv.URL + "/v1/customers/" + fake.GeneratedCustomerID(0))
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	if resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("a request without a token: status %d, want 401", resp.StatusCode)
	}
}

// TestOperations checks the set-up of the other cost benchmarks: each
// operation, made plainly and with the wrapper, succeeds against the
// canned server in a child process.
func TestOperations(t *testing.T) {
	t.Parallel()
	srv := startCannedChild(t, 1)
	ops := operations(t, srv.URL, srv.Client)
	for _, name := range []string{"createCustomer", "updateCustomerUser", "deleteCustomerUser", "listCustomersPage"} {
		op, ok := ops[name]
		if !ok {
			t.Errorf("no operation %s", name)
			continue
		}
		for kind, call := range map[string]getter{"plain": op.plain, "wrapper": op.wrapper, "azcore": op.azcore} {
			if err := call(t.Context()); err != nil {
				t.Errorf("%s, %s: %v", name, kind, err)
			}
		}
	}
	if len(ops) != 4 {
		t.Errorf("%d operations, want 4", len(ops))
	}
}

func TestProcessCPU(t *testing.T) {
	t.Parallel()
	before, ok := processCPU()
	if !ok {
		t.Skip(noCPUTime)
	}
	// Spin until the process has used 20ms more CPU; a reading that never
	// moves fails the test when the deadline passes.
	deadline := time.Now().Add(10 * time.Second)
	x := 0
	for time.Now().Before(deadline) {
		for i := range 100_000 {
			x += i
		}
		if now, _ := processCPU(); now-before >= 20*time.Millisecond {
			return
		}
	}
	t.Errorf("the process's CPU time did not grow by 20ms in 10s of spinning (%d)", x)
}

func TestFetchConcurrently(t *testing.T) {
	t.Parallel()
	if !systemTrustsTestCert {
		t.Skip(noSystemTrust)
	}
	const n = 300
	bodies := newCustomerBodies(t, n)
	for _, kind := range []string{"plain", "wrapper"} {
		r, conns := fetchConcurrently(t.Context(), t, bodies, 8, kind)
		if r.fetched != n || r.errors != 0 {
			t.Errorf("%s: fetched %d of %d, %d errors", kind, r.fetched, n, r.errors)
		}
		if conns < 1 {
			t.Errorf("%s: connections = %d, want at least one counted", kind, conns)
		}
	}
}

func TestFetchThrottled(t *testing.T) {
	t.Parallel()
	if !systemTrustsTestCert {
		t.Skip(noSystemTrust)
	}
	// 30 customers against a bucket of 10 refilled at 10/s: about two
	// seconds either way.
	const n, rate = 30, 10
	ids := throttleIDs(n)
	if len(ids) != n || ids[0] != fake.DocumentedCustomerID || ids[1] != fake.ContosoCustomerID {
		t.Fatalf("throttleIDs(%d) = %d IDs starting with %v", n, len(ids), ids[:min(2, len(ids))])
	}
	for name, limit := range map[string]bool{"limiter": true, "no-limiter": false} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := fake.NewTestServer(t, &fake.Options{ExtraCustomers: n})
			r := fetchThrottled(t.Context(), t, s, ids, rate, 8, limit)
			if r.fetched != n || r.errors != 0 {
				t.Errorf("fetched %d of %d, %d errors", r.fetched, n, r.errors)
			}
			// Every request either got its customer or a 429 that was
			// retried.
			if r.tries != int64(r.fetched)+r.throttled {
				t.Errorf("%d requests, want %d customers + %d throttled", r.tries, r.fetched, r.throttled)
			}
			// Without the limiter, 30 requests at once cannot all pass a
			// bucket of 10.
			if !limit && r.throttled == 0 {
				t.Error("no 429 counted")
			}
			// Retry-After is honoured.
			if r.retriedAfter429 > 0 && r.minRetryWait < throttleRetryAfter {
				t.Errorf("retried %v after a 429 with Retry-After %v", r.minRetryWait, throttleRetryAfter)
			}
		})
	}
}

func TestListWithHeapSampling(t *testing.T) {
	t.Parallel()
	const n = (retainedEvery + 1) * pagingPageSize // a retained heap read, and a page more
	for name, tt := range map[string]struct {
		fc   *childServer
		list lister
	}{
		"customers": {startFakeChild(t, n), listCustomers},
		"users":     {startUsersFakeChild(t, n-documentedUsers(t)), listUsers},
	} {
		r := listWithHeapSampling(t.Context(), t, tt.fc, tt.list)
		if r.listed != n {
			t.Errorf("%s: listed %d, want %d", name, r.listed, n)
		}
		if r.baseline == 0 || r.peak < r.baseline || r.peakLive == 0 || r.retained == 0 {
			t.Errorf("%s: heap: baseline %d, peak %d, live %d, retained %d: want 0 < baseline <= peak and a live and retained heap", name, r.baseline, r.peak, r.peakLive, r.retained)
		}
	}
}

func TestParseInitTrace(t *testing.T) {
	t.Parallel()
	in := "init internal/bytealg @0.008 ms, 0 ms clock, 0 bytes, 0 allocs\n" +
		"init runtime @0.061 ms, 0.10 ms clock, 16 bytes, 1 allocs\n" +
		"a line of the program's own\n" +
		"init net/http @1.2 ms, 1.5 ms clock, 4000 bytes, 30 allocs\r\n" +
		"init main @12 ms, 12 ms clock, 0 bytes, 0 allocs\n"
	r, err := parseInitTrace([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if r.packages != 4 || r.initTime != 13600*time.Microsecond || r.initBytes != 4016 || r.initAllocs != 31 {
		t.Errorf("parseInitTrace = %+v, want 4 packages, 13.6ms, 4016 bytes, 31 allocs", r)
	}
	for _, bad := range []string{"", "no trace here\n", "init x @1 ms, 1e400 ms clock, 0 bytes, 0 allocs\n"} {
		if _, err := parseInitTrace([]byte(bad)); err == nil {
			t.Errorf("parseInitTrace(%q): no error", bad)
		}
	}
}

// TestColdStart builds the two cold-start programs, checks that the
// baseline imports nothing outside the standard library and that the
// other uses the wrapper, and runs each once against a canned server in a
// child process.
func TestColdStart(t *testing.T) {
	t.Parallel()
	if !systemTrustsTestCert {
		t.Skip(noSystemTrust)
	}
	gocmd := goTool(t)
	for _, p := range coldPrograms {
		out, err := exec.Command(gocmd, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", p.pkg).Output()
		if err != nil {
			t.Fatalf("go list %s: %v", p.pkg, err)
		}
		deps := strings.Fields(string(out))
		wrapperPkg := "github.com/partnercenter-go/partnercenter/wrapper"
		switch p.name {
		case "plain":
			if len(deps) != 1 {
				t.Errorf("%s imports packages outside the standard library: %v", p.pkg, deps)
			}
		case "wrapper":
			if !slices.Contains(deps, wrapperPkg) {
				t.Errorf("%s does not import %s: %v", p.pkg, wrapperPkg, deps)
			}
		}
	}
	progs := buildColdPrograms(t, t.TempDir())
	srv := startCannedChild(t, 1)
	for _, p := range progs {
		if p.size <= 0 {
			t.Errorf("%s: binary of %d bytes", p.name, p.size)
		}
		r, err := runCold(t.Context(), p, srv.URL, fake.DocumentedCustomerID)
		if err != nil {
			t.Error(err)
			continue
		}
		if r.packages < 10 || r.initTime <= 0 || r.elapsed < r.initTime {
			t.Errorf("%s: %+v: want the packages of net/http traced, an initialisation time within the run's", p.name, r)
		}
	}
}
