package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// Tests in this file run "fake serve" and call it over the network as a
// client in another language would: through the URL and certificate files.

// serveToken is the bearer token the tests send; it must never appear in a
// file the command writes.
const serveToken = "any-token-the-client-likes"

// serveRun is a "fake serve" running in the background.
type serveRun struct {
	done           chan struct{}
	code           int
	stdout, stderr bytes.Buffer
}

// startServe runs "partnercenter fake serve args..." in this process until
// ctx ends or the command stops by itself.
func startServe(ctx context.Context, args ...string) *serveRun {
	r := &serveRun{done: make(chan struct{})}
	a := &app{stdout: &r.stdout, stderr: &r.stderr}
	go func() {
		defer close(r.done)
		r.code = a.run(ctx, append([]string{"fake", "serve"}, args...))
	}()
	return r
}

// wait waits for the command to end and returns its exit status.
func (r *serveRun) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-r.done:
		return r.code
	case <-time.After(30 * time.Second):
		t.Fatal("fake serve did not stop")
		return 0
	}
}

// waitForFile polls for path until it exists, the command ends, or time
// runs out, and returns its content.
func waitForFile(t *testing.T, path string, done <-chan struct{}) []byte {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if data, err := os.ReadFile(path); err == nil {
			return data
		}
		select {
		case <-done:
			t.Fatalf("fake serve ended before writing %s", path)
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatalf("%s was not written", path)
	return nil
}

// clientTrusting returns an HTTP client that trusts only the PEM
// certificate in certFile, as NODE_EXTRA_CA_CERTS or SSL_CERT_FILE would.
func clientTrusting(t *testing.T, certFile string) *http.Client {
	t.Helper()
	pem, err := os.ReadFile(certFile)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		t.Fatalf("%s holds no PEM certificate:\n%s", certFile, pem)
	}
	return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool}}, Timeout: 10 * time.Second}
}

// call sends one request and returns its status and body.
func call(t *testing.T, c *http.Client, method, url, token string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := c.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, body
}

// readJSONLines decodes a JSON-lines file into a slice of T.
func readJSONLines[T any](t *testing.T, path string) []T {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []T
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			t.Fatalf("%s: line %q is not JSON: %v", path, sc.Text(), err)
		}
		out = append(out, v)
	}
	return out
}

func TestFakeServeOverHTTPS(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	certFile, urlFile := filepath.Join(dir, "fake.pem"), filepath.Join(dir, "fake.url")
	recordFile, violationsFile := filepath.Join(dir, "requests.jsonl"), filepath.Join(dir, "violations.jsonl")
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	run := startServe(ctx, "--cert-file", certFile, "--url-file", urlFile, "--record", recordFile,
		"--violations", violationsFile, "--customers", "7", "--users", "5", "--fault", "fail-next=1:503@getCustomer")

	base := strings.TrimSpace(string(waitForFile(t, urlFile, run.done)))
	if !strings.HasPrefix(base, "https://127.0.0.1:") || strings.HasSuffix(base, "/v1") {
		t.Fatalf("url file holds %q, want https://127.0.0.1:PORT", base)
	}
	c := clientTrusting(t, certFile)
	customer := base + "/v1/customers/" + fake.DocumentedCustomerID

	if status, _ := call(t, c, http.MethodGet, customer, serveToken); status != http.StatusServiceUnavailable {
		t.Errorf("first getCustomer: status %d, want the injected 503", status)
	}
	status, body := call(t, c, http.MethodGet, customer, serveToken)
	if status != http.StatusOK || !strings.Contains(string(body), fake.DocumentedCustomerID) {
		t.Errorf("second getCustomer: status %d, body %.200s", status, body)
	}
	status, body = call(t, c, http.MethodGet, base+"/v1/customers?size=500", serveToken)
	var page struct {
		Items []json.RawMessage `json:"items"`
	}
	if err := json.Unmarshal(body, &page); status != http.StatusOK || err != nil || len(page.Items) != 2+7 {
		t.Errorf("listCustomers: status %d, %d items (want 9), err %v", status, len(page.Items), err)
	}
	// --users 5: the fifth generated user of a tenant is there, a sixth is not.
	users := customer + "/users/"
	if status, _ := call(t, c, http.MethodGet, users+fake.GeneratedUserID(4), serveToken); status != http.StatusOK {
		t.Errorf("getCustomerUser of generated user 4: status %d, want 200", status)
	}
	if status, _ := call(t, c, http.MethodGet, users+fake.GeneratedUserID(5), serveToken); status != http.StatusNotFound {
		t.Errorf("getCustomerUser of generated user 5: status %d, want 404", status)
	}
	// Two violations: no token, and a query parameter the spec lacks.
	if status, _ := call(t, c, http.MethodGet, base+"/v1/customers", ""); status != http.StatusUnauthorized {
		t.Errorf("listCustomers without a token: status %d, want 401", status)
	}
	if status, _ := call(t, c, http.MethodGet, base+"/v1/customers?pageSize=3", serveToken); status != http.StatusBadRequest {
		t.Errorf("listCustomers with pageSize: status %d, want 400", status)
	}
	// The certificate is for localhost too.
	port := base[strings.LastIndexByte(base, ':'):]
	if status, _ := call(t, c, http.MethodHead, "https://localhost"+port+"/v1/domains/contoso.onmicrosoft.com", serveToken); status != http.StatusOK {
		t.Errorf("domain check through localhost: status %d, want 200", status)
	}

	stop()
	if code := run.wait(t); code != exitOK {
		t.Fatalf("exit status %d after the stop, stderr:\n%s", code, run.stderr.String())
	}
	if got := run.stdout.String(); got != "fake-url "+base+"\n" {
		t.Errorf("stdout %q, want exactly one fake-url line", got)
	}
	if got := run.stderr.String(); got != "fake served 8 requests, 2 violations\n" {
		t.Errorf("stderr %q", got)
	}

	for _, f := range []string{recordFile, violationsFile} {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(raw, []byte(serveToken)) {
			t.Errorf("%s holds the bearer token", f)
		}
	}
	reqs := readJSONLines[fake.RecordedRequest](t, recordFile)
	wantStatus := []int{503, 200, 200, 200, 404, 401, 400, 200}
	if len(reqs) != len(wantStatus) {
		t.Fatalf("recorded %d requests, want %d: %+v", len(reqs), len(wantStatus), reqs)
	}
	for i, r := range reqs {
		if r.Status != wantStatus[i] {
			t.Errorf("request %d (%s %s): status %d, want %d", i, r.Method, r.Path, r.Status, wantStatus[i])
		}
	}
	if reqs[0].Operation != "getCustomer" || reqs[0].Fault != "fail" || reqs[0].Header.Get("Authorization") != "Bearer REDACTED" {
		t.Errorf("first recorded request %+v", reqs[0])
	}
	if reqs[6].RawQuery != "pageSize=3" || !strings.Contains(reqs[6].Refusal, `"pageSize"`) {
		t.Errorf("refused request recorded as %+v", reqs[6])
	}

	vs := readJSONLines[violation](t, violationsFile)
	if len(vs) != 2 {
		t.Fatalf("violations %+v, want 2", vs)
	}
	if vs[0].Kind != violationRefused || vs[0].Status != 401 || vs[0].Operation != "listCustomers" || vs[0].Message == "" {
		t.Errorf("first violation %+v", vs[0])
	}
	if vs[1].Status != 400 || vs[1].Query != "pageSize=3" || !strings.Contains(vs[1].Message, `unknown query parameter "pageSize"`) {
		t.Errorf("second violation %+v", vs[1])
	}
	// Temporary files of the atomic writes are gone.
	entries, _ := os.ReadDir(dir)
	if len(entries) != 4 {
		t.Errorf("%d files in the directory, want the 4 written", len(entries))
	}
}

func TestFakeServeDurationAndPlainHTTP(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	urlFile, violationsFile := filepath.Join(dir, "url"), filepath.Join(dir, "violations.jsonl")
	start := time.Now()
	run := startServe(context.Background(), "--http", "--duration", "1500ms", "--url-file", urlFile,
		"--violations", violationsFile, "--organization-as-object", "--bom")
	base := strings.TrimSpace(string(waitForFile(t, urlFile, run.done)))
	if !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("url %q, want plain http on 127.0.0.1", base)
	}
	status, body := call(t, &http.Client{Timeout: 10 * time.Second}, http.MethodGet,
		base+"/v1/customers/"+fake.DocumentedCustomerID+"/organization", serveToken)
	if status != http.StatusOK || !bytes.HasPrefix(body, []byte("\xEF\xBB\xBF{")) {
		t.Errorf("organization: status %d, body %.80q; want a BOM and an object", status, body)
	}
	if code := run.wait(t); code != exitOK {
		t.Fatalf("exit status %d, stderr:\n%s", code, run.stderr.String())
	}
	if took := time.Since(start); took < 1500*time.Millisecond {
		t.Errorf("stopped after %s, before --duration", took)
	}
	if raw, err := os.ReadFile(violationsFile); err != nil || len(raw) != 0 {
		t.Errorf("violations file %q (%v), want an empty file", raw, err)
	}
	if got := run.stderr.String(); got != "fake served 1 requests, 0 violations\n" {
		t.Errorf("stderr %q", got)
	}
}

func TestFakeServeUsageErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"--addr", "0.0.0.0:0"}, `invalid --addr: address "0.0.0.0:0" is not on the loopback interface`},
		{[]string{"--addr", ":8080"}, "not on the loopback interface"},
		{[]string{"--addr", "[::]:0"}, "not on the loopback interface"},
		{[]string{"--addr", "192.168.1.10:443"}, "not on the loopback interface"},
		{[]string{"--addr", "example.com:443"}, "not on the loopback interface"},
		{[]string{"--addr", "127.0.0.1"}, "is not HOST:PORT"},
		{[]string{"--customers", "-1"}, "invalid --customers -1"},
		{[]string{"--users", "-1"}, "invalid --users -1"},
		{[]string{"--users", "1000000"}, "invalid --users 1000000: must be between 0 and 999999"},
		{[]string{"--next-link-form", "absolute"}, `invalid --next-link-form "absolute"`},
		{[]string{"--http", "--cert-file", "x.pem"}, "--cert-file needs HTTPS"},
		{[]string{"--duration", "-1s"}, "invalid --duration"},
		{[]string{"--fault", "explode=1"}, `invalid --fault "explode=1": unknown fault "explode"`},
		{[]string{"--fault", "fail-next=2"}, "want fail-next=N:STATUS"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runApp(t, &app{}, append([]string{"fake", "serve"}, tt.args...)...)
			r.wantCode(t, exitUsage)
			if !strings.Contains(r.stderr, tt.want) || r.stdout != "" {
				t.Errorf("stdout %q, stderr:\n%s\nwant %q", r.stdout, r.stderr, tt.want)
			}
		})
	}
}

func TestParseFault(t *testing.T) {
	t.Parallel()
	valid := []struct {
		spec    string
		pending int // counted faults queued
	}{
		{"fail-next=2:503@getCustomer", 2},
		{"fail-next=1:429:3s", 1},
		{"fail-next=3:500@/v1/customers", 3},
		{"throttle=100/1m", 0},
		{"throttle=1/1h:2s@listCustomers", 0},
		{"latency=50ms", 0},
		{"html-gateway=1:502", 1},
		{"empty-gateway=2:504", 2},
		{"oversized-error=1:500", 1},
		{"drop-connection=1", 1},
		{"truncate=4", 4},
		{"wrong-content-type=1", 1},
		{"retry-after-date", 0},
	}
	for _, tt := range valid {
		f, err := parseFault(tt.spec)
		if err != nil {
			t.Errorf("parseFault(%q): %v", tt.spec, err)
			continue
		}
		srv := fake.NewTestServer(t, nil)
		f(srv.Faults())
		if got := srv.Faults().Pending(); got != tt.pending {
			t.Errorf("%q queued %d counted faults, want %d", tt.spec, got, tt.pending)
		}
		srv.Close()
	}
	for _, spec := range []string{
		"", "fail-next", "fail-next=", "fail-next=0:503", "fail-next=1:200", "fail-next=x:503", "fail-next=1:503:soon",
		"fail-next=1:503:2s:9", "fail-next=1:503@", "throttle=100", "throttle=0/1m", "throttle=5/never", "latency=-1s",
		"html-gateway=1:500", "empty-gateway=1", "truncate=many", "retry-after-date=1", "retry-after-date@getCustomer",
	} {
		if _, err := parseFault(spec); err == nil {
			t.Errorf("parseFault(%q) accepted it", spec)
		}
	}
}

// Faults given as flags act on the served requests: a throttle scoped to
// one operation leaves the others alone.
func TestFakeServeFaultFlags(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	urlFile := filepath.Join(dir, "url")
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	run := startServe(ctx, "--http", "--url-file", urlFile, "--fault", "throttle=1/1h:7s@listCustomers")
	base := strings.TrimSpace(string(waitForFile(t, urlFile, run.done)))
	c := &http.Client{Timeout: 10 * time.Second}
	list := base + "/v1/customers"
	if status, _ := call(t, c, http.MethodGet, list, serveToken); status != http.StatusOK {
		t.Errorf("first list: %d", status)
	}
	req, _ := http.NewRequest(http.MethodGet, list, nil)
	req.Header.Set("Authorization", "Bearer "+serveToken)
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") != "7" {
		t.Errorf("second list: status %d, Retry-After %q; want 429 and 7", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if status, _ := call(t, c, http.MethodGet, base+"/v1/customers/"+fake.DocumentedCustomerID, serveToken); status != http.StatusOK {
		t.Errorf("getCustomer under a listCustomers throttle: %d", status)
	}
	stop()
	if code := run.wait(t); code != exitOK {
		t.Fatalf("exit status %d", code)
	}
}

// TestMain lets the tests run the real main function in a child process:
// with PARTNERCENTER_RUN_MAIN set, the test binary is the command.
func TestMain(m *testing.M) {
	if os.Getenv("PARTNERCENTER_RUN_MAIN") == "1" {
		args := os.Args[1:]
		for i, a := range args {
			if a == "--" {
				args = args[i+1:]
				break
			}
		}
		os.Args = append([]string{programName}, args...)
		main()
		return
	}
	os.Exit(m.Run())
}

// The command as other teams run it: a separate process whose stdout is a
// pipe, stopped with SIGTERM.
func TestFakeServeProcessStopsOnSIGTERM(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("SIGTERM is POSIX")
	}
	t.Parallel()
	dir := t.TempDir()
	certFile, recordFile := filepath.Join(dir, "fake.pem"), filepath.Join(dir, "requests.jsonl")
	cmd := exec.Command(os.Args[0], "--", "fake", "serve", "--cert-file", certFile, "--record", recordFile)
	cmd.Env = append(os.Environ(), "PARTNERCENTER_RUN_MAIN=1")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill() }()

	// The line arrives while the server runs: it is not held in a buffer.
	lines := make(chan string, 1)
	go func() {
		line, _ := bufio.NewReader(stdout).ReadString('\n')
		lines <- line
		_, _ = io.Copy(io.Discard, stdout)
	}()
	var base string
	select {
	case line := <-lines:
		var ok bool
		if base, ok = strings.CutPrefix(strings.TrimSpace(line), "fake-url "); !ok {
			t.Fatalf("first stdout line %q", line)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no fake-url line")
	}
	c := clientTrusting(t, certFile)
	if status, _ := call(t, c, http.MethodGet, base+"/v1/customers/"+fake.DocumentedCustomerID, serveToken); status != http.StatusOK {
		t.Errorf("getCustomer: %d", status)
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("after SIGTERM: %v, stderr:\n%s", err, stderr.String())
	}
	if got := stderr.String(); got != "fake served 1 requests, 0 violations\n" {
		t.Errorf("stderr %q", got)
	}
	if reqs := readJSONLines[fake.RecordedRequest](t, recordFile); len(reqs) != 1 || reqs[0].Status != 200 {
		t.Errorf("recorded %+v", reqs)
	}
}
