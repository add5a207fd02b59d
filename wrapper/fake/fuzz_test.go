package fake

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// FuzzServe sends arbitrary requests straight to the handler: the fake must
// never panic, and with ValidateResponses every answer to a request that
// matched an operation must still conform to the spec.
func FuzzServe(f *testing.F) {
	s, err := NewServer(&Options{ExtraCustomers: 40, ValidateResponses: true, MaxRecordedRequests: -1})
	if err != nil {
		f.Fatal(err)
	}
	f.Cleanup(s.Close)

	seeds := []struct {
		method, path, query, header, body string
	}{
		{"GET", "/v1/customers", "size=3", "", ""},
		{"GET", "/v1/customers", "size=-1&filter=%7B", "", ""},
		{"GET", "/v1/customers", "seekOperation=Next", "MS-ContinuationToken: AAAA", ""},
		{"GET", "/v1/customers/" + DocumentedCustomerID, "", "MS-RequestId: nope", ""},
		{"GET", "/v1/customers/" + GeneratedCustomerID(3) + "/organization", "", "", ""},
		{"PUT", "/v1/customers/" + DocumentedCustomerID + "/profiles/billing", "", "If-Match: \"-4242348048554929329\"", `{"email":"x@y.z"}`},
		{"PUT", "/v1/customers/" + DocumentedCustomerID + "/profiles/billing", "", "If-Match: x", `{"defaultAddress":[]}`},
		{"HEAD", "/v1/domains/contoso.onmicrosoft.com", "", "", ""},
		{"POST", "/v1/customers/%00", "", "", "\xff"},
		{"GET", "/v1/customers/", "", "", ""},
		{"GET", "/v1/../v1/customers", "filter=" + url.QueryEscape(`{"Field":"Domain","Value":"é","Operator":"starts_with"}`), "", ""},
	}
	for _, sd := range seeds {
		f.Add(sd.method, sd.path, sd.query, sd.header, sd.body)
	}
	f.Fuzz(func(t *testing.T, method, path, query, header, body string) {
		if !validMethod(method) {
			method = http.MethodGet
		}
		u := &url.URL{Path: path, RawQuery: query}
		req, err := http.NewRequest(method, "https://127.0.0.1"+u.RequestURI(), bytes.NewReader([]byte(body)))
		if err != nil {
			return
		}
		req.Header.Set("Authorization", "Bearer fuzz")
		req.Header.Set("Content-Type", "application/json")
		if name, value, ok := strings.Cut(header, ":"); ok && validHeader(name, value) {
			req.Header.Set(strings.TrimSpace(name), strings.TrimSpace(value))
		}
		before := len(s.Errors())
		rec := httptest.NewRecorder()
		s.serveHTTP(rec, req)
		if rec.Code < 200 || rec.Code > 599 {
			t.Fatalf("status %d", rec.Code)
		}
		if errs := s.Errors(); len(errs) > before {
			t.Fatalf("answer broke the spec: %v", errs[before:])
		}
	})
}

func validMethod(m string) bool {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPost, http.MethodDelete, http.MethodPatch:
		return true
	}
	return false
}

func validHeader(name, value string) bool {
	name = strings.TrimSpace(name)
	if name == "" || strings.EqualFold(name, "Authorization") {
		return false
	}
	for _, r := range name + value {
		if r < 0x20 || r > 0x7e {
			return false
		}
	}
	return !strings.ContainsAny(name, " \t()<>@,;:\\\"/[]?={}")
}
