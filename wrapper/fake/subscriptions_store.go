package fake

import (
	"strconv"
	"strings"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The subscriptions of a tenant: those the spec documents for
// listCustomerSubscriptions and getCustomerSubscription, each once. An
// update changes the quantity, the status (active to suspended and back),
// the nickname or auto-renewal, and gives the subscription a new ETag; the
// other properties of the body are the subscription as read and are not
// changed.

// Limits of subscription changes.
const (
	// MaxSubscriptionSeats is the most seats (quantity) one license-based
	// subscription may have; more is refused as SeatCountAboveMaximum.
	MaxSubscriptionSeats = 10_000
	// QuantityDecreaseWindow is how long after its start a new-commerce
	// subscription's quantity may go down; later decreases are refused as
	// QuantityDecreaseNotAllowed.
	QuantityDecreaseWindow = 72 * time.Hour
)

// The refusals of subscription updates, named after gen's table.
var (
	errQuantityDecrease   = &storeRefusal{gen.RefusalQuantityDecreaseNotAllowed}
	errQuantityRange      = &storeRefusal{gen.RefusalQuantityOutOfRange}
	errSeatCount          = &storeRefusal{gen.RefusalSeatCountAboveMaximum}
	errSuspended          = &storeRefusal{gen.RefusalSubscriptionSuspended}
	errChangeWhileSuspend = &storeRefusal{gen.RefusalQuantityChangeWhileSuspending}
	errSubscriptionGone   = &storeRefusal{gen.RefusalSubscriptionDeleted}
	errAutoRenew          = &storeRefusal{gen.RefusalAutoRenewNotEligible}
	errSubscriptionETag   = &storeRefusal{gen.RefusalSubscriptionEtagStale}
	errParentNotActive    = &storeRefusal{gen.RefusalParentSubscriptionNotActive}
)

// findSub returns the position of a subscription by ID (any case), or -1.
func (v tenantView) findSub(id string) int {
	lid := strings.ToLower(id)
	for i, r := range v.t.subs {
		if r.lid() == lid {
			return i
		}
	}
	return -1
}

// subscriptions lists the subscriptions of customer id, all of them or
// those of one order or one partner (MPN ID). An order or partner without
// subscriptions is not found.
func (s *store) subscriptions(id string, orderID *string, mpnID *int64) ([]gen.Subscription, error) {
	out := []gen.Subscription{}
	err := s.read(id, func(v tenantView) error {
		for _, r := range v.t.subs {
			switch {
			case orderID != nil && !strings.EqualFold(derefOr(r.sub.OrderID, ""), strings.TrimSpace(*orderID)):
				continue
			case mpnID != nil && strings.TrimSpace(derefOr(r.sub.PartnerID, "")) != strconv.FormatInt(*mpnID, 10):
				continue
			}
			out = append(out, r.view(v.customer))
		}
		switch {
		case len(out) > 0:
		case orderID != nil:
			return errOrderNotFound
		case mpnID != nil:
			return errPartnerNotFound
		}
		return nil
	})
	return out, err
}

// subscription returns one subscription of customer id.
func (s *store) subscription(id, subID string) (gen.Subscription, error) {
	var out gen.Subscription
	err := s.read(id, func(v tenantView) error {
		i := v.findSub(subID)
		if i < 0 {
			return errSubscriptionNotFound
		}
		out = v.t.subs[i].view(v.customer)
		return nil
	})
	return out, err
}

// updateSubscription applies the change body (the subscription as read,
// edited) to a subscription of customer id. ifMatch, when not empty, must
// name the subscription's current ETag. A change repeated with the same
// requestID gets the first answer.
func (s *store) updateSubscription(id, subID, ifMatch, requestID string, body gen.Subscription) (gen.Subscription, error) {
	answer, err := s.change(id, requestID, gen.OperationUpdateCustomerSubscription, strings.ToLower(subID), func(v tenantView) (any, error) {
		i := v.findSub(subID)
		if i < 0 {
			return nil, errSubscriptionNotFound
		}
		old := v.t.subs[i]
		if bodyID := derefOr(body.ID, ""); bodyID != "" && !strings.EqualFold(bodyID, subID) {
			return nil, invalidInput("Invalid request input: the body's id %s is not the subscription of the path.", truncateUTF8(bodyID, 100))
		}
		if etag := old.etag(); etag != "" && ifMatch != "" && normalizeETag(ifMatch) != etag {
			return nil, errSubscriptionETag
		}
		next, err := v.applySubscriptionChange(old, body)
		if err != nil {
			return nil, err
		}
		if next != old {
			if next.version > 0 {
				next.version++
			}
			v.t.subs[i] = next
		}
		return next.view(v.customer), nil
	})
	if err != nil {
		return gen.Subscription{}, err
	}
	return answer.(gen.Subscription), nil
}

// applySubscriptionChange checks a change against the rules of the
// service and returns the changed record (old itself when nothing changes).
func (v tenantView) applySubscriptionChange(old *subRec, body gen.Subscription) (*subRec, error) {
	cur := old.sub
	status := derefOr(cur.Status, gen.SubscriptionStatusActive)
	newStatus := status
	if body.Status != nil && *body.Status != "" {
		newStatus = strings.ToLower(*body.Status)
	}
	quantity := derefOr(cur.Quantity, 0)
	quantityChanged := body.Quantity != nil && *body.Quantity != quantity
	nameChanged := body.FriendlyName != nil && *body.FriendlyName != derefOr(cur.FriendlyName, "")
	renewChanged := body.AutoRenewEnabled != nil && *body.AutoRenewEnabled != derefOr(cur.AutoRenewEnabled, false)
	statusChanged := newStatus != status
	if !quantityChanged && !nameChanged && !renewChanged && !statusChanged {
		return old, nil
	}
	if status == gen.SubscriptionStatusDeleted {
		return nil, errSubscriptionGone
	}
	if statusChanged {
		switch {
		case status == gen.SubscriptionStatusActive && newStatus == gen.SubscriptionStatusSuspended:
			if quantityChanged {
				return nil, errChangeWhileSuspend
			}
		case status == gen.SubscriptionStatusSuspended && newStatus == gen.SubscriptionStatusActive:
			if quantityChanged || nameChanged || renewChanged {
				// Reactivate first, then change.
				return nil, errSuspended
			}
			if p := derefOr(cur.ParentSubscriptionID, ""); p != "" {
				if j := v.findSub(p); j >= 0 && derefOr(v.t.subs[j].sub.Status, gen.SubscriptionStatusActive) != gen.SubscriptionStatusActive {
					return nil, errParentNotActive
				}
			}
		default:
			return nil, invalidInput("Invalid request input: a subscription's status can only change from active to suspended or from suspended to active, not from %s to %s.",
				status, truncateUTF8(newStatus, 40))
		}
	} else if status == gen.SubscriptionStatusSuspended {
		return nil, errSuspended
	}
	if quantityChanged {
		if err := v.checkQuantity(cur, *body.Quantity); err != nil {
			return nil, err
		}
	}
	if renewChanged && *body.AutoRenewEnabled && !autoRenewEligible(cur) {
		return nil, errAutoRenew
	}
	next := *old
	if quantityChanged {
		next.sub.Quantity = ptr(*body.Quantity)
	}
	if nameChanged {
		next.sub.FriendlyName = ptr(*body.FriendlyName)
	}
	if renewChanged {
		next.sub.AutoRenewEnabled = ptr(*body.AutoRenewEnabled)
	}
	if statusChanged {
		next.sub.Status = ptr(newStatus)
	}
	return &next, nil
}

// checkQuantity applies the quantity rules: a new-commerce subscription's
// quantity only goes down within QuantityDecreaseWindow of its start; a
// usage-based subscription's quantity is 1; others take 1 to
// MaxSubscriptionSeats.
func (v tenantView) checkQuantity(cur gen.Subscription, q int32) error {
	old := derefOr(cur.Quantity, 0)
	if q < old && cur.ProductType != nil && derefOr(cur.ProductType.ID, "") == gen.ProductTypeKindOnlineServicesNCE {
		start, err := time.Parse(time.RFC3339Nano, derefOr(cur.EffectiveStartDate, derefOr(cur.CreationDate, "")))
		if err != nil || v.now.After(start.Add(QuantityDecreaseWindow)) {
			return errQuantityDecrease
		}
	}
	usage := strings.EqualFold(derefOr(cur.BillingType, ""), gen.BillingTypeUsage)
	switch {
	case q < 1, usage && q != 1:
		return errQuantityRange
	case q > MaxSubscriptionSeats:
		return errSeatCount
	}
	return nil
}

// autoRenewEligible reports whether a subscription can be set to renew
// automatically: new-commerce and software subscriptions (those with a
// product type) and commercial marketplace ones (not Microsoft's products).
func autoRenewEligible(s gen.Subscription) bool {
	return s.ProductType != nil || (s.IsMicrosoftProduct != nil && !*s.IsMicrosoftProduct)
}
