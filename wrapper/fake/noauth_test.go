package fake

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

func TestNoAuthAcceptsTokenlessRequestsOverPlainHTTPOnly(t *testing.T) {
	if s, err := NewServer(&Options{NoAuth: true}); err == nil {
		s.Close()
		t.Fatal("NewServer accepted NoAuth over HTTPS")
	} else if !strings.Contains(err.Error(), "PlainHTTP") {
		t.Errorf("NoAuth over HTTPS: %v", err)
	}

	// The default stays strict over plain HTTP too.
	strict := NewTestServer(t, &Options{PlainHTTP: true})
	r := do(t, strict, request{path: customerPath(DocumentedCustomerID, ""), header: map[string]string{"Authorization": ""}})
	r.wantStatus(t, http.StatusUnauthorized)
	if code, _ := r.fault(t); code != "800001" {
		t.Errorf("tokenless request to a strict plain-HTTP fake: code %s, want 800001", code)
	}

	open := NewTestServer(t, &Options{PlainHTTP: true, NoAuth: true})
	do(t, open, request{path: customerPath(DocumentedCustomerID, ""), header: map[string]string{"Authorization": ""}}).wantStatus(t, http.StatusOK)
	get(t, open, customerPath(DocumentedCustomerID, "")).wantStatus(t, http.StatusOK) // a token is still fine
	// Requests are still checked against the spec.
	do(t, open, request{path: customerPath("not-a-guid", ""), header: map[string]string{"Authorization": ""}}).wantStatus(t, http.StatusBadRequest)
}

func TestNewClientTalksToAPlainHTTPFakeWithoutAToken(t *testing.T) {
	s := NewTestServer(t, &Options{PlainHTTP: true, NoAuth: true})
	c, err := s.NewClient(nil)
	if err != nil {
		t.Fatal(err)
	}
	cu, err := c.GetCustomer(context.Background(), DocumentedCustomerID, nil)
	if err != nil || cu.ID == nil || *cu.ID != DocumentedCustomerID {
		t.Fatalf("GetCustomer over plain HTTP = %+v, %v", cu, err)
	}
	for _, r := range s.Requests() {
		if v := r.Header.Get("Authorization"); v != "" {
			t.Errorf("the client sent Authorization %q over plain HTTP", v)
		}
	}
	if n := s.Credential().Calls(); n != 0 {
		t.Errorf("the client asked for %d tokens over plain HTTP, want none", n)
	}
}
