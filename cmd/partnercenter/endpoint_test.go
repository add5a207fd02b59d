package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// Tests in this file run the command line against a fake started by the
// test, as a user runs it against 'partnercenter fake serve': through
// --endpoint, over HTTPS with --ca-file and a token from the environment,
// and over plain HTTP on loopback without a token. Each command line is a
// new app, as each invocation is a new process.

// envTokenValue is the token the tests put in PARTNERCENTER_ACCESS_TOKEN;
// it must never be printed.
const envTokenValue = "env-access-token-never-printed"

// runFresh runs one invocation in an app of its own and checks that the
// environment's token appears nowhere in the output.
func runFresh(t *testing.T, args ...string) result {
	t.Helper()
	r := runApp(t, &app{}, args...)
	if strings.Contains(r.stdout+r.stderr, envTokenValue) {
		t.Fatalf("partnercenter %s printed the access token", strings.Join(args, " "))
	}
	return r
}

// createThenGet creates the customer of the example input file with one
// invocation and reads it with the next, both with the global flags
// given, and returns the new customer's ID.
func createThenGet(t *testing.T, globals ...string) string {
	t.Helper()
	r := runFresh(t, append(append([]string{}, globals...), "-q", "customer", "create", "--from", newCustomerFile)...)
	r.wantCode(t, exitOK)
	var out onboardOutput
	decode(t, r.stdout, &out)
	if out.CustomerID == "" {
		t.Fatalf("customer create printed no customer ID:\n%s", r.stdout)
	}
	r = runFresh(t, append(append([]string{}, globals...), "-o", "table", "customer", "get", out.CustomerID)...)
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, out.CustomerID) || !strings.Contains(r.stdout, "Wingtip Toys") {
		t.Errorf("the next invocation does not see the customer the first created:\n%s", r.stdout)
	}
	return out.CustomerID
}

func TestEndpointOverHTTPSWithCAFileAndEnvironmentToken(t *testing.T) {
	srv := fake.NewTestServer(t, &fake.Options{FreshCertificate: true})
	ca := filepath.Join(t.TempDir(), "fake.pem")
	if err := os.WriteFile(ca, srv.CertificatePEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv(envAccessToken, envTokenValue)

	createThenGet(t, "--endpoint", srv.URL(), "--ca-file", ca)
	reqs := srv.Requests()
	if len(reqs) == 0 {
		t.Fatal("the fake received nothing")
	}
	for _, r := range reqs {
		if got := r.Header.Get("Authorization"); !strings.HasPrefix(got, "Bearer ") {
			t.Errorf("%s %s: Authorization %q, want a bearer token", r.Method, r.Path, got)
		}
	}

	// Without --ca-file the fake's certificate is not trusted.
	r := runFresh(t, "--endpoint", srv.URL(), "--max-retries", "0", "customer", "get", fake.DocumentedCustomerID)
	r.wantCode(t, exitError)
	if !strings.Contains(r.stderr, "--ca-file") {
		t.Errorf("an untrusted certificate gives no hint about --ca-file:\n%s", r.stderr)
	}
	// Without a token and without --audience there is nothing to sign in for.
	t.Setenv(envAccessToken, "")
	r = runFresh(t, "--endpoint", srv.URL(), "--ca-file", ca, "customer", "get", fake.DocumentedCustomerID)
	r.wantCode(t, exitUsage)
	if !strings.Contains(r.stderr, envAccessToken) {
		t.Errorf("a missing token does not name %s:\n%s", envAccessToken, r.stderr)
	}
}

func TestEndpointOverPlainHTTPOnLoopbackSendsNoToken(t *testing.T) {
	srv := fake.NewTestServer(t, &fake.Options{PlainHTTP: true, NoAuth: true})
	t.Setenv(envAccessToken, envTokenValue) // set, yet never sent over plain http

	createThenGet(t, "--endpoint", srv.URL())
	for _, r := range srv.Requests() {
		if got := r.Header.Get("Authorization"); got != "" {
			t.Errorf("%s %s: Authorization %q sent over plain http", r.Method, r.Path, got)
		}
	}

	// A fake that insists on a token says so with 401: exit status 3.
	strict := fake.NewTestServer(t, &fake.Options{PlainHTTP: true})
	r := runFresh(t, "--endpoint", strict.URL(), "customer", "get", fake.DocumentedCustomerID)
	r.wantCode(t, exitAuth)
}

func TestEndpointFlagsAreCheckedTogether(t *testing.T) {
	t.Setenv(envAccessToken, "")
	id := fake.DocumentedCustomerID
	ca := filepath.Join(t.TempDir(), "ca.pem")
	if err := os.WriteFile(ca, []byte("not a certificate"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		args []string
		want string
	}{
		{"http off loopback", []string{"--endpoint", "http://pc.example.com:8080"}, "not loopback"},
		{"ca-file with http", []string{"--endpoint", "http://127.0.0.1:9", "--ca-file", ca}, "--ca-file needs an https --endpoint"},
		{"fake and ca-file", []string{"--fake", "--ca-file", ca}, "--fake cannot be combined"},
		{"fake and endpoint", []string{"--fake", "--endpoint", "http://127.0.0.1:9"}, "fake serve"},
		{"https without token or audience", []string{"--endpoint", "https://127.0.0.1:9"}, envAccessToken},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := runFresh(t, append(tt.args, "customer", "get", id)...)
			r.wantCode(t, exitUsage)
			if !strings.Contains(r.stderr, tt.want) {
				t.Errorf("stderr lacks %q:\n%s", tt.want, r.stderr)
			}
		})
	}
	// A CA file without a certificate is refused before any request.
	t.Setenv(envAccessToken, envTokenValue)
	r := runFresh(t, "--endpoint", "https://127.0.0.1:9", "--ca-file", ca, "customer", "get", id)
	r.wantCode(t, exitError)
	if !strings.Contains(r.stderr, "holds no PEM certificate") {
		t.Errorf("a CA file without certificates: %s", r.stderr)
	}
}

func TestFakeHelpSaysItsStateLastsOneProcess(t *testing.T) {
	r := runFresh(t, "--help")
	r.wantCode(t, exitOK)
	for _, want := range []string{"Its state lasts one process", "--ca-file FILE", envAccessToken, "http://127.0.0.1:PORT (no token sent)"} {
		if !strings.Contains(strings.Join(strings.Fields(r.stdout), " "), want) {
			t.Errorf("partnercenter --help lacks %q", want)
		}
	}
	r = runFresh(t, "fake", "serve", "--help")
	for _, want := range []string{"--no-auth", "loopback", "--ca-file fake.pem", "AllowInsecureHTTP"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("fake serve --help lacks %q", want)
		}
	}
}

func TestFakeServeNoAuthNeedsPlainHTTP(t *testing.T) {
	r := runFresh(t, "fake", "serve", "--no-auth", "--duration", "1ms")
	r.wantCode(t, exitUsage)
	if !strings.Contains(r.stderr, "--no-auth needs --http") {
		t.Errorf("fake serve --no-auth over HTTPS: %s", r.stderr)
	}
	r = runFresh(t, "fake", "serve", "--http", "--no-auth", "--duration", "1ms")
	r.wantCode(t, exitOK)
	if !strings.HasPrefix(r.stdout, fakeURLPrefix+"http://127.0.0.1:") {
		t.Errorf("fake serve --http --no-auth printed %q", r.stdout)
	}
}
