package wrapper

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"net/http"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

// The memory tests run one at a time (not in parallel), so that the
// allocation counts they read are their own.

// hugeBody is the size of the "1 GiB" answer.
const hugeBody = 1 << 30

// testBodyCap is the MaxResponseBody the memory tests set.
const testBodyCap = 4 << 20

// allocatedBy returns the bytes allocated while f ran (an upper bound on
// how far the heap grew).
func allocatedBy(f func()) uint64 {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	f()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// streamHandler answers 200 with a JSON-looking body of n bytes (n < 0:
// without end), written in chunks from one buffer, until the client goes.
func streamHandler(n int64, pause time.Duration) http.HandlerFunc {
	chunk := bytes.Repeat([]byte("x"), 32<<10)
	return func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write([]byte(`{"id":"`))
		for sent := int64(0); n < 0 || sent < n; sent += int64(len(chunk)) {
			if _, err := w.Write(chunk); err != nil {
				return
			}
			if pause > 0 {
				w.(http.Flusher).Flush()
				time.Sleep(pause)
			}
		}
	}
}

// gzipBomb returns about 1 MiB of gzip that inflates to 1 GiB: one member
// of 1 MiB of zeros, repeated (gzip readers read concatenated members as
// one stream).
func gzipBomb(t *testing.T) []byte {
	var member bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&member, gzip.BestCompression)
	if _, err := zw.Write(make([]byte, 1<<20)); err != nil {
		t.Fatal(err)
	}
	_ = zw.Close()
	return bytes.Repeat(member.Bytes(), hugeBody>>20)
}

// wantTooLarge checks err matches ErrResponseTooLarge and holds no token.
func wantTooLarge(t *testing.T, what string, err error) {
	t.Helper()
	if !errors.Is(err, ErrResponseTooLarge) {
		t.Errorf("%s: err = %v, want ErrResponseTooLarge", what, err)
	}
	if err != nil {
		assertNoToken(t, what, err.Error())
	}
}

// TestSuccessBodyIsCapped: a 1 GiB answer, a 1 MiB gzip bomb (1 GiB once
// inflated) and an endless answer each end the call with
// ErrResponseTooLarge, without retrying, having allocated less than three
// times the cap (seven under the race detector, see allocSlack): the
// client and the test server together. Before the cap, each grew the heap
// by about 2.6 GiB.
func TestSuccessBodyIsCapped(t *testing.T) {
	bomb := gzipBomb(t)
	cases := map[string]http.HandlerFunc{
		"1 GiB streamed": streamHandler(hugeBody, 0),
		"endless":        streamHandler(-1, 0),
		"1 GiB, Content-Length": func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Length", fmt.Sprint(hugeBody))
			streamHandler(hugeBody, 0)(w, r)
		},
		"gzip bomb": func(w http.ResponseWriter, r *http.Request) {
			if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") {
				t.Errorf("the transport did not ask for gzip; the bomb tests nothing")
			}
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Encoding", "gzip")
			_, _ = w.Write(bomb)
		},
	}
	for name, h := range cases {
		ts := newTestServer(t, h)
		c := ts.client(func(o *ClientOptions) { o.MaxResponseBody = testBodyCap })
		var err error
		alloc := allocatedBy(func() { _, err = c.GetCustomer(testCtx(t), testCustomerID, nil) })
		wantTooLarge(t, name, err)
		if limit := uint64(3 * testBodyCap * allocSlack); alloc > limit {
			t.Errorf("%s: %.1f MiB allocated, want under %.1f MiB", name, float64(alloc)/(1<<20), float64(limit)/(1<<20))
		}
		if n := len(ts.requests()); n != 1 {
			t.Errorf("%s: %d tries, want 1 (a body over the cap is not retried)", name, n)
		}
	}
}

// TestTrickledBodyEndsWithTryTimeout: an endless answer sent slowly never
// reaches the cap; TryTimeout ends each try, and so the call.
func TestTrickledBodyEndsWithTryTimeout(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, streamHandler(-1, 20*time.Millisecond))
	c := ts.client(func(o *ClientOptions) {
		o.Retry.TryTimeout = 200 * time.Millisecond
		o.Retry.MaxRetries = 1
	})
	start := time.Now()
	_, err := c.GetCustomer(testCtx(t), testCustomerID, nil)
	if err == nil {
		t.Fatal("an endless body gave a customer")
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("the call took %v", d)
	}
}

// TestTokenAnswerIsCapped: an endless answer from the token authority ends
// the exchange with ErrResponseTooLarge at 1 MiB.
func TestTokenAnswerIsCapped(t *testing.T) {
	authority := newTokenServer(t, streamHandler(-1, 0))
	cred, err := NewRefreshTokenCredential(testTenant, testClient, testSecret, testRefresh,
		&RefreshTokenCredentialOptions{ClientOptions: azcore.ClientOptions{Cloud: authority.cloud(), Transport: authority.srv.Client(), Retry: policy.RetryOptions{RetryDelay: time.Millisecond}}})
	if err != nil {
		t.Fatal(err)
	}
	alloc := allocatedBy(func() { _, err = cred.GetToken(testCtx(t), policy.TokenRequestOptions{}) })
	if !errors.Is(err, ErrResponseTooLarge) {
		t.Errorf("err = %v, want ErrResponseTooLarge", err)
	}
	if limit := uint64(3 * transport.MaxTokenBody * allocSlack); alloc > limit {
		t.Errorf("%.1f KiB allocated, want under %.1f KiB", float64(alloc)/1024, float64(limit)/1024)
	}
	if n := authority.calls.Load(); n != 1 {
		t.Errorf("%d token requests, want 1", n)
	}
}
