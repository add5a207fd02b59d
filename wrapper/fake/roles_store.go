package fake

import (
	"slices"
	"strings"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The directory roles of a tenant: those the spec documents for
// listDirectoryRoles, without members at first. Members are kept in the
// order they were added; a deleted user leaves every role.

// role returns the directory role with the given ID (any case).
func (s *store) role(id string) (gen.DirectoryRole, bool) {
	for _, r := range s.roles {
		if strings.EqualFold(derefOr(r.ID, ""), id) {
			return r, true
		}
	}
	return gen.DirectoryRole{}, false
}

// directoryRoles lists the roles of customer id.
func (s *store) directoryRoles(id string) ([]gen.DirectoryRole, error) {
	err := s.read(id, func(tenantView) error { return nil })
	if err != nil {
		return nil, err
	}
	return slices.Clone(s.roles), nil
}

// memberPage is one page of a role's members.
type memberPage struct {
	items []gen.UserMember
	next  int // position to continue from, or -1 when the listing is done
}

// roleMembers returns up to size members of a role of customer id, from
// position from.
func (s *store) roleMembers(id, roleID string, from, size int) (memberPage, error) {
	p := memberPage{next: -1, items: []gen.UserMember{}}
	role, ok := s.role(roleID)
	if !ok {
		return p, s.read(id, func(tenantView) error { return errRoleNotFound })
	}
	err := s.read(id, func(v tenantView) error {
		members := v.t.members[strings.ToLower(*role.ID)]
		pos := max(from, 0)
		for ; pos < len(members) && len(p.items) < size; pos++ {
			if u, ok := v.findUser(members[pos]); ok {
				p.items = append(p.items, member(u, role))
			}
		}
		if pos < len(members) {
			p.next = pos
		}
		return nil
	})
	return p, err
}

// member is a user as a member of role.
func member(u *userRec, role gen.DirectoryRole) gen.UserMember {
	return gen.UserMember{
		ID:                u.user.ID,
		DisplayName:       u.user.DisplayName,
		UserPrincipalName: u.user.UserPrincipalName,
		RoleID:            role.ID,
		Attributes:        &gen.ResourceAttributes{ObjectType: ptr(objectUserMember)},
	}
}

// addRoleMember gives an active user of customer id a role. Adding a
// member again changes nothing and answers the same.
func (s *store) addRoleMember(id, roleID, userID, requestID string) (gen.UserMember, error) {
	role, ok := s.role(roleID)
	if !ok {
		return gen.UserMember{}, s.read(id, func(tenantView) error { return errRoleNotFound })
	}
	rid := strings.ToLower(*role.ID)
	lid := strings.ToLower(strings.TrimSpace(userID))
	answer, err := s.change(id, requestID, gen.OperationAddDirectoryRoleMember, rid+"/"+lid, func(v tenantView) (any, error) {
		u, err := v.activeUser(lid)
		if err != nil {
			return nil, err
		}
		if !slices.Contains(v.t.members[rid], lid) {
			v.t.members[rid] = append(v.t.members[rid], lid)
		}
		return member(u, role), nil
	})
	if err != nil {
		return gen.UserMember{}, err
	}
	return answer.(gen.UserMember), nil
}

// removeRoleMember takes a role away from a user of customer id. A user
// who does not hold the role is not found among its members.
func (s *store) removeRoleMember(id, roleID, userID, requestID string) error {
	role, ok := s.role(roleID)
	if !ok {
		return s.read(id, func(tenantView) error { return errRoleNotFound })
	}
	rid := strings.ToLower(*role.ID)
	lid := strings.ToLower(userID)
	_, err := s.change(id, requestID, gen.OperationRemoveDirectoryRoleMember, rid+"/"+lid, func(v tenantView) (any, error) {
		i := slices.Index(v.t.members[rid], lid)
		if i < 0 {
			return nil, errNotMember
		}
		v.t.members[rid] = slices.Delete(v.t.members[rid], i, i+1)
		return struct{}{}, nil
	})
	return err
}

// userRoles lists the roles a user of customer id holds, in the order of
// the tenant's roles.
func (s *store) userRoles(id, userID string) ([]gen.DirectoryRole, error) {
	out := []gen.DirectoryRole{}
	err := s.read(id, func(v tenantView) error {
		lid := strings.ToLower(userID)
		if _, ok := v.findUser(lid); !ok {
			return errUserNotFound
		}
		for _, r := range s.roles {
			if slices.Contains(v.t.members[strings.ToLower(*r.ID)], lid) {
				out = append(out, r)
			}
		}
		return nil
	})
	return out, err
}
