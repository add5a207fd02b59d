package bench

import (
	"bufio"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// childCustomersEnv, when set in the environment of this test binary, makes
// it serve a fake holding that many customers instead of running tests:
// BenchmarkPagingHeap runs the fake in a child process so that the heap it
// samples is the client's alone.
const childCustomersEnv = "PARTNERCENTER_BENCH_FAKE_CUSTOMERS"

// childURLPrefix starts the line on which the child announces its URL.
const childURLPrefix = "fake-url "

// runFakeChild serves a fake with n customers (n >= 2, the documented ones
// included), prints its URL and serves until its standard input closes.
func runFakeChild(n string) int {
	total, err := strconv.Atoi(n)
	if err != nil || total < 2 {
		fmt.Fprintf(os.Stderr, "%s=%q: want a number of customers >= 2\n", childCustomersEnv, n)
		return 2
	}
	s, err := fake.NewServer(&fake.Options{ExtraCustomers: total - 2, MaxRecordedRequests: -1})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	fmt.Printf("%s%s\n", childURLPrefix, s.URL())
	_, _ = io.Copy(io.Discard, os.Stdin) // until the parent closes the pipe or exits
	return 0
}

// fakeChild is a fake Partner Center in a child process.
type fakeChild struct {
	URL    string
	Client *http.Client // trusts the child's certificate
	cmd    *exec.Cmd
	stdin  io.Closer
}

// startFakeChild starts this test binary as a fake holding n customers and
// returns once it serves. The child stops when tb ends.
func startFakeChild(tb testing.TB, n int) *fakeChild {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
	cmd.Env = append(os.Environ(), childCustomersEnv+"="+strconv.Itoa(n))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		tb.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		tb.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		tb.Fatal(err)
	}
	fc := &fakeChild{cmd: cmd, stdin: stdin}
	tb.Cleanup(fc.stop)
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, childURLPrefix) {
		tb.Fatalf("fake child process: read %q: %v", line, err)
	}
	fc.URL = strings.TrimSpace(strings.TrimPrefix(line, childURLPrefix))
	if fc.Client, err = pinnedClient(fc.URL); err != nil {
		tb.Fatal(err)
	}
	return fc
}

// stop closes the child's input, which ends it, and waits for it.
func (fc *fakeChild) stop() {
	_ = fc.stdin.Close()
	done := make(chan struct{})
	go func() {
		_ = fc.cmd.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = fc.cmd.Process.Kill()
		<-done
	}
}

// pinnedClient returns an HTTP client that trusts the certificate the
// loopback server at rawURL presents: the child made its certificate up,
// and this is the only way to learn it.
func pinnedClient(rawURL string) (*http.Client, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return nil, err
	}
	conn, err := tls.Dial("tcp", u.Host, &tls.Config{InsecureSkipVerify: true}) // loopback; the certificate is pinned below
	if err != nil {
		return nil, err
	}
	certs := conn.ConnectionState().PeerCertificates
	_ = conn.Close()
	if len(certs) == 0 {
		return nil, fmt.Errorf("%s presented no certificate", rawURL)
	}
	pool := x509.NewCertPool()
	pool.AddCert(certs[0])
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return &http.Client{Transport: tr}, nil
}
