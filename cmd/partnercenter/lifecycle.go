package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/wrapper"
)

// The customer lifecycle commands: create (onboarding), address and country
// checks, agreements, qualifications, offboarding and the invitation link.

// maxInputFile caps the size of a --from file.
const maxInputFile = 1 << 20

// exampleInputFile is the input file the examples name.
const exampleInputFile = "cmd/partnercenter/testdata/new-customer.json"

// lifecycleCommands are the lifecycle subcommands of the "customer" group.
func (a *app) lifecycleCommands() []*command {
	return []*command{
		a.customerCreate(),
		a.customerValidateAddress(),
		a.customerQualify(),
	}
}

// createFlags holds the flags of "customer create".
type createFlags struct {
	from                    string
	validateOnly            bool
	acceptAgreement         bool
	agreementDate           string
	acceptUnverifiedAddress bool
	showPassword            bool
}

// customerCreate is "customer create".
func (a *app) customerCreate() *command {
	var f createFlags
	cmd := &command{
		name:    "create",
		summary: "onboard a new customer from a JSON file: check, create, accept the agreement",
		long: "Create a customer from FILE, a JSON document shaped like the service's create\n" +
			"request (companyProfile with the domain, billingProfile with the contact and its\n" +
			"defaultAddress). Before creating, it checks that the domain is free, the\n" +
			"customer against the rules of its country (state, postal code, registration\n" +
			"number) and the address with the service; it stops with the suggested\n" +
			"addresses when the address does not verify (--accept-unverified-address\n" +
			"creates it anyway). --validate-only stops after the checks.\n" +
			"\n" +
			"With --accept-agreement it then records that the billing contact accepted the\n" +
			"Microsoft Customer Agreement (now, or at --agreement-date).\n" +
			"\n" +
			"Each step is reported on stderr; the result (the customer ID, the first\n" +
			"administrator's user name) goes to stdout, also when a later step fails. The\n" +
			"administrator's password is given out once by the service: it is shown only\n" +
			"with --show-password; store it at once.",
		examples: []string{
			"partnercenter --fake customer create --from " + exampleInputFile + " --validate-only",
			"partnercenter --fake -o table customer create --from " + exampleInputFile + " --accept-agreement",
			"partnercenter customer create --from new-customer.json --show-password",
		},
	}
	cmd.setFlags = func(fs *flag.FlagSet) {
		fs.StringVar(&f.from, "from", "", "read the new customer from `FILE` (JSON, required)")
		fs.BoolVar(&f.validateOnly, "validate-only", false, "run the checks, create nothing")
		fs.BoolVar(&f.acceptAgreement, "accept-agreement", false, "record the billing contact's acceptance of the Microsoft Customer Agreement")
		fs.StringVar(&f.agreementDate, "agreement-date", "", "when the agreement was accepted, `TIME` in RFC 3339 UTC (default: now)")
		fs.BoolVar(&f.acceptUnverifiedAddress, "accept-unverified-address", false, "create the customer even when the address does not verify")
		fs.BoolVar(&f.showPassword, "show-password", false, "print the first administrator's password")
	}
	cmd.run = func(ctx context.Context, _ []string) error {
		if f.from == "" {
			return newUsageError(cmd, "--from FILE is required")
		}
		nc, err := readNewCustomer(ctx, f.from)
		if bad := (*inputFileError)(nil); errors.As(err, &bad) {
			// Every problem of the file, on stdout as on stderr.
			_ = a.printer().onboarded(&wrapper.OnboardResult{Completed: []wrapper.OnboardStep{}},
				&wrapper.OnboardError{Step: wrapper.OnboardStepInput, Err: err}, f)
			return err
		}
		if err != nil {
			if ctx.Err() != nil {
				return err // interrupted (exit 130) or --timeout
			}
			return newUsageError(cmd, "%v", err)
		}
		req := wrapper.OnboardRequest{Customer: nc}
		if f.acceptAgreement {
			if req.Agreement, err = billingContactAcceptance(&nc, f.agreementDate); err != nil {
				return newUsageError(cmd, "--accept-agreement: %v", err)
			}
		} else if f.agreementDate != "" {
			return newUsageError(cmd, "--agreement-date needs --accept-agreement")
		}
		client, err := a.getClient()
		if err != nil {
			return err
		}
		res, err := client.Onboard(ctx, req, &wrapper.OnboardOptions{
			ValidateOnly:            f.validateOnly,
			AcceptUnverifiedAddress: f.acceptUnverifiedAddress,
			Progress:                a.onboardProgress,
		})
		if perr := a.printer().onboarded(res, err, f); perr != nil && err == nil {
			return perr
		}
		return err
	}
	return cmd
}

// onboardProgress reports a step of the onboarding on stderr.
func (a *app) onboardProgress(p wrapper.OnboardProgress) {
	if a.g.quiet {
		return
	}
	if p.Err != nil {
		fmt.Fprintf(a.stderr, "[failed] %s\n", p.Step)
		return
	}
	fmt.Fprintf(a.stderr, "[ok] %s: %s\n", p.Step, sanitize(p.Detail, false))
}

// readNewCustomer reads a create request from a JSON file (of at most
// maxInputFile bytes; reading ends with ctx, see readInputFile), refusing
// unknown fields (a misspelt field would otherwise be dropped without a
// word) and values of the wrong type; an *inputFileError lists every
// problem (see decodeNewCustomer).
func readNewCustomer(ctx context.Context, path string) (wrapper.NewCustomer, error) {
	var nc wrapper.NewCustomer
	data, err := readInputFile(ctx, path, maxInputFile)
	if err != nil {
		return nc, err
	}
	return decodeNewCustomer(path, data)
}

// billingContactAcceptance is the acceptance of the Microsoft Customer
// Agreement by the new customer's billing contact, at date (RFC 3339, UTC)
// or now.
func billingContactAcceptance(nc *wrapper.NewCustomer, date string) (*wrapper.AgreementAcceptance, error) {
	b := &nc.BillingProfile
	first, last := str(b.FirstName), str(b.LastName)
	if first == "" {
		first = str(b.DefaultAddress.FirstName)
	}
	if last == "" {
		last = str(b.DefaultAddress.LastName)
	}
	if first == "" || last == "" {
		return nil, errors.New("the billing profile names no contact (firstName and lastName)")
	}
	a := &wrapper.AgreementAcceptance{
		PrimaryContact: wrapper.AgreementContact{FirstName: first, LastName: last, Email: b.Email, PhoneNumber: b.DefaultAddress.PhoneNumber},
		Type:           wrapper.AgreementTypeMicrosoftCustomerAgreement,
		DateAgreed:     date,
	}
	return a, nil
}

// onboardOutput is what "customer create" prints.
type onboardOutput struct {
	CustomerID       string                     `json:"customerId,omitempty"`
	Domain           string                     `json:"domain,omitempty"`
	CompletedSteps   []wrapper.OnboardStep      `json:"completedSteps"`
	FailedStep       wrapper.OnboardStep        `json:"failedStep,omitempty"`
	ValidateOnly     bool                       `json:"validateOnly,omitempty"`
	AdminSignIn      string                     `json:"adminSignIn,omitempty"`
	AdminPassword    string                     `json:"adminPassword,omitempty"`
	PasswordWithheld bool                       `json:"passwordWithheld,omitempty"`
	Address          *wrapper.AddressValidation `json:"address,omitempty"`
	Agreement        *wrapper.Agreement         `json:"agreement,omitempty"`
	// Problems lists, for input refused by a check, every problem with
	// the JSON path of its value.
	Problems check.Problems `json:"problems,omitempty"`
}

// onboarded prints the outcome of an onboarding, also a failed one that
// got past the input checks.
func (p *printer) onboarded(res *wrapper.OnboardResult, err error, f createFlags) error {
	var oe *wrapper.OnboardError
	var input *check.InputError
	errors.As(err, &input)
	if res == nil || errors.As(err, &oe) && oe.Step == wrapper.OnboardStepInput && input == nil {
		return nil
	}
	out := onboardOutput{CompletedSteps: res.Completed, ValidateOnly: f.validateOnly, Address: res.Address, Agreement: res.Agreement}
	if input != nil {
		out.Problems = input.Problems
	}
	if oe != nil {
		out.FailedStep = oe.Step
	}
	if c := res.Customer; c != nil {
		out.CustomerID = c.ID()
		out.AdminSignIn = c.SignInName()
		if cp := c.Customer.CompanyProfile; cp != nil {
			out.Domain = str(cp.Domain)
		}
		if f.showPassword {
			out.AdminPassword = c.AdminPassword.Reveal()
		} else {
			out.PasswordWithheld = !c.AdminPassword.IsZero()
		}
	}
	return p.emit(out, func() []field {
		steps := make([]string, len(out.CompletedSteps))
		for i, s := range out.CompletedSteps {
			steps[i] = string(s)
		}
		fs := []field{{"Customer ID", out.CustomerID}, {"Domain", out.Domain}, {"Completed", strings.Join(steps, ", ")},
			{"Failed step", string(out.FailedStep)}, {"Admin sign-in", out.AdminSignIn}}
		switch {
		case out.AdminPassword != "":
			fs = append(fs, field{"Admin password", out.AdminPassword})
		case out.PasswordWithheld:
			fs = append(fs, field{"Admin password", "withheld (run with --show-password to see it; the service gives it out once)"})
		}
		if f.validateOnly && err == nil {
			fs = append(fs, field{"Result", "the checks passed; nothing was created (--validate-only)"})
		}
		if v := out.Address; v != nil {
			fs = append(fs, addressValidationFields(v)...)
		}
		if ag := out.Agreement; ag != nil {
			fs = append(fs, field{"Agreement", str(ag.Type) + " accepted " + str(ag.DateAgreed)})
		}
		return fs
	})
}

// addressValidationFields are the rows of an address verdict.
func addressValidationFields(v *wrapper.AddressValidation) []field {
	fs := []field{{"Address status", string(v.Status)}, {"Address", address(&v.OriginalAddress)}, {"Message", v.Message}}
	if v.Legacy {
		fs = append(fs, field{"Answer form", "older (before 2021)"})
	}
	for i := range v.SuggestedAddresses {
		fs = append(fs, field{fmt.Sprintf("Suggestion %d", i+1), address(&v.SuggestedAddresses[i])})
	}
	return fs
}

// customerValidateAddress is "customer validate-address".
func (a *app) customerValidateAddress() *command {
	var line1, line2, city, state, postal, country string
	cmd := &command{
		name:    "validate-address",
		summary: "check a postal address with the service and show its suggestions",
		long: "Check an address with the service before using it for a customer. The\n" +
			"answer is a status (VerifiedShippable, Verified, InteractionRequired,\n" +
			"StreetPartial, PremisesPartial, Multiple, None, NotValidated or a newer one),\n" +
			"the address as read and the suggested corrections. --line1, --city and\n" +
			"--country are required.",
		examples: []string{
			"partnercenter --fake -o table customer validate-address --line1 '1 Microsoft Way' --city Bellevue --state WA --postal-code 98052 --country US",
		},
	}
	cmd.setFlags = func(fs *flag.FlagSet) {
		fs.StringVar(&line1, "line1", "", "first address `LINE`")
		fs.StringVar(&line2, "line2", "", "second address `LINE`")
		fs.StringVar(&city, "city", "", "`CITY`")
		fs.StringVar(&state, "state", "", "`STATE` or region code")
		fs.StringVar(&postal, "postal-code", "", "postal `CODE`")
		fs.StringVar(&country, "country", "", "two-letter country `CODE`")
	}
	cmd.run = func(ctx context.Context, _ []string) error {
		opt := func(s string) *string {
			if s = strings.TrimSpace(s); s == "" {
				return nil
			}
			return &s
		}
		addr := wrapper.Address{AddressLine1: opt(line1), AddressLine2: opt(line2), City: opt(city), State: opt(state),
			PostalCode: opt(postal), Country: opt(country)}
		for _, req := range []struct{ flag, v string }{{"--line1", line1}, {"--city", city}, {"--country", country}} {
			if strings.TrimSpace(req.v) == "" {
				return newUsageError(cmd, "%s is required", req.flag)
			}
		}
		client, err := a.getClient()
		if err != nil {
			return err
		}
		v, err := client.ValidateAddress(ctx, addr, nil)
		if err != nil {
			return err
		}
		return a.printer().emit(v, func() []field { return addressValidationFields(v) })
	}
	return cmd
}

// qualificationNames maps --qualification values to the service's names.
var qualificationNames = map[string]wrapper.CustomerQualificationRequestQualification{
	"education":   wrapper.CustomerQualificationRequestQualificationEducation,
	"gcc":         wrapper.CustomerQualificationRequestQualificationGovernmentCommunityCloud,
	"state-owned": wrapper.CustomerQualificationRequestQualificationStateOwnedEntity,
}

// customerQualify is "customer qualify".
func (a *app) customerQualify() *command {
	var name, segment, website, code string
	cmd := a.customerByID("qualify", "ask for a qualification for a customer",
		"Ask for a qualification for the customer: --qualification education (with\n"+
			"--segment, and optionally --website), gcc (Government Community Cloud, with\n"+
			"--validation-code) or state-owned. Education and GCC requests are vetted by\n"+
			"Microsoft: the answer says InReview; 'customer qualifications' shows the\n"+
			"outcome later.",
		func(ctx context.Context, c *wrapper.Client, id string) error {
			q, ok := qualificationNames[strings.ToLower(name)]
			if !ok {
				return fmt.Errorf("%w: --qualification %q: use education, gcc or state-owned", wrapper.ErrInvalidInput, name)
			}
			req := wrapper.CustomerQualificationRequest{Qualification: q}
			for _, f := range []struct {
				v   string
				dst **string
			}{{segment, &req.EducationSegment}, {website, &req.Website}, {code, &req.ValidationCode}} {
				if v := strings.TrimSpace(f.v); v != "" {
					*f.dst = &v
				}
			}
			res, err := c.CreateCustomerQualification(ctx, id, req, nil)
			if err != nil {
				return err
			}
			return a.printer().table([]wrapper.CustomerQualification{*res}, row{columns: qualificationColumns})
		})
	cmd.examples = []string{
		"partnercenter customer qualify " + exampleCustomerID + " --qualification education --segment K12 --website https://school.example",
		"partnercenter customer qualify " + exampleCustomerID + " --qualification state-owned",
	}
	cmd.setFlags = func(fs *flag.FlagSet) {
		fs.StringVar(&name, "qualification", "", "`NAME`: education, gcc or state-owned (required)")
		fs.StringVar(&segment, "segment", "", "education `SEGMENT` (education)")
		fs.StringVar(&website, "website", "", "the institution's `URL` (education)")
		fs.StringVar(&code, "validation-code", "", "the partner's GCC validation `CODE` (gcc)")
	}
	return cmd
}

// countryCommand is the "country" group.
func (a *app) countryCommand() *command {
	group := &command{
		name:     "country",
		summary:  "show what a country requires of customer addresses",
		long:     "Show the rules the service applies to the customers and addresses of a country.",
		examples: []string{"partnercenter --fake -o table country rules US"},
	}
	return group
}

// agreementCommand is the "agreement" group.
func (a *app) agreementCommand() *command {
	group := &command{
		name:    "agreement",
		summary: "Microsoft Customer Agreement: templates, document, confirmations",
		long: "Work with the Microsoft Customer Agreement: the agreement templates, the\n" +
			"document to show the customer, and the confirmations of its acceptance. These\n" +
			"operations exist in the public cloud only.",
		examples: []string{"partnercenter --fake -o table agreement metadata"},
	}
	var c confirmFlags
	var confirm *command
	confirm = a.customerByID("confirm", "record that a customer accepted an agreement",
		"Record that the customer's contact (--first-name, --last-name, --email,\n"+
			"optionally --phone) accepted the agreement, at --date (RFC 3339 in UTC; default\n"+
			"now). The template is the current one of --type unless --template-id names it.",
		func(ctx context.Context, cl *wrapper.Client, id string) error {
			return a.confirmAgreement(ctx, confirm, cl, id, c)
		})
	confirm.examples = []string{"partnercenter agreement confirm " + exampleCustomerID + " --first-name Ada --last-name Lovelace --email ada@contoso.example"}
	confirm.setFlags = c.register
	return group.add(confirm)
}

// confirmFlags holds the flags of "agreement confirm".
type confirmFlags struct {
	first, last, email, phone, date, templateID, kind string
}

func (c *confirmFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&c.first, "first-name", "", "the contact's first `NAME` (required)")
	fs.StringVar(&c.last, "last-name", "", "the contact's last `NAME` (required)")
	fs.StringVar(&c.email, "email", "", "the contact's e-mail `ADDRESS` (required)")
	fs.StringVar(&c.phone, "phone", "", "the contact's phone `NUMBER`")
	fs.StringVar(&c.date, "date", "", "when the customer accepted, `TIME` in RFC 3339 UTC (default: now)")
	fs.StringVar(&c.templateID, "template-id", "", "the agreement template `ID` (default: the current one)")
	fs.StringVar(&c.kind, "type", "customer", "agreement `TYPE`: customer or cloud")
}

// confirmAgreement runs "agreement confirm".
func (a *app) confirmAgreement(ctx context.Context, cmd *command, client *wrapper.Client, id string, c confirmFlags) error {
	t, err := agreementTypeFlag(c.kind)
	if err != nil || t == wrapper.AgreementTypeAll {
		return newUsageError(cmd, "invalid --type %q: use customer or cloud", c.kind)
	}
	acc := wrapper.AgreementAcceptance{
		PrimaryContact: wrapper.AgreementContact{FirstName: c.first, LastName: c.last, Email: c.email},
		TemplateID:     c.templateID, Type: wrapper.AgreementType(t), DateAgreed: c.date,
	}
	if c.phone != "" {
		acc.PrimaryContact.PhoneNumber = &c.phone
	}
	if acc.DateAgreed == "" {
		acc.DateAgreed = wrapper.FormatAgreementDate(time.Now())
	}
	if acc.TemplateID == "" {
		items, err := client.ListAgreementMetadata(ctx, &wrapper.ListAgreementMetadataOptions{AgreementType: t})
		if err != nil {
			return err
		}
		if len(items) == 0 || items[0].TemplateID == nil {
			return fmt.Errorf("the service lists no %s template: give --template-id", t)
		}
		acc.TemplateID = *items[0].TemplateID
	}
	ag, err := client.CreateCustomerAgreement(ctx, id, acc, nil)
	if err != nil {
		return err
	}
	return a.printer().table([]wrapper.Agreement{*ag}, row{columns: agreementColumns})
}
