package wrapper

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/uuid"
)

// benchServer answers every request with the customer JSON.
func benchServer(b *testing.B) *httptest.Server {
	b.Helper()
	srv := httptest.NewTLSServer(jsonHandler(http.StatusOK, customerJSON))
	b.Cleanup(srv.Close)
	return srv
}

// BenchmarkGetCustomer compares the wrapper with a plain net/http and
// encoding/json client doing the same work (headers, token, decode) against
// the same loopback TLS server. Compare ns/op and allocs/op of the two
// sub-benchmarks from one run.
func BenchmarkGetCustomer(b *testing.B) {
	b.Run("plain", func(b *testing.B) {
		srv := benchServer(b)
		hc := srv.Client()
		url := srv.URL + testPrefix + "/v1/customers/" + testCustomerID
		b.ReportAllocs()
		for b.Loop() {
			req, err := http.NewRequest(http.MethodGet, url, nil)
			if err != nil {
				b.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer "+testToken)
			req.Header.Set("Accept", "application/json")
			req.Header.Set("MS-RequestId", uuid.NewString())
			req.Header.Set("MS-CorrelationId", uuid.NewString())
			resp, err := hc.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var c Customer
			err = json.NewDecoder(resp.Body).Decode(&c)
			_ = resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				b.Fatal(err, resp.StatusCode)
			}
		}
	})
	b.Run("wrapper", func(b *testing.B) {
		srv := benchServer(b)
		c, err := NewClient(StaticTokenCredential(testToken, time.Now().Add(time.Hour)), &ClientOptions{
			Cloud:     Cloud{Name: "bench", Endpoint: srv.URL + testPrefix, Audience: "https://pc.test"},
			Transport: srv.Client(),
		})
		if err != nil {
			b.Fatal(err)
		}
		ctx := b.Context()
		b.ReportAllocs()
		for b.Loop() {
			if _, err := c.GetCustomer(ctx, testCustomerID, nil); err != nil {
				b.Fatal(err)
			}
		}
	})
}
