package transport

import (
	"crypto/tls"
	"net/http"
	"testing"
)

func TestDefaultTransportPool(t *testing.T) {
	t.Parallel()
	hc := defaultTransport()
	tr, ok := hc.Transport.(*http.Transport)
	if !ok {
		t.Fatalf("default transport is %T, want *http.Transport", hc.Transport)
	}
	// Every connection the transport may open is kept when idle, so that
	// callers up to the bound reuse connections instead of dialling again.
	if tr.MaxConnsPerHost != defaultMaxConnsPerHost || tr.MaxIdleConnsPerHost < tr.MaxConnsPerHost || tr.MaxIdleConns < tr.MaxConnsPerHost {
		t.Errorf("MaxConnsPerHost %d, MaxIdleConnsPerHost %d, MaxIdleConns %d: want %d, and idle limits no lower",
			tr.MaxConnsPerHost, tr.MaxIdleConnsPerHost, tr.MaxIdleConns, defaultMaxConnsPerHost)
	}
	if tr.TLSClientConfig == nil || tr.TLSClientConfig.MinVersion < tls.VersionTLS12 {
		t.Error("default transport accepts TLS below 1.2")
	}
	if hc.CheckRedirect == nil {
		t.Error("default transport follows redirects")
	}
	if defaultTransport() != hc {
		t.Error("default transport is not shared")
	}
}

// TestDefaultBodyCap: without MaxResponseBody, the cap is
// DefaultMaxBody; the token authority's is 1 MiB.
func TestDefaultBodyCap(t *testing.T) {
	t.Parallel()
	if got := New(nil, 0, false).maxBody; got != DefaultMaxBody {
		t.Errorf("default cap = %d", got)
	}
	if got := New(nil, -1, false).maxBody; got != DefaultMaxBody {
		t.Errorf("cap for -1 = %d", got)
	}
	if DefaultMaxBody < 16<<20 {
		t.Errorf("DefaultMaxBody %d is not well above a page of customers", DefaultMaxBody)
	}
}
