package fake_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

const benchCustomers = 100_000

// BenchmarkNewServer100k measures starting a fake with 100,000 customers;
// generated customers are lazy, so this is the cost of an empty fake.
func BenchmarkNewServer100k(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		s, err := fake.NewServer(&fake.Options{ExtraCustomers: benchCustomers})
		if err != nil {
			b.Fatal(err)
		}
		s.Close()
	}
}

// BenchmarkListAll100kRaw pages through 100,002 customers, 500 at a time,
// with net/http and encoding/json.
func BenchmarkListAll100kRaw(b *testing.B) {
	s, err := fake.NewServer(&fake.Options{ExtraCustomers: benchCustomers, MaxRecordedRequests: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	client := s.HTTPClient()
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		uri, token := "/customers?size=500", ""
		for {
			req, _ := http.NewRequest(http.MethodGet, s.URL()+"/v1"+uri, nil)
			req.Header.Set("Authorization", "Bearer bench")
			if token != "" {
				req.Header.Set("MS-ContinuationToken", token)
			}
			resp, err := client.Do(req)
			if err != nil {
				b.Fatal(err)
			}
			var page gen.CustomerCollection
			err = json.NewDecoder(resp.Body).Decode(&page)
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if err != nil || resp.StatusCode != http.StatusOK {
				b.Fatalf("status %d, %v", resp.StatusCode, err)
			}
			n += len(page.Items)
			if page.Links.Next == nil {
				break
			}
			uri = strings.TrimPrefix(*page.Links.Next.URI, "/v1")
			token = *page.Links.Next.Headers[0].Value
		}
		if n != benchCustomers+2 {
			b.Fatalf("listed %d", n)
		}
	}
}

// BenchmarkListAll100kWrapper pages through the same customers with the
// wrapper's iterator.
func BenchmarkListAll100kWrapper(b *testing.B) {
	s, err := fake.NewServer(&fake.Options{ExtraCustomers: benchCustomers, MaxRecordedRequests: -1})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	client, err := s.NewClient(nil)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		for _, err := range client.ListCustomers(context.Background(), &wrapper.ListCustomersOptions{PageSize: 500}) {
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if n != benchCustomers+2 {
			b.Fatalf("listed %d", n)
		}
	}
}
