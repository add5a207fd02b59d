package fake

import (
	"strings"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The user accounts of a tenant. Listing order: the documented users, then
// the generated ones, then those created through createCustomerUser. A
// deleted user keeps its place, inactive, until DeletedUserRetention has
// passed; then it is purged: no read finds it and its sign-in name is free.

// Object types of the tenant's resources.
const (
	objectCustomerUser  = "CustomerUser"
	objectUserMember    = "UserMember"
	objectLicense       = "License"
	objectLicenseUpdate = "LicenseUpdate"
	objectDirectoryRole = "DirectoryRole"
)

// Path pieces of the tenant's resources, after /customers/{id}.
const (
	usersSuffix         = "/users"
	subscriptionsSuffix = "/subscriptions"
	directoryRoles      = "/directoryroles"
	userMembersSuffix   = "/usermembers"
)

// userRec is one user account. It is never changed after it is built; a
// change stores a new record.
type userRec struct {
	user      gen.CustomerUser // without state, softDeletionTime, links and attributes, which view adds
	deletedAt time.Time        // when the account was deleted; zero while it is active
}

// lid is the user's ID in lowercase.
func (u *userRec) lid() string { return strings.ToLower(derefOr(u.user.ID, "")) }

// active reports whether the account is in use.
func (u *userRec) active() bool { return u.deletedAt.IsZero() }

// purged reports whether the account was deleted more than the retention
// before now.
func (u *userRec) purged(now time.Time) bool {
	return !u.active() && !now.Before(u.deletedAt.Add(DeletedUserRetention))
}

// view is the account as reads show it in customer's tenant.
func (u *userRec) view(customer string) gen.CustomerUser {
	c := u.user
	c.Links = selfLink(customerLinkPrefix + customer + usersSuffix + "/" + derefOr(c.ID, ""))
	c.Attributes = &gen.ResourceAttributes{ObjectType: ptr(objectCustomerUser)}
	if u.active() {
		c.State = ptr(gen.UserStateActive)
	} else {
		c.State = ptr(gen.UserStateInactive)
		c.SoftDeletionTime = ptr(u.deletedAt.UTC().Format(time.RFC3339))
	}
	return c
}

// withPassword is the account as a create or update answers it, with the
// password in clear when one was set.
func (u *userRec) withPassword(customer string, password *gen.NewPasswordProfile) gen.CustomerUserWithPassword {
	c := u.view(customer)
	return gen.CustomerUserWithPassword{
		ID: c.ID, UsageLocation: c.UsageLocation, UserPrincipalName: c.UserPrincipalName,
		FirstName: c.FirstName, LastName: c.LastName, DisplayName: c.DisplayName, ImmutableID: c.ImmutableID,
		PasswordProfile: password, PhoneNumber: c.PhoneNumber, LastDirectorySyncTime: c.LastDirectorySyncTime,
		UserDomainType: c.UserDomainType, State: c.State, SoftDeletionTime: c.SoftDeletionTime,
		Links: c.Links, Attributes: c.Attributes,
	}
}

// totalUsers is the number of listing positions.
func (v tenantView) totalUsers() int { return len(v.t.users) + v.extra }

// userAt returns the user at listing position pos.
func (v tenantView) userAt(pos int) *userRec {
	switch {
	case pos < v.t.documented:
		return v.t.users[pos]
	case pos < v.t.documented+v.extra:
		i := pos - v.t.documented
		if u := v.t.generated[i]; u != nil {
			return u
		}
		return generatedUser(i, v.domain, v.country)
	default:
		return v.t.users[pos-v.extra]
	}
}

// listedAt reports whether the user at pos is in the listing of active
// (deleted false) or deleted users, without building an unchanged generated
// user.
func (v tenantView) listedAt(pos int, deleted bool) bool {
	if i := pos - v.t.documented; i >= 0 && i < v.extra && v.t.generated[i] == nil {
		return !deleted // unchanged generated users are active
	}
	u := v.userAt(pos)
	if deleted {
		return !u.active() && !u.purged(v.now)
	}
	return u.active()
}

// findUser returns a user that is not purged, by lowercase ID.
func (v tenantView) findUser(lid string) (*userRec, bool) {
	var u *userRec
	if pos, ok := v.t.index[lid]; ok {
		u = v.t.users[pos]
	} else if i, ok := generatedUserIndex(lid); ok && i < v.extra {
		u = v.t.generated[i]
		if u == nil {
			u = generatedUser(i, v.domain, v.country)
		}
	}
	if u == nil || u.purged(v.now) {
		return nil, false
	}
	return u, true
}

// activeUser returns an active user by ID (any case).
func (v tenantView) activeUser(id string) (*userRec, error) {
	u, ok := v.findUser(strings.ToLower(id))
	if !ok || !u.active() {
		return nil, errUserNotFound
	}
	return u, nil
}

// putUser stores u in place of the user with its ID, or adds it.
func (v tenantView) putUser(u *userRec) {
	lid := u.lid()
	if pos, ok := v.t.index[lid]; ok {
		v.t.users[pos] = u
		return
	}
	if i, ok := generatedUserIndex(lid); ok && i < v.extra {
		v.t.generated[i] = u
		return
	}
	v.t.addUser(u)
}

// userNameTaken reports whether a user other than except (a lowercase ID)
// signs in as upn, any case. Purged users do not count.
func (v tenantView) userNameTaken(upn, except string) bool {
	upn = strings.ToLower(strings.TrimSpace(upn))
	taken := func(u *userRec) bool {
		return u.lid() != except && !u.purged(v.now) && strings.EqualFold(derefOr(u.user.UserPrincipalName, ""), upn)
	}
	for _, u := range v.t.users {
		if taken(u) {
			return true
		}
	}
	for _, u := range v.t.generated {
		if taken(u) {
			return true
		}
	}
	i, ok := generatedUserNameIndex(upn, strings.ToLower(v.domain))
	return ok && i < v.extra && v.t.generated[i] == nil && generatedUserID(i) != except
}

// userPage is one page of a user listing.
type userPage struct {
	items []gen.CustomerUser
	next  int // position to continue from, or -1 when the listing is done
}

// listUsers returns up to size active users (or deleted ones, restorable
// still) of customer id, starting at position from.
func (s *store) listUsers(id string, deleted bool, from, size int) (userPage, error) {
	p := userPage{next: -1, items: []gen.CustomerUser{}}
	err := s.read(id, func(v tenantView) error {
		total := v.totalUsers()
		pos := max(from, 0)
		for ; pos < total && len(p.items) < size; pos++ {
			if v.listedAt(pos, deleted) {
				p.items = append(p.items, v.userAt(pos).view(v.customer))
			}
		}
		for ; pos < total; pos++ {
			if v.listedAt(pos, deleted) {
				p.next = pos
				break
			}
		}
		return nil
	})
	return p, err
}

// getUser returns a user of customer id, active or deleted (restorable still).
func (s *store) getUser(id, userID string) (gen.CustomerUser, error) {
	var out gen.CustomerUser
	err := s.read(id, func(v tenantView) error {
		u, ok := v.findUser(strings.ToLower(userID))
		if !ok {
			return errUserNotFound
		}
		out = u.view(v.customer)
		return nil
	})
	return out, err
}

// createUser stores a new user u of customer id; password is the one the
// answer shows. A create repeated with the same requestID gets the first
// answer.
func (s *store) createUser(id, requestID string, u *userRec, password *gen.NewPasswordProfile) (gen.CustomerUserWithPassword, error) {
	target := strings.ToLower(derefOr(u.user.UserPrincipalName, ""))
	answer, err := s.change(id, requestID, gen.OperationCreateCustomerUser, target, func(v tenantView) (any, error) {
		if v.userNameTaken(target, "") {
			return nil, errUserNameTaken
		}
		v.putUser(u)
		return u.withPassword(v.customer, password), nil
	})
	if err != nil {
		return gen.CustomerUserWithPassword{}, err
	}
	return answer.(gen.CustomerUserWithPassword), nil
}

// updateUser changes a user of customer id: the fields upd sets, the
// password when password is not nil, and a restore when upd.State is
// active. A deleted user can only be restored (within the retention); other
// changes may come with the restore.
func (s *store) updateUser(id, userID, requestID string, upd gen.CustomerUserUpdate, password *gen.NewPasswordProfile) (gen.CustomerUserWithPassword, error) {
	lid := strings.ToLower(userID)
	answer, err := s.change(id, requestID, gen.OperationUpdateCustomerUser, lid, func(v tenantView) (any, error) {
		old, ok := v.findUser(lid)
		if !ok {
			return nil, errUserNotFound
		}
		restore := upd.State != nil && *upd.State == gen.CustomerUserUpdateStateActive
		if !old.active() && !restore {
			return nil, errUserDeleted
		}
		if upd.UserPrincipalName != nil && v.userNameTaken(*upd.UserPrincipalName, lid) {
			return nil, errUserNameTaken
		}
		next := *old
		next.deletedAt = time.Time{}
		c := &next.user
		for _, f := range []struct {
			dst **string
			src *string
		}{
			{&c.UsageLocation, upd.UsageLocation}, {&c.UserPrincipalName, upd.UserPrincipalName},
			{&c.FirstName, upd.FirstName}, {&c.LastName, upd.LastName},
			{&c.DisplayName, upd.DisplayName}, {&c.PhoneNumber, upd.PhoneNumber},
		} {
			if f.src != nil {
				*f.dst = ptr(strings.TrimSpace(*f.src))
			}
		}
		v.putUser(&next)
		return next.withPassword(v.customer, password), nil
	})
	if err != nil {
		return gen.CustomerUserWithPassword{}, err
	}
	return answer.(gen.CustomerUserWithPassword), nil
}

// deleteUser deletes an active user of customer id: it turns inactive, its
// licenses are freed and it leaves its directory roles.
func (s *store) deleteUser(id, userID, requestID string) error {
	lid := strings.ToLower(userID)
	_, err := s.change(id, requestID, gen.OperationDeleteCustomerUser, lid, func(v tenantView) (any, error) {
		old, err := v.activeUser(lid)
		if err != nil {
			return nil, err
		}
		next := *old
		next.deletedAt = v.now
		v.putUser(&next)
		v.releaseLicenses(lid)
		for role, members := range v.t.members {
			v.t.members[role] = deleteString(members, lid)
		}
		return struct{}{}, nil
	})
	return err
}

// deleteString returns list without s.
func deleteString(list []string, s string) []string {
	out := list[:0]
	for _, e := range list {
		if e != s {
			out = append(out, e)
		}
	}
	return out
}
