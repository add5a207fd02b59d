package fake

import (
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The customer lifecycle operations: create, address checks, agreements,
// qualifications, offboarding and the invitation link. doc.go states the
// rules the fake follows where the service's behaviour is not documented.

// PartnerUserID is the partner user the fake names as userId in confirmed
// agreements, standing for the user of the app+user token.
const PartnerUserID = "3d6f2c09-eb40-48ca-a4b3-d24c9c007531"

// PartnerTenantID is the partner tenant of the fake, as it appears in the
// reseller relationship invitation link.
const PartnerTenantID = "3b33e682-00c3-41ee-9dd2-a548adf56438"

// The agreement templates the fake offers, those of the reference pages.
const (
	// CustomerAgreementTemplateID is the templateId of the Microsoft
	// Customer Agreement.
	CustomerAgreementTemplateID = "117a77b0-9360-443b-8795-c6dedc750cf9"
	// CloudAgreementTemplateID is the templateId of the Microsoft Cloud
	// Agreement.
	CloudAgreementTemplateID = "998b88de-aa99-4388-a42c-1b3517d49490"

	customerAgreementType = "MicrosoftCustomerAgreement"
	cloudAgreementType    = "MicrosoftCloudAgreement"
)

// agreementTemplate is one agreement the fake offers.
type agreementTemplate struct {
	id, kind, link string
}

var agreementTemplates = []agreementTemplate{
	{CloudAgreementTemplateID, cloudAgreementType, "https://docs.microsoft.com/partner-center/agreements"},
	{CustomerAgreementTemplateID, customerAgreementType, "https://aka.ms/customeragreement"},
}

// adminUserName is the user name of a created customer's first administrator.
const adminUserName = "admin"

// documentLinks counts agreement document links, so each one differs.
var documentLinks atomic.Uint64

// lifecycleFault maps the store's lifecycle outcomes to the answers of
// operation op: a refusal of the store (storeRefusal) as the spec
// documents it.
func lifecycleFault(op string, err error) error {
	var sr *storeRefusal
	switch {
	case err == nil:
		return nil
	case errors.Is(err, errNotFound):
		return errCustomerNotFound
	case errors.As(err, &sr):
		return refusal(op, sr.name)
	case errors.Is(err, errRequestIDReused):
		return invalidInput("Invalid request input: this MS-RequestId was already used to create another customer; send a new one for a new customer.")
	default:
		return err
	}
}

// checkNewCustomer applies the documented refusals of the create call.
func checkNewCustomer(c gen.NewCustomer) error {
	addr := c.BillingProfile.DefaultAddress
	if f := missingAddressField(addr); f != "" {
		return invalidInput("Invalid request input: billingProfile.defaultAddress.%s is required.", f)
	}
	country := strings.ToUpper(strings.TrimSpace(*addr.Country))
	if !registrationCountries[country] {
		return nil
	}
	number := strings.TrimSpace(derefOr(c.CompanyProfile.OrganizationRegistrationNumber, ""))
	switch {
	case number == "":
		return refusal(gen.OperationCreateCustomer, gen.RefusalRegistrationNumberMissing)
	case !registrationRegexp.MatchString(number):
		return refusal(gen.OperationCreateCustomer, gen.RefusalRegistrationNumberInvalid)
	case blank(addr.PhoneNumber):
		return refusal(gen.OperationCreateCustomer, gen.RefusalPhoneNumberMissing)
	}
	return nil
}

// newCustomerRecord builds the record and the create answer of a new
// customer, and says whether its address verifies.
func newCustomerRecord(c gen.NewCustomer) (*record, gen.CreatedCustomer, bool, error) {
	id := uuid.NewString()
	b := c.BillingProfile
	addr := b.DefaultAddress
	domain := strings.TrimSpace(c.CompanyProfile.Domain)
	companyName := derefOr(c.CompanyProfile.CompanyName, b.CompanyName)
	first, last := b.FirstName, b.LastName
	if first == nil {
		first = addr.FirstName
	}
	if last == nil {
		last = addr.LastName
	}
	rel := gen.RelationshipToPartnerReseller
	r, err := customerRecord(id, gen.Customer{
		ID:                    ptr(id),
		RelationshipToPartner: &rel,
		AllowDelegatedAccess:  ptr(true),
		AssociatedPartnerID:   c.AssociatedPartnerID,
		CustomDomains:         []string{domain},
		CompanyProfile: &gen.CustomerCompanyProfile{
			Domain:                         ptr(domain),
			CompanyName:                    ptr(companyName),
			Email:                          ptr(b.Email),
			OrganizationRegistrationNumber: c.CompanyProfile.OrganizationRegistrationNumber,
		},
		BillingProfile: &gen.CustomerBillingProfile{
			Email:       ptr(b.Email),
			Culture:     ptr(normalizeCulture(b.Culture)),
			Language:    ptr(b.Language),
			CompanyName: ptr(b.CompanyName),
			FirstName:   first,
			LastName:    last,
		},
	})
	if err != nil {
		return nil, gen.CreatedCustomer{}, false, err
	}
	// The addresses are the caller's, not merged with made-up ones.
	billingAddr := originalAddress(addr)
	billingAddr.FirstName, billingAddr.MiddleName, billingAddr.LastName = addr.FirstName, addr.MiddleName, addr.LastName
	billingAddr.PhoneNumber = addr.PhoneNumber
	r.billing.DefaultAddress = &billingAddr
	companyAddr := originalAddress(addr)
	companyAddr.PhoneNumber = addr.PhoneNumber
	if companyAddr.Region == nil {
		companyAddr.Region = companyAddr.State
	}
	companyAddr.State = nil
	r.company.Address = &companyAddr
	r.org = organizationOf(r.company)
	r.finish()

	var answer gen.CreatedCustomer
	if err := overlay(r.full(), &answer); err != nil {
		return nil, gen.CreatedCustomer{}, false, err
	}
	password, err := newPassword()
	if err != nil {
		return nil, gen.CreatedCustomer{}, false, err
	}
	answer.UserCredentials = &gen.AdminCredentials{UserName: ptr(adminUserName), Password: &password}
	return r, answer, checkAddress(addr).deletable(), nil
}

// normalizeCulture writes a culture name the way the service echoes it:
// "EN-US" becomes "en-US".
func normalizeCulture(c string) string {
	lang, region, ok := strings.Cut(strings.TrimSpace(c), "-")
	if !ok {
		return strings.ToLower(lang)
	}
	return strings.ToLower(lang) + "-" + strings.ToUpper(region)
}

// passwordChars are the characters of generated administrator passwords.
const passwordChars = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789*.=;!"

// newPassword makes a random 12-character administrator password.
func newPassword() (string, error) {
	buf := make([]byte, 12)
	if _, err := rand.Read(buf); err != nil {
		return "", fmt.Errorf("fake: make password: %w", err)
	}
	for i, b := range buf {
		buf[i] = passwordChars[int(b)%len(passwordChars)]
	}
	return string(buf), nil
}

// legacyAddressValid is the pre-2021 answer to a valid address: 200 with no
// body and no content type.
type legacyAddressValid struct{}

// VisitValidateAddressResponse writes the empty 200.
func (legacyAddressValid) VisitValidateAddressResponse(w http.ResponseWriter) error {
	w.Header().Set("Content-Length", "0")
	w.WriteHeader(http.StatusOK)
	return nil
}

// agreementTypeMatcher reads the agreementType query parameter: absent means
// the Microsoft Cloud Agreement, "*" every type.
func agreementTypeMatcher(p *string) (func(string) bool, error) {
	want := cloudAgreementType
	if p != nil {
		want = strings.TrimSpace(*p)
	}
	switch {
	case want == "*":
		return func(string) bool { return true }, nil
	case strings.EqualFold(want, cloudAgreementType), strings.EqualFold(want, customerAgreementType):
		return func(t string) bool { return strings.EqualFold(t, want) }, nil
	default:
		return nil, invalidInput("Invalid request input: agreementType must be %s, %s or *.", cloudAgreementType, customerAgreementType)
	}
}

// maxClockSkew is how far in the future dateAgreed may lie before the fake
// refuses it, allowing for clocks that differ a little.
const maxClockSkew = 5 * time.Minute

// parseAgreementDate reads dateAgreed: RFC 3339, or without a zone (UTC).
func parseAgreementDate(s string) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	t, err := time.Parse("2006-01-02T15:04:05.999999999", s)
	if err != nil {
		return time.Time{}, errors.New("want the form 2018-06-14T00:00:00.000Z")
	}
	return t, nil
}

// deniedEducationReason is the vetting reason of a denied Education request.
const deniedEducationReason = "Not an Education Customer"
