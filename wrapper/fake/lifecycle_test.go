package fake

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
)

// documentedCreateBody is the direct create request of the reference page,
// verbatim but for its two trailing commas: PascalCase names.
const documentedCreateBody = `{
    "CompanyProfile": {
        "Domain": "xyz.ccsctp.net"
    },
    "BillingProfile": {
        "Culture": "EN-US",
        "Email": "test@outlook.com",
        "Language": "en",
        "CompanyName": "test company",
        "DefaultAddress": {
            "FirstName": "Test",
            "LastName": "Test",
            "AddressLine1": "One Microsoft Way",
            "City": "Redmond",
            "State": "WA",
            "PostalCode": "98052",
            "Country": "US"
        }
    }
}`

// documentedIndirectCreateBody is the indirect-reseller create request of the
// reference page, verbatim: PascalCase names and explicit nulls.
const documentedIndirectCreateBody = `{
    "Id": null,
    "CommerceId": null,
    "CompanyProfile": {
        "TenantId": null,
        "Domain": "WingtipToys678152504.onmicrosoft.com",
        "CompanyName": null,
        "Attributes": {
            "ObjectType": "CustomerCompanyProfile"
        }
    },
    "BillingProfile": {
        "Id": null,
        "FirstName": null,
        "LastName": null,
        "Email": "Gena@wingtiptoys.com",
        "Culture": "EN-US",
        "Language": "En",
        "CompanyName": "Wingtip Toys678152504",
        "DefaultAddress": {
            "Country": "US",
            "Region": null,
            "City": "Redmond",
            "State": "WA",
            "AddressLine1": "One Microsoft Way",
            "AddressLine2": null,
            "PostalCode": "98052",
            "FirstName": "Gena",
            "LastName": "Soto",
            "PhoneNumber": "4255550101"
        },
        "Attributes": {
            "ObjectType": "CustomerBillingProfile"
        }
    },
    "RelationshipToPartner": "none",
    "AllowDelegatedAccess": null,
    "UserCredentials": null,
    "CustomDomains": null,
    "AssociatedPartnerId": "484e548c-f5f3-4528-93a9-c16c6373cb59",
    "Attributes": {
        "ObjectType": "Customer"
    }
}`

// newCustomerBody is a create request for a US customer with the given
// domain and first address line.
func newCustomerBody(domain, line1 string) gen.NewCustomer {
	return gen.NewCustomer{
		CompanyProfile: gen.NewCustomerCompanyProfile{Domain: domain},
		BillingProfile: gen.NewCustomerBillingProfile{
			Email: "billing@" + domain, Culture: "en-US", Language: "en", CompanyName: "Lifecycle Test",
			DefaultAddress: gen.Address{
				AddressLine1: ptr(line1), City: ptr("Redmond"), State: ptr("WA"), PostalCode: ptr("98052"),
				Country: ptr("US"), FirstName: ptr("Ada"), LastName: ptr("Lovelace"),
			},
		},
	}
}

// create posts body to createCustomer with a new MS-RequestId.
func create(t testing.TB, s *Server, body any) reply {
	t.Helper()
	return do(t, s, request{method: http.MethodPost, path: "/v1/customers", body: body,
		header: map[string]string{"MS-RequestId": uuid.NewString()}})
}

// createdCustomer creates a customer and decodes the answer.
func createdCustomer(t testing.TB, s *Server, body any) gen.CreatedCustomer {
	t.Helper()
	r := create(t, s, body)
	r.wantStatus(t, http.StatusCreated)
	var c gen.CreatedCustomer
	r.decode(t, &c)
	if c.ID == nil || *c.ID == "" {
		t.Fatalf("created customer without ID: %s", r.body)
	}
	return c
}

// try sends req like do, but returns transport errors instead of failing.
func try(s *Server, req request) (reply, error) {
	var body io.Reader
	if b, ok := req.body.(string); ok {
		body = strings.NewReader(b)
	} else if req.body != nil {
		raw, err := json.Marshal(req.body)
		if err != nil {
			return reply{}, err
		}
		body = bytes.NewReader(raw)
	}
	r, err := http.NewRequest(req.method, s.URL()+req.path, body)
	if err != nil {
		return reply{}, err
	}
	r.Header.Set("Content-Type", "application/json")
	r.Header.Set("Authorization", "Bearer "+testToken)
	for k, v := range req.header {
		r.Header.Set(k, v)
	}
	resp, err := s.HTTPClient().Do(r)
	if err != nil {
		return reply{}, err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	return reply{Response: resp, body: raw}, err
}

func TestCreatedCustomerIsReadEverywhere(t *testing.T) {
	s := NewTestServer(t, nil)
	r := create(t, s, []byte(documentedCreateBody))
	r.wantStatus(t, http.StatusCreated)
	var c gen.CreatedCustomer
	r.decode(t, &c)
	id := *c.ID
	if c.UserCredentials == nil || derefOr(c.UserCredentials.UserName, "") != adminUserName || len(derefOr(c.UserCredentials.Password, "")) < 8 {
		t.Fatalf("create answer lacks the administrator's credentials: %+v", c.UserCredentials)
	}
	if got := derefOr(c.BillingProfile.Culture, ""); got != "en-US" {
		t.Errorf("culture %q, want the normalized en-US", got)
	}

	var got gen.Customer
	get(t, s, customerPath(id, "")).decode(t, &got)
	if derefOr(got.CompanyProfile.Domain, "") != "xyz.ccsctp.net" || derefOr(got.RelationshipToPartner, "") != gen.RelationshipToPartnerReseller {
		t.Errorf("getCustomer: %+v", got)
	}
	if got.UserCredentials != nil {
		t.Error("getCustomer repeats the administrator's credentials")
	}
	var billing gen.CustomerBillingProfile
	get(t, s, customerPath(id, "/profiles/billing")).decode(t, &billing)
	if a := billing.DefaultAddress; a == nil || derefOr(a.AddressLine1, "") != "One Microsoft Way" || derefOr(a.State, "") != "WA" {
		t.Errorf("billing address %+v, want the one sent", billing.DefaultAddress)
	}
	var company gen.CustomerCompanyProfile
	get(t, s, customerPath(id, "/profiles/company")).decode(t, &company)
	if derefOr(company.CompanyName, "") != "test company" || derefOr(company.TenantID, "") != id {
		t.Errorf("company profile %+v", company)
	}
	var page gen.CustomerCollection
	get(t, s, "/v1/customers?size=0&filter="+filterQuery(gen.CustomerSearchFilterFieldDomain, "xyz.ccsctp")).decode(t, &page)
	if len(page.Items) != 1 || *page.Items[0].ID != id {
		t.Errorf("search by domain found %d customers, want the new one", len(page.Items))
	}
	do(t, s, request{method: http.MethodHead, path: "/v1/domains/XYZ.ccsctp.net"}).wantStatus(t, http.StatusOK)

	// The domain is now taken.
	create(t, s, newCustomerBody("xyz.ccsctp.net", "1 Microsoft Way")).wantFault(t, http.StatusConflict, refusalCode(gen.RefusalDomainTaken))
}

func TestDocumentedIndirectResellerRequestIsAccepted(t *testing.T) {
	s := NewTestServer(t, nil)
	r := create(t, s, []byte(documentedIndirectCreateBody))
	r.wantStatus(t, http.StatusCreated)
	var c gen.CreatedCustomer
	r.decode(t, &c)
	if derefOr(c.AssociatedPartnerID, "") != "484e548c-f5f3-4528-93a9-c16c6373cb59" {
		t.Errorf("associatedPartnerId not kept: %s", r.body)
	}
	if derefOr(c.BillingProfile.DefaultAddress.PhoneNumber, "") != "4255550101" {
		t.Errorf("phone number not kept: %s", r.body)
	}
}

func TestCreateIsIdempotentPerRequestID(t *testing.T) {
	s := NewTestServer(t, nil)
	s.Faults().On("createCustomer").DropAfterCommit(1)
	rid := uuid.NewString()
	req := request{method: http.MethodPost, path: "/v1/customers", body: newCustomerBody("retry.onmicrosoft.com", "1 Microsoft Way"),
		header: map[string]string{"MS-RequestId": rid}}

	if _, err := try(s, req); err == nil {
		t.Fatal("the first try got an answer; the fault should have dropped it")
	}
	first := s.RequestsFor("createCustomer")
	if len(first) != 1 || first[0].Fault != "drop-after-commit" || first[0].Status != 0 {
		t.Fatalf("recorded %+v, want one dropped create", first)
	}
	// The create was committed although the client saw no answer.
	do(t, s, request{method: http.MethodHead, path: "/v1/domains/retry.onmicrosoft.com"}).wantStatus(t, http.StatusOK)

	// The retry with the same request ID gets the customer already made.
	r1 := do(t, s, req)
	r1.wantStatus(t, http.StatusCreated)
	r2 := do(t, s, req)
	r2.wantStatus(t, http.StatusCreated)
	var c1, c2 gen.CreatedCustomer
	r1.decode(t, &c1)
	r2.decode(t, &c2)
	if *c1.ID != *c2.ID || *c1.UserCredentials.Password != *c2.UserCredentials.Password {
		t.Errorf("repeated request IDs got different customers: %s and %s", *c1.ID, *c2.ID)
	}
	var page gen.CustomerCollection
	get(t, s, "/v1/customers?size=0&filter="+filterQuery(gen.CustomerSearchFilterFieldDomain, "retry.")).decode(t, &page)
	if len(page.Items) != 1 {
		t.Errorf("%d customers with the domain, want exactly one", len(page.Items))
	}

	// A new request ID is a new create: the domain is taken now.
	req.header["MS-RequestId"] = uuid.NewString()
	do(t, s, req).wantFault(t, http.StatusConflict, refusalCode(gen.RefusalDomainTaken))
	// The old request ID with another customer is refused.
	req.header["MS-RequestId"] = rid
	req.body = newCustomerBody("other.onmicrosoft.com", "1 Microsoft Way")
	do(t, s, req).wantFault(t, http.StatusBadRequest, codeInvalidInput)
}

func TestCreateCustomerRefusals(t *testing.T) {
	s := NewTestServer(t, nil)
	russian := func(number, phone string) gen.NewCustomer {
		b := newCustomerBody("refusal"+number+phone+".onmicrosoft.com", "Tverskaya 1")
		b.BillingProfile.DefaultAddress.Country = ptr("RU")
		b.BillingProfile.DefaultAddress.State = nil
		b.BillingProfile.DefaultAddress.City = ptr("Moscow")
		b.BillingProfile.DefaultAddress.PostalCode = ptr("125009")
		if number != "" {
			b.CompanyProfile.OrganizationRegistrationNumber = ptr(number)
		}
		if phone != "" {
			b.BillingProfile.DefaultAddress.PhoneNumber = ptr(phone)
		}
		return b
	}
	noDomain := newCustomerBody("", "1 Microsoft Way")
	tests := []struct {
		name    string
		body    any
		status  int
		code    string
		mention string
	}{
		{"registration number missing", russian("", "4951234567"), 400, refusalCode(gen.RefusalRegistrationNumberMissing), "missing"},
		{"registration number invalid", russian("12ab", "4951234567"), 400, refusalCode(gen.RefusalRegistrationNumberInvalid), registrationPattern},
		{"phone number missing", russian("1234567", ""), 400, refusalCode(gen.RefusalPhoneNumberMissing), "phone"},
		{"no domain", noDomain, 400, codeInvalidInput, "domain"},
		{"no billing profile", map[string]any{"companyProfile": map[string]any{"domain": "x.onmicrosoft.com"}}, 400, codeInvalidInput, "billingProfile"},
		{"no address line", map[string]any{"companyProfile": map[string]any{"domain": "y.onmicrosoft.com"},
			"billingProfile": map[string]any{"email": "a@b.c", "culture": "en-US", "language": "en", "companyName": "Y",
				"defaultAddress": map[string]any{"city": "Redmond", "country": "US"}}}, 400, codeInvalidInput, "addressLine1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := create(t, s, tt.body).wantFault(t, tt.status, tt.code)
			if !strings.Contains(f.Description, tt.mention) {
				t.Errorf("description %q does not mention %q", f.Description, tt.mention)
			}
		})
	}
	// With every required value the same customer is created.
	createdCustomer(t, s, russian("1234567", "4951234567"))
}

// validate posts an address to validateAddress.
func validate(t testing.TB, s *Server, a gen.Address) reply {
	t.Helper()
	return do(t, s, request{method: http.MethodPost, path: "/v1/validations/address", body: a})
}

func TestValidateAddressReachesEveryStatus(t *testing.T) {
	s := NewTestServer(t, nil)
	us := func(line1, line2, city, state, zip string) gen.Address {
		return gen.Address{AddressLine1: ptr(line1), AddressLine2: optional(line2), City: ptr(city), State: optional(state), PostalCode: ptr(zip), Country: ptr("US")}
	}
	tests := []struct {
		name        string
		addr        gen.Address
		status      string
		suggestions int
	}{
		{"shippable", us("1 Microsoft Way", "", "Redmond", "wa", "98052"), statusVerifiedShippable, 1},
		{"post office box", us("PO Box 123", "", "Redmond", "WA", "98052"), statusVerified, 1},
		{"outside the US", gen.Address{AddressLine1: ptr("10 Downing Street"), City: ptr("London"), PostalCode: ptr("SW1A 2AA"), Country: ptr("GB")}, statusVerified, 1},
		{"zip of another city", us("One Microsoft Way", "", "Redmond", "WA", "98007"), statusInteractionRequired, 1},
		{"no house number", us("Microsoft Way", "", "Redmond", "WA", "98052"), statusStreetPartial, 2},
		{"suite without number", us("1 Microsoft Way", "Suite", "Redmond", "WA", "98052"), statusPremisesPartial, 2},
		{"both partial", us("Microsoft Way", "Apt", "Redmond", "WA", "98052"), statusMultiple, 3},
		{"unknown state", us("1 Microsoft Way", "", "Redmond", "XX", "98052"), statusNone, 0},
		{"bad zip", us("1 Microsoft Way", "", "Redmond", "WA", "9805"), statusNone, 0},
		{"unknown country", gen.Address{AddressLine1: ptr("1 Rue"), City: ptr("Nowhere"), Country: ptr("ZZ")}, statusNotValidated, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := validate(t, s, tt.addr)
			r.wantStatus(t, http.StatusOK)
			var v gen.AddressValidationResult
			r.decode(t, &v)
			if derefOr(v.Status, "") != tt.status || len(v.SuggestedAddresses) != tt.suggestions {
				t.Errorf("status %q with %d suggestions, want %q with %d: %s", derefOr(v.Status, ""), len(v.SuggestedAddresses), tt.status, tt.suggestions, r.body)
			}
			if v.OriginalAddress == nil || derefOr(v.OriginalAddress.AddressLine1, "") != *tt.addr.AddressLine1 {
				t.Errorf("original address not echoed: %s", r.body)
			}
		})
	}

	// Suggestions: state in upper case, ZIP+4, the city of the ZIP code.
	var v gen.AddressValidationResult
	validate(t, s, us("1 Microsoft Way", "", "Redmond", "wa", "98052")).decode(t, &v)
	if sug := v.SuggestedAddresses[0]; derefOr(sug.State, "") != "WA" || len(derefOr(sug.PostalCode, "")) != len("98052-1234") {
		t.Errorf("suggestion %+v: want state WA and a ZIP+4 code", sug)
	}
	validate(t, s, us("One Microsoft Way", "", "Redmond", "WA", "98007")).decode(t, &v)
	if derefOr(v.SuggestedAddresses[0].City, "") != "Bellevue" {
		t.Errorf("suggested city %q, want Bellevue", derefOr(v.SuggestedAddresses[0].City, ""))
	}
	validate(t, s, gen.Address{City: ptr("Redmond"), Country: ptr("US")}).wantFault(t, http.StatusBadRequest, codeInvalidInput)
}

func TestLegacyAddressValidation(t *testing.T) {
	s := NewTestServer(t, &Options{LegacyAddressValidation: true})
	ok := validate(t, s, gen.Address{AddressLine1: ptr("One Microsoft Way"), City: ptr("Redmond"), State: ptr("WA"), PostalCode: ptr("98052"), Country: ptr("US")})
	ok.wantStatus(t, http.StatusOK)
	if len(ok.body) != 0 || ok.Header.Get("Content-Type") != "" {
		t.Errorf("legacy valid answer has a body or content type: %q %q", ok.Header.Get("Content-Type"), ok.body)
	}
	bad := validate(t, s, gen.Address{AddressLine1: ptr("One Microsoft Way"), City: ptr("Redmond"), State: ptr("WA"), PostalCode: ptr("98007"), Country: ptr("US")})
	f := bad.wantFault(t, http.StatusBadRequest, codeAddressInvalid)
	var inner struct {
		Code             string `json:"code"`
		Reason           string `json:"reason"`
		CorrectedAddress struct {
			City       string `json:"city"`
			PostalCode string `json:"postal_code"`
		} `json:"corrected_address"`
	}
	if err := json.Unmarshal([]byte(f.Description), &inner); err != nil {
		t.Fatalf("the 2007 description is not a JSON document: %v: %s", err, f.Description)
	}
	if inner.Code != "60071" || inner.CorrectedAddress.City != "BELLEVUE" || !strings.Contains(inner.Reason, "ZipCityInvalid") {
		t.Errorf("2007 details %+v", inner)
	}
}

func TestCountryValidationRules(t *testing.T) {
	s := NewTestServer(t, nil)
	var us gen.CountryInformation
	get(t, s, "/v1/countryvalidationrules/us").decode(t, &us)
	if !derefOr(us.IsStateRequired, false) || !containsFold(us.SupportedStatesList, "WA") || us.States != nil || derefOr(us.PostalCodeRegex, "") != `^\d{5}(-\d{4})?$` {
		t.Errorf("US rules %+v", us)
	}
	var ru gen.CountryInformation
	get(t, s, "/v1/countryvalidationrules/RU").decode(t, &ru)
	if !derefOr(ru.IsRegistrationNumberSupported, false) || derefOr(ru.IsStateRequired, true) {
		t.Errorf("RU rules %+v", ru)
	}
	get(t, s, "/v1/countryvalidationrules/ZZ").wantFault(t, http.StatusNotFound, codeNotFound)
	get(t, s, "/v1/countryvalidationrules/U1").wantFault(t, http.StatusBadRequest, codeInvalidInput)

	wrapped := NewTestServer(t, &Options{CountryRulesWrapped: true})
	var w gen.CountryInformation
	get(t, wrapped, "/v1/countryvalidationrules/US").decode(t, &w)
	if w.States == nil || !containsFold(w.States.Value, "WA") || w.SupportedStatesList != nil || w.CountryCallingCodes == nil {
		t.Errorf("wrapped US rules %+v", w)
	}
}

// acceptance is the documented agreement confirmation.
func acceptance(phone string, agreed time.Time) gen.AgreementAcceptance {
	return gen.AgreementAcceptance{
		PrimaryContact: gen.AgreementContact{FirstName: "Tania", LastName: "Carr", Email: "someone@example.com", PhoneNumber: ptr(phone)},
		TemplateID:     CustomerAgreementTemplateID,
		DateAgreed:     agreed.UTC().Format("2006-01-02T15:04:05.000Z"),
		Type:           gen.AgreementTypeMicrosoftCustomerAgreement,
	}
}

func TestAgreements(t *testing.T) {
	s := NewTestServer(t, nil)
	var meta gen.AgreementMetadataCollection
	get(t, s, "/v1/agreements").decode(t, &meta)
	if len(meta.Items) != 1 || derefOr(meta.Items[0].AgreementType, "") != cloudAgreementType {
		t.Errorf("default metadata %+v, want the cloud agreement only", meta.Items)
	}
	get(t, s, "/v1/agreements?agreementType=MicrosoftCustomerAgreement").decode(t, &meta)
	if len(meta.Items) != 1 || derefOr(meta.Items[0].TemplateID, "") != CustomerAgreementTemplateID {
		t.Errorf("customer agreement metadata %+v", meta.Items)
	}
	get(t, s, "/v1/agreements?agreementType=*").decode(t, &meta)
	if len(meta.Items) != 2 {
		t.Errorf("%d templates for *, want 2", len(meta.Items))
	}
	get(t, s, "/v1/agreements?agreementType=Nope").wantFault(t, http.StatusBadRequest, codeInvalidInput)

	c := createdCustomer(t, s, newCustomerBody("agree.onmicrosoft.com", "1 Microsoft Way"))
	path := "/v1/customers/" + *c.ID + "/agreements"
	day := time.Date(2018, 6, 14, 0, 0, 0, 0, time.UTC)
	r := do(t, s, request{method: http.MethodPost, path: path, body: acceptance("1234567890", day)})
	r.wantStatus(t, http.StatusCreated)
	var ag gen.Agreement
	r.decode(t, &ag)
	if derefOr(ag.UserID, "") != PartnerUserID || derefOr(ag.DateAgreed, "") != "2018-06-14T00:00:00.000Z" {
		t.Errorf("confirm answer %s", r.body)
	}

	// The same contact again: 600061 in the longer error shape.
	dup := do(t, s, request{method: http.MethodPost, path: path, body: acceptance("1234567890", day)})
	dup.wantStatus(t, http.StatusConflict)
	var ext gen.ExtendedAPIFault
	dup.decode(t, &ext)
	if n, err := ext.Code.AsErrorCode0(); err != nil || n != 600061 || derefOr(ext.ErrorName, "") != "PartnerConfirmedAgreementAlreadyExists" {
		t.Errorf("second confirmation answered %s", dup.body)
	}
	// A changed phone number makes a new confirmation possible.
	do(t, s, request{method: http.MethodPost, path: path, body: acceptance("0987654321", day)}).wantStatus(t, http.StatusCreated)

	var list gen.AgreementCollection
	get(t, s, path+"?agreementType=MicrosoftCustomerAgreement").decode(t, &list)
	if len(list.Items) != 2 || list.Items[0].UserID != nil || derefOr(list.Items[0].AgreementLink, "") == "" {
		t.Errorf("confirmations %+v", list.Items)
	}
	get(t, s, path).decode(t, &list)
	if len(list.Items) != 0 {
		t.Errorf("without agreementType %d confirmations, want the cloud agreement's 0", len(list.Items))
	}

	future := acceptance("555", time.Now().Add(48*time.Hour))
	do(t, s, request{method: http.MethodPost, path: path, body: future}).wantFault(t, http.StatusBadRequest, codeInvalidInput)
	wrong := acceptance("556", day)
	wrong.TemplateID = CloudAgreementTemplateID
	do(t, s, request{method: http.MethodPost, path: path, body: wrong}).wantFault(t, http.StatusBadRequest, codeInvalidInput)
	do(t, s, request{method: http.MethodPost, path: "/v1/customers/" + uuid.NewString() + "/agreements", body: acceptance("1", day)}).
		wantFault(t, http.StatusNotFound, codeTenantNotFound)

	// Document links: new on every call, only for the customer agreement.
	docPath := "/v1/agreementtemplates/" + CustomerAgreementTemplateID + "/document?language=de-DE&country=DE"
	var d1, d2 gen.AgreementDocument
	get(t, s, docPath).decode(t, &d1)
	get(t, s, docPath).decode(t, &d2)
	if *d1.DownloadURI == *d2.DownloadURI || derefOr(d1.Language, "") != "de-DE" || derefOr(d1.Country, "") != "DE" {
		t.Errorf("document links %+v and %+v", d1, d2)
	}
	get(t, s, "/v1/agreementtemplates/"+CustomerAgreementTemplateID+"/document?language=xx-XX&country=DE").decode(t, &d1)
	if derefOr(d1.Language, "") != "en-US" {
		t.Errorf("unsupported language gave %q, want the en-US fallback", derefOr(d1.Language, ""))
	}
	get(t, s, "/v1/agreementtemplates/"+strings.ToUpper(CustomerAgreementTemplateID)+"/document").wantFault(t, http.StatusNotFound, codeNotFound)
	get(t, s, "/v1/agreementtemplates/"+CustomerAgreementTemplateID+"/document?country=de").wantFault(t, http.StatusBadRequest, codeInvalidInput)
}

// qualifications lists a customer's qualifications.
func qualifications(t testing.TB, s *Server, id string) map[string]gen.CustomerQualification {
	t.Helper()
	var list gen.CustomerQualificationList
	get(t, s, customerPath(id, "/qualifications")).decode(t, &list)
	out := map[string]gen.CustomerQualification{}
	for _, q := range list {
		out[*q.Qualification] = q
	}
	return out
}

func TestQualificationVettingAdvances(t *testing.T) {
	s := NewTestServer(t, nil)
	c := createdCustomer(t, s, newCustomerBody("school.onmicrosoft.com", "1 Microsoft Way"))
	path := customerPath(*c.ID, "/qualifications")

	r := do(t, s, request{method: http.MethodPost, path: path, body: gen.CustomerQualificationRequest{
		Qualification: gen.CustomerQualificationRequestQualificationEducation, EducationSegment: ptr("K12"), Website: ptr("https://school.example")}})
	r.wantStatus(t, http.StatusCreated)
	var q gen.CustomerQualification
	r.decode(t, &q)
	if derefOr(q.VettingStatus, "") != vettingInReview || q.VettingCreateDate == nil {
		t.Errorf("create answer %s", r.body)
	}
	do(t, s, request{method: http.MethodPost, path: path, body: map[string]string{"qualification": "Education"}}).
		wantFault(t, http.StatusConflict, refusalCode(gen.RefusalQualificationExists))
	if got := qualifications(t, s, *c.ID)["Education"]; derefOr(got.VettingStatus, "") != vettingInReview {
		t.Errorf("first read: %+v, want InReview", got)
	}
	for range 2 {
		if got := qualifications(t, s, *c.ID)["Education"]; derefOr(got.VettingStatus, "") != vettingApproved || got.VettingCreatedDate == nil {
			t.Errorf("later read: %+v, want Approved", got)
		}
	}

	do(t, s, request{method: http.MethodPost, path: path, body: map[string]string{"qualification": "StateOwnedEntity"}}).wantStatus(t, http.StatusCreated)
	if got, ok := qualifications(t, s, *c.ID)["StateOwnedEntity"]; !ok || got.VettingStatus != nil {
		t.Errorf("state-owned entity %+v, want it without vetting", got)
	}
	do(t, s, request{method: http.MethodPost, path: path, body: map[string]string{"qualification": "Nonprofit"}}).
		wantFault(t, http.StatusBadRequest, codeInvalidInput)
	do(t, s, request{method: http.MethodPost, path: path, body: map[string]string{"qualification": "GovernmentCommunityCloud"}}).
		wantFault(t, http.StatusBadRequest, codeInvalidInput)
	do(t, s, request{method: http.MethodPost, path: path + "?code=12345", body: map[string]string{"qualification": "GovernmentCommunityCloud"}}).
		wantStatus(t, http.StatusCreated)

	// Education without a segment is denied, with the reason, and may be asked for again.
	d := createdCustomer(t, s, newCustomerBody("notaschool.onmicrosoft.com", "1 Microsoft Way"))
	dpath := customerPath(*d.ID, "/qualifications")
	do(t, s, request{method: http.MethodPost, path: dpath, body: map[string]string{"Qualification": "Education"}}).wantStatus(t, http.StatusCreated)
	qualifications(t, s, *d.ID)
	if got := qualifications(t, s, *d.ID)["Education"]; derefOr(got.VettingStatus, "") != vettingDenied || derefOr(got.VettingReason, "") != deniedEducationReason {
		t.Errorf("denied qualification %+v", got)
	}
	do(t, s, request{method: http.MethodPost, path: dpath, body: map[string]string{"qualification": "Education", "educationSegment": "HigherEducation"}}).
		wantStatus(t, http.StatusCreated)
}

func TestOffboarding(t *testing.T) {
	s := NewTestServer(t, nil)
	removal := gen.ResellerRelationshipRemoval{RelationshipToPartner: gen.ResellerRelationshipRemovalRelationshipToPartnerNone}

	// Removing the relationship shows in reads and blocks later changes.
	c := createdCustomer(t, s, newCustomerBody("leaving.onmicrosoft.com", "1 Microsoft Way"))
	r := do(t, s, request{method: http.MethodPatch, path: customerPath(*c.ID, ""), body: removal})
	r.wantStatus(t, http.StatusOK)
	var got gen.Customer
	get(t, s, customerPath(*c.ID, "")).decode(t, &got)
	if derefOr(got.RelationshipToPartner, "") != gen.RelationshipToPartnerNone {
		t.Errorf("relationship after removal %q, want none", derefOr(got.RelationshipToPartner, ""))
	}
	do(t, s, request{method: http.MethodPatch, path: customerPath(*c.ID, ""), body: removal}).wantStatus(t, http.StatusOK)
	do(t, s, request{method: http.MethodPost, path: customerPath(*c.ID, "/agreements"), body: acceptance("1", time.Now().Add(-time.Hour))}).
		wantFault(t, http.StatusForbidden, refusalCode(gen.RefusalNoRelationship))
	do(t, s, request{method: http.MethodDelete, path: customerPath(*c.ID, "")}).wantFault(t, http.StatusForbidden, refusalCode(gen.RefusalNoRelationship))

	do(t, s, request{method: http.MethodPatch, path: customerPath(DocumentedCustomerID, ""), body: map[string]string{"relationshipToPartner": "reseller"}}).
		wantFault(t, http.StatusBadRequest, codeInvalidInput)
	do(t, s, request{method: http.MethodPatch, path: customerPath(ContosoCustomerID, ""), body: removal}).
		wantFault(t, http.StatusForbidden, refusalCode(gen.RefusalNotReseller))

	// Deleting: sandbox customers with a verified address only.
	gone := createdCustomer(t, s, newCustomerBody("gone.onmicrosoft.com", "1 Microsoft Way"))
	del := do(t, s, request{method: http.MethodDelete, path: customerPath(*gone.ID, "")})
	del.wantStatus(t, http.StatusNoContent)
	if len(del.body) != 0 {
		t.Errorf("204 with a body: %q", del.body)
	}
	get(t, s, customerPath(*gone.ID, "")).wantFault(t, http.StatusNotFound, codeTenantNotFound)
	do(t, s, request{method: http.MethodHead, path: "/v1/domains/gone.onmicrosoft.com"}).wantStatus(t, http.StatusNotFound)
	do(t, s, request{method: http.MethodDelete, path: customerPath(*gone.ID, "")}).wantFault(t, http.StatusNotFound, codeTenantNotFound)
	// The customers created before and after it are still there.
	get(t, s, customerPath(*c.ID, "")).wantStatus(t, http.StatusOK)

	partial := createdCustomer(t, s, newCustomerBody("partial.onmicrosoft.com", "Microsoft Way"))
	do(t, s, request{method: http.MethodDelete, path: customerPath(*partial.ID, "")}).wantFault(t, http.StatusForbidden, refusalCode(gen.RefusalDeleteRefused))
	do(t, s, request{method: http.MethodDelete, path: customerPath(DocumentedCustomerID, "")}).wantFault(t, http.StatusBadRequest, refusalCode(gen.RefusalNotSandbox))
	after := createdCustomer(t, s, newCustomerBody("after.onmicrosoft.com", "1 Microsoft Way"))
	get(t, s, customerPath(*after.ID, "")).wantStatus(t, http.StatusOK)
}

func TestRelationshipRequest(t *testing.T) {
	s := NewTestServer(t, nil)
	var rr gen.RelationshipRequest
	get(t, s, "/v1/customers/relationshiprequests").decode(t, &rr)
	u, err := url.Parse(derefOr(rr.URL, ""))
	if err != nil || u.Query().Get("partnerId") != PartnerTenantID || u.Query().Get("DAP") != "false" {
		t.Errorf("invitation link %q", derefOr(rr.URL, ""))
	}
}

// TestDocumentedRequestExamplesPassTheSpecCheck sends every request example
// of the spec to the fake: none may be refused as invalid input.
func TestDocumentedRequestExamplesPassTheSpecCheck(t *testing.T) {
	s := NewTestServer(t, nil)
	spec, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	sent := 0
	for path, item := range spec.doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.RequestBody == nil {
				continue
			}
			for name, ex := range op.RequestBody.Value.Content.Get("application/json").Examples {
				// A fresh customer for each example, so earlier ones change nothing.
				c := createdCustomer(t, s, newCustomerBody(fmt.Sprintf("ex%d.onmicrosoft.com", sent), "1 Microsoft Way"))
				p := strings.NewReplacer("{customerTenantId}", *c.ID, "{customer-tenant-id}", *c.ID,
					"{userId}", uuid.NewString(), "{roleId}", uuid.NewString(), "{subscriptionId}", uuid.NewString()).Replace(path)
				raw, err := json.Marshal(ex.Value.Value)
				if err != nil {
					t.Fatal(err)
				}
				r := do(t, s, request{method: method, path: "/v1" + p, body: raw, header: map[string]string{"If-Match": `"stale"`}})
				sent++
				if r.StatusCode == http.StatusBadRequest {
					if code, f := r.fault(t); code == codeInvalidInput || code == codeInvalidCustomerID {
						t.Errorf("%s %s example %s refused: %s", method, path, name, f.Description)
					}
				}
			}
		}
	}
	if sent < 10 {
		t.Fatalf("sent only %d request examples", sent)
	}
}

// refusalCode is the code of a refusal of the spec (gen's table).
func refusalCode(name string) string {
	r, _ := gen.LookupRefusal(name)
	return r.Code
}
