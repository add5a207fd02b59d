//go:build unix

package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"testing"
	"time"
)

// openFIFOWriter opens fifo for writing once a reader has it open (or is
// opening it), and fails the test after a while.
func openFIFOWriter(t *testing.T, fifo string) *os.File {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		w, err := os.OpenFile(fifo, os.O_WRONLY|syscall.O_NONBLOCK, 0)
		if err == nil {
			return w
		}
		if !errors.Is(err, syscall.ENXIO) || time.Now().After(deadline) {
			t.Fatalf("opening %s for writing: %v", fifo, err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// TestCustomerCreateFromFIFOEndsOnCancel: "customer create --from" a FIFO
// whose writer never writes ends when the context does (as SIGINT and
// SIGTERM end it), with exit status 130, instead of waiting for input.
func TestCustomerCreateFromFIFOEndsOnCancel(t *testing.T) {
	t.Parallel()
	fifo := filepath.Join(t.TempDir(), "customer.fifo")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skipf("mkfifo: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan result, 1)
	go func() {
		var r result
		defer func() { done <- r }()
		r = runAppContext(t, ctx, &app{}, "--fake", "customer", "create", "--from", fifo)
	}()
	w := openFIFOWriter(t, fifo) // the command is reading: it has the FIFO open
	defer w.Close()
	time.Sleep(50 * time.Millisecond)
	cancel()
	select {
	case r := <-done:
		if r.code != exitInterrupted || r.stderr != "partnercenter: interrupted\n" {
			t.Errorf("exit %d, stderr %q; want 130 and \"interrupted\"", r.code, r.stderr)
		}
	case <-time.After(5 * time.Second):
		w.Close() // let the read end
		<-done
		t.Fatal("the command kept reading the FIFO after the context ended")
	}
}

// TestCustomerCreateFromFIFOEndsOnSignal: the same in a process of its
// own, stopped with SIGINT and with SIGTERM.
func TestCustomerCreateFromFIFOEndsOnSignal(t *testing.T) {
	t.Parallel()
	for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM} {
		fifo := filepath.Join(t.TempDir(), "customer.fifo")
		if err := syscall.Mkfifo(fifo, 0o600); err != nil {
			t.Skipf("mkfifo: %v", err)
		}
		cmd := exec.Command(os.Args[0], "--", "--fake", "customer", "create", "--from", fifo)
		cmd.Env = append(os.Environ(), "PARTNERCENTER_RUN_MAIN=1")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Once the process has the FIFO open its signal handling is set up
		// (main does that first); it then waits in the read.
		w := openFIFOWriter(t, fifo)
		time.Sleep(50 * time.Millisecond)
		if err := cmd.Process.Signal(sig); err != nil {
			t.Fatal(err)
		}
		waited := make(chan error, 1)
		go func() { waited <- cmd.Wait() }()
		select {
		case err := <-waited:
			var exit *exec.ExitError
			if !errors.As(err, &exit) || exit.ExitCode() != exitInterrupted {
				t.Errorf("%v: the process ended with %v, want exit status 130", sig, err)
			}
		case <-time.After(10 * time.Second):
			_ = cmd.Process.Kill()
			<-waited
			t.Errorf("%v: the process kept reading the FIFO", sig)
		}
		w.Close()
	}
}
