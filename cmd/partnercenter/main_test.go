package main

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"
)

// runDeadline bounds one run of the command line in a test. A run that
// drives a server takes well under a second; one that does not end (a
// listing that follows next links for ever, a read that never returns)
// fails here, with its own name, instead of hanging until go test's
// -timeout stops the whole package.
const runDeadline = 30 * time.Second

// deadlineContext returns ctx bounded by runDeadline.
func deadlineContext(t *testing.T, ctx context.Context) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(ctx, runDeadline)
	t.Cleanup(cancel)
	return ctx
}

// checkDeadline fails the test when ctx ran out: the run did not end by
// itself.
func checkDeadline(t *testing.T, ctx context.Context, args []string) {
	t.Helper()
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		t.Fatalf("partnercenter %s did not end within %s", strings.Join(args, " "), runDeadline)
	}
}

// result is what one run of the command line produced.
type result struct {
	stdout, stderr string
	code           int
}

// runApp runs a with args and checks what every run must honour: the fake
// token never appears in the output.
func runApp(t *testing.T, a *app, args ...string) result {
	t.Helper()
	return runAppContext(t, context.Background(), a, args...)
}

// runAppContext is runApp with a caller's context, bounded by
// runDeadline.
func runAppContext(t *testing.T, ctx context.Context, a *app, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	a.stdout, a.stderr = &stdout, &stderr
	ctx = deadlineContext(t, ctx)
	code := a.run(ctx, args)
	checkDeadline(t, ctx, args)
	r := result{stdout: stdout.String(), stderr: stderr.String(), code: code}
	if strings.Contains(r.stdout, fakeToken) || strings.Contains(r.stderr, fakeToken) {
		t.Fatalf("partnercenter %s: the access token appears in the output", strings.Join(args, " "))
	}
	return r
}

// wantCode fails the test when r does not have the exit status want.
func (r result) wantCode(t *testing.T, want int) {
	t.Helper()
	if r.code != want {
		t.Fatalf("exit status %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, want, r.stdout, r.stderr)
	}
}

func TestRunUsesGivenWriters(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(deadlineContext(t, context.Background()), []string{"version"}, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit status %d, stderr %q", code, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "partnercenter ") || stderr.Len() != 0 {
		t.Fatalf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}
}
