package fake

import (
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
)

func TestUsersStartAsDocumented(t *testing.T) {
	s := NewTestServer(t, nil)
	spec, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	var active, deleted []string
	for _, u := range spec.seeds.tenant.users {
		if *u.State == gen.UserStateInactive {
			deleted = append(deleted, *u.ID)
		} else {
			active = append(active, *u.ID)
		}
	}
	if len(active) == 0 || len(deleted) == 0 {
		t.Fatalf("the spec documents %d active and %d deleted users, want both", len(active), len(deleted))
	}
	// Every customer's tenant starts the same.
	for _, cid := range []string{DocumentedCustomerID, ContosoCustomerID} {
		if got, _ := listAllUsers(t, s, customerPath(cid, "/users")); !slices.Equal(got, active) {
			t.Errorf("%s: users %v, want the documented %v", cid, got, active)
		}
		if got, _ := listAllUsers(t, s, customerPath(cid, "/users?"+deletedUsersQuery)); !slices.Equal(got, deleted) {
			t.Errorf("%s: deleted users %v, want the documented %v", cid, got, deleted)
		}
	}
	var u gen.CustomerUser
	r := get(t, s, customerPath(DocumentedCustomerID, "/users/"+active[0]))
	r.wantStatus(t, http.StatusOK)
	r.decode(t, &u)
	if derefOr(u.State, "") != gen.UserStateActive || u.PasswordProfile != nil || u.SoftDeletionTime != nil ||
		derefOr(u.Links.Self.URI, "") != "/customers/"+DocumentedCustomerID+"/users/"+active[0] {
		t.Errorf("getCustomerUser: %+v", u)
	}
}

func TestCreatedUserIsListedAndRead(t *testing.T) {
	s := NewTestServer(t, nil)
	cid := ContosoCustomerID

	// Without a password in the request the fake makes one up.
	u := newUser(t, s, cid, "grace@contoso.onmicrosoft.com")
	pw := u.PasswordProfile
	if pw == nil || len(derefOr(pw.Password, "")) < 8 || !derefOr(pw.ForceChangePassword, false) {
		t.Fatalf("create answer lacks the new password: %+v", pw)
	}
	if derefOr(u.State, "") != gen.UserStateActive || derefOr(u.DisplayName, "") != "Grace Hopper" || derefOr(u.UsageLocation, "") != "US" {
		t.Errorf("created user %+v", u)
	}
	// The password sent is the one answered.
	r := do(t, s, request{method: http.MethodPost, path: customerPath(cid, "/users"), body: gen.NewCustomerUser{
		UserPrincipalName: ptr("ada@contoso.onmicrosoft.com"), UsageLocation: ptr("GB"),
		PasswordProfile: &gen.NewPasswordProfile{Password: ptr("abCD123*"), ForceChangePassword: ptr(false)},
	}})
	r.wantStatus(t, http.StatusOK)
	var ada gen.CustomerUserWithPassword
	r.decode(t, &ada)
	if derefOr(ada.PasswordProfile.Password, "") != "abCD123*" || derefOr(ada.PasswordProfile.ForceChangePassword, true) {
		t.Errorf("password profile %+v, want the one sent", ada.PasswordProfile)
	}

	var got gen.CustomerUser
	r = get(t, s, customerPath(cid, "/users/"+*u.ID))
	r.wantStatus(t, http.StatusOK)
	r.decode(t, &got)
	if got.PasswordProfile != nil || strings.Contains(string(r.body), *pw.Password) {
		t.Error("a read returns the password")
	}
	if derefOr(got.UserPrincipalName, "") != "grace@contoso.onmicrosoft.com" {
		t.Errorf("getCustomerUser %+v", got)
	}
	ids, _ := listAllUsers(t, s, customerPath(cid, "/users"))
	if !slices.Contains(ids, *u.ID) || !slices.Contains(ids, *ada.ID) {
		t.Errorf("the listing %v lacks the new users", ids)
	}
	// Other customers do not see them.
	if ids, _ := listAllUsers(t, s, customerPath(DocumentedCustomerID, "/users")); slices.Contains(ids, *u.ID) {
		t.Error("another customer lists the new user")
	}
	// A new user holds no license and no role yet.
	for _, sub := range []string{"/licenses", "/directoryroles"} {
		r := get(t, s, customerPath(cid, "/users/"+*u.ID+sub))
		r.wantStatus(t, http.StatusOK)
		if !strings.Contains(string(r.body), `"totalCount":0`) {
			t.Errorf("%s of a new user: %s", sub, r.body)
		}
	}

	// The sign-in name is taken now, in any case.
	r = do(t, s, request{method: http.MethodPost, path: customerPath(cid, "/users"),
		body: gen.NewCustomerUser{UserPrincipalName: ptr("GRACE@contoso.onmicrosoft.com")}})
	r.wantFault(t, http.StatusBadRequest, codeInvalidInput)
	// A sign-in name is needed.
	do(t, s, request{method: http.MethodPost, path: customerPath(cid, "/users"), body: gen.NewCustomerUser{DisplayName: ptr("Nobody")}}).
		wantFault(t, http.StatusBadRequest, codeInvalidInput)
	// Unknown users and customers.
	get(t, s, customerPath(cid, "/users/"+uuid.NewString())).wantFault(t, http.StatusNotFound, codeUserNotFound)
	get(t, s, customerPath(uuid.NewString(), "/users")).wantFault(t, http.StatusNotFound, codeTenantNotFound)
}

func TestUserUpdateAndPasswordReset(t *testing.T) {
	s := NewTestServer(t, nil)
	cid := DocumentedCustomerID
	u := newUser(t, s, cid, "alan@abcdefgh1234.onmicrosoft.com")
	path := customerPath(cid, "/users/"+*u.ID)

	r := do(t, s, request{method: http.MethodPatch, path: path, body: gen.CustomerUserUpdate{UsageLocation: ptr("CA"), DisplayName: ptr("Alan T.")}})
	r.wantStatus(t, http.StatusOK)
	var upd gen.CustomerUserWithPassword
	r.decode(t, &upd)
	if derefOr(upd.UsageLocation, "") != "CA" || derefOr(upd.DisplayName, "") != "Alan T." || derefOr(upd.FirstName, "") != "Grace" || upd.PasswordProfile != nil {
		t.Errorf("update answer %+v", upd)
	}
	var got gen.CustomerUser
	get(t, s, path).decode(t, &got)
	if derefOr(got.UsageLocation, "") != "CA" || derefOr(got.DisplayName, "") != "Alan T." {
		t.Errorf("the update is not stored: %+v", got)
	}

	// A reset without a password gets a new one, different from the first.
	r = do(t, s, request{method: http.MethodPatch, path: path, body: gen.CustomerUserUpdate{PasswordProfile: &gen.NewPasswordProfile{ForceChangePassword: ptr(true)}}})
	r.wantStatus(t, http.StatusOK)
	r.decode(t, &upd)
	if p := derefOr(upd.PasswordProfile.Password, ""); len(p) < 8 || p == *u.PasswordProfile.Password {
		t.Errorf("reset answered password %q", p)
	}
	r = do(t, s, request{method: http.MethodPatch, path: path, body: []byte(`{"PasswordProfile":{"Password":"Renew456*","ForceChangePassword":true},"Attributes":{"ObjectType":"CustomerUser"}}`)})
	r.wantStatus(t, http.StatusOK)
	r.decode(t, &upd)
	if derefOr(upd.PasswordProfile.Password, "") != "Renew456*" {
		t.Errorf("reset answered %+v, want the password sent", upd.PasswordProfile)
	}

	// Another user's sign-in name is refused.
	do(t, s, request{method: http.MethodPatch, path: path, body: gen.CustomerUserUpdate{UserPrincipalName: ptr("user000001@x.example")}}).
		wantStatus(t, http.StatusOK)
	other := newUser(t, s, cid, "other@abcdefgh1234.onmicrosoft.com")
	do(t, s, request{method: http.MethodPatch, path: path, body: gen.CustomerUserUpdate{UserPrincipalName: other.UserPrincipalName}}).
		wantFault(t, http.StatusBadRequest, codeInvalidInput)
	do(t, s, request{method: http.MethodPatch, path: customerPath(cid, "/users/"+uuid.NewString()), body: gen.CustomerUserUpdate{DisplayName: ptr("x")}}).
		wantFault(t, http.StatusNotFound, codeUserNotFound)
}

func TestDeletedUserIsRestorableWithinRetention(t *testing.T) {
	s := NewTestServer(t, nil)
	clock := useClock(s)
	cid := DocumentedCustomerID
	u := newUser(t, s, cid, "kim@abcdefgh1234.onmicrosoft.com")
	path := customerPath(cid, "/users/"+*u.ID)

	do(t, s, request{method: http.MethodDelete, path: path}).wantStatus(t, http.StatusNoContent)
	if ids, _ := listAllUsers(t, s, customerPath(cid, "/users")); slices.Contains(ids, *u.ID) {
		t.Error("a deleted user is still listed")
	}
	if ids, _ := listAllUsers(t, s, customerPath(cid, "/users?size=500&"+deletedUsersQuery)); !slices.Contains(ids, *u.ID) {
		t.Errorf("the deleted users %v lack the deleted user", ids)
	}
	var got gen.CustomerUser
	r := get(t, s, path)
	r.wantStatus(t, http.StatusOK)
	r.decode(t, &got)
	if derefOr(got.State, "") != gen.UserStateInactive || got.SoftDeletionTime == nil {
		t.Fatalf("a deleted user reads %+v, want inactive with softDeletionTime", got)
	}
	if at, err := time.Parse(time.RFC3339, *got.SoftDeletionTime); err != nil || at.Sub(clock.Now()).Abs() > time.Second {
		t.Errorf("softDeletionTime %s, want about %s", *got.SoftDeletionTime, clock.Now().UTC())
	}
	// Deleted again, or changed other than by a restore.
	do(t, s, request{method: http.MethodDelete, path: path}).wantFault(t, http.StatusNotFound, codeUserNotFound)
	do(t, s, request{method: http.MethodPatch, path: path, body: gen.CustomerUserUpdate{DisplayName: ptr("x")}}).
		wantFault(t, http.StatusBadRequest, codeInvalidInput)

	// Restored within the retention, the documented way (PascalCase).
	clock.advance(DeletedUserRetention - time.Minute)
	restore := []byte(`{"State":"active","Attributes":{"ObjectType":"CustomerUser"}}`)
	r = do(t, s, request{method: http.MethodPatch, path: path, body: restore})
	r.wantStatus(t, http.StatusOK)
	var restored gen.CustomerUserWithPassword
	r.decode(t, &restored)
	if derefOr(restored.State, "") != gen.UserStateActive || restored.SoftDeletionTime != nil || restored.PasswordProfile != nil {
		t.Errorf("restore answered %+v", restored)
	}
	if ids, _ := listAllUsers(t, s, customerPath(cid, "/users")); !slices.Contains(ids, *u.ID) {
		t.Error("a restored user is not listed")
	}

	// Deleted once more and restored too late: it is gone.
	do(t, s, request{method: http.MethodDelete, path: path}).wantStatus(t, http.StatusNoContent)
	clock.advance(DeletedUserRetention)
	do(t, s, request{method: http.MethodPatch, path: path, body: restore}).wantFault(t, http.StatusNotFound, codeUserNotFound)
	get(t, s, path).wantFault(t, http.StatusNotFound, codeUserNotFound)
	if ids, _ := listAllUsers(t, s, customerPath(cid, "/users?"+deletedUsersQuery)); slices.Contains(ids, *u.ID) {
		t.Error("a purged user is still among the deleted users")
	}
	// Its sign-in name is free again.
	newUser(t, s, cid, *u.UserPrincipalName)
}

func TestUserPagingThroughExtraUsers(t *testing.T) {
	const extra = 1000
	for _, form := range []LinkForm{LinkUnversioned, LinkVersioned} {
		t.Run(form.String(), func(t *testing.T) {
			s := NewTestServer(t, &Options{ExtraCustomers: 3, ExtraUsers: extra, NextLinkForm: form})
			cid := GeneratedCustomerID(2)
			created := newUser(t, s, cid, "last@example.com")
			ids, pages := listAllUsers(t, s, customerPath(cid, "/users?size=37"))
			documented := len(s.store.base.users) - 1 // one documented user is deleted
			if want := documented + extra + 1; len(ids) != want {
				t.Fatalf("listed %d users, want %d", len(ids), want)
			}
			if want := (len(ids) + 36) / 37; pages != want {
				t.Errorf("%d pages, want %d", pages, want)
			}
			seen := map[string]bool{}
			for _, id := range ids {
				if seen[id] {
					t.Fatalf("user %s listed twice", id)
				}
				seen[id] = true
			}
			for i := range extra {
				if !seen[GeneratedUserID(i)] {
					t.Fatalf("generated user %d (%s) not listed", i, GeneratedUserID(i))
				}
			}
			if ids[len(ids)-1] != *created.ID {
				t.Errorf("the created user is not listed last")
			}
			// A generated user reads the same as listed, and can be changed.
			var u gen.CustomerUser
			get(t, s, customerPath(cid, "/users/"+GeneratedUserID(5))).decode(t, &u)
			if want := "user000006@" + GeneratedCustomerDomain(2); derefOr(u.UserPrincipalName, "") != want {
				t.Errorf("generated user 5 signs in as %q, want %q", derefOr(u.UserPrincipalName, ""), want)
			}
			do(t, s, request{method: http.MethodPost, path: customerPath(cid, "/users"),
				body: gen.NewCustomerUser{UserPrincipalName: u.UserPrincipalName}}).wantFault(t, http.StatusBadRequest, codeInvalidInput)
			do(t, s, request{method: http.MethodDelete, path: customerPath(cid, "/users/"+GeneratedUserID(5))}).wantStatus(t, http.StatusNoContent)
			ids, _ = listAllUsers(t, s, customerPath(cid, "/users?size=500"))
			if len(ids) != documented+extra || slices.Contains(ids, GeneratedUserID(5)) {
				t.Errorf("after deleting generated user 5: %d users", len(ids))
			}
			deleted, _ := listAllUsers(t, s, customerPath(cid, "/users?size=1&"+deletedUsersQuery))
			if !slices.Contains(deleted, GeneratedUserID(5)) {
				t.Errorf("deleted users %v lack generated user 5", deleted)
			}
		})
	}
}

func TestUserListingRefusesWrongFiltersAndTokens(t *testing.T) {
	s := NewTestServer(t, &Options{ExtraUsers: 10})
	cid := DocumentedCustomerID
	for _, q := range []string{
		"filter=" + url.QueryEscape(`{"Field":"UserStatus","Value":"Inactive","Operator":"equals"}`),
		"filter=" + url.QueryEscape(`{"Field":"UserState","Value":"Gone","Operator":"equals"}`),
		"filter=" + url.QueryEscape(`{"Field":"UserState","Value":"Inactive","Operator":"starts_with"}`),
		"filter=" + url.QueryEscape(`{"Field":"CompanyName","Value":"Cont","Operator":"starts_with"}`),
		"filter[Field]=UserState&filter[Value]=Inactive",
		"size=5&size=6",
	} {
		r := get(t, s, customerPath(cid, "/users?"+q))
		r.wantFault(t, http.StatusBadRequest, codeInvalidInput)
	}
	// Active asks for the users in use, like no filter.
	active, _ := listAllUsers(t, s, customerPath(cid, "/users?filter="+url.QueryEscape(`{"Field":"UserState","Value":"Active","Operator":"equals"}`)))
	all, _ := listAllUsers(t, s, customerPath(cid, "/users"))
	if !slices.Equal(active, all) {
		t.Errorf("Active lists %d users, no filter %d", len(active), len(all))
	}

	// A token continues only the listing that issued it.
	var page gen.CustomerUserCollection
	get(t, s, customerPath(cid, "/users?size=2")).decode(t, &page)
	token := *page.Links.Next.Headers[0].Value
	next := request{path: customerPath(cid, "/users?size=2&seekOperation=Next"), header: map[string]string{continuationHeaderKey: token}}
	do(t, s, next).wantStatus(t, http.StatusOK)
	next.path = customerPath(ContosoCustomerID, "/users?size=2&seekOperation=Next")
	do(t, s, next).wantFault(t, http.StatusBadRequest, codeInvalidInput)
	next.path = "/v1/customers?size=2&seekOperation=Next"
	do(t, s, next).wantFault(t, http.StatusBadRequest, codeInvalidInput)
}

func TestUserChangesAreReplayedByRequestID(t *testing.T) {
	s := NewTestServer(t, nil)
	cid := ContosoCustomerID
	rid := uuid.NewString()
	s.Faults().On("createCustomerUser").DropAfterCommit(1)
	create := request{method: http.MethodPost, path: customerPath(cid, "/users"), header: withRequestID(rid),
		body: gen.NewCustomerUser{UserPrincipalName: ptr("retry@contoso.onmicrosoft.com")}}
	if _, err := try(s, create); err == nil {
		t.Fatal("the first try got an answer; the fault should have dropped it")
	}
	var first, second gen.CustomerUserWithPassword
	r := do(t, s, create)
	r.wantStatus(t, http.StatusOK)
	r.decode(t, &first)
	do(t, s, create).decode(t, &second)
	if *first.ID != *second.ID || *first.PasswordProfile.Password != *second.PasswordProfile.Password {
		t.Errorf("the retries made users %s and %s", *first.ID, *second.ID)
	}
	ids, _ := listAllUsers(t, s, customerPath(cid, "/users"))
	n := 0
	for _, id := range ids {
		if id == *first.ID {
			n++
		}
	}
	if n != 1 {
		t.Errorf("the user is listed %d times", n)
	}
	// A repeated delete answers 204 again; a new one 404.
	del := request{method: http.MethodDelete, path: customerPath(cid, "/users/"+*first.ID), header: withRequestID(uuid.NewString())}
	do(t, s, del).wantStatus(t, http.StatusNoContent)
	do(t, s, del).wantStatus(t, http.StatusNoContent)
	del.header = withRequestID(uuid.NewString())
	do(t, s, del).wantFault(t, http.StatusNotFound, codeUserNotFound)
}

func TestUserOperationsHonourFaults(t *testing.T) {
	s := NewTestServer(t, nil)
	cid := DocumentedCustomerID
	for _, op := range []string{gen.OperationListCustomerUsers, gen.OperationGetCustomerUser, gen.OperationCreateCustomerUser} {
		s.Faults().On(op).FailNext(1, http.StatusServiceUnavailable)
	}
	get(t, s, customerPath(cid, "/users")).wantStatus(t, http.StatusServiceUnavailable)
	get(t, s, customerPath(cid, "/users")).wantStatus(t, http.StatusOK)
	do(t, s, request{method: http.MethodPost, path: customerPath(cid, "/users"), body: gen.NewCustomerUser{UserPrincipalName: ptr("f@x.example")}}).
		wantStatus(t, http.StatusServiceUnavailable)
	if got := s.RequestsFor(gen.OperationListCustomerUsers); len(got) != 2 || got[0].Fault != "fail" || got[1].Fault != "" {
		t.Errorf("recorded %+v", got)
	}
	if n := s.Faults().Pending(); n != 1 {
		t.Errorf("%d faults pending, want the getCustomerUser one", n)
	}
}

func TestRemovedRelationshipClosesTheTenant(t *testing.T) {
	s := NewTestServer(t, nil)
	c := createdCustomer(t, s, newCustomerBody("closed.onmicrosoft.com", "1 Microsoft Way"))
	cid := *c.ID
	get(t, s, customerPath(cid, "/users")).wantStatus(t, http.StatusOK)
	do(t, s, request{method: http.MethodPatch, path: customerPath(cid, ""), body: []byte(`{"relationshipToPartner":"none","attributes":{"objectType":"Customer"}}`)}).
		wantStatus(t, http.StatusOK)
	for _, sub := range []string{"/users", "/subscribedskus", "/directoryroles", "/subscriptions"} {
		get(t, s, customerPath(cid, sub)).wantFault(t, http.StatusForbidden, refusalCode(gen.RefusalNoRelationship))
	}
}

// BenchmarkListUsers lists 10,000 users in pages of 500.
func BenchmarkListUsers(b *testing.B) {
	s := NewTestServer(b, &Options{ExtraUsers: 10_000, MaxRecordedRequests: -1})
	for b.Loop() {
		ids, _ := listAllUsers(b, s, customerPath(DocumentedCustomerID, "/users?size=500"))
		if len(ids) < 10_000 {
			b.Fatal(fmt.Sprint(len(ids), " users"))
		}
	}
}
