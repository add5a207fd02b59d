package wrapper_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// progressLog records the steps Onboard reports.
type progressLog []wrapper.OnboardProgress

func (p *progressLog) add(s wrapper.OnboardProgress) { *p = append(*p, s) }

func (p progressLog) steps() string {
	var b []string
	for _, s := range p {
		mark := "ok"
		if s.Err != nil {
			mark = "failed"
		}
		b = append(b, string(s.Step)+":"+mark)
	}
	return strings.Join(b, " ")
}

var contact = wrapper.AgreementContact{FirstName: "Ada", LastName: "Lovelace", Email: "ada@example.com"}

func TestOnboardCreatesAndAgrees(t *testing.T) {
	t.Parallel()
	srv, c := lifecycleClient(t, nil)
	var log progressLog
	res, err := c.Onboard(context.Background(), wrapper.OnboardRequest{
		Customer:  newCustomer("onboard-ok.onmicrosoft.com"),
		Agreement: &wrapper.AgreementAcceptance{PrimaryContact: contact},
	}, &wrapper.OnboardOptions{Progress: log.add})
	if err != nil {
		t.Fatal(err)
	}
	if got := log.steps(); got != "input:ok domain:ok country-rules:ok address:ok create:ok agreement:ok" {
		t.Errorf("steps %s", got)
	}
	if res.CustomerID() == "" || res.Customer.AdminPassword.IsZero() || res.Agreement == nil ||
		*res.Agreement.TemplateID != fake.CustomerAgreementTemplateID || !res.DomainAvailable || res.Address.Status != wrapper.AddressValidationStatusVerifiedShippable {
		t.Errorf("result %+v", res)
	}
	list, err := c.ListCustomerAgreements(context.Background(), res.CustomerID(), &wrapper.ListCustomerAgreementsOptions{AgreementType: wrapper.AgreementTypeMicrosoftCustomerAgreement})
	if err != nil || len(list) != 1 {
		t.Errorf("agreements %+v, %v", list, err)
	}
	if n := len(srv.RequestsFor("createCustomer")); n != 1 {
		t.Errorf("%d creates", n)
	}
}

func TestOnboardValidateOnlyCreatesNothing(t *testing.T) {
	t.Parallel()
	srv, c := lifecycleClient(t, nil)
	var log progressLog
	res, err := c.Onboard(context.Background(), wrapper.OnboardRequest{Customer: newCustomer("onboard-dry.onmicrosoft.com")},
		&wrapper.OnboardOptions{ValidateOnly: true, Progress: log.add})
	if err != nil {
		t.Fatal(err)
	}
	if got := log.steps(); got != "input:ok domain:ok country-rules:ok address:ok" || res.Customer != nil || res.CustomerID() != "" {
		t.Errorf("steps %s, result %+v", got, res)
	}
	if n := len(srv.RequestsFor("createCustomer")); n != 0 {
		t.Errorf("%d creates", n)
	}
}

func TestOnboardStopsAtEachStep(t *testing.T) {
	t.Parallel()
	srv, c := lifecycleClient(t, nil)
	ru := newCustomer("onboard-ru.onmicrosoft.com")
	a := &ru.BillingProfile.DefaultAddress
	a.Country, a.State, a.City, a.PostalCode = sp("RU"), nil, sp("Moscow"), sp("101000")
	partial := newCustomer("onboard-partial.onmicrosoft.com")
	partial.BillingProfile.DefaultAddress.AddressLine1 = sp("Microsoft Way")
	badState := newCustomer("onboard-state.onmicrosoft.com")
	badState.BillingProfile.DefaultAddress.State = sp("XX")
	future := &wrapper.AgreementAcceptance{PrimaryContact: contact, DateAgreed: "2999-01-01T00:00:00Z"}
	tests := []struct {
		name  string
		req   wrapper.OnboardRequest
		step  wrapper.OnboardStep
		is    []error
		steps string
	}{
		{"invalid input", wrapper.OnboardRequest{Customer: newCustomer("bad domain")}, wrapper.OnboardStepInput,
			[]error{wrapper.ErrInvalidInput}, "input:failed"},
		{"agreement in the future", wrapper.OnboardRequest{Customer: newCustomer("onboard-future.onmicrosoft.com"), Agreement: future},
			wrapper.OnboardStepInput, []error{wrapper.ErrInvalidInput}, "input:failed"},
		{"domain taken", wrapper.OnboardRequest{Customer: newCustomer("abcdefgh1234.onmicrosoft.com")}, wrapper.OnboardStepDomain,
			[]error{wrapper.ErrDomainTaken}, "input:ok domain:failed"},
		{"registration number and phone", wrapper.OnboardRequest{Customer: ru}, wrapper.OnboardStepCountryRules,
			[]error{wrapper.ErrCountryRules, wrapper.ErrInvalidInput}, "input:ok domain:ok country-rules:failed"},
		{"state of no country", wrapper.OnboardRequest{Customer: badState}, wrapper.OnboardStepCountryRules,
			[]error{wrapper.ErrCountryRules}, "input:ok domain:ok country-rules:failed"},
		{"address needs a decision", wrapper.OnboardRequest{Customer: partial}, wrapper.OnboardStepAddress,
			[]error{wrapper.ErrAddressNeedsDecision, wrapper.ErrInvalidInput}, "input:ok domain:ok country-rules:ok address:failed"},
	}
	for _, tt := range tests {
		var log progressLog
		res, err := c.Onboard(context.Background(), tt.req, &wrapper.OnboardOptions{Progress: log.add})
		var oe *wrapper.OnboardError
		if !errors.As(err, &oe) || oe.Step != tt.step || oe.CustomerID != "" || res == nil || res.Customer != nil {
			t.Errorf("%s: err = %v, result %+v; want an *OnboardError at %s", tt.name, err, res, tt.step)
			continue
		}
		for _, want := range tt.is {
			if !errors.Is(err, want) {
				t.Errorf("%s: %v does not match %v", tt.name, err, want)
			}
		}
		if log.steps() != tt.steps {
			t.Errorf("%s: steps %s, want %s", tt.name, log.steps(), tt.steps)
		}
		if tt.step == wrapper.OnboardStepAddress && (res.Address == nil || res.Address.Status != wrapper.AddressValidationStatusStreetPartial || len(res.Address.SuggestedAddresses) == 0) {
			t.Errorf("%s: no suggestions in %+v", tt.name, res.Address)
		}
		if !strings.Contains(err.Error(), "step "+string(tt.step)) {
			t.Errorf("%s: the message does not name the step: %v", tt.name, err)
		}
	}
	if n := len(srv.RequestsFor("createCustomer")); n != 0 {
		t.Errorf("%d creates", n)
	}
	// The address accepted as it is.
	res, err := c.Onboard(context.Background(), wrapper.OnboardRequest{Customer: partial}, &wrapper.OnboardOptions{AcceptUnverifiedAddress: true})
	if err != nil || res.CustomerID() == "" {
		t.Errorf("accepting the address: %v", err)
	}
}

func TestOnboardNamesTheCustomerWhenTheAgreementFails(t *testing.T) {
	t.Parallel()
	srv, c := lifecycleClient(t, nil)
	srv.Faults().On("createCustomerAgreement").FailNext(3, 500)
	res, err := c.Onboard(context.Background(), wrapper.OnboardRequest{
		Customer:  newCustomer("onboard-late.onmicrosoft.com"),
		Agreement: &wrapper.AgreementAcceptance{PrimaryContact: contact},
	}, nil)
	var oe *wrapper.OnboardError
	if !errors.As(err, &oe) || oe.Step != wrapper.OnboardStepAgreement || !errors.Is(err, wrapper.ErrServer) {
		t.Fatalf("err = %v", err)
	}
	if oe.CustomerID == "" || oe.CustomerID != res.CustomerID() || !strings.Contains(err.Error(), oe.CustomerID) {
		t.Errorf("customer %q, result %q, message %v", oe.CustomerID, res.CustomerID(), err)
	}
	if _, err := c.GetCustomer(context.Background(), oe.CustomerID, nil); err != nil {
		t.Errorf("the created customer: %v", err)
	}
}
