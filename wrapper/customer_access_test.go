package wrapper_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// The tests of issue 17's custom operations: users, licenses, directory
// roles and subscriptions, against the stateful fake.

const accessCustomer = fake.DocumentedCustomerID

func sptr(s string) *string { return &s }

// newUser is a user to create in the fake.
func newUser(name string) wrapper.NewCustomerUser {
	return wrapper.NewCustomerUser{
		UserPrincipalName: sptr(name + "@abcdefgh1234.onmicrosoft.com"), DisplayName: sptr(strings.ToUpper(name)),
		FirstName: sptr(name), LastName: sptr("Test"), UsageLocation: sptr("US"),
	}
}

// TestUsersListEveryUserOnce: the generated pager follows next links with
// any page size, and sees every user once.
func TestUsersListEveryUserOnce(t *testing.T) {
	t.Parallel()
	_, c := lifecycleClient(t, &fake.Options{ExtraUsers: 1000})
	ctx := refusalCtx(t)
	for _, size := range []int32{0, 7, 250} {
		seen := map[string]bool{}
		for u, err := range c.ListCustomerUsers(ctx, accessCustomer, &wrapper.ListCustomerUsersOptions{PageSize: size}) {
			if err != nil {
				t.Fatalf("size %d: %v", size, err)
			}
			if seen[*u.ID] {
				t.Fatalf("size %d: user %s twice", size, *u.ID)
			}
			seen[*u.ID] = true
		}
		if len(seen) < 1000 {
			t.Errorf("size %d: %d users, want the 1000 generated and the documented ones", size, len(seen))
		}
	}
	pager := c.NewListCustomerUsersPager(accessCustomer, &wrapper.ListCustomerUsersOptions{PageSize: 400})
	pages := 0
	for pager.More() {
		if _, err := pager.NextPage(ctx); err != nil {
			t.Fatal(err)
		}
		pages++
	}
	if pages < 3 {
		t.Errorf("%d pages of 400, want 3 or more", pages)
	}
	if _, err := c.NewListCustomerUsersPager("not-a-guid", nil).NextPage(ctx); !errors.Is(err, wrapper.ErrInvalidInput) {
		t.Errorf("malformed customer ID: %v", err)
	}
}

// TestUserLifecycle: create (the password a Secret, never in the printed
// result), reset, delete, list as deleted, restore.
func TestUserLifecycle(t *testing.T) {
	t.Parallel()
	srv, c := lifecycleClient(t, nil)
	ctx := refusalCtx(t)
	// Usage location, sign-in name and display name are required first.
	bad := newUser("nolocation")
	bad.UsageLocation = nil
	bad.UserPrincipalName = sptr("no-domain")
	_, err := c.CreateCustomerUser(ctx, accessCustomer, bad, nil)
	if !errors.Is(err, wrapper.ErrInvalidInput) || !strings.Contains(err.Error(), "usageLocation") || !strings.Contains(err.Error(), "userPrincipalName") {
		t.Fatalf("both problems at once: %v", err)
	}
	wantNoRequests(t, srv, "invalid user")

	created, err := c.CreateCustomerUser(ctx, accessCustomer, newUser("ada"), nil)
	if err != nil {
		t.Fatal(err)
	}
	pw := created.Password.Reveal()
	if len(pw) < 12 || created.User.ID == nil {
		t.Fatalf("created %+v: want an ID and a made-up password", created.User)
	}
	for _, printed := range []string{fmt.Sprint(created), fmt.Sprintf("%+v", *created), fmt.Sprintf("%#v", created)} {
		if strings.Contains(printed, pw) {
			t.Fatalf("the password is printed: %s", printed)
		}
	}
	if created.User.PasswordProfile != nil {
		t.Error("the returned user still holds the password profile")
	}
	id := *created.User.ID
	reset, err := c.ResetCustomerUserPassword(ctx, accessCustomer, id, &wrapper.ResetCustomerUserPasswordOptions{ForceChangePassword: true})
	if err != nil || reset.Password.IsZero() || reset.Password.Reveal() == pw {
		t.Fatalf("reset: %v, a new password: %v", err, reset != nil && !reset.Password.IsZero())
	}
	if _, err := c.UpdateCustomerUser(ctx, accessCustomer, id, wrapper.CustomerUserUpdate{State: (*gen.CustomerUserUpdateState)(sptr("active"))}, nil); !errors.Is(err, wrapper.ErrInvalidInput) {
		t.Errorf("a state through UpdateCustomerUser: %v", err)
	}
	renamed, err := c.UpdateCustomerUser(ctx, accessCustomer, id, wrapper.CustomerUserUpdate{DisplayName: sptr("Ada L.")}, nil)
	if err != nil || *renamed.DisplayName != "Ada L." {
		t.Fatalf("rename: %v", err)
	}
	if err := c.DeleteCustomerUser(ctx, accessCustomer, id, nil); err != nil {
		t.Fatal(err)
	}
	found := false
	for u, err := range c.ListDeletedCustomerUsers(ctx, accessCustomer, nil) {
		if err != nil {
			t.Fatal(err)
		}
		found = found || *u.ID == id
	}
	if !found {
		t.Fatal("the deleted user is not listed as deleted")
	}
	restored, err := c.RestoreCustomerUser(ctx, accessCustomer, id, nil)
	if err != nil || restored.State == nil || *restored.State != wrapper.UserStateActive {
		t.Fatalf("restore: %+v, %v", restored, err)
	}
}

// TestLicenseChanges: an assignment uses a unit; none left is
// ErrOutOfLicenses; the service's warnings are data.
func TestLicenseChanges(t *testing.T) {
	t.Parallel()
	_, c := lifecycleClient(t, nil)
	ctx := refusalCtx(t)
	skus, err := c.ListSubscribedSkus(ctx, accessCustomer, nil)
	if err != nil || len(skus) == 0 {
		t.Fatalf("skus: %v", err)
	}
	var sku wrapper.SubscribedSku
	for _, s := range skus {
		if s.AvailableUnits != nil && *s.AvailableUnits > 0 && *s.AvailableUnits < 5 {
			sku = s
		}
	}
	if sku.ProductSku == nil {
		t.Fatal("no SKU with a few units left")
	}
	units := int(*sku.AvailableUnits)
	assign := func(user string) (*wrapper.LicenseChange, error) {
		return c.UpdateUserLicenses(ctx, accessCustomer, user, wrapper.LicenseUpdate{
			LicensesToAssign: []wrapper.LicenseAssignment{{SkuID: sku.ProductSku.ID}}}, nil)
	}
	var users []string
	for i := range units + 1 {
		u, err := c.CreateCustomerUser(ctx, accessCustomer, newUser(fmt.Sprintf("lic%d", i)), nil)
		if err != nil {
			t.Fatal(err)
		}
		users = append(users, *u.User.ID)
	}
	for _, u := range users[:units] {
		if ch, err := assign(u); err != nil || ch.Pending || ch.Warnings == nil {
			t.Fatalf("assign: %+v, %v", ch, err)
		}
	}
	if _, err := assign(users[units]); !errors.Is(err, wrapper.ErrOutOfLicenses) {
		t.Fatalf("no unit left: %v, want ErrOutOfLicenses", err)
	}
	// The same license again: done, with a warning as data.
	if ch, err := assign(users[0]); err != nil || len(ch.Warnings) == 0 {
		t.Errorf("assigned twice: %+v, %v: want a warning, no error", ch, err)
	}
	lic, err := c.ListUserLicenses(ctx, accessCustomer, users[0], nil)
	if err != nil || len(lic) != 1 {
		t.Errorf("the user's licenses: %v, %v", lic, err)
	}
	if _, err := c.UpdateUserLicenses(ctx, accessCustomer, users[0], wrapper.LicenseUpdate{}, nil); !errors.Is(err, wrapper.ErrInvalidInput) {
		t.Errorf("an empty change: %v", err)
	}
}

// TestUsersWithAccess: every user with its licenses and roles, in the
// listing's order, progress reported, stoppable.
func TestUsersWithAccess(t *testing.T) {
	t.Parallel()
	_, c := lifecycleClient(t, &fake.Options{ExtraUsers: 60})
	ctx := refusalCtx(t)
	var order []string
	for u, err := range c.ListCustomerUsers(ctx, accessCustomer, nil) {
		if err != nil {
			t.Fatal(err)
		}
		order = append(order, *u.ID)
	}
	var progress atomic.Int32
	i := 0
	for a, err := range c.ListCustomerUsersWithAccess(ctx, accessCustomer, &wrapper.ListUserAccessOptions{
		Concurrency: 4, PageSize: 9, Progress: func(done int) { progress.Store(int32(done)) }}) {
		if err != nil {
			t.Fatal(err)
		}
		if *a.User.ID != order[i] || a.Licenses == nil || a.Roles == nil {
			t.Fatalf("user %d: %s, want %s with licenses and roles", i, *a.User.ID, order[i])
		}
		i++
	}
	if i != len(order) || int(progress.Load()) != len(order) {
		t.Errorf("%d users, progress %d, want %d", i, progress.Load(), len(order))
	}
	stopCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	n := 0
	for _, err := range c.ListCustomerUsersWithAccess(stopCtx, accessCustomer, nil) {
		if err != nil {
			break
		}
		if n++; n == 3 {
			cancel()
		}
	}
	if n > 3+8+1 {
		t.Errorf("%d users after cancelling at 3", n)
	}
}

// TestSubscriptionUpdates: suspend (read with its ETag, sent back in
// If-Match), shown suspended, a quantity change refused, reactivate.
func TestSubscriptionUpdates(t *testing.T) {
	t.Parallel()
	_, c := lifecycleClient(t, nil)
	ctx := refusalCtx(t)
	subs, err := c.ListCustomerSubscriptions(ctx, accessCustomer, nil)
	if err != nil {
		t.Fatal(err)
	}
	var sub wrapper.Subscription
	for _, s := range subs {
		if s.Status != nil && *s.Status == wrapper.SubscriptionStatusActive && s.Quantity != nil && s.ParentSubscriptionID == nil {
			sub = s
			break
		}
	}
	if sub.ID == nil {
		t.Fatal("no active subscription")
	}
	ch, err := c.UpdateCustomerSubscription(ctx, accessCustomer, *sub.ID, func(s *wrapper.Subscription) {
		st := wrapper.SubscriptionStatusSuspended
		s.Status = &st
	}, nil)
	if err != nil || ch.Subscription == nil || *ch.Subscription.Status != wrapper.SubscriptionStatusSuspended {
		t.Fatalf("suspend: %+v, %v", ch, err)
	}
	_, err = c.UpdateCustomerSubscription(ctx, accessCustomer, *sub.ID, func(s *wrapper.Subscription) {
		q := *s.Quantity + 1
		s.Quantity = &q
	}, nil)
	if !errors.Is(err, wrapper.ErrSubscriptionSuspended) {
		t.Fatalf("a suspended subscription changed: %v, want ErrSubscriptionSuspended", err)
	}
	ch, err = c.UpdateCustomerSubscription(ctx, accessCustomer, *sub.ID, func(s *wrapper.Subscription) {
		st := wrapper.SubscriptionStatusActive
		s.Status = &st
	}, nil)
	if err != nil || *ch.Subscription.Status != wrapper.SubscriptionStatusActive {
		t.Fatalf("reactivate: %+v, %v", ch, err)
	}
}
