package fake

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
)

var documentedPath = customerPath(DocumentedCustomerID, "")

// lastFault returns the Fault field of the most recent recorded request.
func lastFault(t *testing.T, s *Server) string {
	t.Helper()
	reqs := s.Requests()
	if len(reqs) == 0 {
		t.Fatal("no request recorded")
	}
	return reqs[len(reqs)-1].Fault
}

func TestFailNext(t *testing.T) {
	s := NewTestServer(t, nil)
	s.Faults().FailNext(2, http.StatusServiceUnavailable)
	if p := s.Faults().Pending(); p != 2 {
		t.Errorf("Pending = %d", p)
	}
	for range 2 {
		get(t, s, documentedPath).wantFault(t, http.StatusServiceUnavailable, codeUnexpected)
		if f := lastFault(t, s); f != "fail" {
			t.Errorf("recorded fault %q", f)
		}
	}
	get(t, s, documentedPath).wantStatus(t, http.StatusOK)
	if p := s.Faults().Pending(); p != 0 {
		t.Errorf("Pending = %d after the faults ran out", p)
	}

	tests := []struct {
		name       string
		failure    Failure
		status     int
		rawCode    string // the code as it appears in JSON
		retryAfter string
	}{
		{"numeric code", Failure{Status: 403}, 403, `20002`, ""},
		{"string code", Failure{Status: 403, Code: "900150", CodeAsString: true}, 403, `"900150"`, ""},
		{"own code and text", Failure{Status: 409, Code: "12345", Description: "busy"}, 409, `12345`, ""},
		{"retry after", Failure{Status: 503, RetryAfter: 1500 * time.Millisecond}, 503, `800003`, "2"},
		{"retry after zero", Failure{Status: 503, RetryAfter: -1}, 503, `800003`, "0"},
		{"not an error status", Failure{Status: 200}, 500, `800003`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.Faults().FailNextWith(1, tt.failure)
			r := get(t, s, documentedPath)
			r.wantStatus(t, tt.status)
			var raw map[string]json.RawMessage
			r.decode(t, &raw)
			if string(raw["code"]) != tt.rawCode {
				t.Errorf("code %s, want %s", raw["code"], tt.rawCode)
			}
			if tt.failure.Description != "" && string(raw["description"]) != strconv.Quote(tt.failure.Description) {
				t.Errorf("description %s", raw["description"])
			}
			if got := r.Header.Get("Retry-After"); got != tt.retryAfter {
				t.Errorf("Retry-After %q, want %q", got, tt.retryAfter)
			}
		})
	}
}

func TestFailNextThrottled(t *testing.T) {
	s := NewTestServer(t, nil)
	s.Faults().FailNext(1, http.StatusTooManyRequests)
	r := get(t, s, documentedPath)
	r.wantStatus(t, http.StatusTooManyRequests)
	var body gen.ThrottleError
	r.decode(t, &body)
	if r.Header.Get("Retry-After") != "1" || *body.StatusCode != 429 || *body.Message != "Rate limit is exceeded. Try again in 1 seconds." {
		t.Errorf("429 answer %v %s", r.Header, r.body)
	}
}

func TestFailNextOmitRetryAfter(t *testing.T) {
	s := NewTestServer(t, nil)
	s.Faults().FailNextWith(1, Failure{Status: http.StatusTooManyRequests, OmitRetryAfter: true, RetryAfter: time.Minute})
	s.Faults().FailNextWith(1, Failure{Status: http.StatusServiceUnavailable, OmitRetryAfter: true, RetryAfter: time.Minute})
	for _, want := range []int{http.StatusTooManyRequests, http.StatusServiceUnavailable} {
		r := get(t, s, documentedPath)
		r.wantStatus(t, want)
		if v, ok := r.Header["Retry-After"]; ok {
			t.Errorf("%d: Retry-After %q sent", want, v)
		}
	}
}

func TestFaultScopes(t *testing.T) {
	s := NewTestServer(t, nil)
	f := s.Faults()
	f.On("getCustomerOrganization").FailNext(1, http.StatusInternalServerError)
	f.On("/domains").FailNext(1, http.StatusBadGateway)
	f.On("/v1/customers").On("GetCustomer").FailNext(1, http.StatusGatewayTimeout)

	get(t, s, "/v1/customers").wantStatus(t, http.StatusOK)
	get(t, s, customerPath(DocumentedCustomerID, "/customDomains")).wantStatus(t, http.StatusOK)
	get(t, s, customerPath(DocumentedCustomerID, "/organization")).wantStatus(t, http.StatusInternalServerError)
	get(t, s, customerPath(DocumentedCustomerID, "/organization")).wantStatus(t, http.StatusOK)
	do(t, s, request{method: http.MethodHead, path: "/v1/domains/contoso.onmicrosoft.com"}).wantStatus(t, http.StatusBadGateway)
	get(t, s, documentedPath).wantStatus(t, http.StatusGatewayTimeout)
	get(t, s, documentedPath).wantStatus(t, http.StatusOK)
	if p := f.Pending(); p != 0 {
		t.Errorf("Pending = %d", p)
	}
}

func TestThrottle(t *testing.T) {
	s := NewTestServer(t, &Options{ExtraCustomers: 2})
	s.Faults().Throttle(Throttle{Requests: 2, Per: time.Minute})
	get(t, s, documentedPath).wantStatus(t, http.StatusOK)
	get(t, s, "/v1/customers").wantStatus(t, http.StatusOK)
	r := get(t, s, customerPath(ContosoCustomerID, ""))
	r.wantStatus(t, http.StatusTooManyRequests)
	var body gen.ThrottleError
	r.decode(t, &body)
	// Two requests a minute refill one every 30 seconds.
	if got := r.Header.Get("Retry-After"); got != "30" || *body.Message != "Rate limit is exceeded. Try again in 30 seconds." {
		t.Errorf("Retry-After %q, message %q", got, *body.Message)
	}
	if f := lastFault(t, s); f != "throttle" {
		t.Errorf("recorded fault %q", f)
	}

	s.Faults().Throttle(Throttle{})
	get(t, s, documentedPath).wantStatus(t, http.StatusOK)
}

func TestThrottlePerCustomer(t *testing.T) {
	s := NewTestServer(t, &Options{ExtraCustomers: 2})
	s.Faults().Throttle(Throttle{Requests: 1, Per: time.Hour, PerCustomer: true, RetryAfter: 2500 * time.Millisecond})
	get(t, s, documentedPath).wantStatus(t, http.StatusOK)
	get(t, s, customerPath(ContosoCustomerID, "/organization")).wantStatus(t, http.StatusOK)
	get(t, s, "/v1/customers").wantStatus(t, http.StatusOK)
	r := get(t, s, customerPath(DocumentedCustomerID, "/customDomains"))
	r.wantStatus(t, http.StatusTooManyRequests)
	if got := r.Header.Get("Retry-After"); got != "3" {
		t.Errorf("fixed Retry-After sent as %q", got)
	}
	get(t, s, customerPath(GeneratedCustomerID(1), "")).wantStatus(t, http.StatusOK)
	get(t, s, "/v1/customers").wantStatus(t, http.StatusTooManyRequests)
}

func TestThrottleBucketRefills(t *testing.T) {
	rule := &throttleRule{cfg: Throttle{Requests: 60, Per: time.Minute, Burst: 2}, buckets: map[string]*bucket{}}
	start := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := range 2 {
		if ok, _ := rule.take("", start); !ok {
			t.Fatalf("request %d within the burst refused", i)
		}
	}
	if ok, wait := rule.take("", start); ok || wait != time.Second {
		t.Fatalf("third request: ok %v, wait %v", ok, wait)
	}
	if ok, _ := rule.take("", start.Add(time.Second)); !ok {
		t.Fatal("bucket did not refill after a second")
	}
	if ok, _ := rule.take("", start.Add(time.Second)); ok {
		t.Fatal("bucket refilled more than the rate")
	}
	// Quiet buckets are pruned once there are too many.
	for i := range maxBuckets + 1 {
		rule.take(strconv.Itoa(i), start)
	}
	rule.take("late", start.Add(time.Hour))
	if n := len(rule.buckets); n > 2 {
		t.Errorf("%d buckets kept after pruning", n)
	}
}

func TestRetryAfterAsDate(t *testing.T) {
	s := NewTestServer(t, nil)
	s.Faults().RetryAfterAsDate(true)
	s.Faults().FailNextWith(1, Failure{Status: http.StatusTooManyRequests, RetryAfter: 30 * time.Second})
	r := get(t, s, documentedPath)
	r.wantStatus(t, http.StatusTooManyRequests)
	when, err := http.ParseTime(r.Header.Get("Retry-After"))
	if err != nil {
		t.Fatalf("Retry-After %q is not an HTTP date: %v", r.Header.Get("Retry-After"), err)
	}
	if d := time.Until(when); d < 20*time.Second || d > 40*time.Second {
		t.Errorf("Retry-After date is %v away", d)
	}
}

func TestGatewayErrors(t *testing.T) {
	s := NewTestServer(t, nil)
	s.Faults().HTMLGatewayError(1, http.StatusGatewayTimeout)
	r := get(t, s, documentedPath)
	r.wantStatus(t, http.StatusGatewayTimeout)
	if !strings.HasPrefix(r.Header.Get("Content-Type"), "text/html") || !bytes.Contains(r.body, []byte("<html>")) {
		t.Errorf("HTML gateway answer %v %q", r.Header, r.body)
	}
	s.Faults().HTMLGatewayError(1, http.StatusTeapot)
	get(t, s, documentedPath).wantStatus(t, http.StatusBadGateway)

	s.Faults().EmptyGatewayError(1, http.StatusServiceUnavailable)
	r = get(t, s, documentedPath)
	r.wantStatus(t, http.StatusServiceUnavailable)
	if len(r.body) != 0 {
		t.Errorf("empty gateway answer has body %q", r.body)
	}
	if f := lastFault(t, s); f != "empty-gateway" {
		t.Errorf("recorded fault %q", f)
	}
}

func TestOversizedErrorBody(t *testing.T) {
	s := NewTestServer(t, nil)
	s.Faults().OversizedErrorBody(1, http.StatusInternalServerError, 0)
	r := get(t, s, documentedPath)
	r.wantStatus(t, http.StatusInternalServerError)
	if len(r.body) < 4<<20 {
		t.Errorf("body is only %d bytes", len(r.body))
	}
	r.wantFault(t, http.StatusInternalServerError, codeUnexpected)
}

func TestAnswerAlteringFaults(t *testing.T) {
	s := NewTestServer(t, nil)
	f := s.Faults()

	f.Truncate(1)
	r := get(t, s, documentedPath)
	r.wantStatus(t, http.StatusOK)
	if json.Valid(r.body) || len(r.body) < 10 || r.Header.Get("Content-Length") != strconv.Itoa(len(r.body)) {
		t.Errorf("truncated body %q (Content-Length %s)", r.body, r.Header.Get("Content-Length"))
	}
	if !json.Valid(get(t, s, documentedPath).body) {
		t.Error("truncation outlived its count")
	}

	// HEAD answers have no body and do not use up a truncation.
	f.Truncate(1)
	do(t, s, request{method: http.MethodHead, path: "/v1/domains/contoso.onmicrosoft.com"}).wantStatus(t, http.StatusOK)
	if json.Valid(get(t, s, documentedPath).body) {
		t.Error("truncation was spent on a HEAD request")
	}

	f.WrongContentType(1)
	r = get(t, s, documentedPath)
	if ct := r.Header.Get("Content-Type"); ct != "text/plain; charset=utf-8" || !json.Valid(r.body) {
		t.Errorf("content type %q", ct)
	}
	if lastFault(t, s) != "wrong-content-type" {
		t.Errorf("recorded fault %q", lastFault(t, s))
	}

	f.BOM(true)
	for _, path := range []string{documentedPath, customerPath("11111111-2222-3333-4444-555555555555", "")} {
		r = get(t, s, path)
		if !bytes.HasPrefix(r.body, utf8BOM) || !json.Valid(r.body[3:]) {
			t.Errorf("%s: body %q lacks a BOM before valid JSON", path, r.body)
		}
	}
	f.BOM(false)
	if r = get(t, s, documentedPath); bytes.HasPrefix(r.body, utf8BOM) {
		t.Error("BOM still sent after BOM(false)")
	}
}

func TestDropConnection(t *testing.T) {
	s := NewTestServer(t, nil)
	tr := s.HTTPClient().Transport.(*http.Transport).Clone()
	tr.DisableKeepAlives = true
	client := &http.Client{Transport: tr}
	send := func() (*http.Response, error) {
		req, _ := http.NewRequest(http.MethodGet, s.URL()+documentedPath, nil)
		req.Header.Set("Authorization", "Bearer "+testToken)
		return client.Do(req)
	}
	s.Faults().DropConnection(1)
	if resp, err := send(); err == nil {
		resp.Body.Close()
		t.Fatalf("dropped request answered %d", resp.StatusCode)
	}
	resp, err := send()
	if err != nil {
		t.Fatalf("request after the drop: %v", err)
	}
	resp.Body.Close()
	reqs := s.Requests()
	if len(reqs) != 2 || reqs[0].Fault != "drop-connection" || reqs[0].Status != 0 || reqs[1].Status != http.StatusOK {
		t.Errorf("recorded %+v", reqs)
	}
}

func TestLatency(t *testing.T) {
	s := NewTestServer(t, nil)
	s.Faults().On("getCustomer").Latency(40 * time.Millisecond)
	start := time.Now()
	get(t, s, documentedPath).wantStatus(t, http.StatusOK)
	if elapsed := time.Since(start); elapsed < 40*time.Millisecond {
		t.Errorf("answered after %v, before the latency", elapsed)
	}
	if lastFault(t, s) != "latency" {
		t.Errorf("recorded fault %q", lastFault(t, s))
	}
	get(t, s, "/v1/customers").wantStatus(t, http.StatusOK)
	if lastFault(t, s) != "" {
		t.Error("latency applied outside its scope")
	}

	// A client that gives up is not kept waiting.
	s.Faults().Latency(time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL()+documentedPath, nil)
	req.Header.Set("Authorization", "Bearer "+testToken)
	if resp, err := s.HTTPClient().Do(req); !errors.Is(err, context.DeadlineExceeded) {
		if resp != nil {
			resp.Body.Close()
		}
		t.Fatalf("delayed request: %v", err)
	}
	s.Faults().Latency(0)
	get(t, s, documentedPath).wantStatus(t, http.StatusOK)
}

func TestCloseDoesNotWaitForLatency(t *testing.T) {
	s, err := NewServer(nil)
	if err != nil {
		t.Fatal(err)
	}
	s.Faults().Latency(time.Hour)
	done := make(chan error, 1)
	go func() {
		req, _ := http.NewRequest(http.MethodGet, s.URL()+documentedPath, nil)
		req.Header.Set("Authorization", "Bearer "+testToken)
		resp, err := s.HTTPClient().Do(req)
		if err == nil {
			resp.Body.Close()
		}
		done <- err
	}()
	for len(s.Requests()) == 0 {
		time.Sleep(time.Millisecond)
	}
	s.Close()
	if err := <-done; err == nil {
		t.Error("delayed request was answered after Close")
	}
}

func TestExpireTokens(t *testing.T) {
	s := NewTestServer(t, nil)
	withToken := func(token string) reply {
		return do(t, s, request{path: documentedPath, header: map[string]string{"Authorization": "Bearer " + token}})
	}
	withToken("first").wantStatus(t, http.StatusOK)
	s.Faults().ExpireTokens()
	r := withToken("first")
	f := r.wantFault(t, http.StatusUnauthorized, codeTokenMissing)
	if !strings.Contains(f.Description, "expired") || !strings.Contains(r.Header.Get("WWW-Authenticate"), "invalid_token") {
		t.Errorf("expired token answer %v %s", r.Header, r.body)
	}
	withToken("second").wantStatus(t, http.StatusOK)
	s.Faults().Reset()
	withToken("first").wantStatus(t, http.StatusOK)
}

func TestResetClearsFaults(t *testing.T) {
	s := NewTestServer(t, nil)
	f := s.Faults()
	f.FailNext(5, 500)
	f.On("/customers").Truncate(5)
	f.BOM(true)
	f.Latency(time.Hour)
	f.Throttle(Throttle{Requests: 1, Per: time.Hour})
	f.RetryAfterAsDate(true)
	f.Reset()
	for range 3 {
		r := get(t, s, documentedPath)
		r.wantStatus(t, http.StatusOK)
		if !json.Valid(r.body) || lastFault(t, s) != "" {
			t.Fatalf("fault left after Reset: %q", lastFault(t, s))
		}
	}
}

func TestFaultsUnderConcurrency(t *testing.T) {
	s := NewTestServer(t, &Options{ExtraCustomers: 20})
	s.Faults().FailNext(40, http.StatusServiceUnavailable)
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		failures int
	)
	for g := range 8 {
		wg.Go(func() {
			for i := range 15 {
				r := get(t, s, customerPath(GeneratedCustomerID((g+i)%20), ""))
				if r.StatusCode == http.StatusServiceUnavailable {
					mu.Lock()
					failures++
					mu.Unlock()
				} else if r.StatusCode != http.StatusOK {
					t.Errorf("status %d", r.StatusCode)
				}
			}
		})
	}
	wg.Wait()
	if failures != 40 {
		t.Errorf("%d failures, want exactly 40", failures)
	}
}
