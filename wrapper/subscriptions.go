package wrapper

import (
	"bytes"
	"context"
	"net/http"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

// The custom operations of the "Subscriptions" tag.

// UpdateCustomerSubscriptionOptions holds the optional settings of
// Client.UpdateCustomerSubscription.
type UpdateCustomerSubscriptionOptions struct {
	CallOptions
}

// SubscriptionChange is the outcome of UpdateCustomerSubscription.
type SubscriptionChange struct {
	// Subscription is the subscription as the service answered; nil when
	// Pending.
	Subscription *Subscription `json:"subscription,omitempty"`
	// Pending is set when the service answered 202: the change is under
	// way; read the subscription again later.
	Pending bool `json:"pending,omitempty"`
}

// UpdateCustomerSubscription changes a subscription: it reads it, lets
// change edit it (the quantity, status "suspended" or "active",
// friendlyName, autoRenewEnabled), and sends it back with the ETag it was
// read with in If-Match, so that a change made in between is refused
// (ErrPreconditionFailed, or ErrSubscriptionEtagStale) instead of
// overwritten: read and change it again then. The refusals of the spec
// come back as their sentinels (ErrQuantityOutOfRange,
// ErrSubscriptionSuspended, ...). The PATCH is retried with one
// MS-RequestId.
func (c *Client) UpdateCustomerSubscription(ctx context.Context, customerTenantID, subscriptionID string, change func(*Subscription), opts *UpdateCustomerSubscriptionOptions) (*SubscriptionChange, error) {
	co := callOptions(opts)
	sub, err := c.GetCustomerSubscription(ctx, customerTenantID, subscriptionID, &GetCustomerSubscriptionOptions{CallOptions: co})
	if err != nil {
		return nil, err
	}
	cid, _ := parseCustomerID(customerTenantID) // checked by the read
	sid, _ := parseGUID("subscription ID", subscriptionID)
	var p gen.UpdateCustomerSubscriptionParams
	if a := sub.Attributes; a != nil && a.Etag != nil && *a.Etag != "" {
		ifMatch, err := quoteETag(*a.Etag)
		if err != nil {
			return nil, err
		}
		p.IfMatch = &ifMatch
	}
	change(sub)
	r, resp, err := invokeWith(ctx, c, gen.OperationUpdateCustomerSubscription, co, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.UpdateCustomerSubscription(ctx, cid, sid, &p, *sub, edit)
	}, gen.ParseUpdateCustomerSubscriptionResponse, nil, true)
	switch {
	case err != nil:
		return nil, err
	case r.JSON200 != nil:
		return &SubscriptionChange{Subscription: r.JSON200}, nil
	case resp.StatusCode == http.StatusAccepted || len(bytes.TrimSpace(transport.Payload(resp))) == 0:
		return &SubscriptionChange{Pending: true}, nil
	}
	return nil, newMalformedError(gen.OperationUpdateCustomerSubscription, resp, transport.Payload(resp), errNotJSON)
}
