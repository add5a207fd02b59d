package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestParseTarget(t *testing.T) {
	t.Parallel()
	tt, err := parseTarget("internal/transport:guard.go,redirects.go")
	if err != nil || tt.dir != "internal/transport" || strings.Join(tt.files, ",") != "guard.go,redirects.go" {
		t.Errorf("got %+v, %v", tt, err)
	}
	if tt, err := parseTarget("./internal/scrub/"); err != nil || tt.dir != "internal/scrub" || tt.files != nil {
		t.Errorf("got %+v, %v", tt, err)
	}
	for _, bad := range []string{".", "../x", "/abs", "a:b.txt", "a:x_test.go", "a:sub/x.go", "a:x.go,"} {
		if _, err := parseTarget(bad); err == nil {
			t.Errorf("parseTarget(%q) accepted", bad)
		}
	}
	r := runFlags{}
	if err := r.Set("wrapper=^TestX$"); err != nil || r["wrapper"] != "^TestX$" {
		t.Errorf("run flag: %v %v", r, err)
	}
	for _, bad := range []string{"wrapper", "=x", "wrapper="} {
		if err := r.Set(bad); err == nil {
			t.Errorf("run flag %q accepted", bad)
		}
	}
}

func TestParseAllowLine(t *testing.T) {
	t.Parallel()
	e, ok, err := parseAllowLine("  internal/scrub/scrub.go:90:14:CONDITIONALS_BOUNDARY # sorting one: a no-op # really  ")
	if err != nil || !ok || e.file != "internal/scrub/scrub.go" || e.line != 90 || e.column != 14 || e.mutator != "CONDITIONALS_BOUNDARY" || e.reason != "sorting one: a no-op # really" {
		t.Errorf("got %+v, %v, %v", e, ok, err)
	}
	e, ok, err = parseAllowLine("a/b.go:7:INVERT_LOGICAL # any column")
	if err != nil || !ok || e.column != 0 || e.line != 7 {
		t.Errorf("got %+v, %v, %v", e, ok, err)
	}
	for _, skip := range []string{"", "   ", "# a comment", "  # indented comment"} {
		if _, ok, err := parseAllowLine(skip); ok || err != nil {
			t.Errorf("%q: ok %v, err %v", skip, ok, err)
		}
	}
	for _, bad := range []string{
		"a.go:1:INVERT_LOGICAL",   // no reason
		"a.go:1:INVERT_LOGICAL #", // empty reason
		"a.go:INVERT_LOGICAL # x", // no line
		"a.go:0:INVERT_LOGICAL # x",
		"a.go:x:INVERT_LOGICAL # x",
		"a.go:1:0:INVERT_LOGICAL # x",
		"a.go:1:2:3:INVERT_LOGICAL # x",
		"a.go:1:NO_SUCH_MUTATOR # x",
	} {
		if _, _, err := parseAllowLine(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	dir := t.TempDir()
	f := filepath.Join(dir, "allowed.txt")
	if err := os.WriteFile(f, []byte("# c\n\na.go:1:INVERT_LOGICAL # x\nbad line # y\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := readAllowList(f); err == nil || !strings.Contains(err.Error(), "allowed.txt:4") {
		t.Errorf("a bad line: %v", err)
	}
	if list, err := readAllowList(filepath.Join(dir, "missing.txt")); err != nil || list != nil {
		t.Errorf("a missing list: %v, %v", list, err)
	}
}

func TestJudge(t *testing.T) {
	t.Parallel()
	m := func(file string, line, col int, mut, status string) mutant {
		return mutant{file: file, line: line, column: col, mutator: mut, status: status}
	}
	results := []packageResult{{
		target: target{dir: "p"},
		mutants: []mutant{
			m("p/a.go", 1, 5, "INVERT_LOGICAL", statusKilled),
			m("p/a.go", 2, 5, "CONDITIONALS_BOUNDARY", statusLived), // allowed with its column
			m("p/a.go", 3, 5, "CONDITIONALS_NEGATION", statusLived), // allowed without one
			m("p/a.go", 3, 9, "CONDITIONALS_NEGATION", statusLived), // the same line
			m("p/a.go", 4, 5, "ARITHMETIC_BASE", statusLived),       // not listed
			m("p/a.go", 5, 5, "ARITHMETIC_BASE", statusTimedOut),    // killed by a hang
			m("p/a.go", 6, 5, "ARITHMETIC_BASE", statusNotViable),   // did not compile
			m("p/a.go", 7, 5, "ARITHMETIC_BASE", statusNotCovered),  // never run: survives
			m("p/a.go", 2, 6, "CONDITIONALS_BOUNDARY", statusLived), // another column: not listed
			m("p/a.go", 8, 5, "INVERT_LOOPCTRL", statusKilled),      // listed but killed: stale
		},
	}}
	allow := []allowEntry{
		{file: "p/a.go", line: 2, column: 5, mutator: "CONDITIONALS_BOUNDARY", reason: "r1"},
		{file: "p/a.go", line: 3, mutator: "CONDITIONALS_NEGATION", reason: "r2"},
		{file: "p/a.go", line: 8, mutator: "INVERT_LOOPCTRL", reason: "r3", raw: "stale"},
		{file: "p/gone.go", line: 1, mutator: "INVERT_LOOPCTRL", reason: "r4", raw: "file gone from a package run"},
		{file: "other/b.go", line: 1, mutator: "INVERT_LOOPCTRL", reason: "r5", raw: "a package not run"},
	}
	v := judge(results, allow)
	if len(v.allowed) != 3 || v.allowed[0].entry.reason != "r1" || v.allowed[2].entry.reason != "r2" {
		t.Errorf("allowed = %+v", v.allowed)
	}
	var unlisted []string
	for _, u := range v.unlisted {
		unlisted = append(unlisted, u.key())
	}
	if got := strings.Join(unlisted, " "); got != "p/a.go:4:5:ARITHMETIC_BASE p/a.go:7:5:ARITHMETIC_BASE p/a.go:2:6:CONDITIONALS_BOUNDARY" {
		t.Errorf("unlisted = %s", got)
	}
	if len(v.stale) != 2 || v.stale[0].raw != "stale" || v.stale[1].raw != "file gone from a package run" {
		t.Errorf("stale = %+v", v.stale)
	}
	c := v.total
	if c.total != 10 || c.killed != 2 || c.timedOut != 1 || c.notViable != 1 || c.lived != 6 {
		t.Errorf("counts = %+v", c)
	}
	r := report{targets: []target{{dir: "p"}}, results: results, verdict: v, allowFile: "allowed.txt", date: time.Unix(0, 0), machine: "m", gremlinsVersion: "v0"}
	md := r.markdown()
	for _, want := range []string{"**FAIL: 3 surviving mutant(s) not in the allow-list, 2 allow-list line(s)", "| `p/a.go:4:5:ARITHMETIC_BASE` |", "| r2 |", "- `stale` (line 0)"} {
		if !strings.Contains(md, want) {
			t.Errorf("report lacks %q:\n%s", want, md)
		}
	}
	ok := report{results: []packageResult{{target: target{dir: "p"}, mutants: []mutant{m("p/a.go", 1, 1, "INVERT_LOGICAL", statusKilled)}}}, verdict: judge(nil, nil)}
	if md := ok.markdown(); !strings.Contains(md, "**Every mutant was killed") {
		t.Errorf("passing report:\n%s", md)
	}
}

func TestApplyMutation(t *testing.T) {
	t.Parallel()
	code := []byte("package p\n\nfunc f(a, b int) bool {\n\tfor a < b && b-a >= 2 {\n\t\ta++\n\t\tif a == 3 { break }\n\t}\n\treturn a != -b\n}\n")
	tests := []struct {
		line, col int
		mutator   string
		want      string // the changed line
	}{
		{4, 8, "CONDITIONALS_BOUNDARY", "\tfor a <= b && b-a >= 2 {"},
		{4, 8, "CONDITIONALS_NEGATION", "\tfor a >= b && b-a >= 2 {"},
		{4, 12, "INVERT_LOGICAL", "\tfor a < b || b-a >= 2 {"},
		{4, 16, "ARITHMETIC_BASE", "\tfor a < b && b+a >= 2 {"},
		{4, 19, "CONDITIONALS_BOUNDARY", "\tfor a < b && b-a > 2 {"},
		{5, 4, "INCREMENT_DECREMENT", "\t\ta--"},
		{6, 8, "CONDITIONALS_NEGATION", "\t\tif a != 3 { break }"},
		{6, 15, "INVERT_LOOPCTRL", "\t\tif a == 3 { continue }"},
		{8, 11, "CONDITIONALS_NEGATION", "\treturn a == -b"},
		{8, 14, "INVERT_NEGATIVES", "\treturn a != +b"},
	}
	for _, tt := range tests {
		out, err := applyMutation(code, tt.line, tt.col, tt.mutator)
		if err != nil {
			t.Errorf("%d:%d %s: %v", tt.line, tt.col, tt.mutator, err)
			continue
		}
		if got := strings.Split(string(out), "\n")[tt.line-1]; got != tt.want {
			t.Errorf("%d:%d %s: %q, want %q", tt.line, tt.col, tt.mutator, got, tt.want)
		}
		if strings.Count(string(out), "\n") != strings.Count(string(code), "\n") {
			t.Errorf("%d:%d %s: lines added or lost", tt.line, tt.col, tt.mutator)
		}
	}
	for _, bad := range []struct {
		line, col int
		mutator   string
	}{{4, 8, "INVERT_LOGICAL"}, {4, 9, "CONDITIONALS_BOUNDARY"}, {99, 1, "INVERT_LOGICAL"}, {4, 8, "NOPE"}} {
		if _, err := applyMutation(code, bad.line, bad.col, bad.mutator); err == nil {
			t.Errorf("%+v accepted", bad)
		}
	}
}

func TestExcludeRules(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, f := range []string{"a.go", "b.go", "a_test.go", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sub.go"), 0o700); err != nil {
		t.Fatal(err)
	}
	if rules, err := excludeRules(dir, nil); err != nil || strings.Join(rules, " ") != "/" {
		t.Errorf("every file: %q, %v", rules, err)
	}
	if rules, err := excludeRules(dir, []string{"a.go"}); err != nil || strings.Join(rules, " ") != `/ ^b\.go$` {
		t.Errorf("a.go only: %q, %v", rules, err)
	}
	if _, err := excludeRules(dir, []string{"c.go"}); err == nil {
		t.Error("a file that is not there was accepted")
	}
}

func TestTestEnv(t *testing.T) {
	t.Setenv("GOFLAGS", "-mod=mod")
	if env := testEnv(target{}); len(env) != 1 || env[0] != "GOFLAGS=-mod=mod -count=1" {
		t.Errorf("no pattern: %q", env)
	}
	if env := testEnv(target{run: "^TestX$"}); len(env) != 1 || env[0] != "GOFLAGS=-mod=mod -count=1 -run=^TestX$" {
		t.Errorf("env = %q", env)
	}
}

func TestTimeoutFloor(t *testing.T) {
	cfg := config{coefficient: 10, minTimeout: 30 * time.Second}
	tests := []struct {
		baseline time.Duration
		timeout  time.Duration
	}{
		{500 * time.Millisecond, 30 * time.Second}, // a fast package: the floor decides
		{7 * time.Second, 70 * time.Second},        // a slow one: the coefficient decides
		{3 * time.Second, 30 * time.Second},        // exactly at the floor
		{0, 30 * time.Second},
	}
	for _, tt := range tests {
		if got := mutantTimeout(cfg, tt.baseline); got != tt.timeout {
			t.Errorf("mutantTimeout(%v) = %v, want %v", tt.baseline, got, tt.timeout)
		}
	}
}
