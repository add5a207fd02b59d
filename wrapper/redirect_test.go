package wrapper

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// sink is a hostile server a redirect points to: it records everything it
// is sent.
type sink struct {
	srv  *httptest.Server
	mu   sync.Mutex
	hits []string // header and body of each request
}

// newSink starts a sink: plain http on addr ("127.0.0.1:0",
// "127.0.0.2:0"), or https on 127.0.0.1 when tls is set.
func newSink(t *testing.T, addr string, tls bool) *sink {
	t.Helper()
	s := &sink{}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		s.mu.Lock()
		s.hits = append(s.hits, r.Method+" "+r.URL.String()+" "+r.Header.Get("Authorization")+" "+string(body))
		s.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":"`+testCustomerID+`","access_token":"at-stolen","token_type":"Bearer","expires_in":3600}`)
	})
	if tls {
		s.srv = httptest.NewTLSServer(h)
	} else {
		l, err := net.Listen("tcp", addr)
		if err != nil {
			t.Skipf("cannot listen on %s: %v", addr, err)
		}
		s.srv = httptest.NewUnstartedServer(h)
		s.srv.Listener.Close()
		s.srv.Listener = l
		s.srv.Start()
	}
	t.Cleanup(s.srv.Close)
	return s
}

func (s *sink) seen() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.hits...)
}

// followingDoer is a Transport type that wraps an *http.Client the guard
// cannot see into, and so cannot change its redirect policy.
type followingDoer struct{ c *http.Client }

func (d followingDoer) Do(r *http.Request) (*http.Response, error) { return d.c.Do(r) }

// followEverything is a CheckRedirect that follows every redirect.
func followEverything(*http.Request, []*http.Request) error { return nil }

// hostileTransports returns the transports that would follow a redirect:
// an *http.Client with its own CheckRedirect, and a type wrapping one.
func hostileTransports(base http.RoundTripper) map[string]policy.Transporter {
	return map[string]policy.Transporter{
		"*http.Client with CheckRedirect": &http.Client{Transport: base, CheckRedirect: followEverything},
		"wrapping type":                   followingDoer{c: &http.Client{Transport: base, CheckRedirect: followEverything}},
	}
}

// TestRedirectNeverCarriesToken: whatever Transport the caller passes, a
// 301/302/307/308 from the API (for a GET and for a PUT with a body) to
// plain http on the same host and another port, to another loopback host
// or to https on another port, never reaches the target: the second
// server sees nothing, and the call fails with the 3xx as a
// *ResponseError (an *http.Client, whose redirect policy the client
// replaces) or with ErrRedirect (a type it cannot see into).
func TestRedirectNeverCarriesToken(t *testing.T) {
	t.Parallel()
	targets := map[string]*sink{
		"http same host other port": newSink(t, "127.0.0.1:0", false),
		"http other loopback host":  newSink(t, "127.0.0.2:0", false),
		"https other port":          newSink(t, "", true),
	}
	for tname, target := range targets {
		for _, status := range []int{http.StatusMovedPermanently, http.StatusFound, http.StatusTemporaryRedirect, http.StatusPermanentRedirect} {
			ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Location", target.srv.URL+r.URL.Path)
				w.WriteHeader(status)
			})
			for trname, tr := range hostileTransports(ts.srv.Client().Transport) {
				c := ts.client(func(o *ClientOptions) { o.Transport = tr })
				ctx := testCtx(t)
				_, getErr := c.GetCustomer(ctx, testCustomerID, nil)
				etag := `"e1"`
				_, putErr := c.UpdateCustomerBillingProfile(ctx, testCustomerID, CustomerBillingProfile{Attributes: &ResourceAttributes{Etag: &etag}}, nil)
				for op, err := range map[string]error{"GET": getErr, "PUT": putErr} {
					var re *ResponseError
					isRE := errors.As(err, &re) && re.StatusCode == status
					if !isRE && !errors.Is(err, ErrRedirect) {
						t.Errorf("%s, %d, %s, %s: err = %v, want the %d as a ResponseError or ErrRedirect", tname, status, trname, op, err, status)
					}
					if err != nil {
						assertNoToken(t, "error", err.Error())
					}
				}
			}
		}
		if hits := target.seen(); len(hits) != 0 {
			t.Errorf("%s: the redirect target was sent %d requests: %q", tname, len(hits), hits)
		}
	}
}

// TestTokenRequestNeverRedirected: a 307 or 308 from the token authority
// never carries the refresh token and the client secret to its target,
// whatever Transport the credential is given, and the credential's error
// names neither.
func TestTokenRequestNeverRedirected(t *testing.T) {
	t.Parallel()
	target := newSink(t, "127.0.0.1:0", false)
	for _, status := range []int{http.StatusTemporaryRedirect, http.StatusPermanentRedirect, http.StatusFound} {
		authority := newTokenServer(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Location", target.srv.URL+r.URL.Path)
			w.WriteHeader(status)
		})
		for trname, tr := range hostileTransports(authority.srv.Client().Transport) {
			cred, err := NewRefreshTokenCredential(testTenant, testClient, testSecret, testRefresh,
				&RefreshTokenCredentialOptions{ClientOptions: azcore.ClientOptions{Cloud: authority.cloud(), Transport: tr, Retry: policy.RetryOptions{RetryDelay: time.Millisecond}}})
			if err != nil {
				t.Fatal(err)
			}
			_, err = cred.GetToken(testCtx(t), policy.TokenRequestOptions{})
			if err == nil {
				t.Errorf("%d, %s: the redirect gave a token", status, trname)
				continue
			}
			if s := err.Error(); strings.Contains(s, testSecret) || strings.Contains(s, testRefresh) {
				t.Errorf("%d, %s: the error holds a secret: %s", status, trname, s)
			}
		}
	}
	for _, hit := range target.seen() {
		if strings.Contains(hit, testSecret) || strings.Contains(hit, testRefresh) {
			t.Errorf("the redirect target was sent a secret: %q", hit)
		}
	}
	if hits := target.seen(); len(hits) != 0 {
		t.Errorf("the redirect target was sent %d requests", len(hits))
	}
}

// connectProxy is an HTTP CONNECT proxy on loopback that records the
// targets it is asked for.
type connectProxy struct {
	l       net.Listener
	mu      sync.Mutex
	targets []string
}

func newConnectProxy(t *testing.T) *connectProxy {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p := &connectProxy{l: l}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go p.serve(c)
		}
	}()
	return p
}

func (p *connectProxy) serve(c net.Conn) {
	defer c.Close()
	req, err := http.ReadRequest(bufio.NewReader(c))
	if err != nil || req.Method != http.MethodConnect {
		return
	}
	p.mu.Lock()
	p.targets = append(p.targets, req.Host)
	p.mu.Unlock()
	up, err := net.Dial("tcp", req.Host)
	if err != nil {
		_, _ = io.WriteString(c, "HTTP/1.1 502 Bad Gateway\r\n\r\n")
		return
	}
	defer up.Close()
	_, _ = io.WriteString(c, "HTTP/1.1 200 Connection established\r\n\r\n")
	done := make(chan struct{}, 2)
	go func() { _, _ = io.Copy(up, c); done <- struct{}{} }()
	go func() { _, _ = io.Copy(c, up); done <- struct{}{} }()
	<-done
}

func (p *connectProxy) seen() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.targets...)
}

// TestRedirectThroughProxyNeverCarriesToken: with a proxy, the address the
// transport connects to is the proxy's for every host, so the guard
// cannot tell hosts apart by address; it still stops the second request
// before the proxy is asked for the redirect's target. A call without a
// redirect goes through the proxy as usual.
func TestRedirectThroughProxyNeverCarriesToken(t *testing.T) {
	t.Parallel()
	target := newSink(t, "", true)
	proxy := newConnectProxy(t)
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/domains/redirect.example.com") {
			w.Header().Set("Location", target.srv.URL+r.URL.Path)
			w.WriteHeader(http.StatusTemporaryRedirect)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"id":"`+testCustomerID+`"}`)
	})
	base := ts.srv.Client().Transport.(*http.Transport).Clone()
	proxyURL := &url.URL{Scheme: "http", Host: proxy.l.Addr().String()}
	base.Proxy = http.ProxyURL(proxyURL)
	for trname, tr := range hostileTransports(base) {
		c := ts.client(func(o *ClientOptions) { o.Transport = tr })
		if _, err := c.GetCustomer(testCtx(t), testCustomerID, nil); err != nil {
			t.Errorf("%s: a call through the proxy failed: %v", trname, err)
		}
		_, err := c.CheckDomainAvailability(testCtx(t), "redirect.example.com", nil)
		var re *ResponseError
		if !errors.Is(err, ErrRedirect) && !(errors.As(err, &re) && re.StatusCode == http.StatusTemporaryRedirect) {
			t.Errorf("%s: err = %v, want the 307 or ErrRedirect", trname, err)
		}
	}
	if hits := target.seen(); len(hits) != 0 {
		t.Errorf("the redirect target was sent %d requests: %q", len(hits), hits)
	}
	endpoint := strings.TrimPrefix(ts.srv.URL, "https://")
	for _, h := range proxy.seen() {
		if h != endpoint {
			t.Errorf("the proxy was asked for %s (endpoint %s)", h, endpoint)
		}
	}
	if len(proxy.seen()) == 0 {
		t.Error("the calls did not go through the proxy")
	}
}

// elsewhereDoer answers as a transport that followed a redirect out of
// sight of the guard (on a context of its own): the answer's Request is
// not the one sent.
type elsewhereDoer struct{}

func (elsewhereDoer) Do(r *http.Request) (*http.Response, error) {
	other, _ := http.NewRequestWithContext(context.Background(), http.MethodGet, "https://elsewhere.example/steal", nil)
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(`{"id":"` + testCustomerID + `"}`)), Request: other}, nil
}

// TestAnswerFromAnotherURLRefused: an answer whose Request is for another
// URL than the one sent is an error, never a customer.
func TestAnswerFromAnotherURLRefused(t *testing.T) {
	t.Parallel()
	c, err := NewClient(StaticTokenCredential(testToken, time.Time{}), &ClientOptions{ClientOptions: azcore.ClientOptions{
		Cloud: CustomCloud("https://pc.example", "https://pc.example", "https://login.example/"), Transport: elsewhereDoer{}}})
	if err != nil {
		t.Fatal(err)
	}
	cust, err := c.GetCustomer(testCtx(t), testCustomerID, nil)
	if !errors.Is(err, ErrRedirect) || cust != nil {
		t.Fatalf("GetCustomer = %v, %v; want ErrRedirect", cust, err)
	}
}
