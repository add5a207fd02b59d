package fake

import (
	"crypto/x509"
	"encoding/pem"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestCheckLoopbackAddr(t *testing.T) {
	for _, addr := range []string{"127.0.0.1:0", "127.0.0.1:8443", "127.1.2.3:0", "[::1]:0", "localhost:0", "LOCALHOST:9000", "[::ffff:127.0.0.1]:0"} {
		if err := CheckLoopbackAddr(addr); err != nil {
			t.Errorf("CheckLoopbackAddr(%q) = %v, want nil", addr, err)
		}
	}
	for _, addr := range []string{
		"", ":0", ":8080", "0.0.0.0:0", "[::]:0", "192.168.1.10:443", "10.0.0.1:0", "example.com:443",
		"127.0.0.1", "127.0.0.1:", "127.0.0.1:http-alt-nope", "127.0.0.1:99999", "[fe80::1%lo]:0", "localhost.example.com:0",
	} {
		if err := CheckLoopbackAddr(addr); err == nil {
			t.Errorf("CheckLoopbackAddr(%q) accepted it", addr)
		}
	}
}

func TestNewServerRefusesNonLoopbackAddr(t *testing.T) {
	for _, addr := range []string{"0.0.0.0:0", ":0", "[::]:0"} {
		s, err := NewServer(&Options{Addr: addr})
		if err == nil {
			s.Close()
			t.Fatalf("NewServer listened on %q", addr)
		}
		if !strings.Contains(err.Error(), "loopback") {
			t.Errorf("NewServer(%q): %v", addr, err)
		}
	}
}

func TestServerCertificate(t *testing.T) {
	s := NewTestServer(t, &Options{Addr: "localhost:0", FreshCertificate: true})
	if !strings.HasPrefix(s.URL(), "https://127.0.0.1:") {
		t.Fatalf("URL %q, want https on 127.0.0.1", s.URL())
	}
	block, rest := pem.Decode(s.CertificatePEM())
	if block == nil || block.Type != "CERTIFICATE" || len(rest) != 0 {
		t.Fatalf("CertificatePEM is not one PEM certificate: %q", s.CertificatePEM())
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	for _, host := range []string{"127.0.0.1", "::1", "localhost"} {
		if _, err := cert.Verify(x509.VerifyOptions{DNSName: host, Roots: pool, KeyUsages: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}); err != nil {
			t.Errorf("certificate does not verify for %s: %v", host, err)
		}
	}
	if cert.NotAfter.Before(time.Now().Add(24 * time.Hour)) {
		t.Errorf("certificate expires at %s", cert.NotAfter)
	}
	get(t, s, customerPath(DocumentedCustomerID, "")).wantStatus(t, http.StatusOK)

	// Each fresh certificate is a new one; without the option every server
	// shares httptest's, which the bench tests rely on.
	fresh := NewTestServer(t, &Options{FreshCertificate: true})
	shared1, shared2 := NewTestServer(t, nil), NewTestServer(t, nil)
	if string(fresh.CertificatePEM()) == string(s.CertificatePEM()) {
		t.Error("two fresh certificates are the same")
	}
	if len(shared1.CertificatePEM()) == 0 || string(shared1.CertificatePEM()) != string(shared2.CertificatePEM()) ||
		string(shared1.CertificatePEM()) == string(s.CertificatePEM()) {
		t.Error("servers without FreshCertificate do not share httptest's certificate")
	}
}

func TestPlainHTTP(t *testing.T) {
	s := NewTestServer(t, &Options{PlainHTTP: true})
	if !strings.HasPrefix(s.URL(), "http://127.0.0.1:") || s.CertificatePEM() != nil {
		t.Fatalf("URL %q, certificate %q; want plain HTTP and none", s.URL(), s.CertificatePEM())
	}
	get(t, s, customerPath(DocumentedCustomerID, "")).wantStatus(t, http.StatusOK)
}

func TestRequestCountGoesBeyondTheRecording(t *testing.T) {
	s := NewTestServer(t, &Options{MaxRecordedRequests: 2})
	for range 5 {
		get(t, s, "/v1/customers?size=1").wantStatus(t, http.StatusOK)
	}
	if n, kept := s.RequestCount(), len(s.Requests()); n != 5 || kept > 2 {
		t.Errorf("RequestCount %d, %d kept; want 5 and at most 2", n, kept)
	}
}
