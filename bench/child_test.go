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

// Environment variables that, set in the environment of this test binary,
// make it serve instead of running tests or benchmarks. The benchmarks that
// measure the client's own costs run the server in a child process (this
// test binary started again), so that the server's allocations, heap and
// CPU are not counted with the client's.
const (
	// childCustomersEnv asks for a fake holding that many customers
	// (the paging benchmarks); childUsersEnv, set as well, for that many
	// generated users in every customer's tenant beyond the documented
	// ones.
	childCustomersEnv = "PARTNERCENTER_BENCH_FAKE_CUSTOMERS"
	childUsersEnv     = "PARTNERCENTER_BENCH_FAKE_USERS"
	// childCannedEnv asks for a canned-response server holding that many
	// customers (the cost benchmarks of one call, BenchmarkColdStart).
	childCannedEnv = "PARTNERCENTER_BENCH_CANNED_CUSTOMERS"
)

// childURLPrefix starts the line on which the child announces its URL.
const childURLPrefix = "server-url "

// childCustomers parses the number of customers a child was asked for.
func childCustomers(env, n string, least int) (int, error) {
	total, err := strconv.Atoi(n)
	if err != nil || total < least {
		return 0, fmt.Errorf("%s=%q: want a number of customers >= %d", env, n, least)
	}
	return total, nil
}

// runFakeChild serves a fake with n customers (n >= 2, the documented ones
// included) and the generated users users asks for (childUsersEnv, empty
// for none), prints its URL and serves until its standard input closes.
func runFakeChild(n, users string) int {
	total, err := childCustomers(childCustomersEnv, n, 2)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	extraUsers := 0
	if users != "" {
		if extraUsers, err = childCustomers(childUsersEnv, users, 0); err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
	}
	s, err := fake.NewServer(&fake.Options{ExtraCustomers: total - 2, ExtraUsers: extraUsers, MaxRecordedRequests: -1})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer s.Close()
	return serveUntilStdinCloses(s.URL())
}

// runCannedChild serves a canned-response server with n customers (n >= 1,
// the documented one first) and the answers of the other operations the
// cost benchmarks call, prints its URL and serves until its standard input
// closes.
func runCannedChild(n string) int {
	total, err := childCustomers(childCannedEnv, n, 1)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	bodies, err := buildCustomerBodies(total)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	answers, err := operationAnswers()
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	cs := startCannedServer(bodies, answers)
	defer cs.srv.Close()
	return serveUntilStdinCloses(cs.URL())
}

// serveUntilStdinCloses announces url to the parent and blocks until the
// parent closes the pipe or exits.
func serveUntilStdinCloses(url string) int {
	fmt.Printf("%s%s\n", childURLPrefix, url)
	_, _ = io.Copy(io.Discard, os.Stdin)
	return 0
}

// childServer is a server (the fake or the canned one) in a child process.
type childServer struct {
	URL    string
	Client *http.Client // trusts the child's certificate
	cmd    *exec.Cmd
	stdin  io.Closer
}

// startFakeChild starts this test binary as a fake holding n customers and
// returns once it serves. The child stops when tb ends.
func startFakeChild(tb testing.TB, n int) *childServer {
	tb.Helper()
	return startChild(tb, childCustomersEnv+"="+strconv.Itoa(n))
}

// startUsersFakeChild starts this test binary as a fake whose customers
// (the documented ones) each have extra generated users beyond the
// documented ones, and returns once it serves. The child stops when tb
// ends.
func startUsersFakeChild(tb testing.TB, extra int) *childServer {
	tb.Helper()
	return startChild(tb, childCustomersEnv+"=2", childUsersEnv+"="+strconv.Itoa(extra))
}

// startCannedChild starts this test binary as a canned-response server
// holding n customers and returns once it serves. The child stops when tb
// ends.
func startCannedChild(tb testing.TB, n int) *childServer {
	tb.Helper()
	return startChild(tb, childCannedEnv+"="+strconv.Itoa(n))
}

// startChild starts this test binary with env (NAME=value) added to its
// environment and waits for the URL it announces.
func startChild(tb testing.TB, env ...string) *childServer {
	tb.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$", "-test.bench=^$")
	cmd.Env = append(os.Environ(), env...)
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
	child := &childServer{cmd: cmd, stdin: stdin}
	tb.Cleanup(child.stop)
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil || !strings.HasPrefix(line, childURLPrefix) {
		tb.Fatalf("server child process: read %q: %v", line, err)
	}
	child.URL = strings.TrimSpace(strings.TrimPrefix(line, childURLPrefix))
	if child.Client, err = pinnedClient(child.URL); err != nil {
		tb.Fatal(err)
	}
	return child
}

// stop closes the child's input, which ends it, and waits for it.
func (child *childServer) stop() {
	_ = child.stdin.Close()
	done := make(chan struct{})
	go func() {
		_ = child.cmd.Wait()
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = child.cmd.Process.Kill()
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
