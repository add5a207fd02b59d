package fake

import (
	"context"
	"strings"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The handlers of the "Directory roles" tag.

// ListDirectoryRoles answers GET /customers/{id}/directoryroles with the
// roles the spec documents.
func (a *api) ListDirectoryRoles(ctx context.Context, req gen.ListDirectoryRolesRequestObject) (gen.ListDirectoryRolesResponseObject, error) {
	roles, err := a.store.directoryRoles(req.CustomerTenantID.String())
	if err != nil {
		return nil, tenantFault(gen.OperationListDirectoryRoles, "", err)
	}
	return gen.ListDirectoryRoles200JSONResponse(gen.DirectoryRoleCollection{
		TotalCount: ptr(int32(len(roles))),
		Items:      roles,
		Attributes: &gen.ResourceAttributes{ObjectType: ptr(objectCollection)},
	}), nil
}

// ListDirectoryRoleMembers answers GET
// /customers/{id}/directoryroles/{roleId}/usermembers: a page of
// DefaultPageSize members, in the order they were added, continued like
// the user listing through links.next. An unknown role gets 404.
func (a *api) ListDirectoryRoleMembers(ctx context.Context, req gen.ListDirectoryRoleMembersRequestObject) (gen.ListDirectoryRoleMembersResponseObject, error) {
	p := req.Params
	cid := strings.ToLower(req.CustomerTenantID.String())
	rid := strings.ToLower(req.RoleID.String())
	cur, err := a.tenantCursor(p.SeekOperation, p.MSContinuationToken, []string{listRoleMembers}, cid+"/"+rid)
	if err != nil {
		return nil, err
	}
	pg, err := a.store.roleMembers(cid, rid, cur.Pos, DefaultPageSize)
	if err != nil {
		return nil, tenantFault(gen.OperationListDirectoryRoleMembers, rid, err)
	}
	next := ""
	if pg.next >= 0 {
		next = encodeToken(a.tokenKey, cursor{Pos: pg.next, List: listRoleMembers, Scope: cid + "/" + rid})
	}
	return gen.ListDirectoryRoleMembers200JSONResponse(gen.UserMemberCollection{
		TotalCount: ptr(int32(len(pg.items))),
		Items:      pg.items,
		Links:      pageLinks(a.opts.NextLinkForm, customerLinkPrefix+cid+directoryRoles+"/"+rid+userMembersSuffix, nil, "", next),
		Attributes: &gen.ResourceAttributes{ObjectType: ptr(objectCollection)},
	}), nil
}

// AddDirectoryRoleMember answers POST
// /customers/{id}/directoryroles/{roleId}/usermembers with 201 and the
// membership. The user (the body's id) must be an active user of the
// tenant, else 404 with code 60002; the answer carries its display and
// sign-in names as stored. Adding a member again answers the same.
func (a *api) AddDirectoryRoleMember(ctx context.Context, req gen.AddDirectoryRoleMemberRequestObject) (gen.AddDirectoryRoleMemberResponseObject, error) {
	if req.Body == nil {
		return nil, invalidInput("Invalid request input: the member is missing.")
	}
	rid := req.RoleID.String()
	m, err := a.store.addRoleMember(req.CustomerTenantID.String(), rid, req.Body.ID, requestIDOf(req.Params.MSRequestID))
	if err != nil {
		target := rid
		if err == errUserNotFound {
			target = req.Body.ID
		}
		return nil, tenantFault(gen.OperationAddDirectoryRoleMember, target, err)
	}
	return gen.AddDirectoryRoleMember201JSONResponse(m), nil
}

// RemoveDirectoryRoleMember answers DELETE
// /customers/{id}/directoryroles/{roleId}/usermembers/{userId} with 204. A
// user who does not hold the role gets 404 with code 60002, unless the
// request repeats an earlier one's MS-RequestId.
func (a *api) RemoveDirectoryRoleMember(ctx context.Context, req gen.RemoveDirectoryRoleMemberRequestObject) (gen.RemoveDirectoryRoleMemberResponseObject, error) {
	err := a.store.removeRoleMember(req.CustomerTenantID.String(), req.RoleID.String(), req.UserID.String(), requestIDOf(req.Params.MSRequestID))
	if err != nil {
		return nil, tenantFault(gen.OperationRemoveDirectoryRoleMember, req.RoleID.String(), err)
	}
	return gen.RemoveDirectoryRoleMember204Response{}, nil
}

// ListUserDirectoryRoles answers GET /customers/{id}/users/{userId}/directoryroles
// with the roles the user holds.
func (a *api) ListUserDirectoryRoles(ctx context.Context, req gen.ListUserDirectoryRolesRequestObject) (gen.ListUserDirectoryRolesResponseObject, error) {
	roles, err := a.store.userRoles(req.CustomerTenantID.String(), req.UserID.String())
	if err != nil {
		return nil, tenantFault(gen.OperationListUserDirectoryRoles, req.UserID.String(), err)
	}
	return gen.ListUserDirectoryRoles200JSONResponse(gen.DirectoryRoleCollection{
		TotalCount: ptr(int32(len(roles))),
		Items:      roles,
		Attributes: &gen.ResourceAttributes{ObjectType: ptr(objectCollection)},
	}), nil
}
