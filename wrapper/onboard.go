package wrapper

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
)

// OnboardStep names a step of Client.Onboard.
type OnboardStep string

// The steps of Client.Onboard, in order.
const (
	// OnboardStepInput checks the request before any call.
	OnboardStepInput OnboardStep = "input"
	// OnboardStepDomain checks that the domain is free.
	OnboardStepDomain OnboardStep = "domain"
	// OnboardStepCountryRules checks the customer against its country's rules.
	OnboardStepCountryRules OnboardStep = "country-rules"
	// OnboardStepAddress validates the billing address.
	OnboardStepAddress OnboardStep = "address"
	// OnboardStepCreate creates the customer.
	OnboardStepCreate OnboardStep = "create"
	// OnboardStepAgreement records the customer's acceptance of the agreement.
	OnboardStepAgreement OnboardStep = "agreement"
)

// Reasons Onboard stops before creating the customer, wrapped in its
// *OnboardError (and both matching ErrInvalidInput).
var (
	// ErrCountryRules: the customer breaks its country's rules (a state,
	// postal code or registration number missing or malformed).
	ErrCountryRules = errors.New("the customer does not meet the country's rules")
	// ErrAddressNeedsDecision: the address did not verify. The result's
	// Address holds the status and the suggested addresses to choose from.
	ErrAddressNeedsDecision = errors.New("the address needs a decision")
)

// OnboardRequest is a customer to onboard.
type OnboardRequest struct {
	// Customer is the customer to create.
	Customer NewCustomer
	// Agreement, when set, is the customer's acceptance of an agreement,
	// recorded once the customer exists. Empty fields are filled: Type with
	// the Microsoft Customer Agreement, TemplateID with that type's
	// template from ListAgreementMetadata, DateAgreed with the time of the
	// call; the primary contact is required.
	Agreement *AgreementAcceptance
}

// OnboardOptions holds the optional settings of Client.Onboard.
type OnboardOptions struct {
	// ValidateOnly stops after the checks (domain, country rules, address),
	// before creating anything.
	ValidateOnly bool
	// AcceptUnverifiedAddress creates the customer even when the address
	// did not verify, instead of stopping with ErrAddressNeedsDecision. The
	// reference pages warn that a sandbox customer created this way cannot
	// be deleted.
	AcceptUnverifiedAddress bool
	// Progress, when set, is called after each step, from the calling
	// goroutine.
	Progress func(OnboardProgress)
	CallOptions
}

// OnboardProgress reports one finished step.
type OnboardProgress struct {
	// Step is the step.
	Step OnboardStep
	// Detail says what the step found or did, in a few words.
	Detail string
	// Err is the step's failure, nil when it succeeded.
	Err error
}

// OnboardResult is what Onboard found and did. It is returned even with an
// error, holding the steps done until then.
type OnboardResult struct {
	// Completed lists the steps that succeeded, in order.
	Completed []OnboardStep `json:"completed"`
	// DomainAvailable is whether the domain was free.
	DomainAvailable bool `json:"domainAvailable"`
	// CountryRules are the rules of the customer's country.
	CountryRules *CountryInformation `json:"countryRules,omitempty"`
	// Address is the verdict on the billing address, with its suggestions.
	Address *AddressValidation `json:"address,omitempty"`
	// Customer is the created customer, with the administrator's password
	// (a Secret); nil when nothing was created.
	Customer *CreatedCustomer `json:"customer,omitempty"`
	// Agreement is the recorded acceptance, when one was asked for.
	Agreement *Agreement `json:"agreement,omitempty"`
}

// CustomerID returns the created customer's tenant ID, or "".
func (r *OnboardResult) CustomerID() string {
	if r == nil {
		return ""
	}
	return r.Customer.ID()
}

// OnboardError is the failure of one step of Onboard. It wraps the step's
// error, so errors.Is and errors.As see the cause (a *ResponseError,
// ErrDomainTaken, ErrAddressNeedsDecision, ...).
type OnboardError struct {
	// Step is the step that failed.
	Step OnboardStep
	// CustomerID is the tenant ID of the customer created before the
	// failure, "" when none was created.
	CustomerID string
	// Err is the step's error.
	Err error
}

// Error names the step, the cause and the customer created, if any.
func (e *OnboardError) Error() string {
	msg := "onboarding: step " + string(e.Step) + " failed: " + e.Err.Error()
	if e.CustomerID != "" {
		msg += " (customer " + e.CustomerID + " was created)"
	}
	return msg
}

// Unwrap returns the step's error.
func (e *OnboardError) Unwrap() error { return e.Err }

// Onboard creates a customer in one go: it checks the request (before any
// call), that the domain is free, the customer against its country's rules
// and the billing address with the service, then creates the customer
// and, with req.Agreement, records the agreement acceptance. It stops at
// the first failure with an *OnboardError naming the step; an address that
// does not verify stops it with ErrAddressNeedsDecision and the
// suggestions in the result's Address (unless
// opts.AcceptUnverifiedAddress). With opts.ValidateOnly it stops before
// creating.
//
// The result is returned with the error too: when the agreement step
// fails, result.Customer (and OnboardError.CustomerID) still give the
// customer that was created; record the acceptance with
// CreateCustomerAgreement then, and do not onboard it again.
func (c *Client) Onboard(ctx context.Context, req OnboardRequest, opts *OnboardOptions) (*OnboardResult, error) {
	var o OnboardOptions
	if opts != nil {
		o = *opts
	}
	co := o.CallOptions
	// The answers' text is quoted in errors and progress details without
	// the secrets of the requests (and the new password, once there is one).
	ctx, seen := scrub.WithSeen(ctx)
	res := &OnboardResult{Completed: []OnboardStep{}}
	report := func(step OnboardStep, detail string, err error) error {
		if o.Progress != nil {
			o.Progress(OnboardProgress{Step: step, Detail: detail, Err: err})
		}
		if err != nil {
			return &OnboardError{Step: step, CustomerID: res.CustomerID(), Err: err}
		}
		res.Completed = append(res.Completed, step)
		return nil
	}

	nc := req.Customer
	var acceptance *AgreementAcceptance
	if req.Agreement != nil {
		a := *req.Agreement
		acceptance = &a
	}
	if err := checkOnboardInput(c, &nc, acceptance, time.Now()); err != nil {
		return res, report(OnboardStepInput, "", err)
	}
	if err := report(OnboardStepInput, "the request is complete", nil); err != nil {
		return res, err
	}

	domain := strings.TrimSpace(nc.CompanyProfile.Domain)
	free, err := c.CheckDomainAvailability(ctx, domain, &CheckDomainAvailabilityOptions{CallOptions: co})
	if err == nil && !free {
		err = fmt.Errorf("%w: %s", ErrDomainTaken, domain)
	}
	res.DomainAvailable = free
	if err := report(OnboardStepDomain, domain+" is free", err); err != nil {
		return res, err
	}

	addr := nc.BillingProfile.DefaultAddress
	country := strings.ToUpper(*addr.Country)
	rules, err := c.GetCountryValidationRules(ctx, country, &GetCountryValidationRulesOptions{CallOptions: co})
	if err == nil {
		res.CountryRules = rules
		if problems := check.CountryRules(rules, &nc, seen.Secrets()...); len(problems) > 0 {
			err = &check.InputError{Cause: ErrCountryRules, Problems: problems}
		}
	}
	if err := report(OnboardStepCountryRules, "the customer meets the rules of "+country, err); err != nil {
		return res, err
	}

	v, err := c.ValidateAddress(ctx, addr, &ValidateAddressOptions{CallOptions: co})
	detail := ""
	if err == nil {
		res.Address = v
		detail = "status " + seen.Line(v.Status, 64)
		if v.NeedsDecision() {
			if o.AcceptUnverifiedAddress {
				detail += ", accepted as it is"
			} else {
				err = fmt.Errorf("%w: %w: status %s with %d suggested addresses%s", ErrInvalidInput, ErrAddressNeedsDecision,
					seen.QuoteLine(v.Status), len(v.SuggestedAddresses), messageSuffix(v.Message, seen))
			}
		}
	}
	if err := report(OnboardStepAddress, detail, err); err != nil {
		return res, err
	}
	if o.ValidateOnly {
		return res, nil
	}

	created, err := c.CreateCustomer(ctx, nc, &CreateCustomerOptions{CallOptions: co})
	if err == nil {
		res.Customer = created
		detail = "customer " + created.ID()
		if pw := created.AdminPassword.Reveal(); pw != "" {
			// Later answers may echo it: their errors scrub it too.
			seen.Add(pw)
			ctx = scrub.WithSecrets(ctx, pw)
		}
	}
	if err := report(OnboardStepCreate, detail, err); err != nil {
		return res, err
	}
	if acceptance == nil {
		return res, nil
	}

	if acceptance.TemplateID == "" {
		acceptance.TemplateID, err = c.agreementTemplate(ctx, string(acceptance.Type), co)
	}
	if err == nil {
		res.Agreement, err = c.CreateCustomerAgreement(ctx, created.ID(), *acceptance, &CreateCustomerAgreementOptions{CallOptions: co})
	}
	return res, report(OnboardStepAgreement, string(acceptance.Type)+" accepted on "+acceptance.DateAgreed, err)
}

// messageSuffix returns ": message", or "" for an empty message. The
// message is the service's text: the secrets seen are replaced and it is
// put on one printable line.
func messageSuffix(m string, seen *scrub.Seen) string {
	if m == "" {
		return ""
	}
	return ": " + seen.Line(m, scrub.MaxDescription)
}

// checkOnboardInput checks the request and fills the acceptance's defaults.
func checkOnboardInput(c *Client, nc *NewCustomer, a *AgreementAcceptance, now time.Time) error {
	problems := check.NewCustomer(nc)
	if a == nil {
		return problems.Err()
	}
	if err := c.notInCloud(gen.OperationCreateCustomerAgreement); err != nil {
		return err
	}
	if a.Type == "" {
		a.Type = AgreementTypeMicrosoftCustomerAgreement
	}
	if a.DateAgreed == "" {
		a.DateAgreed = FormatAgreementDate(now)
	}
	acc := *a
	if acc.TemplateID == "" {
		acc.TemplateID = "00000000-0000-0000-0000-000000000000" // looked up later
	}
	for _, p := range check.Acceptance(&acc, now) {
		problems = append(problems, check.Problem{Path: "agreement." + p.Path, Message: p.Message})
	}
	return problems.Err()
}

// agreementTemplate returns the template ID of the agreement type.
func (c *Client) agreementTemplate(ctx context.Context, kind string, co CallOptions) (string, error) {
	items, err := c.ListAgreementMetadata(ctx, &ListAgreementMetadataOptions{AgreementType: kind, CallOptions: co})
	if err != nil {
		return "", err
	}
	for _, m := range items {
		if m.AgreementType != nil && strings.EqualFold(*m.AgreementType, kind) && m.TemplateID != nil && *m.TemplateID != "" {
			return *m.TemplateID, nil
		}
	}
	return "", fmt.Errorf("%w: the service lists no %s template", ErrNotFound, kind)
}
