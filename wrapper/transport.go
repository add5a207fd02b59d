package wrapper

import (
	"crypto/tls"
	"io"
	"net/http"
	"sync"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// cappedTransport limits how much of an error answer's body is read: a
// gateway's page or a hostile server cannot make the client buffer more
// than maxErrorBody bytes.
type cappedTransport struct {
	next policy.Transporter
}

// Do sends the request and wraps the body of a non-2xx answer.
func (t *cappedTransport) Do(req *http.Request) (*http.Response, error) {
	resp, err := t.next.Do(req)
	if err != nil || resp == nil || resp.Body == nil {
		return resp, err
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		resp.Body = &limitedBody{r: io.LimitReader(resp.Body, maxErrorBody), c: resp.Body}
	}
	return resp, nil
}

// limitedBody reads at most a fixed number of bytes and closes the original.
type limitedBody struct {
	r io.Reader
	c io.Closer
}

func (b *limitedBody) Read(p []byte) (int, error) { return b.r.Read(p) }
func (b *limitedBody) Close() error               { return b.c.Close() }

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
// and for an *http.Client that would follow redirects, a copy that returns
// them instead, so that no request (nor its token) is carried to a URL the
// client did not check. Other transports are used as they are.
func noRedirects(t policy.Transporter) policy.Transporter {
	switch c := t.(type) {
	case nil:
		return defaultTransport()
	case *http.Client:
		if c.CheckRedirect == nil {
			cc := *c
			cc.CheckRedirect = refuseRedirect
			return &cc
		}
	}
	return t
}

// refuseRedirect makes an http.Client return a 3xx answer as it is.
func refuseRedirect(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
