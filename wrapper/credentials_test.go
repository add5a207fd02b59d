package wrapper

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

const (
	testTenant  = "contoso.onmicrosoft.com"
	testClient  = "11111111-2222-3333-4444-555555555555"
	testSecret  = "app-SECRET-never-print"
	testRefresh = "rt-SECRET-first-refresh-token"
)

// tokenServer is an Entra-like token endpoint over TLS.
type tokenServer struct {
	srv   *httptest.Server
	calls atomic.Int32
	mu    sync.Mutex
	forms []url.Values
	paths []string
	reply http.HandlerFunc
}

func newTokenServer(t *testing.T, reply http.HandlerFunc) *tokenServer {
	ts := &tokenServer{reply: reply}
	ts.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ts.calls.Add(1)
		if err := r.ParseForm(); err != nil {
			t.Errorf("form: %v", err)
		}
		ts.mu.Lock()
		ts.forms = append(ts.forms, r.PostForm)
		ts.paths = append(ts.paths, r.Method+" "+r.URL.Path+" "+r.Header.Get("Content-Type"))
		ts.mu.Unlock()
		ts.reply(w, r)
	}))
	t.Cleanup(ts.srv.Close)
	return ts
}

// form returns the i-th request's form.
func (ts *tokenServer) form(i int) url.Values {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.forms[i]
}

// path returns the i-th request's method, path and content type.
func (ts *tokenServer) path(i int) string {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	return ts.paths[i]
}

func (ts *tokenServer) cloud() cloud.Configuration {
	return CustomCloud("https://pc.test", "https://pc.test", ts.srv.URL+"/")
}

func (ts *tokenServer) credential(t *testing.T, secret string, opts *RefreshTokenCredentialOptions) *RefreshTokenCredential {
	t.Helper()
	if opts == nil {
		opts = &RefreshTokenCredentialOptions{}
	}
	opts.Transport = ts.srv.Client()
	opts.Retry.RetryDelay = time.Millisecond
	opts.Cloud = ts.cloud()
	c, err := NewRefreshTokenCredential(testTenant, testClient, secret, testRefresh, opts)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// rotatingReply hands out access token n and refresh token n.
func rotatingReply(n *atomic.Int32) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		i := n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"token_type":"Bearer","scope":"x","expires_in":%d,"ext_expires_in":3599,"access_token":"at-%d","refresh_token":"rt-SECRET-rotated-%d"}`, 3599, i, i)
	}
}

func TestRefreshTokenCredentialExchange(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	ts := newTokenServer(t, rotatingReply(&n))
	var rotated []string
	var rmu sync.Mutex
	cred := ts.credential(t, testSecret, &RefreshTokenCredentialOptions{OnRefreshTokenRotated: func(rt string) {
		rmu.Lock()
		rotated = append(rotated, rt)
		rmu.Unlock()
	}})
	ctx := testCtx(t)
	tok, err := cred.GetToken(ctx, policy.TokenRequestOptions{Scopes: []string{"https://pc.test/.default"}})
	if err != nil {
		t.Fatal(err)
	}
	if tok.Token != "at-1" || time.Until(tok.ExpiresOn) < 50*time.Minute {
		t.Errorf("token = %q, expires %v", tok.Token, tok.ExpiresOn)
	}
	// Cached: a second call does not go to the authority.
	if tok2, err := cred.GetToken(ctx, policy.TokenRequestOptions{}); err != nil || tok2.Token != "at-1" {
		t.Errorf("second GetToken = %q, %v", tok2.Token, err)
	}
	if ts.calls.Load() != 1 {
		t.Errorf("authority calls = %d, want 1", ts.calls.Load())
	}
	if got := cred.RefreshToken(); got != "rt-SECRET-rotated-1" {
		t.Errorf("RefreshToken() = %q, want the rotated token", got)
	}
	if len(rotated) != 1 || rotated[0] != "rt-SECRET-rotated-1" {
		t.Errorf("rotation callback got %v", rotated)
	}
	form := ts.form(0)
	want := url.Values{
		"grant_type":    {"refresh_token"},
		"client_id":     {testClient},
		"client_secret": {testSecret},
		"refresh_token": {testRefresh},
		"scope":         {"https://pc.test/user_impersonation offline_access"},
	}
	for k, v := range want {
		if form.Get(k) != v[0] {
			t.Errorf("form %s = %q, want %q", k, form.Get(k), v[0])
		}
	}
	if ts.path(0) != "POST /"+testTenant+"/oauth2/v2.0/token application/x-www-form-urlencoded" {
		t.Errorf("token request = %q", ts.path(0))
	}

	// Once the cached token is near expiry, the rotated refresh token is used.
	cred.s.Expire()
	if tok3, err := cred.GetToken(ctx, policy.TokenRequestOptions{}); err != nil || tok3.Token != "at-2" {
		t.Errorf("refresh near expiry = %q, %v", tok3.Token, err)
	}
	if got := ts.form(1).Get("refresh_token"); got != "rt-SECRET-rotated-1" {
		t.Errorf("second exchange used %q, want the rotated token", got)
	}
}

// TestRefreshTokenCredentialWaiterHonoursContext: while one exchange is
// under way, a second caller whose context ends stops waiting at once
// instead of queueing behind the slow token endpoint.
func TestRefreshTokenCredentialWaiterHonoursContext(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	var n atomic.Int32
	reply := rotatingReply(&n)
	ts := newTokenServer(t, func(w http.ResponseWriter, r *http.Request) {
		<-release
		reply(w, r)
	})
	c := ts.credential(t, "", nil)
	first := make(chan error, 1)
	go func() {
		_, err := c.GetToken(context.Background(), policy.TokenRequestOptions{})
		first <- err
	}()
	for ts.calls.Load() == 0 { // the first exchange has reached the endpoint
		time.Sleep(time.Millisecond)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	second := make(chan error, 1)
	go func() {
		_, err := c.GetToken(ctx, policy.TokenRequestOptions{})
		second <- err
	}()
	select {
	case err := <-second:
		if !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("second caller: err = %v, want DeadlineExceeded while the first exchange runs", err)
		}
	case <-time.After(10 * time.Second):
		t.Error("second caller still waiting long after its context ended")
	}
	close(release)
	if err := <-first; err != nil {
		t.Fatalf("first caller: %v", err)
	}
	if got := n.Load(); got != 1 {
		t.Errorf("token endpoint answered %d exchanges, want 1", got)
	}
}

func TestRefreshTokenCredentialPublicClientAndStringExpiry(t *testing.T) {
	t.Parallel()
	ts := newTokenServer(t, func(w http.ResponseWriter, _ *http.Request) {
		_, _ = io.WriteString(w, "\xEF\xBB\xBF"+`{"token_type":"Bearer","expires_in":"600","access_token":"at-x"}`)
	})
	cred := ts.credential(t, "", nil)
	tok, err := cred.GetToken(testCtx(t), policy.TokenRequestOptions{})
	if err != nil || tok.Token != "at-x" || time.Until(tok.ExpiresOn) < 9*time.Minute {
		t.Fatalf("token = %+v, %v", tok, err)
	}
	if _, ok := ts.form(0)["client_secret"]; ok {
		t.Errorf("a public client sent client_secret")
	}
	if cred.RefreshToken() != testRefresh {
		t.Errorf("refresh token changed without rotation")
	}
}

func TestRefreshTokenCredentialErrorsHideSecrets(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		status int
		body   string
		is     error
		want   string
	}{
		{"invalid grant echoing the token", 400, `{"error":"invalid_grant","error_description":"AADSTS70000: refresh token ` + testRefresh + ` is expired; secret ` + testSecret + `","error_codes":[70000],"trace_id":"tr-1","correlation_id":"co-1"}`, ErrUnauthorized, "invalid_grant"},
		{"invalid client", 401, `{"error":"invalid_client","error_description":"bad secret"}`, ErrUnauthorized, "invalid_client"},
		{"html", 500, `<html><body>` + testRefresh + `</body></html>`, nil, "500"},
		{"no access token", 200, `{"token_type":"Bearer","refresh_token":"` + testRefresh + `"}`, nil, "no access_token"},
		{"not json", 200, `access_token=` + testRefresh, nil, "not a JSON"},
		{"wrong type", 200, `{"token_type":"pop","access_token":"x"}`, nil, "token_type"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := newTokenServer(t, jsonHandler(tt.status, tt.body))
			cred := ts.credential(t, testSecret, &RefreshTokenCredentialOptions{ClientOptions: azcore.ClientOptions{Retry: policy.RetryOptions{MaxRetries: -1}}})
			_, err := cred.GetToken(testCtx(t), policy.TokenRequestOptions{})
			if err == nil {
				t.Fatal("no error")
			}
			msg := err.Error()
			for _, secret := range []string{testRefresh, testSecret} {
				if strings.Contains(msg, secret) {
					t.Errorf("error leaks a secret: %s", msg)
				}
			}
			if !strings.Contains(msg, tt.want) {
				t.Errorf("error %q does not mention %q", msg, tt.want)
			}
			if tt.is != nil && !errors.Is(err, tt.is) {
				t.Errorf("errors.Is(%v) false", tt.is)
			}
			if s := fmt.Sprintf("%v %+v %#v %s", cred, cred, cred, cred); strings.Contains(s, testRefresh) || strings.Contains(s, testSecret) {
				t.Errorf("printing the credential leaks: %s", s)
			}
		})
	}
}

func TestRefreshTokenCredentialChecks(t *testing.T) {
	t.Parallel()
	good := CustomCloud("", "https://pc.test", "https://login.test/")
	tests := []struct {
		name                      string
		tenant, client, refreshTk string
		cloud                     cloud.Configuration
	}{
		{"tenant path", "../evil", testClient, testRefresh, good},
		{"tenant slash", "a/b", testClient, testRefresh, good},
		{"tenant empty", "", testClient, testRefresh, good},
		{"client empty", testTenant, "", testRefresh, good},
		{"refresh empty", testTenant, testClient, "", good},
		{"http authority", testTenant, testClient, testRefresh, CustomCloud("", "a", "http://login.test/")},
		{"no audience", testTenant, testClient, testRefresh, CustomCloud("", "", "https://login.test/")},
	}
	for _, tt := range tests {
		_, err := NewRefreshTokenCredential(tt.tenant, tt.client, testSecret, tt.refreshTk, &RefreshTokenCredentialOptions{ClientOptions: azcore.ClientOptions{Cloud: tt.cloud}})
		if !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: err = %v", tt.name, err)
		}
		if err != nil && (strings.Contains(err.Error(), testSecret) || (tt.refreshTk != "" && strings.Contains(err.Error(), tt.refreshTk))) {
			t.Errorf("%s: error leaks a secret", tt.name)
		}
	}
	if c, err := NewRefreshTokenCredential("aaaabbbb-0000-cccc-1111-dddd2222eeee", testClient, "", testRefresh, nil); err != nil || !strings.Contains(c.String(), "https://login.microsoftonline.com/aaaabbbb-0000-cccc-1111-dddd2222eeee/oauth2/v2.0/token") {
		t.Errorf("public cloud default: %v", err)
	}
}

func TestRefreshTokenCredentialWithClient(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	tsTok := newTokenServer(t, func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		_, _ = io.WriteString(w, `{"token_type":"Bearer","expires_in":3600,"access_token":"`+testToken+`"}`)
	})
	api := newTestServer(t, jsonHandler(http.StatusOK, customerJSON))
	cred := tsTok.credential(t, testSecret, nil)
	o := api.options()
	c, err := NewClient(cred, o)
	if err != nil {
		t.Fatal(err)
	}
	for range 3 {
		if _, err := c.GetCustomer(testCtx(t), testCustomerID, nil); err != nil {
			t.Fatal(err)
		}
	}
	if n.Load() != 1 {
		t.Errorf("token exchanges = %d, want 1 (cached)", n.Load())
	}
}

func TestStaticTokenCredential(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	tok, err := StaticTokenCredential(testToken, time.Now().Add(time.Hour)).GetToken(ctx, policy.TokenRequestOptions{})
	if err != nil || tok.Token != testToken {
		t.Errorf("valid token: %v", err)
	}
	if tok, err := StaticTokenCredential(testToken, time.Time{}).GetToken(ctx, policy.TokenRequestOptions{}); err != nil || tok.Token != testToken {
		t.Errorf("unknown expiry: %v", err)
	}
	expired := StaticTokenCredential(testToken, time.Now().Add(-time.Minute))
	_, err = expired.GetToken(ctx, policy.TokenRequestOptions{})
	if err == nil || !strings.Contains(err.Error(), "expired") {
		t.Errorf("expired token: %v", err)
	}
	assertNoToken(t, "error", err.Error())
	if _, err := StaticTokenCredential("", time.Time{}).GetToken(ctx, policy.TokenRequestOptions{}); err == nil {
		t.Errorf("empty token accepted")
	}
	assertNoToken(t, "printed credential", fmt.Sprintf("%v %+v %#v %s", expired, expired, expired, expired))

	// Through a client, an expired token fails before any request.
	api := newTestServer(t, jsonHandler(http.StatusOK, customerJSON))
	c, err := NewClient(expired, api.options())
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetCustomer(testCtx(t), testCustomerID, nil)
	if err == nil || len(api.requests()) != 0 {
		t.Errorf("expired token: err %v, requests %d", err, len(api.requests()))
	}
	assertNoToken(t, "error", err.Error())
}
