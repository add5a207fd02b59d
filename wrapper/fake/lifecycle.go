package fake

import (
	"context"
	"net/http"

	"github.com/partnercenter-go/partnercenter/gen"
)

// errNotImplemented answers the lifecycle operations the fake does not serve yet.
var errNotImplemented = newAPIError(http.StatusNotImplemented)

// CreateCustomer answers POST /customers.
func (a *api) CreateCustomer(context.Context, gen.CreateCustomerRequestObject) (gen.CreateCustomerResponseObject, error) {
	return nil, errNotImplemented
}

// ValidateAddress answers POST /validations/address.
func (a *api) ValidateAddress(context.Context, gen.ValidateAddressRequestObject) (gen.ValidateAddressResponseObject, error) {
	return nil, errNotImplemented
}

// GetCountryValidationRules answers GET /countryvalidationrules/{countryCode}.
func (a *api) GetCountryValidationRules(context.Context, gen.GetCountryValidationRulesRequestObject) (gen.GetCountryValidationRulesResponseObject, error) {
	return nil, errNotImplemented
}

// ListAgreementMetadata answers GET /agreements.
func (a *api) ListAgreementMetadata(context.Context, gen.ListAgreementMetadataRequestObject) (gen.ListAgreementMetadataResponseObject, error) {
	return nil, errNotImplemented
}

// GetAgreementDocument answers GET /agreementtemplates/{id}/document.
func (a *api) GetAgreementDocument(context.Context, gen.GetAgreementDocumentRequestObject) (gen.GetAgreementDocumentResponseObject, error) {
	return nil, errNotImplemented
}

// ListCustomerAgreements answers GET /customers/{id}/agreements.
func (a *api) ListCustomerAgreements(context.Context, gen.ListCustomerAgreementsRequestObject) (gen.ListCustomerAgreementsResponseObject, error) {
	return nil, errNotImplemented
}

// CreateCustomerAgreement answers POST /customers/{id}/agreements.
func (a *api) CreateCustomerAgreement(context.Context, gen.CreateCustomerAgreementRequestObject) (gen.CreateCustomerAgreementResponseObject, error) {
	return nil, errNotImplemented
}

// ListCustomerQualifications answers GET /customers/{id}/qualifications.
func (a *api) ListCustomerQualifications(context.Context, gen.ListCustomerQualificationsRequestObject) (gen.ListCustomerQualificationsResponseObject, error) {
	return nil, errNotImplemented
}

// CreateCustomerQualification answers POST /customers/{id}/qualifications.
func (a *api) CreateCustomerQualification(context.Context, gen.CreateCustomerQualificationRequestObject) (gen.CreateCustomerQualificationResponseObject, error) {
	return nil, errNotImplemented
}

// RemoveResellerRelationship answers PATCH /customers/{id}.
func (a *api) RemoveResellerRelationship(context.Context, gen.RemoveResellerRelationshipRequestObject) (gen.RemoveResellerRelationshipResponseObject, error) {
	return nil, errNotImplemented
}

// DeleteCustomer answers DELETE /customers/{id}.
func (a *api) DeleteCustomer(context.Context, gen.DeleteCustomerRequestObject) (gen.DeleteCustomerResponseObject, error) {
	return nil, errNotImplemented
}

// GetRelationshipRequest answers GET /customers/relationshiprequests.
func (a *api) GetRelationshipRequest(context.Context, gen.GetRelationshipRequestRequestObject) (gen.GetRelationshipRequestResponseObject, error) {
	return nil, errNotImplemented
}
