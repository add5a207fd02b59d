package wrapper

import (
	"errors"
	"net/http"

	"github.com/partnercenter-go/partnercenter/gen"
)

// Documented refusals. A *ResponseError matches one of these with
// errors.Is when the operation, HTTP status and Partner Center code of the
// answer are those of the refusal (see the table below); it still matches
// the category of its status (ErrBadRequest, ErrConflict, ...) as well.
//
//	if errors.Is(err, wrapper.ErrDomainTaken) { /* pick another domain */ }
var (
	// ErrPhoneNumberMissing: createCustomer, 400 with code 600051. The
	// customer's country needs a phone number on the billing address.
	ErrPhoneNumberMissing = errors.New("phone number missing")
	// ErrRegistrationNumberMissing: createCustomer, 400 with code 600049.
	// The customer's country needs companyProfile.organizationRegistrationNumber.
	ErrRegistrationNumberMissing = errors.New("organization registration number missing")
	// ErrRegistrationNumberInvalid: createCustomer, 400 with code 600050.
	// The number does not have the country's format; the description names
	// the pattern.
	ErrRegistrationNumberInvalid = errors.New("organization registration number invalid")
	// ErrRegistrationNumberNotSupported: createCustomer, 400 with code
	// 600002. The customer's country takes no registration number: leave it
	// out.
	ErrRegistrationNumberNotSupported = errors.New("organization registration number not supported")
	// ErrDomainTaken: createCustomer, 409 (whatever the code; the fake
	// sends 600006). Another tenant already uses the domain.
	ErrDomainTaken = errors.New("domain taken")
	// ErrAgreementAlreadyConfirmed: createCustomerAgreement, code 600061
	// (PartnerConfirmedAgreementAlreadyExists) with any status (the pages
	// document none; the spec declares 409). The same contact already
	// confirmed this agreement for the customer.
	ErrAgreementAlreadyConfirmed = errors.New("agreement already confirmed")
	// ErrQualificationExists: createCustomerQualification, 409 with code
	// 600006. The customer has, or awaits, this qualification.
	ErrQualificationExists = errors.New("qualification already requested")
	// ErrNotReseller: removeResellerRelationship, 403 with code 600006. The
	// partner is not the customer's reseller (an advisor relationship, for
	// example), or the customer still has active Azure reservations or
	// subscriptions to cancel or suspend first.
	ErrNotReseller = errors.New("no reseller relationship to remove")
	// ErrNoRelationship: any operation, 403 with code 20002. The partner
	// has no commerce relationship with the customer (any more, after
	// RemoveResellerRelationship).
	ErrNoRelationship = errors.New("no relationship with the customer")
	// ErrNotSandbox: deleteCustomer, 400 with code 900127. Only customers of
	// an integration sandbox account can be deleted.
	ErrNotSandbox = errors.New("not an integration sandbox customer")
	// ErrDeleteRefused: deleteCustomer, 403 with code 600006. The customer
	// cannot be deleted: it was created with an address that did not
	// validate, or it still has orders (Azure reservations, software) to
	// cancel first.
	ErrDeleteRefused = errors.New("customer cannot be deleted")
)

// refusal is one row of the table: an answer and the sentinel it matches.
// An empty operation matches every operation, a zero status every status,
// an empty code every code.
type refusal struct {
	operation string
	status    int
	code      string
	err       error
}

// refusals is the one table of documented refusals.
var refusals = []refusal{
	{gen.OperationCreateCustomer, http.StatusBadRequest, "600051", ErrPhoneNumberMissing},
	{gen.OperationCreateCustomer, http.StatusBadRequest, "600049", ErrRegistrationNumberMissing},
	{gen.OperationCreateCustomer, http.StatusBadRequest, "600050", ErrRegistrationNumberInvalid},
	{gen.OperationCreateCustomer, http.StatusBadRequest, "600002", ErrRegistrationNumberNotSupported},
	{gen.OperationCreateCustomer, http.StatusConflict, "", ErrDomainTaken},
	{gen.OperationCreateCustomerAgreement, 0, "600061", ErrAgreementAlreadyConfirmed},
	{gen.OperationCreateCustomerQualification, http.StatusConflict, "600006", ErrQualificationExists},
	{gen.OperationRemoveResellerRelationship, http.StatusForbidden, "600006", ErrNotReseller},
	{gen.OperationDeleteCustomer, http.StatusBadRequest, "900127", ErrNotSandbox},
	{gen.OperationDeleteCustomer, http.StatusForbidden, "600006", ErrDeleteRefused},
	{"", http.StatusForbidden, "20002", ErrNoRelationship},
}

// refusalOf returns the sentinel of e's documented refusal, or nil.
func refusalOf(e *ResponseError) error {
	for _, r := range refusals {
		if (r.operation == "" || r.operation == e.Operation) &&
			(r.status == 0 || r.status == e.StatusCode) &&
			(r.code == "" || r.code == e.Code) {
			return r.err
		}
	}
	return nil
}
