package check

import (
	"fmt"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/errs"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
)

// The checks of request bodies that the wrapper runs before any request
// and the command line runs on an input file: each finds every problem at
// once, with the JSON path of the value, rather than stopping at the
// first.

// Problem is one thing wrong with an input: the JSON path of the value
// (such as "billingProfile.defaultAddress.city") and what is wrong.
type Problem struct {
	Path    string `json:"path"`
	Message string `json:"message"`
}

// Problems is everything wrong with one input.
type Problems []Problem

// add records a problem at path.
func (p *Problems) add(path, format string, args ...any) {
	*p = append(*p, Problem{Path: path, Message: fmt.Sprintf(format, args...)})
}

// Err returns nil for no problems, else an *InputError holding them.
func (p Problems) Err() error {
	if len(p) == 0 {
		return nil
	}
	return &InputError{Problems: p}
}

// InputError is an input refused before any request, with every problem
// found. It matches errs.ErrInvalidInput (wrapper.ErrInvalidInput).
type InputError struct {
	// Cause, when set, is a reason the input was refused besides its
	// problems (such as wrapper.ErrCountryRules); errors.Is sees it.
	Cause    error
	Problems Problems
}

// Error lists the problems: "path: message; path: message".
func (e *InputError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.Path + ": " + p.Message
		if p.Path == "" {
			parts[i] = p.Message
		}
	}
	msg := errs.ErrInvalidInput.Error() + ": "
	if e.Cause != nil {
		msg += e.Cause.Error() + ": "
	}
	return msg + strings.Join(parts, "; ")
}

// Is matches errs.ErrInvalidInput and the cause.
func (e *InputError) Is(target error) bool {
	return target == errs.ErrInvalidInput || e.Cause != nil && target == e.Cause
}

// blank reports whether an optional string is absent or only white space.
func blank(s *string) bool { return s == nil || strings.TrimSpace(*s) == "" }

// NewCustomer checks what every country needs of a new customer: a domain
// name, the billing profile's e-mail, company name, culture and language,
// an address with line 1, city and a two-letter country, and a GUID as
// associatedPartnerId when there is one.
func NewCustomer(nc *gen.NewCustomer) Problems {
	var p Problems
	if err := InputDomain(strings.TrimSpace(nc.CompanyProfile.Domain)); err != nil {
		p.add("companyProfile.domain", "%s", strings.TrimPrefix(err.Error(), errs.ErrInvalidInput.Error()+": "))
	}
	b := &nc.BillingProfile
	for _, f := range []struct{ name, value string }{
		{"email", b.Email}, {"companyName", b.CompanyName}, {"culture", b.Culture}, {"language", b.Language},
	} {
		if strings.TrimSpace(f.value) == "" {
			p.add("billingProfile."+f.name, "is required")
		}
	}
	if strings.TrimSpace(b.Email) != "" && !strings.Contains(b.Email, "@") {
		p.add("billingProfile.email", "%s is not an e-mail address", scrub.Quote(b.Email))
	}
	p = append(p, Address("billingProfile.defaultAddress", &b.DefaultAddress)...)
	if id := nc.AssociatedPartnerID; id != nil && *id != "" && !GUID(*id) {
		p.add("associatedPartnerId", "%s is not a GUID", scrub.Quote(*id))
	}
	return p
}

// NewUser checks a user account to create: a user principal name
// (name@domain), a display name, and the usage location (a two-letter
// country code) that licenses need.
func NewUser(u *gen.NewCustomerUser) Problems {
	var p Problems
	switch upn := strings.TrimSpace(deref(u.UserPrincipalName)); {
	case upn == "":
		p.add("userPrincipalName", "is required")
	default:
		name, domain, ok := strings.Cut(upn, "@")
		if !ok || name == "" || InputDomain(domain) != nil {
			p.add("userPrincipalName", "%s is not a sign-in name such as ada@contoso.onmicrosoft.com", scrub.Quote(upn))
		}
	}
	if blank(u.DisplayName) {
		p.add("displayName", "is required")
	}
	switch loc := strings.TrimSpace(deref(u.UsageLocation)); {
	case loc == "":
		p.add("usageLocation", "is required: the two-letter country where the user will use its licenses")
	case InputCountry("", loc) != nil:
		p.add("usageLocation", "%s is not a two-letter country code such as US", scrub.Quote(loc))
	}
	return p
}

// LicenseChange checks a license update: at least one license to assign
// or remove, and SKU IDs that are GUIDs.
func LicenseChange(u *gen.LicenseUpdate) Problems {
	var p Problems
	if len(u.LicensesToAssign) == 0 && len(u.LicensesToRemove) == 0 {
		p.add("", "no license to assign or remove")
	}
	for i, a := range u.LicensesToAssign {
		if id := deref(a.SkuID); !GUID(id) {
			p.add(fmt.Sprintf("licensesToAssign[%d].skuId", i), "%s is not a GUID (take it from listSubscribedSkus)", scrub.Quote(id))
		}
	}
	for i, id := range u.LicensesToRemove {
		if !GUID(id) {
			p.add(fmt.Sprintf("licensesToRemove[%d]", i), "%s is not a GUID", scrub.Quote(id))
		}
	}
	return p
}

// deref returns *s, or "" for nil.
func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// Address checks the fields every address needs: line 1, city and a
// two-letter country code. path is the address's JSON path.
func Address(path string, a *gen.Address) Problems {
	var p Problems
	for _, f := range []struct {
		name  string
		value *string
	}{{"addressLine1", a.AddressLine1}, {"city", a.City}, {"country", a.Country}} {
		if blank(f.value) {
			p.add(path+"."+f.name, "is required")
		}
	}
	if !blank(a.Country) && InputCountry("", *a.Country) != nil {
		p.add(path+".country", "%s is not a two-letter country code such as US", scrub.Quote(*a.Country))
	}
	return p
}

// Acceptance checks an agreement acceptance against now: a type, a
// template ID that is a GUID, a primary contact with first name, last name
// and e-mail, and a date in UTC that is not in the future.
func Acceptance(a *gen.AgreementAcceptance, now time.Time) Problems {
	var p Problems
	if strings.TrimSpace(a.Type) == "" {
		p.add("type", "is required: %s or %s", gen.AgreementTypeMicrosoftCustomerAgreement, gen.AgreementTypeMicrosoftCloudAgreement)
	}
	if !GUID(a.TemplateID) {
		p.add("templateId", "%s is not a GUID (take it from listAgreementMetadata)", scrub.Quote(a.TemplateID))
	}
	for _, f := range []struct{ name, v string }{
		{"firstName", a.PrimaryContact.FirstName}, {"lastName", a.PrimaryContact.LastName}, {"email", a.PrimaryContact.Email},
	} {
		if strings.TrimSpace(f.v) == "" {
			p.add("primaryContact."+f.name, "is required")
		}
	}
	t, err := time.Parse(time.RFC3339Nano, a.DateAgreed)
	switch _, offset := t.Zone(); {
	case err != nil:
		p.add("dateAgreed", "%s is not a date and time in UTC such as 2024-05-01T09:30:00.000Z", scrub.Quote(a.DateAgreed))
	case offset != 0:
		p.add("dateAgreed", "%s is not in UTC", scrub.Quote(a.DateAgreed))
	case t.After(now):
		p.add("dateAgreed", "%s lies in the future", scrub.Quote(a.DateAgreed))
	}
	return p
}

// Qualification checks a qualification request: a known qualification;
// for Education the segment, and a website (when given) that is an http
// or https URL; for Government Community Cloud the validation code. It
// returns the code as a number when it is one (the service takes it in
// the query then).
func Qualification(req *gen.CustomerQualificationRequest) (*int64, Problems) {
	var p Problems
	var code *int64
	switch req.Qualification {
	case gen.CustomerQualificationRequestQualificationEducation:
		if blank(req.EducationSegment) {
			p.add("educationSegment", "is required for an Education qualification")
		}
		if !blank(req.Website) {
			u, err := url.Parse(strings.TrimSpace(*req.Website))
			if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				p.add("website", "%s is not an http or https URL", scrub.Quote(*req.Website))
			}
		}
	case gen.CustomerQualificationRequestQualificationGovernmentCommunityCloud:
		if blank(req.ValidationCode) {
			p.add("validationCode", "the partner's validation code is required for a GovernmentCommunityCloud qualification")
		} else if n, err := strconv.ParseInt(strings.TrimSpace(*req.ValidationCode), 10, 64); err == nil && n >= 0 {
			code = &n
		}
	case gen.CustomerQualificationRequestQualificationStateOwnedEntity:
	default:
		p.add("qualification", "%s: use %s, %s or %s", scrub.Quote(string(req.Qualification)),
			gen.CustomerQualificationRequestQualificationEducation, gen.CustomerQualificationRequestQualificationGovernmentCommunityCloud,
			gen.CustomerQualificationRequestQualificationStateOwnedEntity)
	}
	return code, p
}

// CountryRules checks a new customer against its country's rules: state,
// city and postal code where required (the state among the country's, the
// postal code matching its pattern), and the organization registration
// number and phone number where the country takes one (and no number
// elsewhere). The service's patterns are .NET ones; one Go cannot read is
// skipped. The rules are the service's answer to a request with secrets
// (its token): what a problem quotes of them is scrubbed of these.
func CountryRules(r *gen.CountryInformation, nc *gen.NewCustomer, secrets ...string) Problems {
	const addr = "billingProfile.defaultAddress"
	a := &nc.BillingProfile.DefaultAddress
	val := func(s *string) string {
		if s == nil {
			return ""
		}
		return strings.TrimSpace(*s)
	}
	is := func(b *bool) bool { return b != nil && *b }
	var p Problems
	state := val(a.State)
	if state == "" {
		state = val(a.Region)
	}
	switch {
	case is(r.IsStateRequired) && state == "":
		p.add(addr+".state", "is required in this country")
	case state != "" && len(r.SupportedStatesList) > 0 && !containsFold(r.SupportedStatesList, state):
		p.add(addr+".state", "%s is not one of the country's", scrub.Quote(state))
	}
	if is(r.IsCityRequired) && val(a.City) == "" {
		p.add(addr+".city", "is required in this country")
	}
	postal := val(a.PostalCode)
	switch {
	case is(r.IsPostalCodeRequired) && postal == "":
		p.add(addr+".postalCode", "is required in this country")
	case postal != "" && val(r.PostalCodeRegex) != "":
		if re, err := regexp.Compile(val(r.PostalCodeRegex)); err == nil && !re.MatchString(postal) {
			p.add(addr+".postalCode", "%s does not match the country's pattern %s", scrub.Quote(postal), scrub.QuoteLine(val(r.PostalCodeRegex), secrets...))
		}
	}
	number := val(nc.CompanyProfile.OrganizationRegistrationNumber)
	switch {
	case is(r.IsRegistrationNumberSupported) && number == "":
		p.add("companyProfile.organizationRegistrationNumber", "is required in this country")
	case r.IsRegistrationNumberSupported != nil && !*r.IsRegistrationNumberSupported && number != "":
		p.add("companyProfile.organizationRegistrationNumber", "the country takes none")
	}
	if is(r.IsRegistrationNumberSupported) && val(a.PhoneNumber) == "" {
		p.add(addr+".phoneNumber", "is required in this country")
	}
	return p
}

// containsFold reports whether list holds s, ignoring case.
func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}
