// Command mutate runs mutation testing over the security-critical code
// (`make mutate`): it mutates the code the way a reviewer would (a `<`
// made `<=`, an `==` made `!=`, a `&&` made `||`, a `break` made
// `continue`, ...) and checks that a test fails for every mutant.
//
// The mutants are found and run by gremlins (github.com/go-gremlins/gremlins,
// pinned in go.mod through tools.go), one package at a time, against that
// package's own tests. gremlins runs only the mutants on lines its coverage
// profile marks as run, and Go's coverage profile has no block for the
// expression of a `case` clause, so gremlins reports those mutants as "not
// covered" without running them; mutate runs each of them itself, with the
// same token changed, through `go test -overlay`, so that none goes
// untested.
//
// A mutant that no test kills must be listed, with the reason it cannot be
// killed (it is equivalent: no behaviour changes), in the allow-list
// (internal/mutation-allowed.txt). mutate exits with status 1 when a
// mutant survives that is not listed, or when a listed mutant no longer
// survives (the list must say exactly what survives), and writes its
// report (docs/mutation.md) either way.
//
// Usage:
//
//	go run ./tools/mutate [-gremlins path] [-allow file] [-doc file] [-work dir] [-run dir=regexp]... dir[:file,file...]...
//
// Each argument is a package directory, relative to the module root, with
// optionally the files of it to mutate (all of its non-test files
// otherwise). -run limits the tests run against the mutants of one package
// (for a package whose whole suite is slow).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"time"
)

// target is one package to mutate.
type target struct {
	dir   string   // relative to the module root, slash-separated
	files []string // the files of dir to mutate; nil: every non-test file
	run   string   // -run pattern of the tests to run; "": all
}

// runFlags collects repeated -run dir=regexp flags.
type runFlags map[string]string

func (r runFlags) String() string { return fmt.Sprint(map[string]string(r)) }

func (r runFlags) Set(v string) error {
	dir, pattern, ok := strings.Cut(v, "=")
	if !ok || dir == "" || pattern == "" {
		return fmt.Errorf("want dir=regexp, got %q", v)
	}
	r[filepath.ToSlash(filepath.Clean(dir))] = pattern
	return nil
}

func main() {
	gremlins := flag.String("gremlins", "", "the gremlins `binary` (default: built from go.mod's version into -work)")
	allow := flag.String("allow", "internal/mutation-allowed.txt", "the allow-list `file` of surviving mutants")
	doc := flag.String("doc", "docs/mutation.md", "write the Markdown report to this `file` (empty: none)")
	work := flag.String("work", "build/mutate", "working `directory` (staged sources, gremlins' output, logs)")
	workers := flag.Int("workers", 0, "gremlins workers and parallel overlay runs (default: the number of CPUs)")
	coefficient := flag.Int("timeout-coefficient", 10, "a mutant's run times out past this many times an unmutated run")
	minTimeout := flag.Duration("min-timeout", 30*time.Second, "but never before this `duration` (a mutant's package and test binary are built afresh; a busy machine builds slowly)")
	runs := runFlags{}
	flag.Var(runs, "run", "`dir=regexp`: the tests run against the mutants of dir (repeatable)")
	flag.Parse()
	if flag.NArg() == 0 {
		fmt.Fprintln(os.Stderr, "usage: mutate [flags] dir[:file,file...]...")
		flag.PrintDefaults()
		os.Exit(2)
	}
	var targets []target
	for _, arg := range flag.Args() {
		t, err := parseTarget(arg)
		if err != nil {
			fmt.Fprintln(os.Stderr, "mutate:", err)
			os.Exit(2)
		}
		t.run = runs[t.dir]
		delete(runs, t.dir)
		targets = append(targets, t)
	}
	for dir := range runs {
		fmt.Fprintf(os.Stderr, "mutate: -run names %s, which is no target\n", dir)
		os.Exit(2)
	}
	cfg := config{
		gremlins: *gremlins, allow: *allow, doc: *doc, work: *work,
		workers: max(*workers, 0), coefficient: *coefficient, minTimeout: *minTimeout, stdout: os.Stdout,
	}
	if cfg.workers == 0 {
		cfg.workers = runtime.NumCPU()
	}
	os.Exit(run(cfg, targets))
}

// config is what main hands to run.
type config struct {
	gremlins, allow, doc, work string
	workers, coefficient       int
	minTimeout                 time.Duration
	stdout                     io.Writer
}

// parseTarget parses "dir[:file,file...]".
func parseTarget(arg string) (target, error) {
	dir, files, _ := strings.Cut(arg, ":")
	dir = filepath.ToSlash(filepath.Clean(dir))
	if dir == "." || strings.HasPrefix(dir, "../") || filepath.IsAbs(dir) {
		return target{}, fmt.Errorf("%q: want a package directory under the module root", arg)
	}
	t := target{dir: dir}
	if files != "" {
		for f := range strings.SplitSeq(files, ",") {
			if f == "" || strings.Contains(f, "/") || !strings.HasSuffix(f, ".go") || strings.HasSuffix(f, "_test.go") {
				return target{}, fmt.Errorf("%q: %q is not a non-test .go file of the directory", arg, f)
			}
			t.files = append(t.files, f)
		}
	}
	return t, nil
}

// run does the work of main and returns the exit status.
func run(cfg config, targets []target) int {
	start := time.Now()
	fail := func(err error) int {
		fmt.Fprintln(os.Stderr, "mutate:", err)
		return 2
	}
	allowed, err := readAllowList(cfg.allow)
	if err != nil {
		return fail(err)
	}
	if err := os.RemoveAll(cfg.work); err != nil {
		return fail(err)
	}
	src := filepath.Join(cfg.work, "src")
	if err := stage(src); err != nil {
		return fail(fmt.Errorf("staging the sources: %w", err))
	}
	if cfg.gremlins == "" {
		cfg.gremlins, err = filepath.Abs(filepath.Join(cfg.work, "gremlins"))
		if err != nil {
			return fail(err)
		}
		if err := goCmd("", nil, "build", "-o", cfg.gremlins, gremlinsPkg).Run(); err != nil {
			return fail(fmt.Errorf("building gremlins: %w", err))
		}
	}
	var results []packageResult
	for _, t := range targets {
		fmt.Fprintf(cfg.stdout, "=== %s\n", t.dir)
		res, err := mutatePackage(cfg, src, t)
		if err != nil {
			return fail(fmt.Errorf("%s: %w", t.dir, err))
		}
		fmt.Fprintf(cfg.stdout, "    %s\n", res.counts().summary())
		results = append(results, res)
	}
	v := judge(results, allowed)
	rep := report{
		targets: targets, results: results, verdict: v, allowFile: cfg.allow,
		elapsed: time.Since(start), date: start, machine: describeMachine(), gremlinsVersion: moduleVersion(gremlinsModule), coefficient: cfg.coefficient, minTimeout: cfg.minTimeout,
	}
	for _, s := range v.unlisted {
		fmt.Fprintf(cfg.stdout, "SURVIVED, not in %s: %s   %s\n", cfg.allow, s.key(), s.source)
	}
	for _, a := range v.stale {
		fmt.Fprintf(cfg.stdout, "LISTED in %s, but no such mutant survived: %s\n", cfg.allow, a.raw)
	}
	if cfg.doc != "" {
		if err := os.WriteFile(cfg.doc, []byte(rep.markdown()), 0o644); err != nil {
			return fail(err)
		}
		fmt.Fprintf(cfg.stdout, "mutate: wrote %s\n", cfg.doc)
	}
	total := v.total
	fmt.Fprintf(cfg.stdout, "mutate: %s in %s\n", total.summary(), rep.elapsed.Round(time.Second))
	if len(v.unlisted) > 0 || len(v.stale) > 0 {
		fmt.Fprintf(cfg.stdout, "mutate: FAIL: %d surviving mutant(s) not in the allow-list, %d allow-list line(s) matching no survivor\n", len(v.unlisted), len(v.stale))
		return 1
	}
	fmt.Fprintln(cfg.stdout, "mutate: every surviving mutant is allowed, with its reason")
	return 0
}

// goCmd returns a go command run in dir (the current one for ""), with
// extra environment.
func goCmd(dir string, env []string, args ...string) *exec.Cmd {
	cmd := exec.Command("go", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), env...)
	cmd.Stderr = os.Stderr
	return cmd
}

// stage copies the module's files that git knows of (tracked, or new and
// not ignored) to dst: gremlins copies the whole module once per worker,
// and build output, node_modules and .git have no business there; the
// staged copy also keeps the run apart from edits made while it runs.
func stage(dst string) error {
	out, err := exec.Command("git", "ls-files", "-z", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		return fmt.Errorf("git ls-files: %w", err)
	}
	names := strings.Split(strings.TrimRight(string(out), "\x00"), "\x00")
	sort.Strings(names)
	for _, name := range names {
		info, err := os.Lstat(name)
		if err != nil || !info.Mode().IsRegular() {
			continue // deleted in the work tree, or a link
		}
		if err := copyFile(name, filepath.Join(dst, name), info.Mode()); err != nil {
			return err
		}
	}
	return nil
}

func copyFile(src, dst string, mode os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	b, err := os.ReadFile(src)
	if err != nil {
		return err
	}
	return os.WriteFile(dst, b, mode.Perm())
}
