package fake

import (
	"net/http"
	"strings"
	"testing"

	"github.com/partnercenter-go/partnercenter/gen"
)

func TestSpecRejectsBadRequests(t *testing.T) {
	s := NewTestServer(t, nil)
	billing := customerPath(DocumentedCustomerID, "/profiles/billing")
	tests := []struct {
		name    string
		req     request
		status  int
		code    string
		mention string // a word the description must contain
	}{
		{"negative size", request{path: "/v1/customers?size=-1"}, 400, codeInvalidInput, "size"},
		{"size not a number", request{path: "/v1/customers?size=ten"}, 400, codeInvalidInput, "size"},
		{"filter not JSON", request{path: "/v1/customers?filter=%7Bnope"}, 400, codeInvalidInput, "filter"},
		{"filter unknown field", request{path: `/v1/customers?filter=` + strings.ReplaceAll(filterQuery("Name", "x"), "Name", "Colour")}, 400, codeInvalidInput, "filter"},
		{"filter missing value", request{path: `/v1/customers?filter=%7B%22Field%22%3A%22Domain%22%2C%22Operator%22%3A%22starts_with%22%7D`}, 400, codeInvalidInput, "filter"},
		{"filter empty value", request{path: "/v1/customers?filter=" + filterQuery(gen.CustomerSearchFilterFieldDomain, "")}, 400, codeInvalidInput, "filter"},
		{"unknown seek operation", request{path: "/v1/customers?seekOperation=Sideways"}, 400, codeInvalidInput, "seekOperation"},
		{"malformed customer id", request{path: "/v1/customers/not-a-guid"}, 400, codeInvalidCustomerID, "customer id"},
		{"short customer id", request{path: "/v1/customers/aaaabbbb-0000-cccc-1111-dddd2222eee/organization"}, 400, codeInvalidCustomerID, "customer id"},
		{"request id not a GUID", request{path: "/v1/customers", header: map[string]string{"MS-RequestId": "abc"}}, 400, codeInvalidInput, "MS-RequestId"},
		{"update without If-Match", request{method: http.MethodPut, path: billing, body: gen.CustomerBillingProfile{}}, 400, codeInvalidInput, "If-Match"},
		{"update without body", request{method: http.MethodPut, path: billing, header: map[string]string{"If-Match": `"1"`}}, 400, codeInvalidInput, "body"},
		{"update with broken JSON", request{method: http.MethodPut, path: billing, header: map[string]string{"If-Match": `"1"`}, body: []byte(`{"email":`)}, 400, codeInvalidInput, "body"},
		{"update with wrong types", request{method: http.MethodPut, path: billing, header: map[string]string{"If-Match": `"1"`}, body: []byte(`{"email":42}`)}, 400, codeInvalidInput, "email"},
		{"no version segment", request{path: "/customers"}, 404, codeNotFound, "/customers"},
		{"version twice", request{path: "/v1/v1/customers"}, 404, codeNotFound, "/v1/v1/customers"},
		{"unknown path", request{path: "/v1/invoices"}, 404, codeNotFound, "invoices"},
		{"trailing slash", request{path: "/v1/customers/"}, 404, codeNotFound, "/v1/customers/"},
		{"dot segment", request{path: "/v1/customers/./" + DocumentedCustomerID}, 404, codeNotFound, "customers"},
		{"method not allowed", request{method: http.MethodDelete, path: customerPath(DocumentedCustomerID, "/organization")}, 405, codeInvalidInput, "DELETE"},
		{"no token", request{path: "/v1/customers", header: map[string]string{"Authorization": ""}}, 401, codeTokenMissing, "token"},
		{"empty bearer", request{path: "/v1/customers", header: map[string]string{"Authorization": "Bearer "}}, 401, codeTokenMissing, "token"},
		{"basic auth", request{path: "/v1/customers", header: map[string]string{"Authorization": "Basic dXNlcjpwdw=="}}, 401, codeTokenMissing, "token"},
		{"no token and bad input", request{path: "/v1/customers?size=-1", header: map[string]string{"Authorization": ""}}, 401, codeTokenMissing, "token"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if tt.req.body != nil && tt.req.header == nil {
				tt.req.header = map[string]string{}
			}
			r := do(t, s, tt.req)
			f := r.wantFault(t, tt.status, tt.code)
			if !strings.Contains(strings.ToLower(f.Description), strings.ToLower(tt.mention)) {
				t.Errorf("description %q does not mention %q", f.Description, tt.mention)
			}
			if tt.status == http.StatusMethodNotAllowed && r.Header.Get("Allow") != "GET" {
				t.Errorf("405 with Allow %q", r.Header.Get("Allow"))
			}
			if tt.status == http.StatusUnauthorized && !strings.HasPrefix(r.Header.Get("WWW-Authenticate"), "Bearer") {
				t.Errorf("401 without a Bearer challenge: %v", r.Header)
			}
		})
	}
	if errs := s.Errors(); len(errs) > 0 {
		t.Errorf("the fake's own answers broke the spec: %v", errs)
	}
}

func TestHeadErrorsHaveNoBody(t *testing.T) {
	s := NewTestServer(t, nil)
	for _, req := range []request{
		{method: http.MethodHead, path: "/v1/domains/contoso.onmicrosoft.com", header: map[string]string{"Authorization": ""}},
		{method: http.MethodHead, path: "/v1/domains/-bad-"},
	} {
		r := do(t, s, req)
		if r.StatusCode != http.StatusUnauthorized && r.StatusCode != http.StatusBadRequest {
			t.Errorf("HEAD %s: status %d", req.path, r.StatusCode)
		}
		if len(r.body) != 0 || r.Header.Get("Content-Type") != "" {
			t.Errorf("HEAD %s: body %q, content type %q", req.path, r.body, r.Header.Get("Content-Type"))
		}
	}
}

func TestValidateResponsesCatchesBadAnswers(t *testing.T) {
	// A customer whose relationship is not in the spec's enum makes the
	// fake's answers break the spec.
	const id = "0f0f0f0f-1111-4222-8333-444444444444"
	bogus := gen.Customer{ID: ptr(id), RelationshipToPartner: ptr(gen.RelationshipToPartner("best_friend"))}

	strict, err := NewServer(&Options{ValidateResponses: true})
	if err != nil {
		t.Fatal(err)
	}
	defer strict.Close()
	if _, err := strict.AddCustomer(bogus); err != nil {
		t.Fatal(err)
	}
	f := get(t, strict, customerPath(id, "")).wantFault(t, http.StatusInternalServerError, codeUnexpected)
	if !strings.Contains(f.Description, "broke the spec") {
		t.Errorf("description %q", f.Description)
	}
	errs := strict.Errors()
	if len(errs) != 1 || !strings.Contains(errs[0].Error(), "relationshipToPartner") || !strings.Contains(errs[0].Error(), "getCustomer") {
		t.Errorf("Errors() = %v", errs)
	}
	// Answers that conform still pass.
	get(t, strict, customerPath(DocumentedCustomerID, "")).wantStatus(t, http.StatusOK)
	if n := len(strict.Errors()); n != 1 {
		t.Errorf("%d errors after a conforming answer", n)
	}

	// Without the option the answer goes out as it is.
	lax, err := NewServer(nil)
	if err != nil {
		t.Fatal(err)
	}
	defer lax.Close()
	if _, err := lax.AddCustomer(bogus); err != nil {
		t.Fatal(err)
	}
	var c gen.Customer
	r := get(t, lax, customerPath(id, ""))
	r.wantStatus(t, http.StatusOK)
	r.decode(t, &c)
	if *c.RelationshipToPartner != "best_friend" || len(lax.Errors()) != 0 {
		t.Errorf("relationship %s, errors %v", *c.RelationshipToPartner, lax.Errors())
	}
}

func TestRequestFaultMapping(t *testing.T) {
	// Errors that are not kin-openapi's still become an ApiFault.
	e := requestFault(errString("weird\nsecond line"), nil)
	if e.status != http.StatusBadRequest || e.code != codeInvalidInput || strings.Contains(e.description, "second") {
		t.Errorf("requestFault = %+v", e)
	}
}

type errString string

func (e errString) Error() string { return string(e) }
