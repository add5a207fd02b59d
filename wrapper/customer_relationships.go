package wrapper

import (
	"context"
	"net/http"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The custom operations of the "Customer relationships" tag.

// RemoveResellerRelationship ends the partner's reseller relationship with
// the customer: it sends relationshipToPartner "none", the one value the
// service accepts here, and returns the customer as the service answered.
// Afterwards the partner can no longer act for the customer (other calls
// get ErrNoRelationship). The service refuses (ErrNotReseller) when the
// partner is not the customer's reseller; the reference pages ask to cancel
// Azure reservations and suspend active subscriptions first. The PATCH is
// retried with one MS-RequestId; repeating it is harmless.
func (c *Client) RemoveResellerRelationship(ctx context.Context, customerID string, opts *RemoveResellerRelationshipOptions) (*Customer, error) {
	id, err := parseCustomerID(customerID)
	if err != nil {
		return nil, err
	}
	body := gen.ResellerRelationshipRemoval{RelationshipToPartner: gen.ResellerRelationshipRemovalRelationshipToPartnerNone}
	return call[Customer](ctx, c, gen.OperationRemoveResellerRelationship, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.RemoveResellerRelationship(ctx, id, nil, body, edit)
	}, gen.ParseRemoveResellerRelationshipResponse)
}
