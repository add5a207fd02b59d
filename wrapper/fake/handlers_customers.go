package fake

import (
	"context"
	"strings"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The handlers of the "Customers" tag.

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
		if err != nil || c.List != "" {
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
