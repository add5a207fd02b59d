package wrapper

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"

	azlog "github.com/Azure/azure-sdk-for-go/sdk/azcore/log"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// proxyPassword is the password in the tests' proxy URL.
const proxyPassword = "pr0xy-SECRET-pass/word"

// hostileProxy listens on loopback and answers every CONNECT with answer
// (the password echoed where net/http quotes it), or closes the
// connection when answer is "".
func hostileProxy(t *testing.T, answer string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				if _, err := http.ReadRequest(bufio.NewReader(c)); err != nil {
					return
				}
				_, _ = c.Write([]byte(answer))
			}()
		}
	}()
	return l.Addr().String()
}

// TestProxyCredentialsReachNoErrorNorLog: the user and password of the
// proxy URL (HTTPS_PROXY=http://user:pass@proxy, here set on the
// Transport, as http.ProxyFromEnvironment reads the environment once per
// process) reach neither the error nor azcore's log, whether the proxy
// cannot be reached, closes the connection, or refuses the CONNECT with
// its status text or headers echoing the credentials.
//
// It is not parallel: the azcore log listener is process-wide.
func TestProxyCredentialsReachNoErrorNorLog(t *testing.T) {
	var mu sync.Mutex
	var lines []string
	azlog.SetListener(func(_ azlog.Event, msg string) {
		mu.Lock()
		lines = append(lines, msg)
		mu.Unlock()
	})
	azlog.SetEvents()
	t.Cleanup(func() { azlog.SetListener(nil) })

	closed, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := closed.Addr().String()
	closed.Close()
	userinfo := "proxy-user:" + proxyPassword
	proxies := map[string]string{
		"refused":                 refused,
		"connection closed":       hostileProxy(t, ""),
		"407 echoing in text":     hostileProxy(t, "HTTP/1.1 407 "+userinfo+" "+url.QueryEscape(proxyPassword)+"\r\nContent-Length: 0\r\n\r\n"),
		"403 echoing in a header": hostileProxy(t, "HTTP/1.1 403 Forbidden\r\nX-Echo: "+userinfo+"\r\nContent-Length: 0\r\n\r\n"),
		"malformed answer":        hostileProxy(t, "HTTP/1.1 "+proxyPassword+"\r\n\r\n"),
	}
	ts := newTestServer(t, jsonHandler(http.StatusOK, `{"id":"`+testCustomerID+`"}`))
	tlsConfig := ts.srv.Client().Transport.(*http.Transport).TLSClientConfig
	for name, addr := range proxies {
		proxyURL := &url.URL{Scheme: "http", User: url.UserPassword("proxy-user", proxyPassword), Host: addr}
		c := ts.client(func(o *ClientOptions) {
			o.Transport = &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(proxyURL), TLSClientConfig: tlsConfig}}
			o.Logging = policy.LogOptions{IncludeBody: true}
			o.Retry.MaxRetries = 1
		})
		_, err := c.GetCustomer(testCtx(t), testCustomerID, nil)
		if err == nil {
			t.Errorf("%s: the call through the proxy succeeded", name)
			continue
		}
		mu.Lock()
		logged := strings.Join(lines, "\n")
		lines = nil
		mu.Unlock()
		for what, text := range map[string]string{"error": err.Error(), "error (%+v)": fmt.Sprintf("%+v", err), "log": logged} {
			for _, echo := range []string{proxyPassword, url.QueryEscape(proxyPassword), url.PathEscape(proxyPassword)} {
				if strings.Contains(text, echo) {
					t.Errorf("%s: the %s holds the proxy password (as %q):\n%s", name, what, echo, text)
				}
			}
		}
	}
}
