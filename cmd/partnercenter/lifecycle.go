package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"strings"
	"time"

	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
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
		a.customerQualifications(),
		a.customerQualify(),
		a.customerRemoveReseller(),
		a.customerDelete(),
		a.customerInviteLink(),
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
// word).
func readNewCustomer(ctx context.Context, path string) (wrapper.NewCustomer, error) {
	var nc wrapper.NewCustomer
	data, err := readInputFile(ctx, path, maxInputFile)
	if err != nil {
		return nc, err
	}
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&nc); err != nil {
		return nc, fmt.Errorf("%s: %v", path, err)
	}
	if dec.More() {
		return nc, fmt.Errorf("%s: more than one JSON document", path)
	}
	return nc, nil
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
		Type:           wrapper.AgreementAcceptanceTypeMicrosoftCustomerAgreement,
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
}

// onboarded prints the outcome of an onboarding, also a failed one that
// got past the input checks.
func (p *printer) onboarded(res *wrapper.OnboardResult, err error, f createFlags) error {
	var oe *wrapper.OnboardError
	if res == nil || errors.As(err, &oe) && oe.Step == wrapper.OnboardStepInput {
		return nil
	}
	out := onboardOutput{CompletedSteps: res.Completed, ValidateOnly: f.validateOnly, Address: res.Address, Agreement: res.Agreement}
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

// customerQualifications is "customer qualifications".
func (a *app) customerQualifications() *command {
	return a.customerByID("qualifications", "list a customer's qualifications and their vetting",
		"List the customer's qualifications (Education, GovernmentCommunityCloud,\n"+
			"StateOwnedEntity) with their vetting status (InReview, Approved, Denied) and,\n"+
			"for a denial, the reason.",
		func(ctx context.Context, c *wrapper.Client, id string) error {
			list, err := c.ListCustomerQualifications(ctx, id, nil)
			if err != nil {
				return err
			}
			return a.printer().qualifications(list)
		})
}

// qualifications prints qualifications as JSON or a table.
func (p *printer) qualifications(list []wrapper.CustomerQualification) error {
	if p.format != formatTable {
		return p.json(list)
	}
	t := newColumnWriter(p.w, "QUALIFICATION", "STATUS", "REASON")
	rows := make([][]string, len(list))
	for i, q := range list {
		rows[i] = []string{str(q.Qualification), str(q.VettingStatus), str(q.VettingReason)}
	}
	if err := t.write(rows); err != nil {
		return err
	}
	return t.finish("No qualifications.")
}

// qualificationNames maps --qualification values to the service's names.
var qualificationNames = map[string]wrapper.QualificationName{
	"education":   wrapper.QualificationEducation,
	"gcc":         wrapper.QualificationGovernmentCommunityCloud,
	"state-owned": wrapper.QualificationStateOwnedEntity,
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
			req := wrapper.QualificationRequest{Qualification: q}
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
			return a.printer().qualifications([]wrapper.CustomerQualification{*res})
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

// confirmed wraps a destructive command: it runs only with --yes.
func confirmed(cmd *command, yes *bool) *command {
	run := cmd.run
	cmd.setFlags = func(fs *flag.FlagSet) {
		fs.BoolVar(yes, "yes", false, "confirm: without it the command refuses to run")
	}
	cmd.run = func(ctx context.Context, args []string) error {
		if !*yes {
			return newUsageError(cmd, "%s cannot be undone: add --yes to confirm", cmd.name)
		}
		return run(ctx, args)
	}
	return cmd
}

// customerRemoveReseller is "customer remove-reseller".
func (a *app) customerRemoveReseller() *command {
	var yes bool
	cmd := a.customerByID("remove-reseller", "end the reseller relationship with a customer",
		"End the partner's reseller relationship with the customer (relationshipToPartner\n"+
			"becomes none). Cancel the customer's Azure reservations and suspend its active\n"+
			"subscriptions first. Afterwards the partner cannot act for the customer.\n"+
			"Requires --yes.",
		func(ctx context.Context, c *wrapper.Client, id string) error {
			cu, err := c.RemoveResellerRelationship(ctx, id, nil)
			if err != nil {
				return err
			}
			cu.ID = &id
			return a.printer().customer(cu)
		})
	cmd.examples = []string{"partnercenter customer remove-reseller " + exampleCustomerID + " --yes"}
	return confirmed(cmd, &yes)
}

// customerDelete is "customer delete".
func (a *app) customerDelete() *command {
	var yes bool
	cmd := a.customerByID("delete", "delete a customer of an integration sandbox",
		"Delete a customer of the partner's integration sandbox account (the service\n"+
			"refuses customers elsewhere). Cancel its orders first; a customer created\n"+
			"with an address that did not verify cannot be deleted. Requires --yes.",
		func(ctx context.Context, c *wrapper.Client, id string) error {
			if err := c.DeleteCustomer(ctx, id, nil); err != nil {
				return err
			}
			return a.printer().emit(map[string]any{"customerId": id, "deleted": true}, func() []field {
				return []field{{"Customer ID", id}, {"Deleted", "yes"}}
			})
		})
	cmd.examples = []string{"partnercenter customer delete " + exampleCustomerID + " --yes"}
	return confirmed(cmd, &yes)
}

// customerInviteLink is "customer invite-link".
func (a *app) customerInviteLink() *command {
	var reseller string
	cmd := &command{
		name:    "invite-link",
		summary: "print the link inviting a customer to a reseller relationship",
		long: "Print the link a customer's global administrator opens to accept the partner\n" +
			"as reseller. Indirect providers name the reseller with --indirect-reseller-id.",
		examples: []string{
			"partnercenter --fake customer invite-link",
			"partnercenter --fake -o table customer invite-link --indirect-reseller-id " + fake.PartnerUserID,
		},
	}
	cmd.setFlags = func(fs *flag.FlagSet) {
		fs.StringVar(&reseller, "indirect-reseller-id", "", "the indirect reseller's tenant `ID`")
	}
	cmd.run = func(ctx context.Context, _ []string) error {
		client, err := a.getClient()
		if err != nil {
			return err
		}
		link, err := client.GetRelationshipRequest(ctx, &wrapper.GetRelationshipRequestOptions{IndirectResellerID: strings.TrimSpace(reseller)})
		if err != nil {
			return err
		}
		return a.printer().emit(link, func() []field { return []field{{"Link", str(link.URL)}} })
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
	rules := &command{
		name:    "rules",
		summary: "show a country's validation rules",
		args:    "COUNTRY",
		nargs:   1,
		long: "Show what COUNTRY (a two-letter code) requires: state, city and postal code\n" +
			"(with its pattern), the states, cultures and languages, whether an\n" +
			"organization registration number is needed.",
		examples: []string{"partnercenter --fake country rules US", "partnercenter --fake -o table country rules RU"},
	}
	rules.run = func(ctx context.Context, args []string) error {
		client, err := a.getClient()
		if err != nil {
			return err
		}
		r, err := client.GetCountryValidationRules(ctx, strings.TrimSpace(args[0]), nil)
		if err != nil {
			return err
		}
		return a.printer().emit(r, func() []field {
			return []field{
				{"Country", str(r.Iso2Code)}, {"Default culture", str(r.DefaultCulture)},
				{"State required", yesNo(r.IsStateRequired)}, {"States", strings.Join(r.SupportedStatesList, " ")},
				{"City required", yesNo(r.IsCityRequired)},
				{"Postal code required", yesNo(r.IsPostalCodeRequired)}, {"Postal code pattern", str(r.PostalCodeRegex)},
				{"Registration number", yesNo(r.IsRegistrationNumberSupported)},
				{"Phone pattern", str(r.PhoneNumberRegex)},
				{"Cultures", strings.Join(r.SupportedCulturesList, " ")}, {"Languages", strings.Join(r.SupportedLanguagesList, " ")},
			}
		})
	}
	return group.add(rules)
}

// agreementTypes maps --type values to the service's agreement types.
var agreementTypes = map[string]string{
	"customer": wrapper.AgreementTypeCustomerAgreement,
	"cloud":    wrapper.AgreementTypeCloudAgreement,
	"all":      wrapper.AgreementTypeAll,
}

// agreementType resolves a --type value.
func agreementType(cmd *command, v string, allowAll bool) (string, error) {
	t, ok := agreementTypes[strings.ToLower(v)]
	if !ok || (!allowAll && t == wrapper.AgreementTypeAll) {
		return "", newUsageError(cmd, "invalid --type %q: use customer, cloud%s", v, map[bool]string{true: " or all", false: ""}[allowAll])
	}
	return t, nil
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
	var metaType string
	metadata := &command{
		name:     "metadata",
		summary:  "list the agreement templates",
		long:     "List the agreements a customer can accept: template ID, type and link.",
		examples: []string{"partnercenter --fake -o table agreement metadata", "partnercenter --fake agreement metadata --type all"},
	}
	metadata.setFlags = func(fs *flag.FlagSet) {
		fs.StringVar(&metaType, "type", "customer", "agreement `TYPE`: customer, cloud or all")
	}
	metadata.run = func(ctx context.Context, _ []string) error {
		t, err := agreementType(metadata, metaType, true)
		if err != nil {
			return err
		}
		client, err := a.getClient()
		if err != nil {
			return err
		}
		items, err := client.ListAgreementMetadata(ctx, &wrapper.ListAgreementMetadataOptions{AgreementType: t})
		if err != nil {
			return err
		}
		p := a.printer()
		if p.format != formatTable {
			return p.json(items)
		}
		tw := newColumnWriter(p.w, "TEMPLATE ID", "TYPE", "LINK")
		rows := make([][]string, len(items))
		for i, m := range items {
			rows[i] = []string{str(m.TemplateID), str(m.AgreementType), str(m.AgreementLink)}
		}
		if err := tw.write(rows); err != nil {
			return err
		}
		return tw.finish("No agreements.")
	}

	var language, country string
	document := &command{
		name:    "document",
		summary: "show the links to an agreement's document",
		args:    "TEMPLATE_ID",
		nargs:   1,
		long: "Show the links to read and download the agreement of TEMPLATE_ID (from\n" +
			"'agreement metadata'), in --language for --country. The links expire.",
		examples: []string{"partnercenter --fake agreement document " + fake.CustomerAgreementTemplateID + " --country FR --language fr-FR"},
	}
	document.setFlags = func(fs *flag.FlagSet) {
		fs.StringVar(&language, "language", "", "document `LANGUAGE`, such as en-US")
		fs.StringVar(&country, "country", "", "two-letter `COUNTRY` code")
	}
	document.run = func(ctx context.Context, args []string) error {
		client, err := a.getClient()
		if err != nil {
			return err
		}
		d, err := client.GetAgreementDocument(ctx, strings.TrimSpace(args[0]), &wrapper.GetAgreementDocumentOptions{Language: language, Country: country})
		if err != nil {
			return err
		}
		return a.printer().emit(d, func() []field {
			return []field{{"Country", str(d.Country)}, {"Language", str(d.Language)}, {"Display", str(d.DisplayURI)}, {"Download", str(d.DownloadURI)}}
		})
	}

	var listType string
	var list *command
	list = a.customerByID("list", "list the agreements a customer accepted",
		"List the confirmations of agreement acceptance recorded for the customer.",
		func(ctx context.Context, c *wrapper.Client, id string) error {
			t, err := agreementType(list, listType, true)
			if err != nil {
				return err
			}
			items, err := c.ListCustomerAgreements(ctx, id, &wrapper.ListCustomerAgreementsOptions{AgreementType: t})
			if err != nil {
				return err
			}
			return a.printer().agreements(items)
		})
	list.examples = []string{"partnercenter --fake -o table agreement list " + exampleCustomerID + " --type all"}
	list.setFlags = func(fs *flag.FlagSet) {
		fs.StringVar(&listType, "type", "customer", "agreement `TYPE`: customer, cloud or all")
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
	return group.add(metadata, document, list, confirm)
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
	t, err := agreementType(cmd, c.kind, false)
	if err != nil {
		return err
	}
	acc := wrapper.AgreementAcceptance{
		PrimaryContact: wrapper.AgreementContact{FirstName: c.first, LastName: c.last, Email: c.email},
		TemplateID:     c.templateID, Type: wrapper.AgreementAcceptanceType(t), DateAgreed: c.date,
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
	return a.printer().agreements([]wrapper.Agreement{*ag})
}

// agreements prints confirmations as JSON or a table.
func (p *printer) agreements(items []wrapper.Agreement) error {
	if p.format != formatTable {
		return p.json(items)
	}
	t := newColumnWriter(p.w, "TYPE", "DATE AGREED", "CONTACT", "TEMPLATE ID")
	rows := make([][]string, len(items))
	for i, ag := range items {
		contact := ""
		if pc := ag.PrimaryContact; pc != nil {
			contact = strings.TrimSpace(pc.FirstName+" "+pc.LastName) + " <" + pc.Email + ">"
		}
		rows[i] = []string{str(ag.Type), str(ag.DateAgreed), contact, str(ag.TemplateID)}
	}
	if err := t.write(rows); err != nil {
		return err
	}
	return t.finish("No agreements.")
}
