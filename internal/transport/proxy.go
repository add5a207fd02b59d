package transport

import (
	"net/http"
	"net/url"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// proxyFunc returns the Proxy function of the net/http transport under t
// (an *http.Client over an *http.Transport, or over net/http's default
// one, whose Proxy reads HTTPS_PROXY), or nil when t is another kind of
// transport, whose proxy the guard cannot see.
func proxyFunc(t policy.Transporter) func(*http.Request) (*url.URL, error) {
	c, ok := t.(*http.Client)
	if !ok || c == nil {
		return nil
	}
	rt := c.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	if tr, ok := rt.(*http.Transport); ok {
		return tr.Proxy
	}
	return nil
}

// proxySecrets returns the credentials of the proxy req goes through (the
// password of http://user:pass@proxy, and the user info as written): a
// proxy that refuses the connection may echo them in the status text
// net/http quotes in its error.
func (t *Guarded) proxySecrets(req *http.Request) []string {
	if t.proxy == nil {
		return nil
	}
	u, err := t.proxy(req)
	if err != nil || u == nil || u.User == nil {
		return nil
	}
	pw, ok := u.User.Password()
	if !ok {
		return nil
	}
	return []string{pw, u.User.Username() + ":" + pw, u.User.String()}
}
