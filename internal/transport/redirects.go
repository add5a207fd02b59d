package transport

import (
	"crypto/tls"
	"net/http"
	"sync"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// defaultMaxConnsPerHost bounds the connections the default transport
// opens to one host; it keeps them all for reuse when idle. Without a
// bound, net/http dials a new connection whenever a call finds none idle,
// even when one is released a moment later, and closes the connections
// released beyond its idle limit: with 16 idle connections kept, 64
// goroutines opened about 130 connections (a TLS handshake each) for
// 10,000 calls over HTTP/1.1 (bench.BenchmarkConcurrentGets). With the
// bound they open at most 64 and reuse them; further concurrent calls wait
// for a free connection. Callers who need another policy pass their own
// ClientOptions.Transport.
const defaultMaxConnsPerHost = 64

var (
	defaultTransportOnce sync.Once
	defaultTransportVal  *http.Client
)

// defaultTransport returns the shared HTTP client used when
// ClientOptions.Transport is nil: net/http's default transport settings
// with TLS 1.2 or later, at most defaultMaxConnsPerHost connections per
// host, all kept for reuse, and redirects returned rather than followed.
func defaultTransport() *http.Client {
	defaultTransportOnce.Do(func() {
		var tr *http.Transport
		if dt, ok := http.DefaultTransport.(*http.Transport); ok {
			tr = dt.Clone()
		} else {
			tr = &http.Transport{Proxy: http.ProxyFromEnvironment}
		}
		tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12}
		tr.ForceAttemptHTTP2 = true
		tr.MaxConnsPerHost = defaultMaxConnsPerHost
		tr.MaxIdleConnsPerHost = defaultMaxConnsPerHost
		tr.MaxIdleConns = max(tr.MaxIdleConns, defaultMaxConnsPerHost)
		defaultTransportVal = &http.Client{
			Transport: tr,
			// Partner Center does not redirect; never carry a request
			// (and its token) elsewhere.
			CheckRedirect: refuseRedirect,
		}
	})
	return defaultTransportVal
}

// noRedirects returns the transport to use: the shared default for nil,
// and for an *http.Client a copy whose CheckRedirect returns every
// redirect as it is, replacing the caller's own CheckRedirect (which may
// follow them). Other transports are used as they are: Guarded
// stops the redirects they would follow.
func noRedirects(t policy.Transporter) policy.Transporter {
	switch c := t.(type) {
	case nil:
		return defaultTransport()
	case *http.Client:
		if c == nil {
			return defaultTransport()
		}
		cc := *c
		cc.CheckRedirect = refuseRedirect
		return &cc
	}
	return t
}

// refuseRedirect makes an http.Client return a 3xx answer as it is.
func refuseRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
