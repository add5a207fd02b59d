package wrapper

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	azlog "github.com/Azure/azure-sdk-for-go/sdk/azcore/log"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

// rawAnswer answers by writing raw bytes on the hijacked connection: a
// status or header line net/http refuses, and quotes in its error.
func rawAnswer(raw func(token string) string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
		conn, buf, err := w.(http.Hijacker).Hijack()
		if err != nil {
			return
		}
		defer conn.Close()
		_, _ = buf.WriteString(raw(tok))
		_ = buf.Flush()
	}
}

// echoChannels are answers that put the request's token where the
// scrubber of error bodies does not look.
func echoChannels() map[string]http.HandlerFunc {
	return map[string]http.HandlerFunc{
		"CAE claims challenge": func(w http.ResponseWriter, r *http.Request) {
			tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			w.Header().Set("WWW-Authenticate", `Bearer realm="", error="insufficient_claims", claims="`+tok+`"`)
			w.WriteHeader(http.StatusUnauthorized)
		},
		"malformed status line": rawAnswer(func(tok string) string {
			return "HTTP/1.1 2" + tok + " OK\r\nContent-Length: 0\r\n\r\n"
		}),
		"malformed header line": rawAnswer(func(tok string) string {
			return "HTTP/1.1 200 OK\r\nX-Echo " + tok + "\r\nContent-Length: 0\r\n\r\n"
		}),
		"status text": rawAnswer(func(tok string) string {
			return "HTTP/1.1 404 " + tok + "\r\nContent-Length: 0\r\n\r\n"
		}),
		"ID headers": func(w http.ResponseWriter, r *http.Request) {
			tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			w.Header().Set("MS-RequestId", tok)
			w.Header().Set("MS-CorrelationId", "x\u202e"+tok)
			jsonHandler(http.StatusNotFound, `{"code":600,"description":"not found"}`)(w, r)
		},
		"logged headers and body": func(w http.ResponseWriter, r *http.Request) {
			tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			w.Header().Set("MS-CV", tok)
			w.Header().Set("MS-ServerId", url.QueryEscape(tok))
			jsonHandler(http.StatusOK, `{"id":"`+testCustomerID+`","companyProfile":{"companyName":"`+tok+`","domain":"`+jsonEscaped(tok)+`"}}`)(w, r)
		},
		"log, error body": func(w http.ResponseWriter, r *http.Request) {
			tok := strings.TrimPrefix(r.Header.Get("Authorization"), "Bearer ")
			w.Header().Set("MS-CV", tok)
			jsonHandler(http.StatusBadRequest, `{"code":400,"description":"`+tok+`"}`)(w, r)
		},
	}
}

// TestEchoedTokenReachesNoErrorNorLog: a server that echoes the token in
// a CAE claims challenge, a malformed status or header line, the status
// text, the MS-RequestId and MS-CorrelationId headers, or logged headers
// and bodies, gets it into no error text and no log line, with logging at
// its most verbose.
//
// It is not parallel: the azcore log listener is process-wide.
func TestEchoedTokenReachesNoErrorNorLog(t *testing.T) {
	var mu sync.Mutex
	var lines []string
	azlog.SetListener(func(_ azlog.Event, msg string) {
		mu.Lock()
		lines = append(lines, msg)
		mu.Unlock()
	})
	azlog.SetEvents()
	t.Cleanup(func() { azlog.SetListener(nil) })
	for name, h := range echoChannels() {
		ts := newTestServer(t, h)
		c := ts.client(func(o *ClientOptions) {
			o.Logging = policy.LogOptions{IncludeBody: true, AllowedHeaders: []string{"WWW-Authenticate", "X-Echo"}}
			o.Retry.MaxRetries = -1
		})
		cust, err := c.GetCustomer(testCtx(t), testCustomerID, nil)
		if err != nil {
			assertNoToken(t, name+": error", err.Error())
			assertNoToken(t, name+": error (%+v)", fmt.Sprintf("%+v", err))
			var re *ResponseError
			if errors.As(err, &re) {
				for what, id := range map[string]string{"RequestID": re.RequestID, "CorrelationID": re.CorrelationID} {
					if id != "" && !check.GUID(id) {
						t.Errorf("%s: ResponseError.%s = %q, not a GUID", name, what, id)
					}
				}
			}
		} else if cust.CompanyProfile != nil {
			assertNoToken(t, name+": decoded customer", fmt.Sprint(*cust.CompanyProfile.CompanyName, *cust.CompanyProfile.Domain))
		}
		mu.Lock()
		got := strings.Join(lines, "\n")
		lines = nil
		mu.Unlock()
		if got == "" {
			t.Errorf("%s: nothing was logged", name)
		}
		for _, form := range scrub.Forms(testToken) {
			if strings.Contains(got, form) {
				t.Errorf("%s: the log holds the token (as %q)", name, form)
			}
		}
	}
}

// TestRefreshCredentialScrubsBeforeCutting: an authority that echoes the
// refresh token and client secret at the point where the error text is cut
// short, URL-encoded (as the form it was sent) or JSON-escaped in a body
// that is not JSON, gets no part of them into the credential's error.
func TestRefreshCredentialScrubsBeforeCutting(t *testing.T) {
	t.Parallel()
	const refresh = "0.AAAA*rt!SECRET$refresh+token/with~odd&chars"
	const secret = `cs<SECRET>"client"&secret`
	form := url.Values{"refresh_token": {refresh}, "client_secret": {secret}}.Encode()
	cases := map[string]http.HandlerFunc{
		// The secret straddles the 512-byte cut of the error text.
		"at the cut":                 jsonHandler(http.StatusBadRequest, `{"error":"invalid_grant","error_description":"`+strings.Repeat("a", 512-len("invalid_grant: ")-20)+refresh+`"}`),
		"URL-encoded":                jsonHandler(http.StatusBadRequest, `{"error":"invalid_request","error_description":"bad body: `+form+`"}`),
		"lower-case percent escapes": jsonHandler(http.StatusBadRequest, `{"error":"invalid_request","error_description":"bad body: `+lowerPercent(form)+`"}`),
		"JSON-escaped, not JSON": func(w http.ResponseWriter, _ *http.Request) {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = io.WriteString(w, `oops {"refresh_token":"`+jsonEscaped(refresh)+`","client_secret":"`+jsonEscaped(secret)+`"`)
		},
		"headers and status": rawAnswer(func(string) string {
			return "HTTP/1.1 400 " + url.QueryEscape(refresh) + "\r\nX-Echo: " + secret + "\r\nContent-Length: 0\r\n\r\n"
		}),
	}
	for name, h := range cases {
		authority := newTokenServer(t, h)
		cred, err := NewRefreshTokenCredential(testTenant, testClient, secret, refresh, &RefreshTokenCredentialOptions{
			ClientOptions: azcore.ClientOptions{Cloud: authority.cloud(), Transport: authority.srv.Client(), Retry: policy.RetryOptions{MaxRetries: -1}}})
		if err != nil {
			t.Fatal(err)
		}
		_, err = cred.GetToken(testCtx(t), policy.TokenRequestOptions{})
		if err == nil {
			t.Fatalf("%s: no error", name)
		}
		msg := err.Error()
		for _, s := range []string{refresh, secret} {
			for _, f := range scrub.Forms(s) {
				for _, part := range []string{f[:12], f[len(f)-12:]} {
					if strings.Contains(msg, part) {
						t.Errorf("%s: the error holds %q of a secret: %s", name, part, msg)
					}
				}
			}
		}
	}
}

// TestRefreshCredentialValuePrintsNoSecret: printing the credential, as a
// pointer or as a value, in every verb, shows no token and no secret.
func TestRefreshCredentialValuePrintsNoSecret(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	ts := newTokenServer(t, rotatingReply(&n))
	cred := ts.credential(t, testSecret, nil)
	if _, err := cred.GetToken(testCtx(t), policy.TokenRequestOptions{}); err != nil {
		t.Fatal(err)
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%d"} {
		for what, v := range map[string]any{"pointer": cred, "value": *cred, "slice of values": []RefreshTokenCredential{*cred}} {
			out := fmt.Sprintf(verb, v)
			for _, s := range []string{testSecret, testRefresh, "rt-SECRET-rotated", "at-1"} {
				if strings.Contains(out, s) {
					t.Errorf("%s of the %s shows %q: %s", verb, what, s, out)
				}
			}
		}
	}
}

// TestRotationCallbacksInOrder: when the callback of one rotation is slow
// and a later exchange rotates again, the callbacks still come in rotation
// order, and the last one delivered is the current refresh token.
func TestRotationCallbacksInOrder(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	ts := newTokenServer(t, func(w http.ResponseWriter, r *http.Request) {
		i := n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		// A token of one second: renewed after half of it.
		fmt.Fprintf(w, `{"token_type":"Bearer","expires_in":1,"access_token":"at-%d","refresh_token":"rt-SECRET-rotated-%d"}`, i, i)
	})
	secondDone := make(chan struct{})
	var mu sync.Mutex
	var got []string
	cred := ts.credential(t, testSecret, &RefreshTokenCredentialOptions{OnRefreshTokenRotated: func(rt string) {
		if rt == "rt-SECRET-rotated-1" {
			select { // the first callback is slow: the second exchange overtakes it
			case <-secondDone:
			case <-time.After(1500 * time.Millisecond):
			}
		}
		mu.Lock()
		got = append(got, rt)
		mu.Unlock()
	}})
	first := make(chan error, 1)
	go func() {
		_, err := cred.GetToken(testCtx(t), policy.TokenRequestOptions{})
		first <- err
	}()
	for n.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	time.Sleep(600 * time.Millisecond) // the first token is due for renewal
	if _, err := cred.GetToken(testCtx(t), policy.TokenRequestOptions{}); err != nil {
		t.Fatal(err)
	}
	close(secondDone)
	if err := <-first; err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(got) == 0 || got[len(got)-1] != cred.RefreshToken() {
		t.Errorf("callbacks %q; the last is not the current refresh token %q", got, cred.RefreshToken())
	}
	for i := 1; i < len(got); i++ {
		if got[i] <= got[i-1] {
			t.Errorf("callbacks out of rotation order: %q", got)
		}
	}
}

// TestShortLivedTokenShared: a token issued for two minutes is cached and
// shared by concurrent and later callers, not exchanged on every call.
func TestShortLivedTokenShared(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	ts := newTokenServer(t, func(w http.ResponseWriter, r *http.Request) {
		i := n.Add(1)
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"token_type":"Bearer","expires_in":120,"access_token":"at-%d","refresh_token":"rt-SECRET-rotated-%d"}`, i, i)
	})
	cred := ts.credential(t, testSecret, nil)
	var wg sync.WaitGroup
	for range 20 {
		wg.Go(func() {
			if _, err := cred.GetToken(testCtx(t), policy.TokenRequestOptions{}); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for range 5 {
		if _, err := cred.GetToken(testCtx(t), policy.TokenRequestOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	if got := n.Load(); got != 1 {
		t.Errorf("%d exchanges for 25 calls within the token's first minute, want 1", got)
	}
}

// TestRefreshTokenBoundedDuringExchange: RefreshToken answers at once
// while an exchange hangs at the authority.
func TestRefreshTokenBoundedDuringExchange(t *testing.T) {
	t.Parallel()
	release := make(chan struct{})
	ts := newTokenServer(t, func(w http.ResponseWriter, r *http.Request) {
		<-release
		jsonHandler(http.StatusOK, `{"token_type":"Bearer","expires_in":3600,"access_token":"at"}`)(w, r)
	})
	cred := ts.credential(t, testSecret, nil)
	done := make(chan struct{})
	go func() {
		defer close(done)
		_, _ = cred.GetToken(testCtx(t), policy.TokenRequestOptions{})
	}()
	for ts.calls.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	got := make(chan string, 1)
	go func() { got <- cred.RefreshToken() }()
	select {
	case rt := <-got:
		if rt != testRefresh {
			t.Errorf("RefreshToken() = %q", rt)
		}
	case <-time.After(time.Second):
		t.Error("RefreshToken() waited for the exchange")
	}
	close(release)
	<-done
}

// TestBodyWaitCountsLikeRetryAfter: a 429 whose wait is only in its body
// ("Try again in 57 seconds") is handled like Retry-After: longer than
// MaxRetryDelay, it ends the retries at once, and RetryAfter reports it.
func TestBodyWaitCountsLikeRetryAfter(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, jsonHandler(http.StatusTooManyRequests, `{"statusCode":429,"message":"Rate limit is exceeded. Try again in 57 seconds."}`))
	c := ts.client(func(o *ClientOptions) { o.Retry.MaxRetryDelay = 2 * time.Second })
	_, err := c.GetCustomer(testCtx(t), testCustomerID, nil)
	var re *ResponseError
	if !errors.As(err, &re) || re.RetryAfter != 57*time.Second {
		t.Fatalf("err = %v, want a 429 with RetryAfter 57s", err)
	}
	if n := len(ts.requests()); n != 1 {
		t.Errorf("%d tries, want 1: the body's wait exceeds MaxRetryDelay", n)
	}
}

// TestRetryAfterForms: a very large Retry-After and the obsolete HTTP date
// forms (RFC 850, asctime) end the retries when past MaxRetryDelay, and
// RetryAfter reports the wait, never 0.
func TestRetryAfterForms(t *testing.T) {
	t.Parallel()
	soon := func() time.Time { return time.Now().Add(30 * time.Second).UTC() }
	for name, value := range map[string]func() string{
		"huge seconds":   func() string { return "99999999999" },
		"overflowing":    func() string { return "999999999999999999999999" },
		"IMF-fixdate":    func() string { return soon().Format(http.TimeFormat) },
		"RFC 850":        func() string { return soon().Format("Monday, 02-Jan-06 15:04:05 GMT") },
		"asctime":        func() string { return soon().Format(time.ANSIC) },
		"retry-after-ms": func() string { return "" },
	} {
		ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
			if v := value(); v != "" {
				w.Header().Set("Retry-After", v)
			} else {
				w.Header().Set("Retry-After-Ms", "30000")
			}
			jsonHandler(http.StatusTooManyRequests, `{"statusCode":429,"message":"busy"}`)(w, r)
		})
		c := ts.client(func(o *ClientOptions) { o.Retry.MaxRetryDelay = 2 * time.Second })
		_, err := c.GetCustomer(testCtx(t), testCustomerID, nil)
		var re *ResponseError
		if !errors.As(err, &re) || re.RetryAfter < 20*time.Second {
			t.Errorf("%s: err = %v, want a 429 reporting the wait", name, err)
		}
		if n := len(ts.requests()); n != 1 {
			t.Errorf("%s: %d tries, want 1", name, n)
		}
	}
}

// TestParseRetryAfterDates: every HTTP-date form RFC 9110 allows, and the
// cases read wrongly before: a two-digit RFC 850 year more than 50 years
// back, a zone other than GMT, a signed number.
func TestParseRetryAfterDates(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	later := now.Add(90 * time.Second)
	tests := []struct {
		in   string
		want time.Duration
		ok   bool
	}{
		{later.Format(http.TimeFormat), 90 * time.Second, true},
		{later.Format("Monday, 02-Jan-06 15:04:05 GMT"), 90 * time.Second, true},
		{later.Format(time.ANSIC), 90 * time.Second, true},
		{"Fri Jan  2 03:05:35 2026", 90 * time.Second, true},
		{"Thursday, 01-Jan-70 00:00:00 GMT", transport.MaxRetryAfter, true}, // 2070, not 1970
		{"Friday, 02-Jan-26 03:05:35 PST", 0, false},
		{"+5", 0, false},
		{"-5", 0, false},
		{" 7 ", 7 * time.Second, true},
		{"99999999999999999999", transport.MaxRetryAfter, true},
		{later.Add(-time.Hour).Format(http.TimeFormat), 0, true},
	}
	for _, tt := range tests {
		got, ok := transport.ParseRetryAfter(tt.in, now)
		if got != tt.want || ok != tt.ok {
			t.Errorf("transport.ParseRetryAfter(%q) = %v, %v; want %v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

// TestForeignNotFound: a 404 that is a page (HTML, text, unparsable type,
// non-JSON body) is not Partner Center's; an empty or JSON one is.
func TestForeignNotFound(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		ct, body string
		foreign  bool
	}{
		{"", "", false},
		{"application/json", `{"code":600}`, false},
		{"application/json; charset=utf-8", "", false},
		{"application/problem+json", `{}`, false},
		{"text/html", "", true},
		{"text/html; charset=utf-8", "<html>Not Found</html>", true},
		{"text/plain", "Not Found", true},
		{"", "<html>Not Found</html>", true},
		{"application/json", "<html>Not Found</html>", true},
		{"text/html;;;", "", true},
	} {
		resp := &http.Response{StatusCode: http.StatusNotFound, Header: http.Header{}, Body: io.NopCloser(strings.NewReader(tt.body))}
		if tt.ct != "" {
			resp.Header.Set("Content-Type", tt.ct)
		}
		if got := foreignNotFound(resp); got != tt.foreign {
			t.Errorf("Content-Type %q, body %q: foreign = %v", tt.ct, tt.body, got)
		}
	}
}

// TestScrubReaderAcrossReads: a secret split across the reads of a stream
// is still replaced, whatever the read sizes.
func TestScrubReaderAcrossReads(t *testing.T) {
	t.Parallel()
	body := strings.Repeat("a", 40000) + testToken + "b" + url.QueryEscape(testToken+"*") + strings.Repeat("c", 70000) + testToken
	for _, size := range []int{1, 7, 33, 4096, 1 << 20} {
		r := scrub.NewReader(bufio.NewReaderSize(iotestOneByte{strings.NewReader(body)}, 16), scrub.Forms(testToken, testToken+"*"))
		var out strings.Builder
		buf := make([]byte, size)
		for {
			n, err := r.Read(buf)
			out.WriteString(string(buf[:n]))
			if err != nil {
				break
			}
		}
		want := strings.Repeat("a", 40000) + scrub.Redacted + "b" + scrub.Redacted + strings.Repeat("c", 70000) + scrub.Redacted
		if s := out.String(); s != want {
			t.Errorf("read size %d: %d bytes, %d redactions; want %d bytes, 3", size, len(s), strings.Count(s, scrub.Redacted), len(want))
		}
	}
}

// iotestOneByte reads at most one byte at a time.
type iotestOneByte struct{ r io.Reader }

func (o iotestOneByte) Read(p []byte) (int, error) {
	if len(p) > 1 {
		p = p[:1]
	}
	return o.r.Read(p)
}
