package fake

import (
	"net/http"
	"slices"
	"testing"

	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
)

func TestSubscribedSkusAreTheDocumentedOnes(t *testing.T) {
	s := NewTestServer(t, nil)
	spec, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	got := listSkus(t, s, DocumentedCustomerID)
	if len(got) != len(spec.seeds.tenant.skus) {
		t.Fatalf("%d SKUs, want the %d documented", len(got), len(spec.seeds.tenant.skus))
	}
	for i, sku := range got {
		want := spec.seeds.tenant.skus[i]
		if *sku.ProductSku.ID != *want.ProductSku.ID || *sku.ConsumedUnits != *want.ConsumedUnits || *sku.AvailableUnits != *want.AvailableUnits {
			t.Errorf("SKU %d: %+v, want the documented counts %+v", i, sku, want)
		}
		if *sku.AvailableUnits != *sku.TotalUnits-*sku.ConsumedUnits {
			t.Errorf("SKU %s: available %d of %d with %d consumed", *sku.ProductSku.ID, *sku.AvailableUnits, *sku.TotalUnits, *sku.ConsumedUnits)
		}
	}
	// Without licenseGroupIds only group1; Group2 alone only group2.
	var page gen.SubscribedSkuCollection
	get(t, s, customerPath(DocumentedCustomerID, "/subscribedskus")).decode(t, &page)
	for _, sku := range page.Items {
		if !inGroup1(sku) {
			t.Errorf("the default listing holds %s of %s", *sku.ProductSku.ID, *sku.ProductSku.LicenseGroupID)
		}
	}
	get(t, s, customerPath(DocumentedCustomerID, "/subscribedskus?licenseGroupIds=Group2")).decode(t, &page)
	if len(page.Items) == 0 || slices.ContainsFunc(page.Items, inGroup1) {
		t.Errorf("Group2 lists %+v", page.Items)
	}
	get(t, s, customerPath(DocumentedCustomerID, "/subscribedskus?licenseGroupIds=Group9")).decode(t, &page)
	if len(page.Items) != 0 || derefOr(page.TotalCount, -1) != 0 {
		t.Errorf("an unknown group lists %+v", page)
	}
}

func TestLicenseAssignmentUsesUnits(t *testing.T) {
	s := NewTestServer(t, nil)
	cid := DocumentedCustomerID
	// The SKU with the fewest units left, and one with none.
	scarce := pickSku(t, s, cid, func(sku gen.SubscribedSku) bool { return inGroup1(sku) && *sku.AvailableUnits == 1 })
	full := pickSku(t, s, cid, func(sku gen.SubscribedSku) bool { return inGroup1(sku) && *sku.AvailableUnits == 0 })
	id := *scarce.ProductSku.ID
	consumed, available := skuCounts(t, s, cid, id)

	a := newUser(t, s, cid, "a@abcdefgh1234.onmicrosoft.com")
	b := newUser(t, s, cid, "b@abcdefgh1234.onmicrosoft.com")
	r := updateLicenses(t, s, cid, *a.ID, assign(id), nil)
	r.wantStatus(t, http.StatusCreated)
	var answer gen.LicenseUpdate
	r.decode(t, &answer)
	if len(answer.LicensesToAssign) != 1 || *answer.LicensesToAssign[0].SkuID != id || answer.LicenseWarnings == nil || len(answer.LicenseWarnings) != 0 {
		t.Errorf("assign answered %s", r.body)
	}
	if c, av := skuCounts(t, s, cid, id); c != consumed+1 || av != available-1 {
		t.Errorf("after the assignment: %d consumed, %d available; want %d and %d", c, av, consumed+1, available-1)
	}
	var licenses gen.LicenseCollection
	get(t, s, customerPath(cid, "/users/"+*a.ID+"/licenses")).decode(t, &licenses)
	if len(licenses.Items) != 1 || *licenses.Items[0].ProductSku.ID != id || len(licenses.Items[0].ServicePlans) != len(scarce.ServicePlans) {
		t.Errorf("the user's licenses: %+v", licenses)
	}
	for _, p := range licenses.Items[0].ServicePlans {
		if *p.CapabilityStatus != gen.CapabilityStatusAssigned {
			t.Errorf("plan %s is %s, want Assigned", *p.ID, *p.CapabilityStatus)
		}
	}

	// No unit left: refused, and nothing of the request is applied.
	other := pickSku(t, s, cid, func(sku gen.SubscribedSku) bool { return inGroup1(sku) && *sku.AvailableUnits > 1 })
	otherConsumed, _ := skuCounts(t, s, cid, *other.ProductSku.ID)
	updateLicenses(t, s, cid, *b.ID, assign(*other.ProductSku.ID, id), nil).wantFault(t, http.StatusBadRequest, refusalCode(gen.RefusalOutOfLicenses))
	updateLicenses(t, s, cid, *b.ID, assign(*full.ProductSku.ID), nil).wantFault(t, http.StatusBadRequest, refusalCode(gen.RefusalOutOfLicenses))
	if c, _ := skuCounts(t, s, cid, *other.ProductSku.ID); c != otherConsumed {
		t.Errorf("a refused request used a unit of %s", *other.ProductSku.ID)
	}
	var fault gen.APIFault
	updateLicenses(t, s, cid, *b.ID, assign(id), nil).decode(t, &fault)
	if ex, _ := loadSpec(); fault.Description != ex.faults[faultKey{gen.OperationUpdateUserLicenses, http.StatusBadRequest, refusalCode(gen.RefusalOutOfLicenses)}].description {
		t.Errorf("OutOfLicenses says %q, not the spec's example", fault.Description)
	}

	// Removing frees the unit, and b can have it.
	updateLicenses(t, s, cid, *a.ID, gen.LicenseUpdate{LicensesToRemove: []string{id}}, nil).wantStatus(t, http.StatusCreated)
	if c, av := skuCounts(t, s, cid, id); c != consumed || av != available {
		t.Errorf("after the removal: %d consumed, %d available; want %d and %d", c, av, consumed, available)
	}
	get(t, s, customerPath(cid, "/users/"+*a.ID+"/licenses")).decode(t, &licenses)
	if len(licenses.Items) != 0 {
		t.Errorf("removed license still listed: %+v", licenses.Items)
	}
	updateLicenses(t, s, cid, *b.ID, assign(id), nil).wantStatus(t, http.StatusCreated)

	// Deleting b frees it again; other customers never saw any of it.
	do(t, s, request{method: http.MethodDelete, path: customerPath(cid, "/users/"+*b.ID)}).wantStatus(t, http.StatusNoContent)
	if c, _ := skuCounts(t, s, cid, id); c != consumed {
		t.Errorf("deleting the user left %d consumed, want %d", c, consumed)
	}
	if c, _ := skuCounts(t, s, ContosoCustomerID, id); c != consumed {
		t.Errorf("another customer's SKU changed: %d consumed", c)
	}
}

func TestLicenseUpdateAssignsAndRemovesInOneCall(t *testing.T) {
	s := NewTestServer(t, nil)
	cid := ContosoCustomerID
	u := newUser(t, s, cid, "swap@contoso.onmicrosoft.com")
	skus := listSkus(t, s, cid)
	var group1 []gen.SubscribedSku
	var group2 gen.SubscribedSku
	for _, sku := range skus {
		switch {
		case !inGroup1(sku):
			group2 = sku
		case *sku.AvailableUnits > 1:
			group1 = append(group1, sku)
		}
	}
	if len(group1) < 2 || group2.ProductSku == nil {
		t.Fatal("the documented SKUs do not fit the test")
	}
	first, second := *group1[0].ProductSku.ID, *group1[1].ProductSku.ID
	excluded := *group1[0].ServicePlans[0].ID
	upd := gen.LicenseUpdate{LicensesToAssign: []gen.LicenseAssignment{{SkuID: &first, ExcludedPlans: []string{excluded}}}}
	updateLicenses(t, s, cid, *u.ID, upd, nil).wantStatus(t, http.StatusCreated)
	var licenses gen.LicenseCollection
	get(t, s, customerPath(cid, "/users/"+*u.ID+"/licenses")).decode(t, &licenses)
	if n := len(licenses.Items[0].ServicePlans); n != len(group1[0].ServicePlans)-1 {
		t.Errorf("%d service plans, want all but the excluded one", n)
	}

	// Swap first for second in one call.
	c1, _ := skuCounts(t, s, cid, first)
	c2, _ := skuCounts(t, s, cid, second)
	swap := assign(second)
	swap.LicensesToRemove = []string{first}
	updateLicenses(t, s, cid, *u.ID, swap, nil).wantStatus(t, http.StatusCreated)
	if n1, _ := skuCounts(t, s, cid, first); n1 != c1-1 {
		t.Errorf("%s: %d consumed, want %d", first, n1, c1-1)
	}
	if n2, _ := skuCounts(t, s, cid, second); n2 != c2+1 {
		t.Errorf("%s: %d consumed, want %d", second, n2, c2+1)
	}

	// Warnings: assigned already, and not assigned.
	again := assign(second)
	r := updateLicenses(t, s, cid, *u.ID, again, nil)
	r.wantStatus(t, http.StatusCreated)
	var answer gen.LicenseUpdate
	r.decode(t, &answer)
	if len(answer.LicenseWarnings) != 1 || *answer.LicenseWarnings[0].Code != LicenseWarningAlreadyAssigned {
		t.Errorf("assigning again warned %+v", answer.LicenseWarnings)
	}
	if n2, _ := skuCounts(t, s, cid, second); n2 != c2+1 {
		t.Errorf("assigning again used a unit: %d consumed", n2)
	}
	r = updateLicenses(t, s, cid, *u.ID, gen.LicenseUpdate{LicensesToRemove: []string{first}}, nil)
	r.wantStatus(t, http.StatusCreated)
	r.decode(t, &answer)
	if len(answer.LicenseWarnings) != 1 || *answer.LicenseWarnings[0].Code != LicenseWarningNotAssigned {
		t.Errorf("removing a license not held warned %+v", answer.LicenseWarnings)
	}

	// Group 2 licenses are listed only when asked for.
	updateLicenses(t, s, cid, *u.ID, assign(*group2.ProductSku.ID), nil).wantStatus(t, http.StatusCreated)
	for query, want := range map[string]int{"": 1, "?licenseGroupIds=Group2": 1, "?licenseGroupIds=Group1&licenseGroupIds=Group2": 2, "?licenseGroupIds=group3": 0} {
		get(t, s, customerPath(cid, "/users/"+*u.ID+"/licenses"+query)).decode(t, &licenses)
		if len(licenses.Items) != want || int(derefOr(licenses.TotalCount, -1)) != want {
			t.Errorf("licenses%s: %d, want %d", query, len(licenses.Items), want)
		}
	}

	// Refused as invalid input: mixed groups, unknown SKUs, a SKU twice,
	// an excluded plan of another SKU, nothing to do.
	mixed := assign(first)
	mixed.LicensesToRemove = []string{*group2.ProductSku.ID}
	for name, upd := range map[string]gen.LicenseUpdate{
		"mixed groups":  mixed,
		"unknown SKU":   assign(uuid.NewString()),
		"twice":         assign(first, first),
		"foreign plan":  {LicensesToAssign: []gen.LicenseAssignment{{SkuID: &first, ExcludedPlans: []string{uuid.NewString()}}}},
		"nothing to do": {},
		"assign+remove": {LicensesToAssign: []gen.LicenseAssignment{{SkuID: &second}}, LicensesToRemove: []string{second}},
	} {
		t.Run(name, func(t *testing.T) {
			updateLicenses(t, s, cid, *u.ID, upd, nil).wantFault(t, http.StatusBadRequest, codeInvalidInput)
		})
	}
	// Unknown and deleted users.
	updateLicenses(t, s, cid, uuid.NewString(), assign(first), nil).wantFault(t, http.StatusNotFound, codeUserNotFound)
	get(t, s, customerPath(cid, "/users/"+uuid.NewString()+"/licenses")).wantFault(t, http.StatusNotFound, codeUserNotFound)
}

func TestLicenseUpdateReplayedAfterLostAnswer(t *testing.T) {
	s := NewTestServer(t, nil)
	cid := DocumentedCustomerID
	u := newUser(t, s, cid, "retry@abcdefgh1234.onmicrosoft.com")
	sku := pickSku(t, s, cid, func(sku gen.SubscribedSku) bool { return inGroup1(sku) && *sku.AvailableUnits > 0 })
	id := *sku.ProductSku.ID
	consumed, _ := skuCounts(t, s, cid, id)

	s.Faults().On(gen.OperationUpdateUserLicenses).DropAfterCommit(1)
	header := withRequestID(uuid.NewString())
	req := request{method: http.MethodPost, path: customerPath(cid, "/users/"+*u.ID+"/licenseupdates"), body: assign(id), header: header}
	if _, err := try(s, req); err == nil {
		t.Fatal("the first try got an answer; the fault should have dropped it")
	}
	if c, _ := skuCounts(t, s, cid, id); c != consumed+1 {
		t.Fatalf("the dropped call was not committed: %d consumed", c)
	}
	r := do(t, s, req)
	r.wantStatus(t, http.StatusCreated)
	var answer gen.LicenseUpdate
	r.decode(t, &answer)
	if len(answer.LicenseWarnings) != 0 {
		t.Errorf("the retry got the warnings of a second assignment: %+v", answer.LicenseWarnings)
	}
	if c, _ := skuCounts(t, s, cid, id); c != consumed+1 {
		t.Errorf("the retry assigned again: %d consumed, want %d", c, consumed+1)
	}
}

func TestLicenseRefusalsCanBeInjected(t *testing.T) {
	s := NewTestServer(t, nil)
	cid := DocumentedCustomerID
	u := newUser(t, s, cid, "inject@abcdefgh1234.onmicrosoft.com")
	sku := pickSku(t, s, cid, func(sku gen.SubscribedSku) bool { return inGroup1(sku) && *sku.AvailableUnits > 0 })
	full := pickSku(t, s, cid, func(sku gen.SubscribedSku) bool { return inGroup1(sku) && *sku.AvailableUnits == 0 })
	actual := updateLicenses(t, s, cid, *u.ID, assign(*full.ProductSku.ID), nil)

	s.Faults().On(gen.OperationUpdateUserLicenses).Refuse(1, gen.RefusalOutOfLicenses)
	s.Faults().On(gen.OperationListSubscribedSkus).FailNext(1, http.StatusInternalServerError)
	injected := updateLicenses(t, s, cid, *u.ID, assign(*sku.ProductSku.ID), nil)
	injected.wantFault(t, http.StatusBadRequest, refusalCode(gen.RefusalOutOfLicenses))
	_, fa := actual.fault(t)
	_, fi := injected.fault(t)
	if fa.Description != fi.Description {
		t.Errorf("the injected refusal says %q, the fake's own %q", fi.Description, fa.Description)
	}
	get(t, s, customerPath(cid, "/subscribedskus")).wantStatus(t, http.StatusInternalServerError)
	// The injected refusal changed nothing; the next call assigns.
	updateLicenses(t, s, cid, *u.ID, assign(*sku.ProductSku.ID), nil).wantStatus(t, http.StatusCreated)
}

// TestAvailableUnitsCountEachAssignmentOnce: one assignment takes one unit
// off availableUnits and adds one to consumedUnits.
func TestAvailableUnitsCountEachAssignmentOnce(t *testing.T) {
	s := NewTestServer(t, nil)
	before, err := s.store.subscribedSkus(DocumentedCustomerID, nil)
	if err != nil {
		t.Fatal(err)
	}
	var sku gen.SubscribedSku
	for _, k := range before {
		if derefOr(k.AvailableUnits, 0) > 1 {
			sku = k
			break
		}
	}
	user := *newUser(t, s, DocumentedCustomerID, "units@abcdefgh1234.onmicrosoft.com").ID
	path := "/v1/customers/" + DocumentedCustomerID + "/users/" + user + "/licenseupdates"
	do(t, s, request{method: http.MethodPost, path: path,
		body: map[string]any{"licensesToAssign": []map[string]any{{"skuId": *sku.ProductSku.ID}}}}).wantStatus(t, http.StatusCreated)
	after, _ := s.store.subscribedSkus(DocumentedCustomerID, nil)
	for _, k := range after {
		if *k.ProductSku.ID == *sku.ProductSku.ID {
			if *k.AvailableUnits != *sku.AvailableUnits-1 || *k.ConsumedUnits != *sku.ConsumedUnits+1 {
				t.Errorf("available %d -> %d, consumed %d -> %d: want one unit moved", *sku.AvailableUnits, *k.AvailableUnits, *sku.ConsumedUnits, *k.ConsumedUnits)
			}
		}
	}
	// A documented refusal is an answer, not a violation of the spec.
	for range 20 {
		do(t, s, request{method: http.MethodPost, path: path, body: map[string]any{"licensesToAssign": []map[string]any{{"skuId": *sku.ProductSku.ID}}}})
	}
	for _, r := range s.Requests() {
		if r.Refusal != "" && r.Operation == gen.OperationUpdateUserLicenses {
			t.Errorf("a license change was recorded as breaking the spec: %s", r.Refusal)
		}
	}
}
