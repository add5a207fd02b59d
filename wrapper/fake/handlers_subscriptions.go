package fake

import (
	"context"
	"strings"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The handlers of the "Subscriptions" tag.

// ListCustomerSubscriptions answers GET /customers/{id}/subscriptions: all
// subscriptions, or those of one order (order_id) or one partner (mpn_id,
// its MPN ID against partnerId). An order or partner without subscriptions
// gets 404 (codes 20000 and 800015); both parameters at once get 400.
func (a *api) ListCustomerSubscriptions(ctx context.Context, req gen.ListCustomerSubscriptionsRequestObject) (gen.ListCustomerSubscriptionsResponseObject, error) {
	p := req.Params
	if p.OrderID != nil && p.MpnID != nil {
		return nil, invalidInput("Invalid request input: send order_id or mpn_id, not both.")
	}
	cid := strings.ToLower(req.CustomerTenantID.String())
	subs, err := a.store.subscriptions(cid, p.OrderID, p.MpnID)
	if err != nil {
		return nil, tenantFault(gen.OperationListCustomerSubscriptions, "", err)
	}
	return gen.ListCustomerSubscriptions200JSONResponse(gen.SubscriptionCollection{
		TotalCount: ptr(int32(len(subs))),
		Items:      subs,
		Links:      selfLink(customerLinkPrefix + cid + subscriptionsSuffix),
		Attributes: &gen.ResourceAttributes{ObjectType: ptr(objectCollection)},
	}), nil
}

// GetCustomerSubscription answers GET /customers/{id}/subscriptions/{subscriptionId},
// with the current ETag in attributes.etag when the subscription has one.
func (a *api) GetCustomerSubscription(ctx context.Context, req gen.GetCustomerSubscriptionRequestObject) (gen.GetCustomerSubscriptionResponseObject, error) {
	sub, err := a.store.subscription(req.CustomerTenantID.String(), req.SubscriptionID.String())
	if err != nil {
		return nil, tenantFault(gen.OperationGetCustomerSubscription, req.SubscriptionID.String(), err)
	}
	return gen.GetCustomerSubscription200JSONResponse(sub), nil
}

// UpdateCustomerSubscription answers PATCH
// /customers/{id}/subscriptions/{subscriptionId} with 200 and the
// subscription as stored. It changes quantity, status (suspend, reactivate),
// friendlyName and autoRenewEnabled, and gives the subscription a new ETag.
// If-Match is optional; a stale one is refused as SubscriptionEtagStale.
// The other refusals of the spec apply as doc.go lists them. A change
// repeated with the same MS-RequestId gets the first answer.
func (a *api) UpdateCustomerSubscription(ctx context.Context, req gen.UpdateCustomerSubscriptionRequestObject) (gen.UpdateCustomerSubscriptionResponseObject, error) {
	if req.Body == nil {
		return nil, invalidInput("Invalid request input: the subscription is missing.")
	}
	sid := req.SubscriptionID.String()
	sub, err := a.store.updateSubscription(req.CustomerTenantID.String(), sid, derefOr(req.Params.IfMatch, ""),
		requestIDOf(req.Params.MSRequestID), *req.Body)
	if err != nil {
		return nil, tenantFault(gen.OperationUpdateCustomerSubscription, sid, err)
	}
	return gen.UpdateCustomerSubscription200JSONResponse(sub), nil
}
