package fake

import (
	"encoding/json"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/gen/spec"
)

// specExample returns a components.examples value as generic JSON.
func specExample(t *testing.T, name string) any {
	t.Helper()
	doc, err := spec.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	return normalize(t, doc.Components.Examples[name].Value.Value)
}

// normalize round-trips v through JSON so values compare with reflect.DeepEqual.
func normalize(t *testing.T, v any) any {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestDocumentedCustomerMatchesSpecExamples(t *testing.T) {
	s := NewTestServer(t, nil)

	var customer map[string]any
	r := get(t, s, customerPath(DocumentedCustomerID, ""))
	r.wantStatus(t, http.StatusOK)
	r.decode(t, &customer)
	documented := specExample(t, "DocumentedCustomer").(map[string]any)
	for _, field := range []string{"id", "commerceId", "relationshipToPartner", "allowDelegatedAccess", "customDomains", "tags", "links", "attributes"} {
		if !reflect.DeepEqual(customer[field], documented[field]) {
			t.Errorf("customer %s = %v, want the documented %v", field, customer[field], documented[field])
		}
	}
	// The profiles embedded in the customer are the ones their own endpoints serve.
	if want := specExample(t, "DocumentedCompanyProfile"); !reflect.DeepEqual(customer["companyProfile"], want) {
		t.Errorf("embedded company profile = %v, want %v", customer["companyProfile"], want)
	}
	if want := specExample(t, "DocumentedBillingProfile"); !reflect.DeepEqual(customer["billingProfile"], want) {
		t.Errorf("embedded billing profile = %v, want %v", customer["billingProfile"], want)
	}

	tests := []struct {
		sub     string
		example string
	}{
		{"/profiles/company", "DocumentedCompanyProfile"},
		{"/profiles/billing", "DocumentedBillingProfile"},
		{"/organization", "DocumentedOrganizationArray"},
	}
	for _, tt := range tests {
		t.Run(tt.sub, func(t *testing.T) {
			r := get(t, s, customerPath(DocumentedCustomerID, tt.sub))
			r.wantStatus(t, http.StatusOK)
			var got any
			r.decode(t, &got)
			if want := specExample(t, tt.example); !reflect.DeepEqual(got, want) {
				t.Errorf("got %v, want %v", got, want)
			}
		})
	}

	var domains []string
	r = get(t, s, customerPath(DocumentedCustomerID, "/customDomains"))
	r.wantStatus(t, http.StatusOK)
	r.decode(t, &domains)
	if !slices.Equal(domains, []string{"abcdefgh1234.onmicrosoft.com"}) {
		t.Errorf("custom domains = %v", domains)
	}
}

func TestOrganizationAsObject(t *testing.T) {
	s := NewTestServer(t, &Options{OrganizationAsObject: true})
	r := get(t, s, customerPath(DocumentedCustomerID, "/organization"))
	r.wantStatus(t, http.StatusOK)
	var got any
	r.decode(t, &got)
	// The object is the one element of the documented array.
	if want := specExample(t, "DocumentedOrganizationArray").([]any)[0]; !reflect.DeepEqual(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// TestGeneratedCustomerIsConsistent checks that every endpoint tells the same
// story about a generated customer, and about Contoso.
func TestGeneratedCustomerIsConsistent(t *testing.T) {
	s := NewTestServer(t, &Options{ExtraCustomers: 50})
	for _, id := range []string{GeneratedCustomerID(0), GeneratedCustomerID(37), ContosoCustomerID} {
		t.Run(id, func(t *testing.T) {
			var c gen.Customer
			get(t, s, customerPath(id, "")).decode(t, &c)
			var company gen.CustomerCompanyProfile
			get(t, s, customerPath(id, "/profiles/company")).decode(t, &company)
			var billing gen.CustomerBillingProfile
			get(t, s, customerPath(id, "/profiles/billing")).decode(t, &billing)
			var domains []string
			get(t, s, customerPath(id, "/customDomains")).decode(t, &domains)
			var orgs []gen.CustomerOrganization
			get(t, s, customerPath(id, "/organization")).decode(t, &orgs)

			if *c.ID != id || *company.TenantID != id {
				t.Errorf("ids %s / %s, want %s", *c.ID, *company.TenantID, id)
			}
			if !reflect.DeepEqual(*c.CompanyProfile, company) || !reflect.DeepEqual(*c.BillingProfile, billing) {
				t.Error("profiles embedded in the customer differ from the profile endpoints")
			}
			if !slices.Equal(c.CustomDomains, domains) || !slices.Contains(domains, *company.Domain) {
				t.Errorf("domains %v, customer %v, default %s", domains, c.CustomDomains, *company.Domain)
			}
			if len(orgs) != 1 || *orgs[0].DisplayName != *company.CompanyName || *orgs[0].CountryLetterCode != *company.Address.Country {
				t.Errorf("organization %+v does not match company %s", orgs, *company.CompanyName)
			}
			if *billing.CompanyName != *company.CompanyName || billing.Attributes.Etag == nil || *billing.Attributes.Etag == "" {
				t.Errorf("billing profile %+v does not match", billing)
			}
			for _, d := range domains {
				do(t, s, request{method: http.MethodHead, path: "/v1/domains/" + d}).wantStatus(t, http.StatusOK)
			}
		})
	}
	if got := GeneratedCustomerName(4); got != "Fabrikam 000005" {
		t.Errorf("GeneratedCustomerName(4) = %q", got)
	}
	if got := GeneratedCustomerDomain(4); got != "fabrikam000005.onmicrosoft.com" {
		t.Errorf("GeneratedCustomerDomain(4) = %q", got)
	}
}

func TestUnknownCustomerIsNotFound(t *testing.T) {
	s := NewTestServer(t, &Options{ExtraCustomers: 3})
	unknown := []string{
		"11111111-2222-3333-4444-555555555555",
		GeneratedCustomerID(3), // one past the generated customers
		strings.Replace(GeneratedCustomerID(1), GeneratedCustomerID(1)[:8], "00000000", 1), // right shape, wrong hash
	}
	for _, id := range unknown {
		for _, sub := range []string{"", "/customDomains", "/organization", "/profiles/company", "/profiles/billing"} {
			get(t, s, customerPath(id, sub)).wantFault(t, http.StatusNotFound, codeTenantNotFound)
		}
		do(t, s, request{method: http.MethodPut, path: customerPath(id, "/profiles/billing"),
			header: map[string]string{"If-Match": `"1"`}, body: gen.CustomerBillingProfile{}}).
			wantFault(t, http.StatusNotFound, codeTenantNotFound)
	}
}

func TestCustomerIDIsCaseInsensitive(t *testing.T) {
	s := NewTestServer(t, &Options{ExtraCustomers: 2})
	for _, id := range []string{strings.ToUpper(DocumentedCustomerID), strings.ToUpper(GeneratedCustomerID(1))} {
		get(t, s, customerPath(id, "")).wantStatus(t, http.StatusOK)
	}
}

func TestBillingProfileUpdate(t *testing.T) {
	s := NewTestServer(t, &Options{ExtraCustomers: 1})
	for _, id := range []string{DocumentedCustomerID, GeneratedCustomerID(0)} {
		t.Run(id, func(t *testing.T) {
			path := customerPath(id, "/profiles/billing")
			var profile gen.CustomerBillingProfile
			get(t, s, path).decode(t, &profile)
			etag := *profile.Attributes.Etag

			profile.Email = ptr("billing@example.com")
			put := func(ifMatch string, requestID string) reply {
				return do(t, s, request{method: http.MethodPut, path: path, body: profile,
					header: map[string]string{"If-Match": ifMatch, "MS-RequestId": requestID}})
			}
			r := put(`"`+etag+`"`, "74ca1db9-df92-41c6-a362-a16433b0542b")
			r.wantStatus(t, http.StatusOK)
			var updated gen.CustomerBillingProfile
			r.decode(t, &updated)
			newETag := *updated.Attributes.Etag
			if *updated.Email != "billing@example.com" || newETag == etag || *updated.ID != *profile.ID {
				t.Fatalf("update answered %+v (etag %s, was %s)", updated, newETag, etag)
			}

			// A retry of the same call (same MS-RequestId) gets the same answer.
			r = put(`"`+etag+`"`, "74ca1db9-df92-41c6-a362-a16433b0542b")
			r.wantStatus(t, http.StatusOK)
			// A new call with the old ETag is refused.
			put(`"`+etag+`"`, "").wantFault(t, http.StatusPreconditionFailed, codeStaleETag)
			put(etag, "").wantFault(t, http.StatusPreconditionFailed, codeStaleETag)

			// The change shows everywhere, and the new ETag works quoted or not.
			var c gen.Customer
			get(t, s, customerPath(id, "")).decode(t, &c)
			if *c.BillingProfile.Email != "billing@example.com" || *c.BillingProfile.Attributes.Etag != newETag {
				t.Errorf("customer shows billing profile %+v", c.BillingProfile)
			}
			put(newETag, "").wantStatus(t, http.StatusOK)
		})
	}
}

func TestCheckDomainAvailability(t *testing.T) {
	s := NewTestServer(t, &Options{ExtraCustomers: 20})
	tests := []struct {
		domain string
		want   int
	}{
		{"abcdefgh1234.onmicrosoft.com", http.StatusOK},
		{"ABCDEFGH1234.onmicrosoft.com", http.StatusOK},
		{"contoso.onmicrosoft.com", http.StatusOK},
		{GeneratedCustomerDomain(19), http.StatusOK},
		{strings.TrimSuffix(GeneratedCustomerDomain(3), ".onmicrosoft.com") + ".example.com", http.StatusOK},
		{GeneratedCustomerDomain(20), http.StatusNotFound},
		{"fabrikam5.onmicrosoft.com", http.StatusNotFound},
		{"free-name.onmicrosoft.com", http.StatusNotFound},
		{"bad_domain!", http.StatusBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.domain, func(t *testing.T) {
			r := do(t, s, request{method: http.MethodHead, path: "/v1/domains/" + tt.domain})
			r.wantStatus(t, tt.want)
			if len(r.body) != 0 {
				t.Errorf("HEAD answer has a body: %q", r.body)
			}
		})
	}
}

func TestIDsAreEchoedOrMadeUp(t *testing.T) {
	s := NewTestServer(t, nil)
	const rid, cid = "74ca1db9-df92-41c6-a362-a16433b0542b", "aaaa0000-bb11-2222-33cc-444444dddddd"
	r := do(t, s, request{path: customerPath(DocumentedCustomerID, ""),
		header: map[string]string{"MS-RequestId": rid, "MS-CorrelationId": cid, "MS-CV": "abc.1"}})
	if r.Header.Get("MS-RequestId") != rid || r.Header.Get("MS-CorrelationId") != cid || r.Header.Get("MS-CV") != "abc.1" {
		t.Errorf("IDs not echoed: %v", r.Header)
	}
	if r.Header.Get("MS-ServerId") == "" || r.Header.Get("Content-Type") != contentTypeJSON {
		t.Errorf("missing MS-ServerId or JSON content type: %v", r.Header)
	}

	// Without IDs, and on errors, the fake makes up GUIDs.
	for _, r := range []reply{get(t, s, customerPath(DocumentedCustomerID, "")), get(t, s, "/v1/customers/not-a-guid")} {
		a, b := r.Header.Get("MS-RequestId"), r.Header.Get("MS-CorrelationId")
		if !isGUID(a) || !isGUID(b) || a == b {
			t.Errorf("made-up IDs %q, %q", a, b)
		}
	}
}

func TestAddCustomer(t *testing.T) {
	s := NewTestServer(t, &Options{ExtraCustomers: 2})
	const id = "12345678-aaaa-4bbb-8ccc-1234567890ab"
	added, err := s.AddCustomer(gen.Customer{
		ID:             ptr(id),
		CompanyProfile: &gen.CustomerCompanyProfile{CompanyName: ptr("Zava Lab"), Address: &gen.Address{Country: ptr("NZ"), City: ptr("Auckland")}},
		CustomDomains:  []string{"zava.onmicrosoft.com", "zava.example"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if *added.CompanyProfile.Domain != "zava.onmicrosoft.com" || *added.CompanyProfile.Address.City != "Auckland" {
		t.Errorf("added %+v", added.CompanyProfile)
	}
	*added.CompanyProfile.Address.City = "changed by the caller"
	var orgs []gen.CustomerOrganization
	get(t, s, customerPath(id, "/organization")).decode(t, &orgs)
	if *orgs[0].DisplayName != "Zava Lab" || *orgs[0].CountryLetterCode != "NZ" || *orgs[0].City != "Auckland" {
		t.Errorf("organization %+v", orgs[0])
	}
	do(t, s, request{method: http.MethodHead, path: "/v1/domains/zava.example"}).wantStatus(t, http.StatusOK)

	// Added customers come last in the listing.
	var page gen.CustomerCollection
	get(t, s, "/v1/customers?size=10").decode(t, &page)
	if n := len(page.Items); n != 5 || *page.Items[4].ID != id {
		t.Errorf("listing has %d customers, last %s", n, *page.Items[n-1].ID)
	}

	for _, bad := range []gen.Customer{
		{ID: ptr(id)},                     // taken
		{ID: ptr(DocumentedCustomerID)},   // taken by a documented customer
		{ID: ptr(GeneratedCustomerID(1))}, // taken by a generated customer
		{ID: ptr("not-a-guid")},           // malformed
		{CompanyProfile: &gen.CustomerCompanyProfile{TenantID: ptr(id)}}, // tenant ID differs from the new random ID
	} {
		if _, err := s.AddCustomer(bad); err == nil {
			t.Errorf("AddCustomer(%+v) succeeded", bad)
		}
	}
	random, err := s.AddCustomer(gen.Customer{})
	if err != nil || !isGUID(*random.ID) || !strings.HasSuffix(*random.CompanyProfile.Domain, ".onmicrosoft.com") {
		t.Errorf("AddCustomer with defaults = %+v, %v", random, err)
	}
}
