package fake

import (
	"context"
	"errors"
	"net/http"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The handlers of the "Customer profiles" tag.

// GetCustomerCompanyProfile answers GET /customers/{id}/profiles/company.
func (a *api) GetCustomerCompanyProfile(ctx context.Context, req gen.GetCustomerCompanyProfileRequestObject) (gen.GetCustomerCompanyProfileResponseObject, error) {
	r, err := a.customer(req.CustomerTenantID)
	if err != nil {
		return nil, err
	}
	return gen.GetCustomerCompanyProfile200JSONResponse(r.company), nil
}

// GetCustomerBillingProfile answers GET /customers/{id}/profiles/billing,
// with the current ETag in attributes.etag.
func (a *api) GetCustomerBillingProfile(ctx context.Context, req gen.GetCustomerBillingProfileRequestObject) (gen.GetCustomerBillingProfileResponseObject, error) {
	r, err := a.customer(req.CustomerTenantID)
	if err != nil {
		return nil, err
	}
	return gen.GetCustomerBillingProfile200JSONResponse(r.billing), nil
}

// UpdateCustomerBillingProfile answers PUT /customers/{id}/profiles/billing.
// If-Match must name the current ETag (quoted or not), else 412 with code
// 2055. The stored profile gets a new ETag. Repeating a successful call with
// the same MS-RequestId returns the first answer instead of a 412.
func (a *api) UpdateCustomerBillingProfile(ctx context.Context, req gen.UpdateCustomerBillingProfileRequestObject) (gen.UpdateCustomerBillingProfileResponseObject, error) {
	if req.Body == nil {
		return nil, invalidInput("Invalid request input: the billing profile is missing.")
	}
	requestID := ""
	if req.Params.MSRequestID != nil {
		requestID = req.Params.MSRequestID.String()
	}
	profile, err := a.store.updateBilling(req.CustomerTenantID.String(), req.Params.IfMatch, requestID, *req.Body)
	switch {
	case errors.Is(err, errNotFound):
		return nil, errCustomerNotFound
	case errors.Is(err, errStaleETag):
		return nil, newAPIError(http.StatusPreconditionFailed)
	case err != nil:
		return nil, err
	}
	return gen.UpdateCustomerBillingProfile200JSONResponse(profile), nil
}
