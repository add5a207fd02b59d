package fake

import (
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
)

// roleMembersPath is the path of a role's members.
func roleMembersPath(cid, roleID string) string {
	return customerPath(cid, "/directoryroles/"+roleID+"/usermembers")
}

// addMember adds a user to a role.
func addMember(t testing.TB, s *Server, cid, roleID string, u gen.NewDirectoryRoleMember, header map[string]string) reply {
	t.Helper()
	return do(t, s, request{method: http.MethodPost, path: roleMembersPath(cid, roleID), body: u, header: header})
}

// asMember is the body adding user u to a role.
func asMember(id, displayName, upn string) gen.NewDirectoryRoleMember {
	return gen.NewDirectoryRoleMember{ID: id, DisplayName: displayName, UserPrincipalName: upn,
		Attributes: gen.ResourceAttributes{ObjectType: ptr(objectUserMember)}}
}

func TestDirectoryRoleMembership(t *testing.T) {
	s := NewTestServer(t, nil)
	cid := DocumentedCustomerID
	spec, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	var roles gen.DirectoryRoleCollection
	get(t, s, customerPath(cid, "/directoryroles")).decode(t, &roles)
	if len(roles.Items) != len(spec.seeds.tenant.roles) || len(roles.Items) < 2 {
		t.Fatalf("roles %+v, want the %d documented", roles.Items, len(spec.seeds.tenant.roles))
	}
	role, other := *roles.Items[0].ID, *roles.Items[1].ID

	u := newUser(t, s, cid, "role@abcdefgh1234.onmicrosoft.com")
	r := addMember(t, s, cid, role, asMember(*u.ID, *u.DisplayName, *u.UserPrincipalName), nil)
	r.wantStatus(t, http.StatusCreated)
	var m gen.UserMember
	r.decode(t, &m)
	if *m.ID != *u.ID || *m.RoleID != role || *m.UserPrincipalName != *u.UserPrincipalName || *m.Attributes.ObjectType != objectUserMember {
		t.Errorf("add answered %+v", m)
	}
	// Adding again changes nothing.
	addMember(t, s, cid, role, asMember(*u.ID, *u.DisplayName, *u.UserPrincipalName), nil).wantStatus(t, http.StatusCreated)
	if ids, _ := listAllUsers(t, s, roleMembersPath(cid, role)); !slices.Equal(ids, []string{*u.ID}) {
		t.Errorf("members %v, want the new user once", ids)
	}
	if ids, _ := listAllUsers(t, s, roleMembersPath(cid, other)); len(ids) != 0 {
		t.Errorf("the other role has members %v", ids)
	}
	var held gen.DirectoryRoleCollection
	get(t, s, customerPath(cid, "/users/"+*u.ID+"/directoryroles")).decode(t, &held)
	if len(held.Items) != 1 || *held.Items[0].ID != role || *held.Items[0].Name != *roles.Items[0].Name {
		t.Errorf("the user's roles: %+v", held.Items)
	}

	// Remove: the role has no member any more; removing again is a user
	// not found among its members.
	remove := request{method: http.MethodDelete, path: roleMembersPath(cid, role) + "/" + *u.ID}
	do(t, s, remove).wantStatus(t, http.StatusNoContent)
	if ids, _ := listAllUsers(t, s, roleMembersPath(cid, role)); len(ids) != 0 {
		t.Errorf("members after removal: %v", ids)
	}
	get(t, s, customerPath(cid, "/users/"+*u.ID+"/directoryroles")).decode(t, &held)
	if len(held.Items) != 0 {
		t.Errorf("the user still holds %+v", held.Items)
	}
	do(t, s, remove).wantFault(t, http.StatusNotFound, codeUserNotFound)

	// Unknown users, deleted users and unknown roles.
	addMember(t, s, cid, role, asMember(uuid.NewString(), "Nobody", "nobody@x.example"), nil).wantFault(t, http.StatusNotFound, codeUserNotFound)
	addMember(t, s, cid, uuid.NewString(), asMember(*u.ID, *u.DisplayName, *u.UserPrincipalName), nil).wantFault(t, http.StatusNotFound, codeNotFound)
	get(t, s, roleMembersPath(cid, uuid.NewString())).wantFault(t, http.StatusNotFound, codeNotFound)
	get(t, s, customerPath(cid, "/users/"+uuid.NewString()+"/directoryroles")).wantFault(t, http.StatusNotFound, codeUserNotFound)
	addMember(t, s, cid, other, asMember(*u.ID, *u.DisplayName, *u.UserPrincipalName), nil).wantStatus(t, http.StatusCreated)
	do(t, s, request{method: http.MethodDelete, path: customerPath(cid, "/users/"+*u.ID)}).wantStatus(t, http.StatusNoContent)
	if ids, _ := listAllUsers(t, s, roleMembersPath(cid, other)); len(ids) != 0 {
		t.Errorf("a deleted user is still a member: %v", ids)
	}
	addMember(t, s, cid, other, asMember(*u.ID, *u.DisplayName, *u.UserPrincipalName), nil).wantFault(t, http.StatusNotFound, codeUserNotFound)
	// The body must name the user: the spec requires all four properties.
	do(t, s, request{method: http.MethodPost, path: roleMembersPath(cid, role), body: map[string]string{"id": *u.ID}}).
		wantFault(t, http.StatusBadRequest, codeInvalidInput)
}

func TestDirectoryRoleMembersPage(t *testing.T) {
	const extra = 250
	s := NewTestServer(t, &Options{ExtraUsers: extra})
	cid := ContosoCustomerID
	var roles gen.DirectoryRoleCollection
	get(t, s, customerPath(cid, "/directoryroles")).decode(t, &roles)
	role := *roles.Items[1].ID
	want := make([]string, extra)
	for i := range extra {
		want[i] = GeneratedUserID(i)
		addMember(t, s, cid, role, asMember(want[i], fmt.Sprint("user ", i), fmt.Sprint("u", i, "@x.example")), nil).wantStatus(t, http.StatusCreated)
	}
	ids, pages := listAllUsers(t, s, roleMembersPath(cid, role))
	if !slices.Equal(ids, want) {
		t.Fatalf("listed %d members, want the %d added in order", len(ids), len(want))
	}
	if pages != 2 {
		t.Errorf("%d pages, want 2 of at most %d", pages, DefaultPageSize)
	}
	// A member page's token does not continue another role's listing.
	var page gen.UserMemberCollection
	get(t, s, roleMembersPath(cid, role)).decode(t, &page)
	next := request{path: roleMembersPath(cid, *roles.Items[0].ID) + "?seekOperation=Next",
		header: map[string]string{continuationHeaderKey: *page.Links.Next.Headers[0].Value}}
	do(t, s, next).wantFault(t, http.StatusBadRequest, codeInvalidInput)
}

func TestDirectoryRoleChangesAreReplayedByRequestID(t *testing.T) {
	s := NewTestServer(t, nil)
	cid := DocumentedCustomerID
	var roles gen.DirectoryRoleCollection
	get(t, s, customerPath(cid, "/directoryroles")).decode(t, &roles)
	role := *roles.Items[0].ID
	u := newUser(t, s, cid, "replay@abcdefgh1234.onmicrosoft.com")

	s.Faults().On(gen.OperationRemoveDirectoryRoleMember).DropAfterCommit(1)
	addMember(t, s, cid, role, asMember(*u.ID, *u.DisplayName, *u.UserPrincipalName), nil).wantStatus(t, http.StatusCreated)
	remove := request{method: http.MethodDelete, path: roleMembersPath(cid, role) + "/" + *u.ID, header: withRequestID(uuid.NewString())}
	if _, err := try(s, remove); err == nil {
		t.Fatal("the first try got an answer; the fault should have dropped it")
	}
	// The retry answers as the lost answer would have.
	do(t, s, remove).wantStatus(t, http.StatusNoContent)
	remove.header = withRequestID(uuid.NewString())
	do(t, s, remove).wantFault(t, http.StatusNotFound, codeUserNotFound)
}
