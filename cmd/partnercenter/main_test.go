package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

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

// runAppContext is runApp with a caller's context.
func runAppContext(t *testing.T, ctx context.Context, a *app, args ...string) result {
	t.Helper()
	var stdout, stderr bytes.Buffer
	a.stdout, a.stderr = &stdout, &stderr
	code := a.run(ctx, args)
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
	code := run(context.Background(), []string{"version"}, &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit status %d, stderr %q", code, stderr.String())
	}
	if !strings.HasPrefix(stdout.String(), "partnercenter ") || stderr.Len() != 0 {
		t.Fatalf("stdout %q, stderr %q", stdout.String(), stderr.String())
	}
}
