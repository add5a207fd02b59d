package wrapper_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	azlog "github.com/Azure/azure-sdk-for-go/sdk/azcore/log"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// Secrets of the refresh-token credential's token endpoint.
const (
	secretRefresh = "rt-SECRET-secrets-first"
	secretRotated = "rt-SECRET-secrets-rotated-"
	secretAccess  = "at-SECRET-secrets-access-"
	secretClient  = "cs-SECRET-secrets-client"
)

// allSecrets is what no log line, error or output may contain.
var allSecrets = []string{matrixToken, secretRefresh, secretRotated, secretAccess, secretClient}

// namedCall is one way of calling the API.
type namedCall struct {
	name string
	call func(ctx context.Context, e *matrixEnv) error
}

// everyCall drives every operation, a whole listing through the iterator
// and through the pager.
func everyCall() []namedCall {
	id := fake.DocumentedCustomerID
	return []namedCall{
		{"getCustomer", getCustomer},
		{"getCustomerCustomDomains", func(ctx context.Context, e *matrixEnv) error {
			_, err := e.client.GetCustomerCustomDomains(ctx, id, nil)
			return err
		}},
		{"getCustomerOrganization", func(ctx context.Context, e *matrixEnv) error {
			_, err := e.client.GetCustomerOrganization(ctx, id, nil)
			return err
		}},
		{"getCustomerCompanyProfile", func(ctx context.Context, e *matrixEnv) error {
			_, err := e.client.GetCustomerCompanyProfile(ctx, id, nil)
			return err
		}},
		{"getCustomerBillingProfile", func(ctx context.Context, e *matrixEnv) error {
			_, err := e.client.GetCustomerBillingProfile(ctx, id, nil)
			return err
		}},
		{"updateCustomerBillingProfile", updateBillingProfile},
		{"createCustomer", func(ctx context.Context, e *matrixEnv) error {
			created, err := e.client.CreateCustomer(ctx, newCustomer(fmt.Sprintf("secrets-%d.onmicrosoft.com", createSeq.Add(1))), nil)
			if err == nil {
				createdPasswords.add(created.AdminPassword.Reveal())
			}
			return err
		}},
		{"createCustomerUser", func(ctx context.Context, e *matrixEnv) error {
			created, err := e.client.CreateCustomerUser(ctx, id, newUser(fmt.Sprintf("secrets%d", createSeq.Add(1))), nil)
			if err == nil {
				createdPasswords.add(created.Password.Reveal())
				userPasswords.Add(1)
			}
			return err
		}},
		{"resetCustomerUserPassword", func(ctx context.Context, e *matrixEnv) error {
			reset, err := e.client.ResetCustomerUserPassword(ctx, id, fake.GeneratedUserID(0), nil)
			if err == nil {
				createdPasswords.add(reset.Password.Reveal())
				userPasswords.Add(1)
			}
			return err
		}},
		{"checkDomainAvailability", checkDomain},
		{"listCustomers (search)", func(ctx context.Context, e *matrixEnv) error {
			filter := &wrapper.CustomerSearchFilter{Field: wrapper.CustomerSearchFilterFieldCompanyName, Value: "Cont"}
			for _, err := range e.client.ListCustomers(ctx, &wrapper.ListCustomersOptions{Filter: filter}) {
				if err != nil {
					return err
				}
			}
			return nil
		}},
		{"ListCustomers (every page)", func(ctx context.Context, e *matrixEnv) error {
			for _, err := range e.client.ListCustomers(ctx, &wrapper.ListCustomersOptions{PageSize: matrixPageSize}) {
				if err != nil {
					return err
				}
			}
			return nil
		}},
		{"NewListCustomersPager (every page)", func(ctx context.Context, e *matrixEnv) error {
			p := e.client.NewListCustomersPager(&wrapper.ListCustomersOptions{PageSize: matrixPageSize})
			for p.More() {
				if _, err := p.NextPage(ctx); err != nil {
					return err
				}
			}
			return nil
		}},
	}
}

// createSeq numbers the domains of the customers everyCall creates.
var createSeq atomic.Int64

// createdPasswords are the passwords the service gave out through the
// wrapper (new administrators', new users' and reset ones): no log line or
// error may show them.
var createdPasswords passwordList

// userPasswords counts the users' passwords among createdPasswords.
var userPasswords atomic.Int32

// passwordList is a list of passwords safe for concurrent use.
type passwordList struct {
	mu   sync.Mutex
	list []string
}

func (p *passwordList) add(pw string) {
	p.mu.Lock()
	p.list = append(p.list, pw)
	p.mu.Unlock()
}

func (p *passwordList) all() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.list...)
}

// assertNoPassword fails when s holds one of the created passwords.
func assertNoPassword(t *testing.T, what, s string) {
	t.Helper()
	for _, pw := range createdPasswords.all() {
		if pw != "" && strings.Contains(s, pw) {
			t.Errorf("%s holds a password the service gave out: %.300s", what, s)
		}
	}
}

// logCapture collects azcore's log lines.
type logCapture struct {
	mu    sync.Mutex
	lines []string
}

// captureLog sends every azcore log event to a new logCapture until the
// test ends.
func captureLog(t *testing.T) *logCapture {
	lc := &logCapture{}
	azlog.SetEvents() // every event, of every classification
	azlog.SetListener(func(ev azlog.Event, msg string) {
		lc.mu.Lock()
		lc.lines = append(lc.lines, string(ev)+": "+msg)
		lc.mu.Unlock()
	})
	t.Cleanup(func() { azlog.SetListener(nil) })
	return lc
}

// take returns the lines captured so far and forgets them.
func (lc *logCapture) take() []string {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	out := lc.lines
	lc.lines = nil
	return out
}

// mostVerbose asks azcore's logging policy for everything it can show:
// bodies, and the credential headers among the allowed ones.
var mostVerbose = policy.LogOptions{
	IncludeBody:        true,
	AllowedHeaders:     []string{"Authorization", "authorization", "Proxy-Authorization", "Cookie", "Set-Cookie", "WWW-Authenticate", "Retry-After"},
	AllowedQueryParams: []string{"size", "filter", "seekOperation", "access_token", "token"},
}

// secretsConfig is cfg at its most verbose, with the waits cut short: a
// Retry-After of a second ends the retries, tries time out after 50ms.
func secretsConfig(cfg envConfig, cred azcore.TokenCredential) envConfig {
	inner := cfg.opts
	if cred != nil && cfg.cred == nil {
		cfg.cred = cred
	}
	cfg.opts = func(o *wrapper.ClientOptions) {
		if inner != nil {
			inner(o)
		}
		o.Logging = mostVerbose
		o.Retry.MaxRetryDelay = 10 * time.Millisecond
		if o.Retry.TryTimeout > 0 {
			o.Retry.TryTimeout = 50 * time.Millisecond
		}
	}
	return cfg
}

// refreshTokenServer is an Entra-like token endpoint over TLS. Its access
// tokens last a minute, so the credential exchanges its refresh token for
// every token asked (it caches only while more than five minutes are left).
func refreshTokenServer(t *testing.T) *httptest.Server {
	var n atomic.Int32
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil || !strings.HasPrefix(r.PostForm.Get("refresh_token"), "rt-SECRET-secrets-") ||
			r.PostForm.Get("client_secret") != secretClient {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprintf(w, `{"error":"invalid_grant","error_description":"bad grant %s"}`, r.PostForm.Get("refresh_token"))
			return
		}
		i := n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"token_type":"Bearer","expires_in":60,"access_token":"%s%d","refresh_token":"%s%d"}`, secretAccess, i, secretRotated, i)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// newRefreshCredential returns a refresh-token credential against srv,
// logging as verbosely as it allows.
func newRefreshCredential(t *testing.T, srv *httptest.Server) *wrapper.RefreshTokenCredential {
	t.Helper()
	cred, err := wrapper.NewRefreshTokenCredential("contoso.onmicrosoft.com", "11111111-0000-0000-0000-000000000001", secretClient, secretRefresh,
		&wrapper.RefreshTokenCredentialOptions{ClientOptions: azcore.ClientOptions{
			Cloud:     wrapper.CustomCloud("https://pc.invalid", fake.Audience, srv.URL+"/"),
			Transport: srv.Client(),
			Retry:     policy.RetryOptions{RetryDelay: time.Millisecond},
			Logging:   mostVerbose,
		}})
	if err != nil {
		t.Fatal(err)
	}
	return cred
}

// TestSecretsStayOutOfLogsAndErrors drives every call under every fault of
// the matrix, once with the fake credential and once with a refresh-token
// credential against a TLS token endpoint, with azcore logging everything
// it can. No log line and no rendering of an error may hold a token, the
// refresh token or the client secret.
//
// The test is not parallel, since azcore's log listener is process-wide;
// its subtests (one fake per credential and fault) run in parallel.
func TestSecretsStayOutOfLogsAndErrors(t *testing.T) {
	logs := captureLog(t)
	tokens := refreshTokenServer(t)
	creds := []struct {
		name string
		make func(t *testing.T) azcore.TokenCredential
	}{
		{"fake credential", func(*testing.T) azcore.TokenCredential { return nil }},
		{"refresh-token credential", func(t *testing.T) azcore.TokenCredential { return newRefreshCredential(t, tokens) }},
	}
	var failures, calls atomic.Int32
	t.Run("drive", func(t *testing.T) {
		for _, cr := range creds {
			for _, tc := range matrixCases() {
				t.Run(cr.name+"/"+tc.name, func(t *testing.T) {
					t.Parallel()
					env := newMatrixEnv(t, secretsConfig(tc.cfg, cr.make(t)))
					for _, nc := range everyCall() {
						env.srv.Faults().Reset()
						env.reset()
						env.tr.before, env.tr.after, env.tr.alter = nil, nil, nil
						if tc.setup != nil {
							tc.setup(t, env)
						}
						timeout := 10 * time.Second
						if tc.ctx != 0 {
							timeout = min(tc.ctx, 150*time.Millisecond)
						}
						ctx, cancel := context.WithTimeout(context.Background(), timeout)
						err := nc.call(ctx, env)
						cancel()
						calls.Add(1)
						if err == nil {
							continue
						}
						failures.Add(1)
						for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
							assertNoSecret(t, nc.name+": the error", s)
						}
						var re *wrapper.ResponseError
						if errors.As(err, &re) {
							assertNoSecret(t, nc.name+": the error's data", fmt.Sprintf("%#v", re.Data))
						}
					}
				})
			}
		}
	})
	// The drive must have shown both ends: failures and successes.
	if f, c := failures.Load(), calls.Load(); f == 0 || f == c {
		t.Errorf("%d of %d calls failed; the faults did not bite or nothing worked", f, c)
	}
	lines := logs.take()
	if len(lines) < int(calls.Load()) {
		t.Errorf("%d log lines for %d calls", len(lines), calls.Load())
	}
	for _, line := range lines {
		assertNoSecret(t, "a log line", line)
		assertNoPassword(t, "a log line", line)
	}
	if n, users := len(createdPasswords.all()), int(userPasswords.Load()); users == 0 || n == users {
		t.Errorf("%d passwords given out, %d of them users': the check needs both customers' and users'", n, users)
	}
}

func TestCreatePasswordStaysOutOfTheLog(t *testing.T) {
	// Not parallel: azcore's log listener is process-wide. With bodies
	// logged (mostVerbose), the create answer, which holds the password,
	// must still not reach the log, while other answers' bodies do.
	logs := captureLog(t)
	env := newMatrixEnv(t, secretsConfig(envConfig{}, nil))
	ctx := context.Background()
	env.srv.Faults().On("createCustomer").FailNext(1, 503)
	created, err := env.client.CreateCustomer(ctx, newCustomer("secrets-logged.onmicrosoft.com"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := getCustomer(ctx, env); err != nil {
		t.Fatal(err)
	}
	pw := created.AdminPassword.Reveal()
	all := strings.Join(logs.take(), "\n")
	if pw == "" || strings.Contains(all, pw) {
		t.Errorf("the log holds the password %q (or there was none)", pw)
	}
	for _, want := range []string{"POST " + env.srv.URL() + "/v1/customers", "201 Created", "Try=2", `"companyName"`} {
		if !strings.Contains(all, want) {
			t.Errorf("the log lacks %q", want)
		}
	}
}

// assertNoSecret fails when s holds any of allSecrets.
func assertNoSecret(t *testing.T, what, s string) {
	t.Helper()
	for _, secret := range allSecrets {
		if strings.Contains(s, secret) {
			t.Errorf("%s holds the secret %q: %.300s", what, secret, s)
		}
	}
}

func TestLogShowsRedactedAuthorization(t *testing.T) {
	// Not parallel: azcore's log listener is process-wide. This guards the
	// test above against passing because nothing was logged.
	logs := captureLog(t)
	env := newMatrixEnv(t, secretsConfig(envConfig{}, nil))
	env.srv.Faults().FailNext(1, 503)
	if err := getCustomer(context.Background(), env); err != nil {
		t.Fatal(err)
	}
	all := strings.Join(logs.take(), "\n")
	for _, want := range []string{"Authorization: REDACTED", "Try=2", `"companyName"`, "Ms-Requestid: "} {
		if !strings.Contains(all, want) {
			t.Errorf("the log lacks %q", want)
		}
	}
}

// tokenSink is a server that must never receive anything: it counts the
// requests and remembers any Authorization header.
type tokenSink struct {
	srv  *httptest.Server
	hits atomic.Int32
	auth atomic.Value // string
}

func newTokenSink(t *testing.T, tls bool) *tokenSink {
	s := &tokenSink{}
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.hits.Add(1)
		if a := r.Header.Get("Authorization"); a != "" {
			s.auth.Store(a)
		}
		w.WriteHeader(http.StatusOK)
	})
	if tls {
		s.srv = httptest.NewTLSServer(h)
	} else {
		s.srv = httptest.NewServer(h)
	}
	t.Cleanup(s.srv.Close)
	return s
}

func TestTokenNeverLeavesTheEndpoint(t *testing.T) {
	t.Parallel()
	foreign := newTokenSink(t, true)
	plain := newTokenSink(t, false)
	var next atomic.Value // the next link the API answers with
	api := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"totalCount":1,"items":[{"id":%q}],"links":{"next":{"uri":%q,"method":"GET","headers":[{"key":"MS-ContinuationToken","value":"t"}]}}}`,
			fake.DocumentedCustomerID, next.Load())
	}))
	t.Cleanup(api.Close)
	apiURL, _ := url.Parse(api.URL)
	foreignURL, _ := url.Parse(foreign.srv.URL)
	links := map[string]string{
		"another host":            foreign.srv.URL + "/v1/customers?seekOperation=Next",
		"protocol-relative":       "//" + foreignURL.Host + "/v1/customers",
		"plain http, same host":   "http://" + apiURL.Host + "/v1/customers",
		"plain http, loopback":    plain.srv.URL + "/v1/customers",
		"same host, another port": "https://" + apiURL.Hostname() + ":1/v1/customers",
		"user info":               "https://user:pw@" + apiURL.Host + "/v1/customers",
	}
	// httptest's TLS servers share one certificate: the API's client
	// trusts the foreign server too, so only the wrapper's checks stop
	// the token.
	c, err := wrapper.NewClient(fake.NewCredential(matrixToken), &wrapper.ClientOptions{
		ClientOptions: azcore.ClientOptions{
			Cloud:     wrapper.CustomCloud(api.URL, fake.Audience, ""),
			Transport: api.Client(),
			Retry:     policy.RetryOptions{RetryDelay: time.Millisecond},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, link := range links {
		next.Store(link)
		var got []error
		for _, err := range c.ListCustomers(context.Background(), nil) {
			if err != nil {
				got = append(got, err)
			}
		}
		p := c.NewListCustomersPager(nil)
		_, err1 := p.NextPage(context.Background())
		_, err2 := p.NextPage(context.Background())
		if len(got) != 1 || !errors.Is(got[0], wrapper.ErrInvalidInput) || err1 != nil || !errors.Is(err2, wrapper.ErrInvalidInput) {
			t.Errorf("%s: iterator errors %v, pager %v then %v; want ErrInvalidInput at the second page", name, got, err1, err2)
		}
		for _, e := range append(got, err2) {
			if e != nil {
				assertNoSecret(t, "the error", e.Error())
			}
		}
	}
	for _, s := range []*tokenSink{foreign, plain} {
		if n := s.hits.Load(); n != 0 {
			t.Errorf("%s received %d requests (Authorization %v)", s.srv.URL, n, s.auth.Load())
		}
	}
}
