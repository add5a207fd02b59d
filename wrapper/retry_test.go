package wrapper

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/partnercenter-go/partnercenter/internal/errbody"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

func TestRetriedStatuses(t *testing.T) {
	t.Parallel()
	for _, status := range []int{408, 429, 500, 502, 503, 504} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			t.Parallel()
			ts := newTestServer(t, sequence(
				jsonHandler(status, `{"code":800003,"description":"try again"}`),
				jsonHandler(status, ``),
				jsonHandler(http.StatusOK, customerJSON),
			))
			cu, err := ts.client(nil).GetCustomer(testCtx(t), testCustomerID, nil)
			if err != nil || *cu.ID != testCustomerID {
				t.Fatalf("GetCustomer = %v, %v", cu, err)
			}
			reqs := ts.requests()
			if len(reqs) != 3 {
				t.Fatalf("tries = %d, want 3", len(reqs))
			}
			id := reqs[0].Header.Get("MS-RequestId")
			corr := reqs[0].Header.Get("MS-CorrelationId")
			for i, r := range reqs {
				if r.Header.Get("MS-RequestId") != id || r.Header.Get("MS-CorrelationId") != corr {
					t.Errorf("try %d: MS-RequestId %q / MS-CorrelationId %q differ from the first try's %q / %q", i, r.Header.Get("MS-RequestId"), r.Header.Get("MS-CorrelationId"), id, corr)
				}
			}
		})
	}
}

func TestNotRetriedStatuses(t *testing.T) {
	t.Parallel()
	for _, status := range []int{400, 401, 403, 404, 405, 409, 412, 501} {
		ts := newTestServer(t, jsonHandler(status, `{"code":1,"description":"no"}`))
		_, err := ts.client(nil).GetCustomer(testCtx(t), testCustomerID, nil)
		var re *ResponseError
		if !errors.As(err, &re) || re.StatusCode != status {
			t.Errorf("%d: err = %v", status, err)
		}
		if n := len(ts.requests()); n != 1 {
			t.Errorf("%d: tries = %d, want 1", status, n)
		}
	}
}

func TestRetriesAreBounded(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, jsonHandler(http.StatusServiceUnavailable, `<html><body><h1>503 Service Unavailable</h1></body></html>`))
	c := ts.client(func(o *ClientOptions) { o.Retry.MaxRetries = 2 })
	_, err := c.GetCustomer(testCtx(t), testCustomerID, nil)
	if !errors.Is(err, ErrServer) {
		t.Fatalf("err = %v, want ErrServer", err)
	}
	if n := len(ts.requests()); n != 3 {
		t.Errorf("tries = %d, want 1 + MaxRetries = 3", n)
	}
	ts2 := newTestServer(t, jsonHandler(http.StatusServiceUnavailable, ``))
	if _, err := ts2.client(func(o *ClientOptions) { o.Retry.MaxRetries = -1 }).GetCustomer(testCtx(t), testCustomerID, nil); !errors.Is(err, ErrServer) {
		t.Fatalf("err = %v", err)
	}
	if n := len(ts2.requests()); n != 1 {
		t.Errorf("MaxRetries -1: tries = %d, want 1", n)
	}
}

func TestPutRetriedWithSameRequestIDAndBody(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, sequence(
		jsonHandler(http.StatusBadGateway, ``),
		jsonHandler(http.StatusOK, billingJSON),
	))
	etag := "7"
	name := "Ada"
	_, err := ts.client(nil).UpdateCustomerBillingProfile(testCtx(t), testCustomerID,
		CustomerBillingProfile{FirstName: &name, Attributes: &ResourceAttributes{Etag: &etag}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	reqs := ts.requests()
	if len(reqs) != 2 {
		t.Fatalf("tries = %d", len(reqs))
	}
	if reqs[0].Header.Get("MS-RequestId") != reqs[1].Header.Get("MS-RequestId") {
		t.Errorf("PUT retry changed MS-RequestId")
	}
	if reqs[0].Body != reqs[1].Body || !strings.Contains(reqs[1].Body, `"firstName":"Ada"`) {
		t.Errorf("PUT retry body differs: %q vs %q", reqs[0].Body, reqs[1].Body)
	}
	if reqs[1].Header.Get("If-Match") != `"7"` {
		t.Errorf("If-Match on retry = %q", reqs[1].Header.Get("If-Match"))
	}
}

func TestConnectionErrorsAreRetried(t *testing.T) {
	t.Parallel()
	var drops atomic.Int32
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		if drops.Add(1) == 1 {
			conn, _, err := http.NewResponseController(w).Hijack()
			if err != nil {
				t.Errorf("hijack: %v", err)
				return
			}
			_ = conn.Close()
			return
		}
		jsonHandler(http.StatusOK, customerJSON)(w, r)
	})
	// The first request of a new client uses a new connection, which
	// net/http itself never retries: the second try is the retry policy's.
	c := ts.client(nil)
	if _, err := c.GetCustomer(testCtx(t), testCustomerID, nil); err != nil {
		t.Fatalf("GetCustomer after a dropped connection: %v", err)
	}
	reqs := ts.requests()
	if len(reqs) != 2 || reqs[0].Header.Get("MS-RequestId") != reqs[1].Header.Get("MS-RequestId") {
		t.Errorf("tries = %d; request IDs must match across the retry", len(reqs))
	}
}

func TestRetryAfterSeconds(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, sequence(
		func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", "1")
			jsonHandler(http.StatusTooManyRequests, `{"statusCode":429,"message":"Rate limit is exceeded. Try again in 1 seconds."}`)(w, nil)
		},
		jsonHandler(http.StatusOK, customerJSON),
	))
	// RetryDelay is 1ms: only Retry-After can explain a wait of a second.
	start := time.Now()
	if _, err := ts.client(nil).GetCustomer(testCtx(t), testCustomerID, nil); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); waited < 900*time.Millisecond {
		t.Errorf("waited %v, want about Retry-After: 1s", waited)
	}
}

func TestRetryAfterHTTPDate(t *testing.T) {
	t.Parallel()
	var at time.Time
	ts := newTestServer(t, sequence(
		func(w http.ResponseWriter, _ *http.Request) {
			// An HTTP date has whole seconds: two seconds ahead is at least
			// one second away.
			w.Header().Set("Retry-After", time.Now().Add(2*time.Second).UTC().Format(http.TimeFormat))
			w.WriteHeader(http.StatusServiceUnavailable)
		},
		func(w http.ResponseWriter, r *http.Request) {
			at = time.Now()
			jsonHandler(http.StatusOK, customerJSON)(w, r)
		},
	))
	start := time.Now()
	if _, err := ts.client(nil).GetCustomer(testCtx(t), testCustomerID, nil); err != nil {
		t.Fatal(err)
	}
	if waited := at.Sub(start); waited < 900*time.Millisecond {
		t.Errorf("retried after %v, want to wait for the Retry-After date", waited)
	}
}

func TestRetryAfterDateInThePastRetriesAtOnce(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, sequence(
		func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Retry-After", time.Now().Add(-time.Hour).UTC().Format(http.TimeFormat))
			w.WriteHeader(http.StatusServiceUnavailable)
		},
		jsonHandler(http.StatusOK, customerJSON),
	))
	if _, err := ts.client(nil).GetCustomer(testCtx(t), testCustomerID, nil); err != nil {
		t.Fatal(err)
	}
	if n := len(ts.requests()); n != 2 {
		t.Errorf("tries = %d", n)
	}
}

func TestRetryAfterBeyondCapReturnsThrottled(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "57")
		w.Header().Set("MS-RequestId", "0f0f0f0f-0000-0000-0000-000000000000")
		jsonHandler(http.StatusTooManyRequests, `{"statusCode":429,"message":"Rate limit is exceeded. Try again in 57 seconds."}`)(w, nil)
	})
	c := ts.client(func(o *ClientOptions) { o.Retry.MaxRetryDelay = 2 * time.Second })
	_, err := c.GetCustomer(testCtx(t), testCustomerID, nil)
	var re *ResponseError
	if !errors.As(err, &re) || !errors.Is(err, ErrThrottled) {
		t.Fatalf("err = %v, want ErrThrottled", err)
	}
	if re.RetryAfter != 57*time.Second || re.Code != "" || !strings.Contains(re.Description, "Rate limit is exceeded") {
		t.Errorf("429 error = %+v", re)
	}
	if n := len(ts.requests()); n != 1 {
		t.Errorf("tries = %d, want 1 (Retry-After exceeds MaxRetryDelay)", n)
	}
}

// TestContextEndsBackoff: the context ends a backoff the retry policy
// works out itself (the answer names no wait; one it names is checked
// against the deadline before: TestWaitPastDeadlineReturnsThrottled).
func TestContextEndsBackoff(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	ctx, cancel := context.WithTimeout(context.Background(), 150*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := ts.client(func(o *ClientOptions) { o.Retry.RetryDelay = 4 * time.Second }).GetCustomer(ctx, testCustomerID, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want context.DeadlineExceeded", err)
	}
	if time.Since(start) > 3*time.Second {
		t.Errorf("the retry wait outlived the context")
	}
	if n := len(ts.requests()); n != 1 {
		t.Errorf("tries = %d", n)
	}
}

func TestRetryAfterParsing(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0},
		{"57", 57 * time.Second},
		{" 3 ", 3 * time.Second},
		{"0", 0},
		{"-5", 0},
		{"abc", 0},
		{now.Add(30 * time.Second).Format(http.TimeFormat), 30 * time.Second},
		{now.Add(-30 * time.Second).Format(http.TimeFormat), 0},
	}
	for _, tt := range tests {
		if got := transport.RetryAfter(tt.in, now); got != tt.want {
			t.Errorf("transport.RetryAfter(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
	for msg, want := range map[string]time.Duration{
		"Rate limit is exceeded. Try again in 57 seconds.": 57 * time.Second,
		"try again in 1 second":                            time.Second,
		"Try again later":                                  0,
		"Try again in many seconds":                        0,
	} {
		if got := errbody.WaitFromMessage(msg); got != want {
			t.Errorf("errbody.WaitFromMessage(%q) = %v, want %v", msg, got, want)
		}
	}
}
