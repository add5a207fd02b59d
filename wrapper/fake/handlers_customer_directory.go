package fake

import (
	"context"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The handlers of the "Customer directory" tag.

// GetCustomerCustomDomains answers GET /customers/{id}/customDomains.
func (a *api) GetCustomerCustomDomains(ctx context.Context, req gen.GetCustomerCustomDomainsRequestObject) (gen.GetCustomerCustomDomainsResponseObject, error) {
	r, err := a.customer(req.CustomerTenantID)
	if err != nil {
		return nil, err
	}
	domains := r.customer.CustomDomains
	if domains == nil {
		domains = []string{}
	}
	return gen.GetCustomerCustomDomains200JSONResponse(domains), nil
}

// GetCustomerOrganization answers GET /customers/{id}/organization with a
// one-element array, or a single object with Options.OrganizationAsObject.
func (a *api) GetCustomerOrganization(ctx context.Context, req gen.GetCustomerOrganizationRequestObject) (gen.GetCustomerOrganizationResponseObject, error) {
	r, err := a.customer(req.CustomerTenantID)
	if err != nil {
		return nil, err
	}
	var body gen.CustomerOrganizationResult
	if a.opts.OrganizationAsObject {
		err = body.FromCustomerOrganization(r.org)
	} else {
		err = body.FromCustomerOrganizationList(gen.CustomerOrganizationList{r.org})
	}
	if err != nil {
		return nil, err
	}
	return gen.GetCustomerOrganization200JSONResponse(body), nil
}
