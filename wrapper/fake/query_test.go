package fake

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/partnercenter-go/partnercenter/gen"
)

// A search serialized any other way than as the documented JSON document
// is refused with a description of the mistake, never answered with the
// unfiltered listing.
func TestWrongQueriesAreRefused(t *testing.T) {
	s := NewTestServer(t, &Options{ExtraCustomers: 20})
	q := func(doc string) string { return "/v1/customers?size=0&filter=" + url.QueryEscape(doc) }
	tests := []struct {
		name, path string
		want       string // the description must contain this
	}{
		// How generators and hand-written clients get it wrong.
		{"deepObject filter", "/v1/customers?filter%5BField%5D=CompanyName&filter%5BValue%5D=Cont&filter%5BOperator%5D=starts_with",
			`unknown query parameter "filter[Field]"; send filter as one URL-encoded JSON document such as {"Field":"CompanyName","Value":"Cont","Operator":"starts_with"}`},
		{"dotted filter", "/v1/customers?filter.Field=CompanyName&filter.Value=Cont&filter.Operator=starts_with",
			`unknown query parameter "filter.Field"; send filter as one URL-encoded JSON document`},
		{"exploded form filter", "/v1/customers?Field=CompanyName&Value=Cont&Operator=starts_with",
			`unknown query parameter "Field"; send filter as one URL-encoded JSON document`},
		{"form-encoded filter", "/v1/customers?filter=Field,CompanyName,Value,Cont,Operator,starts_with",
			`query parameter "filter": it is not a JSON object; send it as one URL-encoded JSON document`},
		{"undeclared parameter", "/v1/customers?pageSize=10",
			`unknown query parameter "pageSize"; listCustomers takes only filter, seekOperation, size.`},
		{"parameter on an operation without any", customerPath(DocumentedCustomerID, "") + "?expand=all",
			`unknown query parameter "expand"; getCustomer takes no query parameters.`},
		{"filter given twice", q(`{"Field":"Domain","Value":"a","Operator":"starts_with"}`) + "&filter=x",
			`query parameter "filter" is given 2 times; send it once.`},
		{"malformed query string", "/v1/customers?size=1&filter=%zz", "the query string is not valid URL encoding"},
		// Filter documents that are not the documented one.
		{"not JSON", q(`{nope`), "it is not a JSON object"},
		{"JSON array", q(`[{"Field":"Domain","Value":"a","Operator":"starts_with"}]`), "it is not a JSON object"},
		{"JSON null", q(`null`), "it is not a JSON object"},
		{"two documents", q(`{"Field":"Domain","Value":"a","Operator":"starts_with"}{}`), "more than one JSON document"},
		{"unknown key", q(`{"Field":"Domain","Value":"a","Operator":"starts_with","Limit":5}`), `unknown key "Limit"`},
		{"lowercase key", q(`{"field":"Domain","Value":"a","Operator":"starts_with"}`), `unknown key "field"`},
		{"missing Field", q(`{"Value":"a","Operator":"starts_with"}`), "the document lacks Field"},
		{"missing Value", q(`{"Field":"Domain","Operator":"starts_with"}`), "the document lacks Value"},
		{"missing Operator", q(`{"Field":"Domain","Value":"a"}`), "the document lacks Operator"},
		{"unknown Field", q(`{"Field":"Colour","Value":"a","Operator":"starts_with"}`),
			`unknown Field "Colour" (use CompanyName, Domain, IndirectReseller, IndirectCloudSolutionProvider)`},
		{"Field in another case", q(`{"Field":"companyname","Value":"a","Operator":"starts_with"}`), `unknown Field "companyname"`},
		{"unknown Operator", q(`{"Field":"Domain","Value":"a","Operator":"equals"}`), `unknown Operator "equals" (the only operator is starts_with)`},
		{"empty Value", q(`{"Field":"Domain","Value":"","Operator":"starts_with"}`), "the Value is empty"},
		{"blank Value", q(`{"Field":"Domain","Value":"  ","Operator":"starts_with"}`), "the Value is empty"},
		{"Value not a string", q(`{"Field":"Domain","Value":42,"Operator":"starts_with"}`), "Value must be a JSON string"},
		{"Value null", q(`{"Field":"Domain","Value":null,"Operator":"starts_with"}`), "Value must be a JSON string"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s.ResetRequests()
			r := get(t, s, tt.path)
			f := r.wantFault(t, http.StatusBadRequest, codeInvalidInput)
			if !strings.Contains(f.Description, tt.want) {
				t.Errorf("description %q\nwant it to contain %q", f.Description, tt.want)
			}
			reqs := s.Requests()
			if len(reqs) != 1 || reqs[0].Refusal != f.Description {
				t.Errorf("recorded %+v, want the refusal %q", reqs, f.Description)
			}
		})
	}
}

// The documented search works, however the client percent-encodes it, and
// matches values in any case.
func TestCorrectSearchStillWorks(t *testing.T) {
	s := NewTestServer(t, &Options{ExtraCustomers: 20})
	doc := `{"Field":"CompanyName","Value":"cONT","Operator":"starts_with"}`
	for name, query := range map[string]string{
		"QueryEscape":      url.QueryEscape(doc),
		"PathEscape":       url.PathEscape(doc),
		"spaces as +":      url.QueryEscape(`{"Field": "CompanyName", "Value": "cONT", "Operator": "starts_with"}`),
		"keys reordered":   url.QueryEscape(`{"Operator":"starts_with","Value":"cONT","Field":"CompanyName"}`),
		"generated helper": filterQuery(gen.CustomerSearchFilterFieldCompanyName, "cONT"),
	} {
		t.Run(name, func(t *testing.T) {
			var page gen.CustomerCollection
			get(t, s, "/v1/customers?size=0&filter="+query).decode(t, &page)
			if len(page.Items) != 1 || *page.Items[0].ID != ContosoCustomerID {
				t.Errorf("search found %d customers, want Contoso only", len(page.Items))
			}
		})
	}
	// Every declared parameter together is fine too.
	get(t, s, "/v1/customers?size=5&seekOperation=First&filter="+url.QueryEscape(doc)).wantStatus(t, http.StatusOK)
	for _, r := range s.Requests() {
		if r.Refusal != "" {
			t.Errorf("request %s?%s recorded as refused: %s", r.Path, r.RawQuery, r.Refusal)
		}
	}
}

// Only requests that break the spec are refusals: service errors, injected
// faults and expired tokens are not.
func TestRefusalsAreOnlySpecViolations(t *testing.T) {
	s := NewTestServer(t, nil)
	get(t, s, customerPath("00000000-0000-4000-8000-000000000000", "")).wantStatus(t, http.StatusNotFound)
	s.Faults().FailNext(1, http.StatusBadRequest)
	get(t, s, "/v1/customers").wantStatus(t, http.StatusBadRequest)
	get(t, s, "/v1/customers").wantStatus(t, http.StatusOK)
	s.Faults().ExpireTokens()
	get(t, s, "/v1/customers").wantStatus(t, http.StatusUnauthorized)
	s.Faults().Reset()
	for _, r := range s.Requests() {
		if r.Refusal != "" {
			t.Errorf("%s %s (%d, fault %q) recorded as refused: %s", r.Method, r.Path, r.Status, r.Fault, r.Refusal)
		}
	}

	s.ResetRequests()
	do(t, s, request{path: "/v1/customers", header: map[string]string{"Authorization": ""}}).wantStatus(t, http.StatusUnauthorized)
	get(t, s, "/v1/invoices").wantStatus(t, http.StatusNotFound)
	do(t, s, request{method: http.MethodDelete, path: customerPath(DocumentedCustomerID, "/organization")}).wantStatus(t, http.StatusMethodNotAllowed)
	get(t, s, "/v1/customers?seekOperation=Next").wantStatus(t, http.StatusBadRequest) // no continuation token
	get(t, s, "/v1/customers/not-a-guid").wantStatus(t, http.StatusBadRequest)
	for _, r := range s.Requests() {
		if r.Refusal == "" {
			t.Errorf("%s %s?%s (%d) not recorded as refused", r.Method, r.Path, r.RawQuery, r.Status)
		}
	}
}
