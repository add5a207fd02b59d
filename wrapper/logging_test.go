package wrapper

import (
	"errors"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	azlog "github.com/Azure/azure-sdk-for-go/sdk/azcore/log"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// TestLogsNeverContainSecrets captures azcore's log while the client and
// the refresh-token credential succeed, retry and fail, with every header
// allowed that a caller could try to allow, and bodies included.
//
// It is not parallel: the azcore log listener is process-wide.
func TestLogsNeverContainSecrets(t *testing.T) {
	var mu sync.Mutex
	var lines []string
	azlog.SetListener(func(_ azlog.Event, msg string) {
		mu.Lock()
		lines = append(lines, msg)
		mu.Unlock()
	})
	azlog.SetEvents() // all events
	t.Cleanup(func() { azlog.SetListener(nil) })

	tokSrv := newTokenServer(t, jsonHandler(http.StatusOK, `{"token_type":"Bearer","expires_in":3600,"access_token":"`+testToken+`","refresh_token":"rt-SECRET-rotated"}`))
	cred := tokSrv.credential(t, testSecret, &RefreshTokenCredentialOptions{ClientOptions: azcore.ClientOptions{
		Logging: policy.LogOptions{IncludeBody: true, AllowedHeaders: []string{"Authorization"}},
	}})

	const serverRequestID = "5e5e5e5e-0000-0000-0000-000000000000"
	api := newTestServer(t, sequence(
		func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("MS-RequestId", serverRequestID)
			w.Header().Set("Retry-After", "0")
			jsonHandler(http.StatusServiceUnavailable, `{"code":800003,"description":"busy"}`)(w, r)
		},
		jsonHandler(http.StatusOK, customerJSON),
		jsonHandler(http.StatusUnauthorized, `{"code":800001,"description":"Partner token missing."}`),
	))
	o := api.options()
	o.Logging = policy.LogOptions{IncludeBody: true, AllowedHeaders: []string{"authorization", "Proxy-Authorization", "Cookie"}}
	c, err := NewClient(cred, o)
	if err != nil {
		t.Fatal(err)
	}
	ctx := testCtx(t)
	if _, err := c.GetCustomer(ctx, testCustomerID, nil); err != nil {
		t.Fatal(err)
	}
	_, err = c.GetCustomer(ctx, testCustomerID, nil)
	if !errors.Is(err, ErrUnauthorized) {
		t.Fatalf("err = %v", err)
	}
	assertNoToken(t, "error", err.Error())

	// A failing exchange is logged too.
	bad := newTokenServer(t, jsonHandler(http.StatusBadRequest, `{"error":"invalid_grant","error_description":"`+testRefresh+`"}`))
	badCred := bad.credential(t, testSecret, &RefreshTokenCredentialOptions{ClientOptions: azcore.ClientOptions{Retry: policy.RetryOptions{MaxRetries: -1}, Logging: policy.LogOptions{IncludeBody: true}}})
	badClient, err := NewClient(badCred, o)
	if err != nil {
		t.Fatal(err)
	}
	_, err = badClient.GetCustomer(ctx, testCustomerID, nil)
	if err == nil {
		t.Fatal("no error from a failing credential")
	}
	for _, s := range []string{testToken, testRefresh, testSecret, "rt-SECRET-rotated"} {
		if strings.Contains(err.Error(), s) {
			t.Errorf("error leaks %q: %v", s, err)
		}
	}

	time.Sleep(10 * time.Millisecond) // let the last log lines land
	mu.Lock()
	defer mu.Unlock()
	if len(lines) == 0 {
		t.Fatal("no log lines captured")
	}
	all := strings.Join(lines, "\n")
	for _, s := range []string{testToken, testRefresh, testSecret, "rt-SECRET-rotated"} {
		if strings.Contains(all, s) {
			t.Errorf("a log line contains the secret %q", s)
		}
	}
	if !strings.Contains(all, "Authorization: REDACTED") {
		t.Errorf("the log does not show Authorization redacted")
	}
	if !strings.Contains(all, "Ms-Requestid: "+serverRequestID) {
		t.Errorf("the log does not show the MS-RequestId the service returned")
	}
	if !strings.Contains(all, "Try=2") {
		t.Errorf("the retry is not in the log")
	}
}
