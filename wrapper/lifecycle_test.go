package wrapper_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

func sp(s string) *string { return &s }

// newCustomer is a US customer with the given domain whose address
// verifies in the fake.
func newCustomer(domain string) wrapper.NewCustomer {
	return wrapper.NewCustomer{
		CompanyProfile: wrapper.NewCustomerCompanyProfile{Domain: domain, CompanyName: sp("Lifecycle Ltd")},
		BillingProfile: wrapper.NewCustomerBillingProfile{
			Email: "billing@" + domain, Culture: "en-US", Language: "en", CompanyName: "Lifecycle Ltd",
			FirstName: sp("Ada"), LastName: sp("Lovelace"),
			DefaultAddress: wrapper.Address{
				AddressLine1: sp("1 Microsoft Way"), City: sp("Redmond"), State: sp("WA"), PostalCode: sp("98052"),
				Country: sp("US"), PhoneNumber: sp("4255550101"),
			},
		},
	}
}

// lifecycleClient returns a fake and a client with quick retries.
func lifecycleClient(t *testing.T, opts *fake.Options) (*fake.Server, *wrapper.Client) {
	t.Helper()
	srv := fake.NewTestServer(t, opts)
	c, err := srv.NewClient(&wrapper.ClientOptions{ClientOptions: azcore.ClientOptions{
		Retry: policy.RetryOptions{MaxRetries: 2, RetryDelay: time.Millisecond, MaxRetryDelay: 10 * time.Millisecond},
	}})
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// wantNoRequests fails when the fake received any request since the last reset.
func wantNoRequests(t *testing.T, srv *fake.Server, what string) {
	t.Helper()
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%s: the fake received %d requests, want none (checked before I/O)", what, n)
	}
}

func TestCreateCustomerIsReadBack(t *testing.T) {
	t.Parallel()
	_, c := lifecycleClient(t, nil)
	ctx := context.Background()
	created, err := c.CreateCustomer(ctx, newCustomer("lifecycle-read.onmicrosoft.com"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if created.ID() == "" || created.AdminUserName == "" || created.AdminPassword.IsZero() {
		t.Fatalf("created %+v", created)
	}
	if got, want := created.SignInName(), created.AdminUserName+"@lifecycle-read.onmicrosoft.com"; got != want {
		t.Errorf("SignInName %q, want %q", got, want)
	}
	if created.Customer.UserCredentials != nil {
		t.Error("the customer keeps the credentials")
	}
	got, err := c.GetCustomer(ctx, created.ID(), nil)
	if err != nil {
		t.Fatal(err)
	}
	if *got.CompanyProfile.Domain != "lifecycle-read.onmicrosoft.com" {
		t.Errorf("read back domain %q", *got.CompanyProfile.Domain)
	}
	free, err := c.CheckDomainAvailability(ctx, "lifecycle-read.onmicrosoft.com", nil)
	if err != nil || free {
		t.Errorf("the new customer's domain: free %v, err %v", free, err)
	}
}

func TestCreatedCustomerNeverShowsThePassword(t *testing.T) {
	t.Parallel()
	_, c := lifecycleClient(t, nil)
	created, err := c.CreateCustomer(context.Background(), newCustomer("lifecycle-secret.onmicrosoft.com"), nil)
	if err != nil {
		t.Fatal(err)
	}
	pw := created.AdminPassword.Reveal()
	if len(pw) < 8 {
		t.Fatalf("password %d characters", len(pw))
	}
	js, err := json.Marshal(created)
	if err != nil {
		t.Fatal(err)
	}
	var logged strings.Builder
	slog.New(slog.NewJSONHandler(&logged, nil)).Info("created", "customer", created, "password", created.AdminPassword)
	slog.New(slog.NewTextHandler(&logged, nil)).Info("created", "customer", *created, "password", created.AdminPassword)
	// A struct holding the result in an unexported field: fmt cannot call
	// its methods there and prints by reflection.
	hidden := struct{ c wrapper.CreatedCustomer }{*created}
	forms := map[string]string{
		"json": string(js), "slog": logged.String(),
		"%v": fmt.Sprintf("%v", created), "%+v": fmt.Sprintf("%+v", *created), "%#v": fmt.Sprintf("%#v", *created),
		"%s": fmt.Sprintf("%s", created.AdminPassword), "%q": fmt.Sprintf("%q", created.AdminPassword),
		"%x": fmt.Sprintf("%x", created.AdminPassword), "String": created.AdminPassword.String(),
		"unexported field %+v": fmt.Sprintf("%+v", hidden), "unexported field %#v": fmt.Sprintf("%#v", hidden),
	}
	for name, s := range forms {
		if strings.Contains(s, pw) {
			t.Errorf("%s shows the password: %s", name, s)
		}
	}
	if !strings.Contains(string(js), `"adminPassword":"REDACTED"`) {
		t.Errorf("JSON lacks the redacted password: %s", js)
	}
}

func TestSecretForms(t *testing.T) {
	t.Parallel()
	var zero wrapper.Secret
	if !zero.IsZero() || zero.Reveal() != "" || zero.String() != "" || wrapper.NewSecret("").Reveal() != "" {
		t.Error("the zero Secret is not empty")
	}
	s := wrapper.NewSecret("hunter2")
	if s.Reveal() != "hunter2" || s.IsZero() {
		t.Error("Reveal lost the value")
	}
	txt, _ := s.MarshalText()
	if string(txt) != "REDACTED" || fmt.Sprintf("%#v", s) != `wrapper.Secret("REDACTED")` || fmt.Sprint(&s) != "REDACTED" {
		t.Errorf("forms: %s %#v %v", txt, s, &s)
	}
}

func TestCreateCustomerChecksBeforeIO(t *testing.T) {
	t.Parallel()
	srv, c := lifecycleClient(t, nil)
	srv.ResetRequests()
	breakers := map[string]func(*wrapper.NewCustomer){
		"no domain":        func(n *wrapper.NewCustomer) { n.CompanyProfile.Domain = "" },
		"bad domain":       func(n *wrapper.NewCustomer) { n.CompanyProfile.Domain = "a b.com" },
		"no e-mail":        func(n *wrapper.NewCustomer) { n.BillingProfile.Email = "" },
		"bad e-mail":       func(n *wrapper.NewCustomer) { n.BillingProfile.Email = "nobody" },
		"no culture":       func(n *wrapper.NewCustomer) { n.BillingProfile.Culture = " " },
		"no language":      func(n *wrapper.NewCustomer) { n.BillingProfile.Language = "" },
		"no company name":  func(n *wrapper.NewCustomer) { n.BillingProfile.CompanyName = "" },
		"no city":          func(n *wrapper.NewCustomer) { n.BillingProfile.DefaultAddress.City = nil },
		"no line 1":        func(n *wrapper.NewCustomer) { n.BillingProfile.DefaultAddress.AddressLine1 = sp("") },
		"country of three": func(n *wrapper.NewCustomer) { n.BillingProfile.DefaultAddress.Country = sp("USA") },
		"partner not GUID": func(n *wrapper.NewCustomer) { n.AssociatedPartnerID = sp("reseller") },
	}
	for name, breakIt := range breakers {
		nc := newCustomer("lifecycle-checks.onmicrosoft.com")
		breakIt(&nc)
		if _, err := c.CreateCustomer(context.Background(), nc, nil); !errors.Is(err, wrapper.ErrInvalidInput) {
			t.Errorf("%s: err = %v, want ErrInvalidInput", name, err)
		}
	}
	wantNoRequests(t, srv, "invalid creates")
}

func TestDocumentedRefusalsAreTyped(t *testing.T) {
	t.Parallel()
	_, c := lifecycleClient(t, nil)
	ctx := context.Background()
	ru := func(number, phone *string) wrapper.NewCustomer {
		nc := newCustomer("lifecycle-ru.onmicrosoft.com")
		a := &nc.BillingProfile.DefaultAddress
		a.Country, a.State, a.City, a.PostalCode, a.PhoneNumber = sp("RU"), nil, sp("Moscow"), sp("101000"), phone
		nc.CompanyProfile.OrganizationRegistrationNumber = number
		return nc
	}
	if _, err := c.CreateCustomer(ctx, newCustomer("lifecycle-taken.onmicrosoft.com"), nil); err != nil {
		t.Fatal(err)
	}
	existing, err := c.CreateCustomer(ctx, newCustomer("lifecycle-agree.onmicrosoft.com"), nil)
	if err != nil {
		t.Fatal(err)
	}
	acceptance := wrapper.AgreementAcceptance{
		PrimaryContact: wrapper.AgreementContact{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"},
		TemplateID:     fake.CustomerAgreementTemplateID, Type: wrapper.AgreementTypeMicrosoftCustomerAgreement,
		DateAgreed: wrapper.FormatAgreementDate(time.Now().Add(-time.Minute)),
	}
	if _, err := c.CreateCustomerAgreement(ctx, existing.ID(), acceptance, nil); err != nil {
		t.Fatal(err)
	}
	soe := wrapper.CustomerQualificationRequest{Qualification: wrapper.CustomerQualificationRequestQualificationStateOwnedEntity}
	if _, err := c.CreateCustomerQualification(ctx, existing.ID(), soe, nil); err != nil {
		t.Fatal(err)
	}
	unverified := newCustomer("lifecycle-unverified.onmicrosoft.com")
	unverified.BillingProfile.DefaultAddress.AddressLine1 = sp("Microsoft Way") // StreetPartial in the fake
	undeletable, err := c.CreateCustomer(ctx, unverified, nil)
	if err != nil {
		t.Fatal(err)
	}
	removed, err := c.CreateCustomer(ctx, newCustomer("lifecycle-removed.onmicrosoft.com"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if cu, err := c.RemoveResellerRelationship(ctx, removed.ID(), nil); err != nil || cu.RelationshipToPartner == nil || *cu.RelationshipToPartner != wrapper.RelationshipToPartnerNone {
		t.Fatalf("remove: %v, %+v", err, cu)
	}

	tests := []struct {
		name     string
		call     func() error
		want     error
		category error
	}{
		{"registration number missing", func() error { _, err := c.CreateCustomer(ctx, ru(nil, sp("+7 495 000 00 00")), nil); return err },
			wrapper.ErrRegistrationNumberMissing, wrapper.ErrBadRequest},
		{"registration number invalid", func() error {
			_, err := c.CreateCustomer(ctx, ru(sp("12-34"), sp("+7 495 000 00 00")), nil)
			return err
		}, wrapper.ErrRegistrationNumberInvalid, wrapper.ErrBadRequest},
		{"phone number missing", func() error { _, err := c.CreateCustomer(ctx, ru(sp("1234567"), nil), nil); return err },
			wrapper.ErrPhoneNumberMissing, wrapper.ErrBadRequest},
		{"domain taken", func() error {
			_, err := c.CreateCustomer(ctx, newCustomer("lifecycle-taken.onmicrosoft.com"), nil)
			return err
		}, wrapper.ErrDomainTaken, wrapper.ErrConflict},
		{"second agreement confirmation", func() error {
			_, err := c.CreateCustomerAgreement(ctx, existing.ID(), acceptance, nil)
			return err
		}, wrapper.ErrAgreementAlreadyConfirmed, wrapper.ErrConflict},
		{"qualification again", func() error { _, err := c.CreateCustomerQualification(ctx, existing.ID(), soe, nil); return err },
			wrapper.ErrQualificationExists, wrapper.ErrConflict},
		{"remove an advisor relationship", func() error {
			_, err := c.RemoveResellerRelationship(ctx, fake.ContosoCustomerID, nil)
			return err
		}, wrapper.ErrNotReseller, wrapper.ErrForbidden},
		{"delete outside the sandbox", func() error { return c.DeleteCustomer(ctx, fake.DocumentedCustomerID, nil) },
			wrapper.ErrNotSandbox, wrapper.ErrBadRequest},
		{"delete after an unverified address", func() error { return c.DeleteCustomer(ctx, undeletable.ID(), nil) },
			wrapper.ErrDeleteRefused, wrapper.ErrForbidden},
		{"delete after the relationship was removed", func() error { return c.DeleteCustomer(ctx, removed.ID(), nil) },
			wrapper.ErrNoRelationship, wrapper.ErrForbidden},
	}
	all := []error{wrapper.ErrRegistrationNumberMissing, wrapper.ErrRegistrationNumberInvalid, wrapper.ErrRegistrationNumberNotSupported,
		wrapper.ErrPhoneNumberMissing, wrapper.ErrDomainTaken, wrapper.ErrAgreementAlreadyConfirmed, wrapper.ErrQualificationExists,
		wrapper.ErrNotReseller, wrapper.ErrNotSandbox, wrapper.ErrDeleteRefused, wrapper.ErrNoRelationship}
	for _, tt := range tests {
		err := tt.call()
		var re *wrapper.ResponseError
		if !errors.As(err, &re) || !errors.Is(err, tt.want) || !errors.Is(err, tt.category) {
			t.Errorf("%s: err = %v, want a *ResponseError matching %v and %v", tt.name, err, tt.want, tt.category)
			continue
		}
		for _, other := range all {
			if other != tt.want && errors.Is(err, other) {
				t.Errorf("%s: %v also matches %v", tt.name, err, other)
			}
		}
	}
}

func TestCreateSurvivesADroppedAnswer(t *testing.T) {
	t.Parallel()
	srv, c := lifecycleClient(t, nil)
	srv.HTTPClient().CloseIdleConnections()
	srv.ResetRequests()
	srv.Faults().On("createCustomer").DropAfterCommit(1)
	const domain = "lifecycle-dropped.onmicrosoft.com"
	created, err := c.CreateCustomer(context.Background(), newCustomer(domain), nil)
	if err != nil {
		t.Fatal(err)
	}
	reqs := srv.RequestsFor("createCustomer")
	if len(reqs) != 2 {
		t.Fatalf("%d create requests, want 2 (the dropped one and its retry)", len(reqs))
	}
	if reqs[0].Fault == "" || reqs[0].Header.Get("MS-RequestId") == "" || reqs[0].Header.Get("MS-RequestId") != reqs[1].Header.Get("MS-RequestId") {
		t.Errorf("tries: fault %q, MS-RequestId %q then %q", reqs[0].Fault, reqs[0].Header.Get("MS-RequestId"), reqs[1].Header.Get("MS-RequestId"))
	}
	// Exactly one tenant has the domain, and it is the one returned.
	var ids []string
	filter := &wrapper.CustomerSearchFilter{Field: wrapper.CustomerSearchFilterFieldDomain, Operator: wrapper.CustomerSearchFilterOperatorStartsWith, Value: "lifecycle-dropped"}
	for cu, err := range c.ListCustomers(context.Background(), &wrapper.ListCustomersOptions{Filter: filter}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, *cu.ID)
	}
	if len(ids) != 1 || !strings.EqualFold(ids[0], created.ID()) {
		t.Errorf("customers with the domain: %v, want only %s", ids, created.ID())
	}
	if created.AdminPassword.IsZero() {
		t.Error("the replayed answer lost the password")
	}
}

func TestValidateAddress(t *testing.T) {
	t.Parallel()
	_, c := lifecycleClient(t, nil)
	us := func(line1, line2, city, zip string) wrapper.Address {
		a := wrapper.Address{AddressLine1: sp(line1), City: sp(city), State: sp("WA"), PostalCode: sp(zip), Country: sp("US")}
		if line2 != "" {
			a.AddressLine2 = sp(line2)
		}
		return a
	}
	tests := []struct {
		addr        wrapper.Address
		want        wrapper.AddressValidationStatus
		suggestions int
	}{
		{us("1 Microsoft Way", "", "Redmond", "98052"), wrapper.AddressValidationStatusVerifiedShippable, 1},
		{us("1 Microsoft Way", "", "Bellevue", "98052"), wrapper.AddressValidationStatusInteractionRequired, 1},
		{us("Microsoft Way", "", "Redmond", "98052"), wrapper.AddressValidationStatusStreetPartial, 2},
		{us("1 Microsoft Way", "Suite", "Redmond", "98052"), wrapper.AddressValidationStatusPremisesPartial, 2},
		{us("Microsoft Way", "Suite", "Redmond", "98052"), wrapper.AddressValidationStatusMultiple, 3},
		{us("1 Microsoft Way", "", "Redmond", "ABCDE"), wrapper.AddressValidationStatusNone, 0},
		{wrapper.Address{AddressLine1: sp("1 Rue"), City: sp("Paris"), PostalCode: sp("75001"), Country: sp("FR")}, wrapper.AddressValidationStatusVerified, 1},
		{wrapper.Address{AddressLine1: sp("1 Main"), City: sp("Oslo"), Country: sp("NO")}, wrapper.AddressValidationStatusNotValidated, 0},
	}
	for _, tt := range tests {
		v, err := c.ValidateAddress(context.Background(), tt.addr, nil)
		if err != nil {
			t.Errorf("%s: %v", tt.want, err)
			continue
		}
		verified := tt.want == wrapper.AddressValidationStatusVerified || tt.want == wrapper.AddressValidationStatusVerifiedShippable
		if v.Status != tt.want || len(v.SuggestedAddresses) != tt.suggestions || v.Legacy || !wrapper.KnownAddressValidationStatus(v.Status) ||
			v.NeedsDecision() == verified || v.OriginalAddress.City == nil {
			t.Errorf("%s: got %+v", tt.want, v)
		}
	}
}

func TestValidateAddressKeepsUnknownStatus(t *testing.T) {
	t.Parallel()
	c := cannedClient(t, http.StatusOK, `{"status":"VerifiedOnTheMoon","originalAddress":{"city":"Redmond"},"suggestedAddresses":[],"validationMessage":"new"}`)
	v, err := c.ValidateAddress(context.Background(), wrapper.Address{AddressLine1: sp("1 Way"), City: sp("Redmond"), Country: sp("US")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if v.Status != "VerifiedOnTheMoon" || wrapper.KnownAddressValidationStatus(v.Status) || !v.NeedsDecision() || v.Message != "new" {
		t.Errorf("got %+v", v)
	}
}

// cannedClient returns a client of a server that answers every request
// with status and body.
func cannedClient(t *testing.T, status int, body string) *wrapper.Client {
	t.Helper()
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if body != "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}))
	t.Cleanup(srv.Close)
	c, err := wrapper.NewClient(wrapper.StaticTokenCredential("t", time.Now().Add(time.Hour)), &wrapper.ClientOptions{
		ClientOptions: azcore.ClientOptions{Cloud: wrapper.CustomCloud(srv.URL, fake.Audience, ""), Transport: srv.Client()},
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestValidateAddressOlderForm(t *testing.T) {
	t.Parallel()
	srv, c := lifecycleClient(t, &fake.Options{LegacyAddressValidation: true})
	ok := wrapper.Address{AddressLine1: sp("1 Microsoft Way"), City: sp("Redmond"), State: sp("WA"), PostalCode: sp("98052"), Country: sp("US")}
	v, err := c.ValidateAddress(context.Background(), ok, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Legacy || v.Status != wrapper.AddressValidationStatusVerified || len(v.SuggestedAddresses) != 0 || *v.OriginalAddress.City != "Redmond" {
		t.Errorf("empty 200: %+v", v)
	}
	wrong := ok
	wrong.City = sp("Bellevue")
	v, err = c.ValidateAddress(context.Background(), wrong, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Legacy || v.Status != wrapper.AddressValidationStatusInteractionRequired || len(v.SuggestedAddresses) != 1 ||
		!strings.EqualFold(*v.SuggestedAddresses[0].City, "Redmond") || !strings.Contains(v.Message, "'City' is corrected") {
		t.Errorf("400 with code 2007: %+v", v)
	}
	partial := ok
	partial.AddressLine1 = sp("Microsoft Way")
	if v, err = c.ValidateAddress(context.Background(), partial, nil); err != nil || v.Status != wrapper.AddressValidationStatusStreetPartial {
		t.Errorf("400 with code 2007 naming its status: %+v, %v", v, err)
	}
	// The documented body, verbatim.
	documented := `{"code": 2007,"description": "{\"code\":\"60071\",\"reason\":\"ZipCityInvalid - Details: Field - &#39;City&#39; is corrected from OldValue: &#39;Redmond&#39; to NewValue: &#39;BELLEVUE&#39;.\",\"corrected_address\":{\"country\":\"US\",\"region\":\"WA\",\"city\":\"BELLEVUE\",\"address_line1\":\"One Microsoft Way\",\"postal_code\":\"98007\"},\"object_type\":\"AddressValidation\",\"resource_status\":\"Active\"}","data": [],"source": "PartnerFD"}`
	v, err = cannedClient(t, http.StatusBadRequest, documented).ValidateAddress(context.Background(), ok, nil)
	if err != nil {
		t.Fatal(err)
	}
	if s := v.SuggestedAddresses; v.Status != wrapper.AddressValidationStatusInteractionRequired || len(s) != 1 || *s[0].City != "BELLEVUE" ||
		*s[0].PostalCode != "98007" || *s[0].State != "WA" || !strings.Contains(v.Message, "'City'") {
		t.Errorf("documented 2007: %+v", v)
	}
	// Another 400 stays an error.
	_, err = cannedClient(t, http.StatusBadRequest, `{"code":800002,"description":"bad"}`).ValidateAddress(context.Background(), ok, nil)
	if !errors.Is(err, wrapper.ErrBadRequest) {
		t.Errorf("other 400: %v", err)
	}
	_ = srv
}

func TestCountryValidationRules(t *testing.T) {
	t.Parallel()
	for _, wrapped := range []bool{false, true} {
		srv, c := lifecycleClient(t, &fake.Options{CountryRulesWrapped: wrapped})
		r, err := c.GetCountryValidationRules(context.Background(), "us", nil)
		if err != nil {
			t.Fatal(err)
		}
		if *r.Iso2Code != "US" || !*r.IsStateRequired || len(r.SupportedStatesList) < 50 || len(r.SupportedCulturesList) == 0 {
			t.Errorf("wrapped %v: %+v", wrapped, r)
		}
		if _, err := c.GetCountryValidationRules(context.Background(), "ZZ", nil); !errors.Is(err, wrapper.ErrNotFound) {
			t.Errorf("unknown country: %v", err)
		}
		srv.ResetRequests()
		for _, bad := range []string{"", "USA", "U1"} {
			if _, err := c.GetCountryValidationRules(context.Background(), bad, nil); !errors.Is(err, wrapper.ErrInvalidInput) {
				t.Errorf("%q: %v", bad, err)
			}
		}
		wantNoRequests(t, srv, "bad country codes")
	}
}

func TestAgreements(t *testing.T) {
	t.Parallel()
	srv, c := lifecycleClient(t, nil)
	ctx := context.Background()
	meta, err := c.ListAgreementMetadata(ctx, &wrapper.ListAgreementMetadataOptions{AgreementType: wrapper.AgreementTypeMicrosoftCustomerAgreement})
	if err != nil || len(meta) != 1 || *meta[0].TemplateID != fake.CustomerAgreementTemplateID {
		t.Fatalf("metadata %+v, %v", meta, err)
	}
	if all, err := c.ListAgreementMetadata(ctx, &wrapper.ListAgreementMetadataOptions{AgreementType: wrapper.AgreementTypeAll}); err != nil || len(all) != 2 {
		t.Errorf("every type: %d, %v", len(all), err)
	}
	if _, err := c.GetAgreementDocument(ctx, fake.CustomerAgreementTemplateID, &wrapper.GetAgreementDocumentOptions{Country: "fr"}); !errors.Is(err, wrapper.ErrInvalidInput) {
		t.Errorf("a lower-case country (the service compares case-sensitively): %v", err)
	}
	doc, err := c.GetAgreementDocument(ctx, fake.CustomerAgreementTemplateID, &wrapper.GetAgreementDocumentOptions{Country: "FR", Language: "fr-FR"})
	if err != nil || doc.DownloadURI == nil || *doc.Country != "FR" || *doc.Language != "fr-FR" {
		t.Errorf("document %+v, %v", doc, err)
	}
	created, err := c.CreateCustomer(ctx, newCustomer("lifecycle-agreements.onmicrosoft.com"), nil)
	if err != nil {
		t.Fatal(err)
	}
	a := wrapper.AgreementAcceptance{
		PrimaryContact: wrapper.AgreementContact{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"},
		TemplateID:     fake.CustomerAgreementTemplateID, Type: wrapper.AgreementTypeMicrosoftCustomerAgreement,
		DateAgreed: wrapper.FormatAgreementDate(time.Now().Add(-time.Hour)),
	}
	srv.ResetRequests()
	bad := map[string]func(*wrapper.AgreementAcceptance){
		"in the future": func(a *wrapper.AgreementAcceptance) {
			a.DateAgreed = wrapper.FormatAgreementDate(time.Now().Add(time.Hour))
		},
		"not UTC":            func(a *wrapper.AgreementAcceptance) { a.DateAgreed = "2020-01-01T10:00:00+02:00" },
		"no zone":            func(a *wrapper.AgreementAcceptance) { a.DateAgreed = "2020-01-01T10:00:00" },
		"no template":        func(a *wrapper.AgreementAcceptance) { a.TemplateID = "" },
		"no type":            func(a *wrapper.AgreementAcceptance) { a.Type = "" },
		"no contact e-mail":  func(a *wrapper.AgreementAcceptance) { a.PrimaryContact.Email = "" },
		"no contact surname": func(a *wrapper.AgreementAcceptance) { a.PrimaryContact.LastName = " " },
	}
	for name, breakIt := range bad {
		b := a
		breakIt(&b)
		if _, err := c.CreateCustomerAgreement(ctx, created.ID(), b, nil); !errors.Is(err, wrapper.ErrInvalidInput) {
			t.Errorf("%s: %v", name, err)
		}
	}
	wantNoRequests(t, srv, "invalid acceptances")
	// The agreement types are an open list: a type the client does not
	// know is the service's to judge.
	if _, err := c.ListAgreementMetadata(ctx, &wrapper.ListAgreementMetadataOptions{AgreementType: "MCA"}); !errors.Is(err, wrapper.ErrBadRequest) {
		t.Errorf("unknown listing type: %v", err)
	}
	plus := a
	plus.DateAgreed = strings.Replace(a.DateAgreed, "Z", "+00:00", 1)
	got, err := c.CreateCustomerAgreement(ctx, created.ID(), plus, nil)
	if err != nil || got.UserID == nil || *got.TemplateID != fake.CustomerAgreementTemplateID {
		t.Fatalf("confirm: %+v, %v", got, err)
	}
	list, err := c.ListCustomerAgreements(ctx, created.ID(), &wrapper.ListCustomerAgreementsOptions{AgreementType: wrapper.AgreementTypeMicrosoftCustomerAgreement})
	if err != nil || len(list) != 1 || list[0].PrimaryContact.Email != "ada@example.com" {
		t.Errorf("list %+v, %v", list, err)
	}
	if none, err := c.ListCustomerAgreements(ctx, created.ID(), nil); err != nil || len(none) != 0 {
		t.Errorf("the default (cloud agreement) listing: %+v, %v", none, err)
	}
}

func TestAgreementsArePublicCloudOnly(t *testing.T) {
	t.Parallel()
	sent := 0
	c, err := wrapper.NewClient(wrapper.StaticTokenCredential("t", time.Now().Add(time.Hour)), &wrapper.ClientOptions{
		ClientOptions: azcore.ClientOptions{Cloud: cloud.AzureChina, Transport: transportFunc(func(*http.Request) (*http.Response, error) {
			sent++
			return nil, errors.New("no network in this test")
		})},
	})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	a := wrapper.AgreementAcceptance{PrimaryContact: wrapper.AgreementContact{FirstName: "A", LastName: "B", Email: "a@b.c"},
		TemplateID: fake.CustomerAgreementTemplateID, Type: wrapper.AgreementTypeMicrosoftCustomerAgreement, DateAgreed: "2020-01-01T00:00:00Z"}
	calls := map[string]error{}
	_, calls["metadata"] = c.ListAgreementMetadata(ctx, nil)
	_, calls["document"] = c.GetAgreementDocument(ctx, fake.CustomerAgreementTemplateID, nil)
	_, calls["list"] = c.ListCustomerAgreements(ctx, fake.DocumentedCustomerID, nil)
	_, calls["confirm"] = c.CreateCustomerAgreement(ctx, fake.DocumentedCustomerID, a, nil)
	_, calls["onboard"] = c.Onboard(ctx, wrapper.OnboardRequest{Customer: newCustomer("x.onmicrosoft.com"), Agreement: &a}, nil)
	for name, err := range calls {
		if !errors.Is(err, wrapper.ErrNotInCloud) {
			t.Errorf("%s: %v, want ErrNotInCloud", name, err)
		}
	}
	if sent != 0 {
		t.Errorf("%d requests sent", sent)
	}
}

// transportFunc is a policy.Transporter made of a function.
type transportFunc func(*http.Request) (*http.Response, error)

func (f transportFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

func TestQualifications(t *testing.T) {
	t.Parallel()
	srv, c := lifecycleClient(t, nil)
	ctx := context.Background()
	created, err := c.CreateCustomer(ctx, newCustomer("lifecycle-qualify.onmicrosoft.com"), nil)
	if err != nil {
		t.Fatal(err)
	}
	id := created.ID()
	srv.ResetRequests()
	for name, q := range map[string]wrapper.CustomerQualificationRequest{
		"education without segment": {Qualification: wrapper.CustomerQualificationRequestQualificationEducation},
		"education with a bad site": {Qualification: wrapper.CustomerQualificationRequestQualificationEducation, EducationSegment: sp("K12"), Website: sp("ftp://x")},
		"GCC without code":          {Qualification: wrapper.CustomerQualificationRequestQualificationGovernmentCommunityCloud},
		"unknown":                   {Qualification: "Charity"},
	} {
		if _, err := c.CreateCustomerQualification(ctx, id, q, nil); !errors.Is(err, wrapper.ErrInvalidInput) {
			t.Errorf("%s: %v", name, err)
		}
	}
	wantNoRequests(t, srv, "invalid qualification requests")

	q, err := c.CreateCustomerQualification(ctx, id, wrapper.CustomerQualificationRequest{Qualification: wrapper.CustomerQualificationRequestQualificationEducation,
		EducationSegment: sp("HigherEducation"), Website: sp("https://contoso.edu")}, nil)
	if err != nil || q.VettingStatus == nil || *q.VettingStatus != wrapper.VettingStatusInReview {
		t.Fatalf("education: %+v, %v", q, err)
	}
	if _, err := c.CreateCustomerQualification(ctx, id, wrapper.CustomerQualificationRequest{Qualification: wrapper.CustomerQualificationRequestQualificationGovernmentCommunityCloud,
		ValidationCode: sp("12345")}, nil); err != nil {
		t.Fatal(err)
	}
	// The fake records the value of a credential parameter ("code") redacted.
	if r := srv.RequestsFor("createCustomerQualification"); len(r) != 2 || r[1].RawQuery != "code=REDACTED" {
		t.Errorf("the GCC code is not the documented query parameter: %+v", r)
	}
	statuses := func() map[string]string {
		list, err := c.ListCustomerQualifications(ctx, id, nil)
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, q := range list {
			m[*q.Qualification] = *q.VettingStatus
		}
		return m
	}
	first, second := statuses(), statuses()
	if first["Education"] != wrapper.VettingStatusInReview || second["Education"] != wrapper.VettingStatusApproved ||
		second["GovernmentCommunityCloud"] != wrapper.VettingStatusApproved {
		t.Errorf("vetting: %v then %v", first, second)
	}
}

func TestOffboardingAndInvitation(t *testing.T) {
	t.Parallel()
	_, c := lifecycleClient(t, nil)
	ctx := context.Background()
	created, err := c.CreateCustomer(ctx, newCustomer("lifecycle-delete.onmicrosoft.com"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteCustomer(ctx, created.ID(), nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetCustomer(ctx, created.ID(), nil); !errors.Is(err, wrapper.ErrNotFound) {
		t.Errorf("read after delete: %v", err)
	}
	if free, err := c.CheckDomainAvailability(ctx, "lifecycle-delete.onmicrosoft.com", nil); err != nil || !free {
		t.Errorf("the deleted customer's domain: free %v, %v", free, err)
	}
	link, err := c.GetRelationshipRequest(ctx, &wrapper.GetRelationshipRequestOptions{IndirectResellerID: fake.PartnerUserID})
	if err != nil || link.URL == nil || !strings.Contains(*link.URL, fake.PartnerTenantID) || !strings.Contains(*link.URL, "indirectResellerId="+fake.PartnerUserID) {
		t.Errorf("link %+v, %v", link, err)
	}
	if _, err := c.GetRelationshipRequest(ctx, &wrapper.GetRelationshipRequestOptions{IndirectResellerID: "x"}); !errors.Is(err, wrapper.ErrInvalidInput) {
		t.Errorf("bad reseller ID: %v", err)
	}
}

func TestMalformedCreateAnswerHidesItsBody(t *testing.T) {
	t.Parallel()
	const pw = "KNOWN-pw-4711"
	bodies := map[string]string{
		"truncated JSON": `{"id":"` + fake.DocumentedCustomerID + `","userCredentials":{"userName":"admin","password":"` + pw + `"`,
		"not JSON":       `userName=admin password=` + pw,
		"wrong type":     `{"id":"` + fake.DocumentedCustomerID + `","userCredentials":{"userName":"admin","password":"` + pw + `"},"customDomains":"x"}`,
	}
	for name, body := range bodies {
		c := cannedClient(t, http.StatusCreated, body)
		_, err := c.CreateCustomer(context.Background(), newCustomer("lifecycle-bad.onmicrosoft.com"), nil)
		if !errors.Is(err, wrapper.ErrMalformedResponse) {
			t.Errorf("%s: err = %v", name, err)
			continue
		}
		for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
			if strings.Contains(s, pw) {
				t.Errorf("%s: the error shows the password: %s", name, s)
			}
		}
	}
}
