package wrapper

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"
)

// TestWaitPastDeadlineReturnsThrottled: a 429 asking for a wait (30 s)
// that does not fit in what is left of the context's deadline (2 s) ends
// the call at once with the throttled *ResponseError carrying the wait,
// instead of sleeping until the deadline and ending in a bare "context
// deadline exceeded". A wait that fits is still waited for.
func TestWaitPastDeadlineReturnsThrottled(t *testing.T) {
	t.Parallel()
	throttled := func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "30")
		jsonHandler(http.StatusTooManyRequests, `{"statusCode":429,"message":"Rate limit is exceeded. Try again in 30 seconds."}`)(w, r)
	}
	ts := newTestServer(t, throttled)
	// MaxRetryDelay left at azcore's default (60 s): the wait is one the
	// retry policy would sleep.
	c := ts.client(func(o *ClientOptions) { o.Retry.MaxRetryDelay = 0 })
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	_, err := c.GetCustomer(ctx, testCustomerID, nil)
	took := time.Since(start)
	var re *ResponseError
	if !errors.As(err, &re) || !errors.Is(err, ErrThrottled) {
		t.Fatalf("err = %v (after %v), want the throttled *ResponseError", err, took)
	}
	if re.RetryAfter != 30*time.Second {
		t.Errorf("RetryAfter = %v, want 30s", re.RetryAfter)
	}
	if took > time.Second {
		t.Errorf("the call took %v: the wait was slept", took)
	}
	if n := len(ts.requests()); n != 1 {
		t.Errorf("%d tries, want 1", n)
	}

	// A wait of 1 s fits in 10 s: the call is retried, and succeeds.
	ts = newTestServer(t, sequence(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "1")
		jsonHandler(http.StatusTooManyRequests, `{"statusCode":429,"message":"Rate limit is exceeded."}`)(w, r)
	}, jsonHandler(http.StatusOK, `{"id":"`+testCustomerID+`"}`)))
	c = ts.client(func(o *ClientOptions) { o.Retry.MaxRetryDelay = 0 })
	if _, err := c.GetCustomer(testCtx(t), testCustomerID, nil); err != nil {
		t.Errorf("a wait that fits: %v", err)
	}
	if n := len(ts.requests()); n != 2 {
		t.Errorf("a wait that fits: %d tries, want 2", n)
	}
}
