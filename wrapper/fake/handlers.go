package fake

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/partnercenter-go/partnercenter/gen"
)

// api implements gen.StrictServerInterface over the store. Success answers
// are the generated typed responses; failures are returned as *apiError and
// written by the strict handler's error hook, so every operation answers
// errors in the same ApiFault shape.
type api struct {
	store    *store
	opts     Options
	tokenKey []byte
}

var _ gen.StrictServerInterface = (*api)(nil)

// errCustomerNotFound is the answer for an unknown customer ID.
var errCustomerNotFound = &apiError{status: http.StatusNotFound, code: codeTenantNotFound, description: "Tenant not found."}

// invalidInput is a 400 answer with a specific description.
func invalidInput(format string, args ...any) *apiError {
	return newAPIError(http.StatusBadRequest).withDescription(fmt.Sprintf(format, args...))
}

// customer returns the stored customer or the 404 answer.
func (a *api) customer(id fmt.Stringer) (*record, error) {
	r, ok := a.store.get(id.String())
	if !ok {
		return nil, errCustomerNotFound
	}
	return r, nil
}

// ListCustomers answers GET /customers: a page of customers, a search, or
// the next page of either.
func (a *api) ListCustomers(ctx context.Context, req gen.ListCustomersRequestObject) (gen.ListCustomersResponseObject, error) {
	p := req.Params
	size := DefaultPageSize
	if p.Size != nil && *p.Size > 0 {
		size = min(int(*p.Size), MaxPageSize)
	}
	token := ""
	if p.MSContinuationToken != nil {
		token = *p.MSContinuationToken
	}
	// The filter as checkQuery parsed it, not as the generated code decoded
	// it: the check is stricter and does not depend on the parameter's form
	// in the spec.
	filter := searchFilter(ctx)
	var cur cursor
	seek := gen.SeekOperation("")
	if p.SeekOperation != nil {
		seek = *p.SeekOperation
	}
	switch seek {
	case "":
		if token != "" {
			return nil, invalidInput("Invalid request input: the MS-ContinuationToken header is only read with seekOperation=Next.")
		}
	case gen.SeekOperationFirst:
	case gen.SeekOperationNext:
		if token == "" {
			return nil, invalidInput("Invalid request input: seekOperation=Next needs the MS-ContinuationToken header given in links.next.headers.")
		}
		c, err := decodeToken(a.tokenKey, token)
		if err != nil {
			return nil, invalidInput("Invalid request input: the continuation token is not valid.")
		}
		cur = c
		filter = nil
		if c.Field != "" {
			filter = &gen.CustomerSearchFilter{
				Field:    gen.CustomerSearchFilterField(c.Field),
				Value:    c.Value,
				Operator: gen.CustomerSearchFilterOperatorStartsWith,
			}
		}
	default:
		return nil, invalidInput("Invalid request input: the fake does not support seekOperation=%s; follow links.next.", seek)
	}
	if filter != nil {
		cur.Field, cur.Value = string(filter.Field), filter.Value
	}

	pg := a.store.list(cur.Pos, size, cur.search())
	items := make([]gen.Customer, len(pg.items))
	for i, r := range pg.items {
		items[i] = r.listed()
	}
	next := ""
	if pg.next >= 0 {
		next = encodeToken(a.tokenKey, cursor{Pos: pg.next, Field: cur.Field, Value: cur.Value})
	}
	return gen.ListCustomers200JSONResponse(gen.CustomerCollection{
		TotalCount: ptr(int32(len(items))),
		Items:      items,
		Links:      listLinks(a.opts.NextLinkForm, size, filter, next),
		Attributes: &gen.ResourceAttributes{ObjectType: ptr(objectCollection)},
	}), nil
}

// GetCustomer answers GET /customers/{id} with the full customer.
func (a *api) GetCustomer(ctx context.Context, req gen.GetCustomerRequestObject) (gen.GetCustomerResponseObject, error) {
	r, err := a.customer(req.CustomerTenantID)
	if err != nil {
		return nil, err
	}
	return gen.GetCustomer200JSONResponse(r.full()), nil
}

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

// CheckDomainAvailability answers HEAD /domains/{domain}: 200 when a
// customer uses the domain, 404 when it is free.
func (a *api) CheckDomainAvailability(ctx context.Context, req gen.CheckDomainAvailabilityRequestObject) (gen.CheckDomainAvailabilityResponseObject, error) {
	if a.store.domainTaken(req.Domain) {
		return gen.CheckDomainAvailability200Response{}, nil
	}
	return gen.CheckDomainAvailability404Response{}, nil
}
