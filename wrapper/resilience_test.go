package wrapper

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/partnercenter-go/partnercenter/internal/pipeline"
)

// cutBody writes the headers of a complete JSON answer, half of body, then
// drops the connection: the client sees the body end early.
func cutBody(body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", strconv.Itoa(len(body)))
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, body[:len(body)/2])
		_ = http.NewResponseController(w).Flush()
		panic(http.ErrAbortHandler)
	}
}

func TestBodyCutMidReadIsRetried(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, sequence(cutBody(customerJSON), jsonHandler(http.StatusOK, customerJSON)))
	cu, err := ts.client(nil).GetCustomer(testCtx(t), testCustomerID, nil)
	if err != nil || *cu.ID != testCustomerID {
		t.Fatalf("GetCustomer = %v, %v", cu, err)
	}
	reqs := ts.requests()
	if len(reqs) != 2 || reqs[0].Header.Get("MS-RequestId") != reqs[1].Header.Get("MS-RequestId") {
		t.Fatalf("%d tries, want 2 with one MS-RequestId", len(reqs))
	}
}

func TestBodyCutOnEveryTry(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, cutBody(customerJSON))
	_, err := ts.client(func(o *ClientOptions) { o.Retry.MaxRetries = 2 }).GetCustomer(testCtx(t), testCustomerID, nil)
	var re *ResponseError
	if !errors.Is(err, io.ErrUnexpectedEOF) || errors.As(err, &re) || !strings.Contains(err.Error(), "getCustomer") {
		t.Fatalf("err = %v, want the read error (io.ErrUnexpectedEOF) naming the operation", err)
	}
	if n := len(ts.requests()); n != 3 {
		t.Errorf("%d tries, want 3", n)
	}
}

// rotatingCredential hands out token-1, token-2, ... one per call.
type rotatingCredential struct {
	prefix string
	calls  atomic.Int32
}

func (c *rotatingCredential) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	n := c.calls.Add(1)
	return azcore.AccessToken{Token: c.prefix + strconv.Itoa(int(n)), ExpiresOn: time.Now().Add(time.Hour)}, nil
}

// authServer accepts only the tokens in valid, recording the ones it saw.
// It refuses the others with a 401 and, unless noChallenge is set, a
// WWW-Authenticate challenge.
type authServer struct {
	srv         *httptest.Server
	noChallenge bool

	mu     sync.Mutex
	valid  map[string]bool
	seen   []string
	bodies []string
}

func newAuthServer(t *testing.T, valid ...string) *authServer {
	a := &authServer{valid: map[string]bool{}}
	for _, v := range valid {
		a.valid[v] = true
	}
	a.srv = httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		tok, _ := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		a.mu.Lock()
		a.seen = append(a.seen, tok)
		a.bodies = append(a.bodies, string(body))
		ok := a.valid[tok]
		a.mu.Unlock()
		w.Header().Set("MS-RequestId", r.Header.Get("MS-RequestId"))
		if !ok {
			if !a.noChallenge {
				w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token", error_description="The access token expired"`)
			}
			jsonHandler(http.StatusUnauthorized, `{"code":800001,"description":"expired"}`)(w, r)
			return
		}
		if r.Method == http.MethodPut {
			jsonHandler(http.StatusOK, billingJSON)(w, r)
			return
		}
		jsonHandler(http.StatusOK, customerJSON)(w, r)
	}))
	t.Cleanup(a.srv.Close)
	return a
}

func (a *authServer) tokens() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.seen...)
}

func (a *authServer) client(t *testing.T, cred azcore.TokenCredential) *Client {
	t.Helper()
	c, err := NewClient(cred, &ClientOptions{
		ClientOptions: azcore.ClientOptions{
			Cloud:     CustomCloud(a.srv.URL, "https://pc.test", ""),
			Transport: a.srv.Client(),
			Retry:     policy.RetryOptions{RetryDelay: time.Millisecond},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestUnauthorizedIsResentOnceWithAFreshToken(t *testing.T) {
	t.Parallel()
	a := newAuthServer(t, "tok-2")
	cred := &rotatingCredential{prefix: "tok-"}
	c := a.client(t, cred)
	etag, name := "7", "Ada"
	// A PUT, so that the resend must also rewind the body.
	_, err := c.UpdateCustomerBillingProfile(testCtx(t), testCustomerID,
		CustomerBillingProfile{FirstName: &name, Attributes: &ResourceAttributes{Etag: &etag}}, nil)
	if err != nil {
		t.Fatalf("update after one refused token: %v", err)
	}
	if got := a.tokens(); len(got) != 2 || got[0] != "tok-1" || got[1] != "tok-2" {
		t.Errorf("tokens sent %q, want tok-1 then tok-2", got)
	}
	a.mu.Lock()
	bodies := a.bodies
	a.mu.Unlock()
	if len(bodies) != 2 || bodies[0] != bodies[1] || !strings.Contains(bodies[1], `"firstName":"Ada"`) {
		t.Errorf("the resend's body differs: %q", bodies)
	}
	// The fresh token is cached: the next call needs no new one.
	if _, err := c.GetCustomer(testCtx(t), testCustomerID, nil); err != nil || cred.calls.Load() != 2 {
		t.Errorf("next call: %v, %d token requests", err, cred.calls.Load())
	}
}

func TestUnauthorizedTwiceIsReturned(t *testing.T) {
	t.Parallel()
	a := newAuthServer(t) // no token is valid
	_, err := a.client(t, &rotatingCredential{prefix: "tok-"}).GetCustomer(testCtx(t), testCustomerID, nil)
	var re *ResponseError
	if !errors.As(err, &re) || !errors.Is(err, ErrUnauthorized) || re.Code != "800001" || re.RequestID == "" {
		t.Fatalf("err = %v", err)
	}
	if got := a.tokens(); len(got) != 2 || got[0] == got[1] {
		t.Errorf("tokens sent %q, want two different ones", got)
	}
}

func TestUnauthorizedWithoutANewTokenIsNotResent(t *testing.T) {
	t.Parallel()
	a := newAuthServer(t)
	static := StaticTokenCredential("the-one-token", time.Now().Add(time.Hour))
	_, err := a.client(t, static).GetCustomer(testCtx(t), testCustomerID, nil)
	if !errors.Is(err, ErrUnauthorized) || errors.Is(err, pipeline.ErrTokenUnchanged) {
		t.Fatalf("err = %v, want the 401 as a *ResponseError", err)
	}
	if got := a.tokens(); len(got) != 1 {
		t.Errorf("tokens sent %q: the refused token was sent again", got)
	}
}

func TestUnauthorizedWithoutChallengeIsNotResent(t *testing.T) {
	t.Parallel()
	a := newAuthServer(t, "tok-2")
	a.noChallenge = true
	cred := &rotatingCredential{prefix: "tok-"}
	c := a.client(t, cred)
	if _, err := c.GetCustomer(testCtx(t), testCustomerID, nil); !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
	// azcore dropped the refused token: the next call gets a new one.
	if _, err := c.GetCustomer(testCtx(t), testCustomerID, nil); err != nil {
		t.Fatalf("next call: %v", err)
	}
	if got := a.tokens(); len(got) != 2 || got[0] != "tok-1" || got[1] != "tok-2" {
		t.Errorf("tokens sent %q", got)
	}
}
