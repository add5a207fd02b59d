package fake

import (
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
)

// subscriptionPath is the path of one subscription.
func subscriptionPath(cid, id string) string { return customerPath(cid, "/subscriptions/"+id) }

// listSubscriptions lists the subscriptions of cid with query.
func listSubscriptions(t testing.TB, s *Server, cid, query string) []gen.Subscription {
	t.Helper()
	r := get(t, s, customerPath(cid, "/subscriptions"+query))
	r.wantStatus(t, http.StatusOK)
	var page gen.SubscriptionCollection
	r.decode(t, &page)
	if int(derefOr(page.TotalCount, -1)) != len(page.Items) {
		t.Errorf("totalCount %d for %d items", derefOr(page.TotalCount, -1), len(page.Items))
	}
	return page.Items
}

// pickSubscription returns the first subscription of cid that ok accepts.
func pickSubscription(t testing.TB, s *Server, cid string, ok func(gen.Subscription) bool) gen.Subscription {
	t.Helper()
	for _, sub := range listSubscriptions(t, s, cid, "") {
		if ok(sub) {
			return sub
		}
	}
	t.Fatal("no subscription fits the test")
	return gen.Subscription{}
}

// licensed reports whether a subscription is an active license-based one
// with an ETag, the kind a test suspends and resizes.
func licensed(sub gen.Subscription) bool {
	return derefOr(sub.Status, "") == gen.SubscriptionStatusActive && derefOr(sub.BillingType, "") == gen.BillingTypeLicense &&
		sub.Attributes.Etag != nil && sub.ProductType == nil
}

// patchSubscription sends sub as the change of subscription sub.ID, with
// If-Match when ifMatch is not empty.
func patchSubscription(t testing.TB, s *Server, cid string, sub gen.Subscription, ifMatch string) reply {
	t.Helper()
	header := map[string]string{}
	if ifMatch != "" {
		header["If-Match"] = `"` + ifMatch + `"`
	}
	return do(t, s, request{method: http.MethodPatch, path: subscriptionPath(cid, *sub.ID), body: sub, header: header})
}

func TestSubscriptionsAreTheDocumentedOnes(t *testing.T) {
	s := NewTestServer(t, nil)
	cid := DocumentedCustomerID
	spec, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	all := listSubscriptions(t, s, cid, "")
	if len(all) != len(spec.seeds.tenant.subscriptions) {
		t.Fatalf("%d subscriptions, want the %d documented", len(all), len(spec.seeds.tenant.subscriptions))
	}
	for i, sub := range all {
		want := spec.seeds.tenant.subscriptions[i]
		if *sub.ID != *want.ID || derefOr(sub.OrderID, "") != derefOr(want.OrderID, "") || *sub.Quantity != *want.Quantity {
			t.Errorf("subscription %d: %s, want the documented %s", i, *sub.ID, *want.ID)
		}
		if self := derefOr(sub.Links.Self.URI, ""); self != "/customers/"+cid+"/subscriptions/"+*sub.ID {
			t.Errorf("self link %s", self)
		}
		// A documented ETag of the service's form is kept.
		if we := derefOr(want.Attributes.Etag, ""); we != "" && !strings.Contains(we, "<") && derefOr(sub.Attributes.Etag, "") != we {
			t.Errorf("%s: ETag %s, want the documented %s", *sub.ID, derefOr(sub.Attributes.Etag, ""), we)
		}
		var one gen.Subscription
		get(t, s, subscriptionPath(cid, strings.ToLower(*sub.ID))).decode(t, &one)
		if *one.ID != *sub.ID || derefOr(one.Attributes.Etag, "") != derefOr(sub.Attributes.Etag, "") {
			t.Errorf("get %s answered %s", *sub.ID, *one.ID)
		}
	}

	// By order and by partner.
	withOrder := all[0]
	for _, sub := range listSubscriptions(t, s, cid, "?order_id="+strings.ToUpper(*withOrder.OrderID)) {
		if !strings.EqualFold(*sub.OrderID, *withOrder.OrderID) {
			t.Errorf("order %s lists %s of order %s", *withOrder.OrderID, *sub.ID, *sub.OrderID)
		}
	}
	partner := pickSubscription(t, s, cid, func(sub gen.Subscription) bool { return derefOr(sub.PartnerID, "") != "" })
	got := listSubscriptions(t, s, cid, "?mpn_id="+*partner.PartnerID)
	if len(got) == 0 {
		t.Errorf("partner %s lists nothing", *partner.PartnerID)
	}
	for _, sub := range got {
		if *sub.PartnerID != *partner.PartnerID {
			t.Errorf("partner %s lists %s of %s", *partner.PartnerID, *sub.ID, derefOr(sub.PartnerID, ""))
		}
	}
	get(t, s, customerPath(cid, "/subscriptions?order_id=no-such-order")).wantFault(t, http.StatusNotFound, codeOrderNotFound)
	get(t, s, customerPath(cid, "/subscriptions?mpn_id=1")).wantFault(t, http.StatusNotFound, codePartnerNotFound)
	get(t, s, customerPath(cid, "/subscriptions?mpn_id=1&order_id=x")).wantFault(t, http.StatusBadRequest, codeInvalidInput)
	missing := uuid.NewString()
	_, f := get(t, s, subscriptionPath(cid, missing)).fault(t)
	if !strings.Contains(f.Description, missing) {
		t.Errorf("not found says %q, without the ID asked for", f.Description)
	}
	get(t, s, subscriptionPath(cid, missing)).wantFault(t, http.StatusNotFound, codeSubscriptionNotFound)
}

func TestSuspendedSubscriptionOnlyReactivates(t *testing.T) {
	s := NewTestServer(t, nil)
	cid := ContosoCustomerID
	sub := pickSubscription(t, s, cid, licensed)
	etag := *sub.Attributes.Etag

	// Suspend, with the ETag as read.
	suspend := sub
	suspend.Status = ptr(gen.SubscriptionStatusSuspended)
	r := patchSubscription(t, s, cid, suspend, etag)
	r.wantStatus(t, http.StatusOK)
	var got gen.Subscription
	r.decode(t, &got)
	if *got.Status != gen.SubscriptionStatusSuspended || derefOr(got.Attributes.Etag, etag) == etag {
		t.Fatalf("suspend answered status %s, ETag %s (was %s)", *got.Status, derefOr(got.Attributes.Etag, ""), etag)
	}
	var read gen.Subscription
	get(t, s, subscriptionPath(cid, *sub.ID)).decode(t, &read)
	if *read.Status != gen.SubscriptionStatusSuspended || *read.Attributes.Etag != *got.Attributes.Etag {
		t.Errorf("a read after the suspension shows %s", *read.Status)
	}
	// The old ETag is stale now.
	stale := read
	stale.FriendlyName = ptr("renamed")
	patchSubscription(t, s, cid, stale, etag).wantFault(t, http.StatusBadRequest, refusalCode(gen.RefusalSubscriptionEtagStale))

	// While suspended, nothing changes but the status.
	for name, change := range map[string]func(*gen.Subscription){
		"quantity": func(x *gen.Subscription) { x.Quantity = ptr(*x.Quantity + 1) },
		"nickname": func(x *gen.Subscription) { x.FriendlyName = ptr("renamed") },
		"reactivate+resize": func(x *gen.Subscription) {
			x.Status = ptr(gen.SubscriptionStatusActive)
			x.Quantity = ptr(*x.Quantity + 1)
		},
	} {
		t.Run(name, func(t *testing.T) {
			x := read
			change(&x)
			patchSubscription(t, s, cid, x, *read.Attributes.Etag).wantFault(t, http.StatusBadRequest, refusalCode(gen.RefusalSubscriptionSuspended))
		})
	}
	// Sending it as read changes nothing.
	patchSubscription(t, s, cid, read, "").wantStatus(t, http.StatusOK)

	// Reactivate (If-Match is optional), then the change goes through.
	reactivate := read
	reactivate.Status = ptr(gen.SubscriptionStatusActive)
	r = patchSubscription(t, s, cid, reactivate, "")
	r.wantStatus(t, http.StatusOK)
	r.decode(t, &got)
	if *got.Status != gen.SubscriptionStatusActive {
		t.Fatalf("reactivation answered %s", *got.Status)
	}
	got.Quantity = ptr(*got.Quantity + 3)
	got.FriendlyName = ptr("renamed")
	r = patchSubscription(t, s, cid, got, *got.Attributes.Etag)
	r.wantStatus(t, http.StatusOK)
	r.decode(t, &got)
	if *got.Quantity != *sub.Quantity+3 || *got.FriendlyName != "renamed" {
		t.Errorf("the change answered quantity %d, nickname %s", *got.Quantity, *got.FriendlyName)
	}
	// Other customers' subscriptions did not change.
	var theirs gen.Subscription
	get(t, s, subscriptionPath(DocumentedCustomerID, *sub.ID)).decode(t, &theirs)
	if *theirs.Quantity != *sub.Quantity || *theirs.Status != gen.SubscriptionStatusActive {
		t.Errorf("another customer's subscription changed: %+v", theirs)
	}
}

func TestSubscriptionUpdateRefusals(t *testing.T) {
	s := NewTestServer(t, nil)
	cid := DocumentedCustomerID
	sub := pickSubscription(t, s, cid, licensed)
	usage := pickSubscription(t, s, cid, func(x gen.Subscription) bool {
		return derefOr(x.BillingType, "") == gen.BillingTypeUsage
	})
	nce := pickSubscription(t, s, cid, func(x gen.Subscription) bool {
		return x.ProductType != nil && derefOr(x.ProductType.ID, "") == gen.ProductTypeKindOnlineServicesNCE
	})
	legacy := pickSubscription(t, s, cid, func(x gen.Subscription) bool {
		return x.ProductType == nil && derefOr(x.IsMicrosoftProduct, true) && !derefOr(x.AutoRenewEnabled, true)
	})
	edit := func(x gen.Subscription, f func(*gen.Subscription)) gen.Subscription { f(&x); return x }
	tests := []struct {
		name   string
		sub    gen.Subscription
		status int
		code   string
	}{
		{"no seats", edit(sub, func(x *gen.Subscription) { x.Quantity = ptr(int32(0)) }), http.StatusBadRequest, refusalCode(gen.RefusalQuantityOutOfRange)},
		{"too many seats", edit(sub, func(x *gen.Subscription) { x.Quantity = ptr(int32(MaxSubscriptionSeats + 1)) }), http.StatusForbidden, refusalCode(gen.RefusalSeatCountAboveMaximum)},
		{"usage-based quantity", edit(usage, func(x *gen.Subscription) { x.Quantity = ptr(int32(2)) }), http.StatusBadRequest, refusalCode(gen.RefusalQuantityOutOfRange)},
		{"new-commerce decrease", edit(nce, func(x *gen.Subscription) { x.Quantity = ptr(*x.Quantity - 1) }), http.StatusBadRequest, refusalCode(gen.RefusalQuantityDecreaseNotAllowed)},
		{"resize while suspending", edit(sub, func(x *gen.Subscription) {
			x.Status = ptr(gen.SubscriptionStatusSuspended)
			x.Quantity = ptr(*x.Quantity + 1)
		}), http.StatusBadRequest, refusalCode(gen.RefusalQuantityChangeWhileSuspending)},
		{"auto-renew not eligible", edit(legacy, func(x *gen.Subscription) { x.AutoRenewEnabled = ptr(true) }), http.StatusBadRequest, refusalCode(gen.RefusalAutoRenewNotEligible)},
		{"status expired to active", edit(nce, func(x *gen.Subscription) { x.Status = ptr(gen.SubscriptionStatusActive) }), http.StatusBadRequest, codeInvalidInput},
		{"status deleted", edit(sub, func(x *gen.Subscription) { x.Status = ptr(gen.SubscriptionStatusDeleted) }), http.StatusBadRequest, codeInvalidInput},
		{"another id in the body", edit(sub, func(x *gen.Subscription) { x.ID = ptr(*usage.ID) }), http.StatusBadRequest, codeInvalidInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := subscriptionPath(cid, *tt.sub.ID)
			if tt.name == "another id in the body" {
				path = subscriptionPath(cid, *sub.ID)
			}
			r := do(t, s, request{method: http.MethodPatch, path: path, body: tt.sub})
			r.wantFault(t, tt.status, tt.code)
		})
	}
	// Nothing of it changed anything.
	for _, x := range []gen.Subscription{sub, usage, nce, legacy} {
		var read gen.Subscription
		get(t, s, subscriptionPath(cid, *x.ID)).decode(t, &read)
		if *read.Quantity != *x.Quantity || *read.Status != *x.Status || derefOr(read.Attributes.Etag, "") != derefOr(x.Attributes.Etag, "") {
			t.Errorf("%s changed: %+v", *x.ID, read)
		}
	}
	// A subscription without ETag ignores If-Match; auto-renewal of an
	// eligible one can be switched.
	sw := edit(nce, func(x *gen.Subscription) { x.AutoRenewEnabled = ptr(!*x.AutoRenewEnabled) })
	patchSubscription(t, s, cid, sw, "anything").wantStatus(t, http.StatusOK)
	do(t, s, request{method: http.MethodPatch, path: subscriptionPath(cid, uuid.NewString()), body: sub}).
		wantFault(t, http.StatusNotFound, codeSubscriptionNotFound)
}

func TestSubscriptionStoreRefusesDeletedAndOrphanedChanges(t *testing.T) {
	s := NewTestServer(t, nil)
	cid := DocumentedCustomerID
	addOn := pickSubscription(t, s, cid, func(x gen.Subscription) bool { return derefOr(x.ParentSubscriptionID, "") != "" })
	parent := pickSubscription(t, s, cid, licensed)
	// Make the documented add-on a child of parent, suspended, and delete
	// another subscription: states the documented seeds do not reach.
	other := pickSubscription(t, s, cid, func(x gen.Subscription) bool { return *x.ID != *addOn.ID && *x.ID != *parent.ID })
	s.store.mu.Lock()
	v, err := s.store.viewLocked(strings.ToLower(cid), true)
	if err != nil {
		t.Fatal(err)
	}
	i := v.findSub(*addOn.ID)
	child := *v.t.subs[i]
	child.sub.ParentSubscriptionID = parent.ID
	child.sub.Status = ptr(gen.SubscriptionStatusSuspended)
	v.t.subs[i] = &child
	j := v.findSub(*other.ID)
	gone := *v.t.subs[j]
	gone.sub.Status = ptr(gen.SubscriptionStatusDeleted)
	v.t.subs[j] = &gone
	s.store.mu.Unlock()

	suspendParent := parent
	suspendParent.Status = ptr(gen.SubscriptionStatusSuspended)
	patchSubscription(t, s, cid, suspendParent, "").wantStatus(t, http.StatusOK)
	var read gen.Subscription
	get(t, s, subscriptionPath(cid, *addOn.ID)).decode(t, &read)
	read.Status = ptr(gen.SubscriptionStatusActive)
	patchSubscription(t, s, cid, read, "").wantFault(t, http.StatusConflict, refusalCode(gen.RefusalParentSubscriptionNotActive))
	suspendParent.Status = ptr(gen.SubscriptionStatusActive)
	patchSubscription(t, s, cid, suspendParent, "").wantStatus(t, http.StatusOK)
	patchSubscription(t, s, cid, read, "").wantStatus(t, http.StatusOK)

	get(t, s, subscriptionPath(cid, *other.ID)).decode(t, &read)
	read.FriendlyName = ptr("too late")
	patchSubscription(t, s, cid, read, "").wantFault(t, http.StatusBadRequest, refusalCode(gen.RefusalSubscriptionDeleted))
}

func TestNewCommerceQuantityGoesDownWithinTheWindow(t *testing.T) {
	s := NewTestServer(t, nil)
	cid := DocumentedCustomerID
	nce := pickSubscription(t, s, cid, func(x gen.Subscription) bool {
		return x.ProductType != nil && derefOr(x.ProductType.ID, "") == gen.ProductTypeKindOnlineServicesNCE
	})
	start, err := time.Parse(time.RFC3339Nano, *nce.EffectiveStartDate)
	if err != nil {
		t.Fatal(err)
	}
	clock := useClock(s)
	clock.set(start.Add(QuantityDecreaseWindow - time.Hour))
	up := nce
	up.Quantity = ptr(*nce.Quantity + 4)
	patchSubscription(t, s, cid, up, "").wantStatus(t, http.StatusOK)
	down := nce
	down.Quantity = ptr(*nce.Quantity + 1)
	patchSubscription(t, s, cid, down, "").wantStatus(t, http.StatusOK)
	clock.advance(2 * time.Hour)
	down.Quantity = nce.Quantity
	patchSubscription(t, s, cid, down, "").wantFault(t, http.StatusBadRequest, refusalCode(gen.RefusalQuantityDecreaseNotAllowed))
}

func TestSubscriptionUpdateReplayedByRequestID(t *testing.T) {
	s := NewTestServer(t, nil)
	cid := DocumentedCustomerID
	sub := pickSubscription(t, s, cid, licensed)
	change := sub
	change.Quantity = ptr(*sub.Quantity + 1)
	s.Faults().On(gen.OperationUpdateCustomerSubscription).DropAfterCommit(1)
	req := request{method: http.MethodPatch, path: subscriptionPath(cid, *sub.ID), body: change,
		header: map[string]string{"MS-RequestId": uuid.NewString(), "If-Match": `"` + *sub.Attributes.Etag + `"`}}
	if _, err := try(s, req); err == nil {
		t.Fatal("the first try got an answer; the fault should have dropped it")
	}
	// The retry carries the ETag that is stale now, but gets the answer of
	// the committed change rather than a refusal.
	r := do(t, s, req)
	r.wantStatus(t, http.StatusOK)
	var got gen.Subscription
	r.decode(t, &got)
	if *got.Quantity != *sub.Quantity+1 {
		t.Errorf("retry answered quantity %d, want %d", *got.Quantity, *sub.Quantity+1)
	}
	req.header["MS-RequestId"] = uuid.NewString()
	do(t, s, req).wantFault(t, http.StatusBadRequest, refusalCode(gen.RefusalSubscriptionEtagStale))
}

func TestSubscriptionRefusalsCanBeInjected(t *testing.T) {
	s := NewTestServer(t, nil)
	cid := DocumentedCustomerID
	sub := pickSubscription(t, s, cid, licensed)
	for _, name := range []string{gen.RefusalSubscriptionSuspended, gen.RefusalSeatCountAboveMaximum, gen.RefusalParentSubscriptionNotActive} {
		s.Faults().On(gen.OperationUpdateCustomerSubscription).Refuse(1, name)
		r, _ := gen.LookupRefusal(name)
		got := patchSubscription(t, s, cid, sub, "")
		got.wantFault(t, r.Status, r.Code)
	}
	s.Faults().On(gen.OperationListCustomerSubscriptions).FailNext(1, http.StatusTooManyRequests)
	r := get(t, s, customerPath(cid, "/subscriptions"))
	r.wantStatus(t, http.StatusTooManyRequests)
	if secs, err := strconv.Atoi(r.Header.Get("Retry-After")); err != nil || secs < 1 {
		t.Errorf("Retry-After %q", r.Header.Get("Retry-After"))
	}
	listSubscriptions(t, s, cid, "")
}
