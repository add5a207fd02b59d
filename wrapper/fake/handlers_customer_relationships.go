package fake

import (
	"context"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The handlers of the "Customer relationships" tag.

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
