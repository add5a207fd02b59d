package fake

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestRequestsAreRecorded(t *testing.T) {
	s := NewTestServer(t, nil)
	before := time.Now()
	do(t, s, request{path: "/v1/customers?size=5", header: map[string]string{
		"MS-CorrelationId": "aaaa0000-bb11-2222-33cc-444444dddddd",
		"Cookie":           "session=secret",
	}})
	get(t, s, "/v1/nowhere")
	do(t, s, request{method: http.MethodHead, path: "/v1/domains/contoso.onmicrosoft.com"})

	reqs := s.Requests()
	if len(reqs) != 3 {
		t.Fatalf("recorded %d requests", len(reqs))
	}
	first := reqs[0]
	if first.Method != http.MethodGet || first.Path != "/v1/customers" || first.RawQuery != "size=5" ||
		first.Operation != "listCustomers" || first.Status != http.StatusOK || first.Time.Before(before) {
		t.Errorf("first request recorded as %+v", first)
	}
	if got := first.Header.Get("Authorization"); got != "Bearer REDACTED" || strings.Contains(got, testToken) {
		t.Errorf("Authorization recorded as %q", got)
	}
	if first.Header.Get("Cookie") != "REDACTED" || first.Header.Get("MS-CorrelationId") != "aaaa0000-bb11-2222-33cc-444444dddddd" {
		t.Errorf("headers recorded as %v", first.Header)
	}
	if reqs[1].Operation != "" || reqs[1].Status != http.StatusNotFound {
		t.Errorf("unknown path recorded as %+v", reqs[1])
	}
	if reqs[2].Operation != "checkDomainAvailability" || reqs[2].Status != http.StatusOK {
		t.Errorf("HEAD recorded as %+v", reqs[2])
	}
	if got := s.RequestsFor("checkDomainAvailability"); len(got) != 1 {
		t.Errorf("RequestsFor found %d", len(got))
	}

	// Snapshots are copies.
	reqs[0].Header.Set("Authorization", "changed")
	if s.Requests()[0].Header.Get("Authorization") != "Bearer REDACTED" {
		t.Error("a snapshot shares headers with the recorder")
	}

	s.ResetRequests()
	if n := len(s.Requests()); n != 0 {
		t.Errorf("%d requests after ResetRequests", n)
	}
	get(t, s, documentedPath)
	if reqs := s.Requests(); len(reqs) != 1 || reqs[0].Status != http.StatusOK {
		t.Errorf("after reset: %+v", reqs)
	}
}

func TestRecordingIsBounded(t *testing.T) {
	s := NewTestServer(t, &Options{MaxRecordedRequests: 10})
	for range 25 {
		get(t, s, documentedPath)
	}
	reqs := s.Requests()
	if len(reqs) > 10 || len(reqs) < 9 {
		t.Fatalf("kept %d requests, want at most 10", len(reqs))
	}
	for _, r := range reqs {
		if r.Status != http.StatusOK {
			t.Errorf("kept request without its status: %+v", r)
		}
	}

	off := NewTestServer(t, &Options{MaxRecordedRequests: -1})
	get(t, off, documentedPath)
	if n := len(off.Requests()); n != 0 {
		t.Errorf("recorded %d requests with recording off", n)
	}
}

func TestRedactHeader(t *testing.T) {
	h := http.Header{
		"Authorization":       {"Bearer abc.def", "opaque"},
		"Proxy-Authorization": {"Basic Zm9v"},
		"Accept":              {"application/json"},
	}
	got := redactHeader(h)
	if got.Values("Authorization")[0] != "Bearer REDACTED" || got.Values("Authorization")[1] != "REDACTED" ||
		got.Get("Proxy-Authorization") != "Basic REDACTED" || got.Get("Accept") != "application/json" {
		t.Errorf("redactHeader = %v", got)
	}
	if h.Get("Authorization") != "Bearer abc.def" {
		t.Error("redactHeader changed its input")
	}
}
