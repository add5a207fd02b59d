package fake

import (
	"errors"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
)

func TestGeneratedUserIDsParseBack(t *testing.T) {
	for _, i := range []int{0, 1, 41, 9_999, MaxExtraUsers - 1} {
		id := GeneratedUserID(i)
		if got, ok := generatedUserIndex(id); !ok || got != i {
			t.Errorf("generatedUserIndex(%s) = %d, %v; want %d", id, got, ok, i)
		}
		if _, ok := generatedIndex(id); ok {
			t.Errorf("user ID %s parses as a customer ID", id)
		}
		if got, ok := generatedUserNameIndex(strings.ToLower(generatedUserName(i, "Contoso.example")), "contoso.example"); !ok || got != i {
			t.Errorf("generatedUserNameIndex of user %d = %d, %v", i, got, ok)
		}
	}
	for _, id := range []string{GeneratedCustomerID(3), uuid.NewString(), strings.Replace(GeneratedUserID(3), "9000", "8000", 1)} {
		if _, ok := generatedUserIndex(id); ok {
			t.Errorf("generatedUserIndex(%s) accepted", id)
		}
	}
	if GeneratedUserID(-1) != "" || GeneratedUserID(MaxExtraUsers) != "" {
		t.Error("an index out of range gave a user ID")
	}
}

func TestTenantsAreLazy(t *testing.T) {
	spec, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	s := newStore(spec.seeds, 100_000, 10_000)
	cid := generatedID(99_999)
	p, err := s.listUsers(cid, false, 0, 500)
	if err != nil || len(p.items) != 500 || p.next != 501 { // the documented deleted user takes a position
		t.Fatalf("first page: %d users, next %d, %v", len(p.items), p.next, err)
	}
	if _, err := s.getUser(cid, GeneratedUserID(9_999)); err != nil {
		t.Errorf("last generated user: %v", err)
	}
	if _, err := s.subscribedSkus(cid, nil); err != nil {
		t.Fatal(err)
	}
	if len(s.tenants) != 0 {
		t.Fatalf("reads made %d tenants", len(s.tenants))
	}
	sku := spec.seeds.tenant.skus[0]
	if _, err := s.updateLicenses(cid, GeneratedUserID(7), "", gen.LicenseUpdate{LicensesToAssign: []gen.LicenseAssignment{{SkuID: sku.ProductSku.ID}}}); err != nil {
		t.Fatal(err)
	}
	t0 := s.tenants[cid]
	if len(s.tenants) != 1 || t0 == nil || len(t0.generated) != 0 || len(t0.users) != len(s.base.users) {
		t.Fatalf("a license change made %d tenants, stored %d generated users", len(s.tenants), len(t0.generated))
	}
	if err := s.deleteUser(cid, GeneratedUserID(7), ""); err != nil {
		t.Fatal(err)
	}
	if len(t0.generated) != 1 || len(t0.licenses) != 0 || t0.consumed[strings.ToLower(*sku.ProductSku.ID)] != 0 {
		t.Errorf("after the delete: %d generated users stored, licenses %v, consumed %v", len(t0.generated), t0.licenses, t0.consumed)
	}
	// The base every other tenant starts from did not change.
	if len(s.base.generated) != 0 || len(s.base.licenses) != 0 || len(s.base.consumed) != 0 {
		t.Error("a change reached the base tenant")
	}
	// Deleting a customer forgets its tenant.
	s.tenants[strings.ToLower(DocumentedCustomerID)] = s.base.clone()
	s.lifecycles[strings.ToLower(DocumentedCustomerID)] = &lifecycle{sandbox: true, verified: true}
	if err := s.deleteCustomer(DocumentedCustomerID); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.tenants[strings.ToLower(DocumentedCustomerID)]; ok {
		t.Error("a deleted customer's tenant is kept")
	}
}

func TestConcurrentAssignmentsNeverOverbook(t *testing.T) {
	const users = 40
	s := NewTestServer(t, &Options{ExtraUsers: users})
	cid := DocumentedCustomerID
	sku := pickSku(t, s, cid, func(sku gen.SubscribedSku) bool {
		return inGroup1(sku) && *sku.AvailableUnits > 0 && *sku.AvailableUnits < users
	})
	id := *sku.ProductSku.ID
	var ok, refused atomic.Int32
	var wg sync.WaitGroup
	for i := range users {
		wg.Go(func() {
			r, err := try(s, request{method: "POST", path: customerPath(cid, "/users/"+GeneratedUserID(i)+"/licenseupdates"), body: assign(id)})
			switch {
			case err != nil:
				t.Error(err)
			case r.StatusCode == 201:
				ok.Add(1)
			case r.StatusCode == 400:
				refused.Add(1)
			default:
				t.Errorf("status %d: %s", r.StatusCode, r.body)
			}
		})
	}
	wg.Wait()
	if ok.Load() != *sku.AvailableUnits || refused.Load() != users-*sku.AvailableUnits {
		t.Errorf("%d assignments and %d refusals for %d units", ok.Load(), refused.Load(), *sku.AvailableUnits)
	}
	if _, available := skuCounts(t, s, cid, id); available != 0 {
		t.Errorf("%d units left", available)
	}
}

func TestTenantFaultAnswers(t *testing.T) {
	for _, tt := range []struct {
		err    error
		status int
		code   string
	}{
		{errUserNotFound, 404, codeUserNotFound},
		{errNotMember, 404, codeUserNotFound},
		{errSubscriptionNotFound, 404, codeSubscriptionNotFound},
		{errOrderNotFound, 404, codeOrderNotFound},
		{errPartnerNotFound, 404, codePartnerNotFound},
		{errRoleNotFound, 404, codeNotFound},
		{errNotFound, 404, codeTenantNotFound},
		{errOutOfLicenses, 400, refusalCode(gen.RefusalOutOfLicenses)},
		{errNoRelationship, 403, refusalCode(gen.RefusalNoRelationship)},
	} {
		var e *apiError
		if !errors.As(tenantFault(gen.OperationGetCustomerUser, "x", tt.err), &e) || e.status != tt.status || e.code != tt.code {
			t.Errorf("%v answers %+v, want %d with %s", tt.err, e, tt.status, tt.code)
		}
		if e != nil && (e.description == "" || strings.HasSuffix(e.description, "Not Found.")) {
			t.Errorf("%v answers without the spec's description: %q", tt.err, e.description)
		}
	}
}

func TestExtraUsersIsChecked(t *testing.T) {
	for _, n := range []int{-1, MaxExtraUsers + 1} {
		if s, err := NewServer(&Options{ExtraUsers: n}); err == nil {
			s.Close()
			t.Errorf("ExtraUsers %d accepted", n)
		}
	}
}
