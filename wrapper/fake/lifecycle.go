package fake

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"net/http"
	"strconv"
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

// CreateCustomer answers POST /customers. A request repeated with the same
// MS-RequestId gets the answer of the first one, credentials included.
func (a *api) CreateCustomer(ctx context.Context, req gen.CreateCustomerRequestObject) (gen.CreateCustomerResponseObject, error) {
	if req.Body == nil {
		return nil, invalidInput("Invalid request input: the customer is missing.")
	}
	body := *req.Body
	if err := checkNewCustomer(body); err != nil {
		return nil, err
	}
	r, answer, verified, err := newCustomerRecord(body)
	if err != nil {
		return nil, err
	}
	requestID := ""
	if req.Params.MSRequestID != nil {
		requestID = strings.ToLower(req.Params.MSRequestID.String())
	}
	got, err := a.store.createCustomer(requestID, strings.TrimSpace(body.CompanyProfile.Domain), r, answer, verified)
	if err != nil {
		return nil, lifecycleFault(gen.OperationCreateCustomer, err)
	}
	return gen.CreateCustomer201JSONResponse(got), nil
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

// ValidateAddress answers POST /validations/address with the fake's rules
// (see address.go), or in the pre-2021 way with
// Options.LegacyAddressValidation.
func (a *api) ValidateAddress(ctx context.Context, req gen.ValidateAddressRequestObject) (gen.ValidateAddressResponseObject, error) {
	if req.Body == nil {
		return nil, invalidInput("Invalid request input: the address is missing.")
	}
	addr := *req.Body
	if f := missingAddressField(addr); f != "" {
		return nil, invalidInput("Invalid request input: %s is required.", f)
	}
	v := checkAddress(addr)
	if a.opts.LegacyAddressValidation {
		if !v.deletable() {
			return nil, legacyAddressFault(addr, v)
		}
		return legacyAddressValid{}, nil
	}
	result := gen.AddressValidationResult{
		OriginalAddress:    ptr(originalAddress(addr)),
		SuggestedAddresses: v.suggestions,
		Status:             ptr(v.status),
	}
	if result.SuggestedAddresses == nil {
		result.SuggestedAddresses = []gen.Address{}
	}
	if v.message != "" {
		result.ValidationMessage = ptr(v.message)
	}
	return gen.ValidateAddress200JSONResponse(result), nil
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

// GetCountryValidationRules answers GET /countryvalidationrules/{countryCode}
// from the fake's table (countries.go); other countries get 404.
func (a *api) GetCountryValidationRules(ctx context.Context, req gen.GetCountryValidationRulesRequestObject) (gen.GetCountryValidationRulesResponseObject, error) {
	rule, ok := lookupCountry(req.CountryCode)
	if !ok {
		return nil, &apiError{status: http.StatusNotFound, code: codeNotFound,
			description: fmt.Sprintf("No validation rules are known for country %q.", truncateUTF8(req.CountryCode, 10))}
	}
	return gen.GetCountryValidationRules200JSONResponse(rule.information(a.opts.CountryRulesWrapped)), nil
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

// ListAgreementMetadata answers GET /agreements.
func (a *api) ListAgreementMetadata(ctx context.Context, req gen.ListAgreementMetadataRequestObject) (gen.ListAgreementMetadataResponseObject, error) {
	match, err := agreementTypeMatcher(req.Params.AgreementType)
	if err != nil {
		return nil, err
	}
	items := []gen.AgreementMetadata{}
	for _, t := range agreementTemplates {
		if match(t.kind) {
			items = append(items, gen.AgreementMetadata{TemplateID: ptr(t.id), AgreementType: ptr(t.kind), AgreementLink: ptr(t.link), VersionRank: ptr(int32(0))})
		}
	}
	return gen.ListAgreementMetadata200JSONResponse(gen.AgreementMetadataCollection{
		TotalCount: ptr(int32(len(items))),
		Items:      items,
		Links:      selfLink("/agreements"),
		Attributes: &gen.ResourceAttributes{ObjectType: ptr(objectCollection)},
	}), nil
}

// GetAgreementDocument answers GET /agreementtemplates/{id}/document. Only
// the Microsoft Customer Agreement has one; the template ID is compared
// case-sensitively, as the service does. Each answer has new links.
func (a *api) GetAgreementDocument(ctx context.Context, req gen.GetAgreementDocumentRequestObject) (gen.GetAgreementDocumentResponseObject, error) {
	if req.AgreementTemplateID != CustomerAgreementTemplateID {
		return nil, &apiError{status: http.StatusNotFound, code: codeNotFound,
			description: "No agreement document exists for this template; only the Microsoft Customer Agreement has one."}
	}
	country := derefOr(req.Params.Country, "US")
	language := derefOr(req.Params.Language, "en-US")
	if rule, ok := lookupCountry(country); !ok || !containsFold(rule.cultures, language) {
		language = "en-US"
	}
	n := documentLinks.Add(1)
	base := fmt.Sprintf("https://agreements.fake.invalid/%s/%s/%s", CustomerAgreementTemplateID, country, language)
	return gen.GetAgreementDocument200JSONResponse(gen.AgreementDocument{
		DisplayURI:  ptr(base + "/preview?link=" + strconv.FormatUint(n, 10)),
		DownloadURI: ptr(base + "/document.docx?link=" + strconv.FormatUint(n, 10)),
		Language:    ptr(language),
		Country:     ptr(country),
	}), nil
}

// ListCustomerAgreements answers GET /customers/{id}/agreements.
func (a *api) ListCustomerAgreements(ctx context.Context, req gen.ListCustomerAgreementsRequestObject) (gen.ListCustomerAgreementsResponseObject, error) {
	match, err := agreementTypeMatcher(req.Params.AgreementType)
	if err != nil {
		return nil, err
	}
	all, err := a.store.agreements(req.CustomerTenantID.String())
	if err != nil {
		return nil, lifecycleFault(gen.OperationListCustomerAgreements, err)
	}
	items := []gen.Agreement{}
	for _, ag := range all {
		if match(derefOr(ag.Type, "")) {
			ag.UserID = nil // listings leave it out
			items = append(items, ag)
		}
	}
	return gen.ListCustomerAgreements200JSONResponse(gen.AgreementCollection{TotalCount: ptr(int32(len(items))), Items: items}), nil
}

// maxClockSkew is how far in the future dateAgreed may lie before the fake
// refuses it, allowing for clocks that differ a little.
const maxClockSkew = 5 * time.Minute

// CreateCustomerAgreement answers POST /customers/{id}/agreements.
func (a *api) CreateCustomerAgreement(ctx context.Context, req gen.CreateCustomerAgreementRequestObject) (gen.CreateCustomerAgreementResponseObject, error) {
	if req.Body == nil {
		return nil, invalidInput("Invalid request input: the agreement is missing.")
	}
	b := *req.Body
	var tmpl *agreementTemplate
	for i, t := range agreementTemplates {
		if t.kind == string(b.Type) {
			tmpl = &agreementTemplates[i]
		}
	}
	if tmpl == nil || !strings.EqualFold(b.TemplateID, tmpl.id) {
		return nil, invalidInput("Invalid request input: templateId is not the template of a %s.", b.Type)
	}
	agreed, err := parseAgreementDate(b.DateAgreed)
	if err != nil {
		return nil, invalidInput("Invalid request input: dateAgreed is not a date and time: %s.", err)
	}
	if agreed.After(time.Now().Add(maxClockSkew)) {
		return nil, invalidInput("Invalid request input: dateAgreed lies in the future.")
	}
	contact := b.PrimaryContact
	ag := gen.Agreement{
		UserID:         ptr(PartnerUserID),
		PrimaryContact: &contact,
		TemplateID:     ptr(b.TemplateID),
		DateAgreed:     ptr(b.DateAgreed),
		Type:           ptr(string(b.Type)),
		AgreementLink:  ptr(tmpl.link),
	}
	if err := a.store.addAgreement(req.CustomerTenantID.String(), ag); err != nil {
		return nil, lifecycleFault(gen.OperationCreateCustomerAgreement, err)
	}
	ag.AgreementLink = nil // the confirm answer echoes the request plus userId
	return gen.CreateCustomerAgreement201JSONResponse(ag), nil
}

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

// ListCustomerQualifications answers GET /customers/{id}/qualifications.
func (a *api) ListCustomerQualifications(ctx context.Context, req gen.ListCustomerQualificationsRequestObject) (gen.ListCustomerQualificationsResponseObject, error) {
	list, err := a.store.qualifications(req.CustomerTenantID.String())
	if err != nil {
		return nil, lifecycleFault(gen.OperationListCustomerQualifications, err)
	}
	return gen.ListCustomerQualifications200JSONResponse(list), nil
}

// deniedEducationReason is the vetting reason of a denied Education request.
const deniedEducationReason = "Not an Education Customer"

// CreateCustomerQualification answers POST /customers/{id}/qualifications.
// Education is approved when the request names an education segment and
// denied otherwise; Government Community Cloud needs a validation code and is
// approved; both show InReview first. StateOwnedEntity is set at once.
func (a *api) CreateCustomerQualification(ctx context.Context, req gen.CreateCustomerQualificationRequestObject) (gen.CreateCustomerQualificationResponseObject, error) {
	if req.Body == nil {
		return nil, invalidInput("Invalid request input: the qualification is missing.")
	}
	b := *req.Body
	q := &qualification{name: string(b.Qualification), created: time.Now()}
	switch b.Qualification {
	case gen.CustomerQualificationRequestQualificationEducation:
		q.vetted, q.readsLeft, q.outcome = true, 1, vettingApproved
		if blank(b.EducationSegment) {
			q.outcome, q.reason = vettingDenied, deniedEducationReason
		}
	case gen.CustomerQualificationRequestQualificationGovernmentCommunityCloud:
		if req.Params.Code == nil && blank(b.ValidationCode) {
			return nil, invalidInput("Invalid request input: a GovernmentCommunityCloud qualification needs the partner's validation code.")
		}
		q.vetted, q.readsLeft, q.outcome = true, 1, vettingApproved
	}
	if err := a.store.addQualification(req.CustomerTenantID.String(), q); err != nil {
		return nil, lifecycleFault(gen.OperationCreateCustomerQualification, err)
	}
	return gen.CreateCustomerQualification201JSONResponse(q.answer()), nil
}

// RemoveResellerRelationship answers PATCH /customers/{id}: the customer's
// relationship becomes none, which later reads show. Customers whose
// relationship is not reseller (advisors, for example) are refused with 403
// and code 600006.
func (a *api) RemoveResellerRelationship(ctx context.Context, req gen.RemoveResellerRelationshipRequestObject) (gen.RemoveResellerRelationshipResponseObject, error) {
	if req.Body == nil {
		return nil, invalidInput("Invalid request input: the customer is missing.")
	}
	if _, err := a.store.removeRelationship(req.CustomerTenantID.String()); err != nil {
		return nil, lifecycleFault(gen.OperationRemoveResellerRelationship, err)
	}
	return gen.RemoveResellerRelationship200JSONResponse(gen.Customer{
		RelationshipToPartner: ptr(gen.RelationshipToPartnerNone),
		Attributes:            &gen.ResourceAttributes{ObjectType: ptr(objectCustomer)},
	}), nil
}

// DeleteCustomer answers DELETE /customers/{id}. Only customers made through
// createCustomer count as integration sandbox customers; others get 400 with
// code 900127. A sandbox customer created with an address that did not verify
// gets 403 with code 600006, one whose relationship was removed 403 with
// 20002.
func (a *api) DeleteCustomer(ctx context.Context, req gen.DeleteCustomerRequestObject) (gen.DeleteCustomerResponseObject, error) {
	if err := a.store.deleteCustomer(req.CustomerTenantID.String()); err != nil {
		return nil, lifecycleFault(gen.OperationDeleteCustomer, err)
	}
	return gen.DeleteCustomer204Response{}, nil
}

// GetRelationshipRequest answers GET /customers/relationshiprequests with
// the invitation link of the fake's partner tenant.
func (a *api) GetRelationshipRequest(ctx context.Context, req gen.GetRelationshipRequestRequestObject) (gen.GetRelationshipRequestResponseObject, error) {
	link := "https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=" + PartnerTenantID + "&msppId=0&DAP=false"
	if p := req.Params.IndirectResellerID; p != nil {
		link += "&indirectResellerId=" + p.String()
	}
	link += "#/BillingAccounts/partner-invitation"
	return gen.GetRelationshipRequest200JSONResponse(gen.RelationshipRequest{
		URL:        ptr(link),
		Attributes: &gen.ResourceAttributes{ObjectType: ptr("RelationshipRequest")},
	}), nil
}
