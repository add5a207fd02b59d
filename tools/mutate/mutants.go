package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/scanner"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"time"
)

const (
	gremlinsModule = "github.com/go-gremlins/gremlins"
	gremlinsPkg    = gremlinsModule + "/cmd/gremlins"
)

// mutators are the mutators mutate enables: gremlins' defaults, and the
// inversion of && and || and of break and continue, which the security
// checks are made of.
var mutators = []string{
	"ARITHMETIC_BASE", "CONDITIONALS_BOUNDARY", "CONDITIONALS_NEGATION", "INCREMENT_DECREMENT",
	"INVERT_NEGATIVES", "INVERT_LOGICAL", "INVERT_LOOPCTRL",
}

// gremlinsFlags enables the mutators the defaults leave out.
var gremlinsFlags = []string{"--invert-logical", "--invert-loopctrl"}

// Statuses of a mutant, as gremlins names them.
const (
	statusKilled     = "KILLED"
	statusLived      = "LIVED"
	statusTimedOut   = "TIMED OUT"
	statusNotViable  = "NOT VIABLE"
	statusNotCovered = "NOT COVERED"
)

// mutant is one mutation and what became of it.
type mutant struct {
	file    string // slash-separated, relative to the module root
	line    int
	column  int
	mutator string
	status  string
	byUs    bool   // run by mutate through an overlay (gremlins saw no coverage)
	retimed bool   // gremlins said TIMED OUT; mutate ran it again, with its own timeout
	source  string // the mutated line, trimmed, for the report
}

// key is how the allow-list names the mutant.
func (m mutant) key() string { return fmt.Sprintf("%s:%d:%d:%s", m.file, m.line, m.column, m.mutator) }

// packageResult is the outcome for one target.
type packageResult struct {
	target  target
	mutants []mutant
	elapsed time.Duration
	timeout time.Duration // a mutant's run timed out past this
}

// counts tallies mutants by outcome.
type counts struct {
	total, killed, timedOut, notViable, lived, byUs, retimed int
}

func (r packageResult) counts() counts {
	var c counts
	for _, m := range r.mutants {
		c.add(m)
	}
	return c
}

func (c *counts) add(m mutant) {
	c.total++
	switch m.status {
	case statusKilled:
		c.killed++
	case statusTimedOut:
		c.timedOut++
	case statusNotViable:
		c.notViable++
	default:
		c.lived++
	}
	if m.byUs {
		c.byUs++
	}
	if m.retimed {
		c.retimed++
	}
}

func (c counts) summary() string {
	return fmt.Sprintf("%d mutants: %d killed, %d timed out (killed by a hang), %d not viable (did not compile), %d survived",
		c.total, c.killed, c.timedOut, c.notViable, c.lived)
}

// gremlinsOutput is the part of gremlins' JSON report mutate reads.
type gremlinsOutput struct {
	Files []struct {
		Filename  string `json:"file_name"`
		Mutations []struct {
			Type   string `json:"type"`
			Status string `json:"status"`
			Line   int    `json:"line"`
			Column int    `json:"column"`
		} `json:"mutations"`
	} `json:"files"`
}

// mutatePackage runs gremlins over one target in the staged sources src,
// then runs itself the mutants gremlins did not.
func mutatePackage(cfg config, src string, t target) (packageResult, error) {
	start := time.Now()
	res := packageResult{target: t}
	dir := filepath.Join(src, filepath.FromSlash(t.dir))
	excludes, err := excludeRules(dir, t.files)
	if err != nil {
		return res, err
	}
	out, err := filepath.Abs(filepath.Join(cfg.work, strings.ReplaceAll(t.dir, "/", "_")+".json"))
	if err != nil {
		return res, err
	}
	// An unmutated run sets the timeout of the mutants mutate runs
	// itself (see below: gremlins' own timeout is not to be trusted).
	baseline, err := timeUnmutated(src, t)
	if err != nil {
		return res, err
	}
	res.timeout = mutantTimeout(cfg, baseline)
	args := []string{"unleash", "--output", out, "--workers", fmt.Sprint(cfg.workers),
		"--timeout-coefficient", fmt.Sprint(cfg.coefficient)}
	args = append(args, gremlinsFlags...)
	for _, e := range excludes {
		args = append(args, "--exclude-files", e)
	}
	args = append(args, t.dir)
	log, err := os.Create(strings.TrimSuffix(out, ".json") + ".log")
	if err != nil {
		return res, err
	}
	defer log.Close()
	cmd := exec.Command(cfg.gremlins, args...)
	cmd.Dir = src
	cmd.Env = append(os.Environ(), testEnv(t)...)
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Run(); err != nil {
		return res, fmt.Errorf("gremlins %s: %w (see %s)", strings.Join(args, " "), err, log.Name())
	}
	b, err := os.ReadFile(out)
	if err != nil {
		return res, fmt.Errorf("gremlins wrote no report: %w (see %s)", err, log.Name())
	}
	var g gremlinsOutput
	if err := json.Unmarshal(b, &g); err != nil {
		return res, fmt.Errorf("gremlins' report: %w", err)
	}
	for _, f := range g.Files {
		for _, m := range f.Mutations {
			res.mutants = append(res.mutants, mutant{
				file: t.dir + "/" + filepath.ToSlash(f.Filename), line: m.Line, column: m.Column,
				mutator: m.Type, status: m.Status,
			})
		}
	}
	// gremlins' own timeout is a multiple of a coverage run whose time
	// says little about how long a mutant takes to build (the coverage
	// run may come from the cache), so a mutant it reports as timed out
	// may only have been slow to build: run those again here, with
	// res.timeout, and keep what this run finds.
	for i := range res.mutants {
		if res.mutants[i].status == statusTimedOut {
			res.mutants[i].status, res.mutants[i].retimed = statusNotCovered, true
		}
	}
	if err := runUncovered(cfg, src, t, res.mutants, res.timeout); err != nil {
		return res, err
	}
	for i := range res.mutants {
		res.mutants[i].source = sourceLine(filepath.Join(src, filepath.FromSlash(res.mutants[i].file)), res.mutants[i].line)
	}
	sortMutants(res.mutants)
	res.elapsed = time.Since(start)
	return res, nil
}

// testEnv sets the flags of every go test gremlins starts for t (through
// GOFLAGS): -count=1, so that gremlins' unmutated coverage run really runs
// the tests rather than answering from the test cache (gremlins' timeout
// is a multiple of that run's time: a cached 0.2 s gives every mutant a
// couple of seconds to build, and most "time out"), and -run when t limits
// the tests.
func testEnv(t target) []string {
	flags := strings.TrimSpace(os.Getenv("GOFLAGS") + " -count=1")
	if t.run != "" {
		flags += " -run=" + t.run
	}
	return []string{"GOFLAGS=" + flags}
}

// excludeRules returns gremlins' --exclude-files rules (regular
// expressions on paths relative to dir) that leave only files of dir:
// every subdirectory (another package) and the files not listed.
func excludeRules(dir string, files []string) ([]string, error) {
	rules := []string{"/"}
	if files == nil {
		return rules, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	keep := map[string]bool{}
	for _, f := range files {
		keep[f] = true
	}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		if keep[name] {
			delete(keep, name)
			continue
		}
		rules = append(rules, "^"+regexp.QuoteMeta(name)+"$")
	}
	for f := range keep {
		return nil, fmt.Errorf("%s has no file %s", dir, f)
	}
	return rules, nil
}

// runUncovered runs, through `go test -overlay`, every mutant gremlins
// reported as not covered (and those it timed out, marked retimed), and
// records its outcome.
func runUncovered(cfg config, src string, t target, mutants []mutant, timeout time.Duration) error {
	var todo []int
	for i, m := range mutants {
		if m.status == statusNotCovered {
			todo = append(todo, i)
		}
	}
	if len(todo) == 0 {
		return nil
	}
	// Inside the staged module, in a directory the go command skips ('_'):
	// nowhere under the project's own module, whose ./... it would join.
	overlays := filepath.Join(src, "_mutants")
	if err := os.MkdirAll(overlays, 0o755); err != nil {
		return err
	}
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
		next  = make(chan int)
	)
	for w := 0; w < cfg.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				status, err := runOverlay(src, overlays, t, mutants[i], timeout)
				mu.Lock()
				if err != nil && first == nil {
					first = err
				}
				mutants[i].status = status
				mutants[i].byUs = !mutants[i].retimed
				mu.Unlock()
			}
		}()
	}
	for _, i := range todo {
		next <- i
	}
	close(next)
	wg.Wait()
	return first
}

// timeUnmutated runs t's tests once without a mutant (they must pass) and
// returns how long the run took.
func timeUnmutated(src string, t target) (time.Duration, error) {
	start := time.Now()
	if out, err := testCmd(context.Background(), src, t, "", 0).CombinedOutput(); err != nil {
		return 0, fmt.Errorf("the tests fail without a mutant: %w\n%s", err, out)
	}
	return time.Since(start), nil
}

// mutantTimeout is how long a mutant's run may take: the coefficient times
// the unmutated run, and never less than the floor.
func mutantTimeout(cfg config, baseline time.Duration) time.Duration {
	return max(time.Duration(cfg.coefficient)*baseline, cfg.minTimeout)
}

// testCmd is `go test` of t's package in src, with an overlay file when
// one is given. timeout, when not 0, also goes to the test binary (-timeout), which
// otherwise runs on for go test's default 10 minutes after ctx has
// stopped go test itself: a hanging mutant's binary would keep a CPU
// busy under the runs that follow.
func testCmd(ctx context.Context, src string, t target, overlay string, timeout time.Duration) *exec.Cmd {
	args := []string{"test", "-count=1", "-failfast"}
	if timeout > 0 {
		args = append(args, "-timeout", (timeout + 2*time.Second).String())
	}
	if overlay != "" {
		args = append(args, "-overlay", overlay)
	}
	if t.run != "" {
		args = append(args, "-run", t.run)
	}
	args = append(args, "./"+t.dir)
	cmd := exec.CommandContext(ctx, "go", args...)
	cmd.Dir = src
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// runOverlay applies m to its file through an overlay and runs the
// package's tests: KILLED when they fail, LIVED when they pass, NOT VIABLE
// when the mutant does not build, TIMED OUT past timeout.
func runOverlay(src, overlays string, t target, m mutant, timeout time.Duration) (string, error) {
	path := filepath.Join(src, filepath.FromSlash(m.file))
	code, err := os.ReadFile(path)
	if err != nil {
		return statusNotCovered, err
	}
	mutated, err := applyMutation(code, m.line, m.column, m.mutator)
	if err != nil {
		return statusNotCovered, fmt.Errorf("%s: %w", m.key(), err)
	}
	base := strings.NewReplacer("/", "_", ":", "_").Replace(m.key())
	file := filepath.Join(overlays, base+".go")
	if err := os.WriteFile(file, mutated, 0o644); err != nil {
		return statusNotCovered, err
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return statusNotCovered, err
	}
	absFile, err := filepath.Abs(file)
	if err != nil {
		return statusNotCovered, err
	}
	ov, _ := json.Marshal(map[string]map[string]string{"Replace": {abs: absFile}})
	ovFile := filepath.Join(overlays, base+".json")
	if err := os.WriteFile(ovFile, ov, 0o644); err != nil {
		return statusNotCovered, err
	}
	absOv, err := filepath.Abs(ovFile)
	if err != nil {
		return statusNotCovered, err
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	out, err := testCmd(ctx, src, t, absOv, timeout).CombinedOutput()
	switch {
	case ctx.Err() != nil:
		return statusTimedOut, nil
	case err == nil:
		return statusLived, nil
	case bytes.Contains(out, []byte("[build failed]")) || bytes.Contains(out, []byte("[setup failed]")):
		return statusNotViable, nil
	}
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		return statusKilled, nil
	}
	return statusNotCovered, fmt.Errorf("%s: go test: %w", m.key(), err)
}

// replacements are the token changes of each mutator, as gremlins makes
// them.
var replacements = map[string]map[token.Token]token.Token{
	"ARITHMETIC_BASE":       {token.ADD: token.SUB, token.MUL: token.QUO, token.QUO: token.MUL, token.REM: token.MUL, token.SUB: token.ADD},
	"CONDITIONALS_BOUNDARY": {token.GEQ: token.GTR, token.GTR: token.GEQ, token.LEQ: token.LSS, token.LSS: token.LEQ},
	"CONDITIONALS_NEGATION": {token.EQL: token.NEQ, token.GEQ: token.LSS, token.GTR: token.LEQ, token.LEQ: token.GTR,
		token.LSS: token.GEQ, token.NEQ: token.EQL},
	"INCREMENT_DECREMENT": {token.DEC: token.INC, token.INC: token.DEC},
	"INVERT_LOGICAL":      {token.LAND: token.LOR, token.LOR: token.LAND},
	"INVERT_LOOPCTRL":     {token.BREAK: token.CONTINUE, token.CONTINUE: token.BREAK},
	"INVERT_NEGATIVES":    {token.SUB: token.ADD},
}

// applyMutation returns code with the token at line:column (1-based, in
// bytes) changed as mutator changes it.
func applyMutation(code []byte, line, column int, mutator string) ([]byte, error) {
	repl, ok := replacements[mutator]
	if !ok {
		return nil, fmt.Errorf("unknown mutator %s", mutator)
	}
	fset := token.NewFileSet()
	file := fset.AddFile("", fset.Base(), len(code))
	var s scanner.Scanner
	s.Init(file, code, nil, 0)
	for {
		pos, tok, _ := s.Scan()
		if tok == token.EOF {
			return nil, fmt.Errorf("no token at %d:%d", line, column)
		}
		p := fset.Position(pos)
		if p.Line != line || p.Column != column {
			continue
		}
		to, ok := repl[tok]
		if !ok {
			return nil, fmt.Errorf("%s does not change %q at %d:%d", mutator, tok, line, column)
		}
		off := file.Offset(pos)
		out := make([]byte, 0, len(code)+8)
		out = append(out, code[:off]...)
		out = append(out, to.String()...)
		out = append(out, code[off+len(tok.String()):]...)
		return out, nil
	}
}

// sourceLine returns line n of the file, trimmed.
func sourceLine(path string, n int) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	lines := strings.Split(string(b), "\n")
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimSpace(lines[n-1])
}
