package bench

import (
	"crypto/x509"
	"encoding/pem"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"
)

// systemTrustsTestCert reports whether TestMain could make the system
// certificate pool trust httptest's certificate, which a client with the
// wrapper's default transport needs to reach a local server.
var systemTrustsTestCert bool

// noSystemTrust is why the benchmarks that use the default transport skip
// when systemTrustsTestCert is false.
const noSystemTrust = "the system roots cannot be made to trust httptest's certificate on this platform (SSL_CERT_FILE is ignored), so the wrapper's default transport cannot be measured"

// TestMain runs a server child process (see startChild) when asked to,
// and otherwise points SSL_CERT_FILE at httptest's certificate so that
// the wrapper's default transport (which trusts the system roots) can be
// measured against a local TLS server.
func TestMain(m *testing.M) {
	if n := os.Getenv(childCustomersEnv); n != "" {
		os.Exit(runFakeChild(n, os.Getenv(childUsersEnv)))
	}
	if n := os.Getenv(childCannedEnv); n != "" {
		os.Exit(runCannedChild(n))
	}
	dir, err := os.MkdirTemp("", "partnercenter-bench-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	systemTrustsTestCert = trustTestCert(dir)
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// trustTestCert writes httptest's certificate to dir, sets SSL_CERT_FILE
// to it and reports whether the system pool now verifies the certificate
// (on Linux and the BSDs it does; on macOS and Windows the platform
// verifier ignores SSL_CERT_FILE). It must run before anything in the
// process loads the system roots.
func trustTestCert(dir string) bool {
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	srv.StartTLS()
	cert := srv.Certificate()
	srv.Close()
	file := filepath.Join(dir, "httptest-cert.pem")
	if err := os.WriteFile(file, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw}), 0o600); err != nil {
		return false
	}
	if err := os.Setenv("SSL_CERT_FILE", file); err != nil {
		return false
	}
	pool, err := x509.SystemCertPool()
	if err != nil {
		return false
	}
	_, err = cert.Verify(x509.VerifyOptions{Roots: pool, DNSName: "127.0.0.1"})
	return err == nil
}
