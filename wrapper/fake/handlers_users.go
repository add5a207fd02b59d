package fake

import (
	"context"
	"net/url"
	"strconv"
	"strings"

	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The handlers of the "Users" tag.

// ListCustomerUsers answers GET /customers/{id}/users: a page of the users
// in use or, with the filter {"Field":"UserState","Value":"Inactive",...},
// of the deleted users that can still be restored; or the next page of
// either, from the continuation token of links.next.
func (a *api) ListCustomerUsers(ctx context.Context, req gen.ListCustomerUsersRequestObject) (gen.ListCustomerUsersResponseObject, error) {
	p := req.Params
	cid := strings.ToLower(req.CustomerTenantID.String())
	size := pageSize(p.Size)
	cur, err := a.tenantCursor(p.SeekOperation, p.MSContinuationToken, []string{listUsers, listDeletedUsers}, cid)
	if err != nil {
		return nil, err
	}
	if cur.List == "" {
		cur.List = listUsers
		if userStateFilter(ctx) == gen.UserStateInactive {
			cur.List = listDeletedUsers
		}
	}
	deleted := cur.List == listDeletedUsers
	pg, err := a.store.listUsers(cid, deleted, cur.Pos, size)
	if err != nil {
		return nil, tenantFault(gen.OperationListCustomerUsers, cid, err)
	}
	next := ""
	if pg.next >= 0 {
		next = encodeToken(a.tokenKey, cursor{Pos: pg.next, List: cur.List, Scope: cid})
	}
	self := url.Values{"size": {strconv.Itoa(size)}}
	if deleted {
		self.Set(filterParam, userFilterExample)
	}
	return gen.ListCustomerUsers200JSONResponse(gen.CustomerUserCollection{
		TotalCount: ptr(int32(len(pg.items))),
		Items:      pg.items,
		Links:      pageLinks(a.opts.NextLinkForm, customerLinkPrefix+cid+usersSuffix, self, "size="+strconv.Itoa(size)+"&", next),
		Attributes: &gen.ResourceAttributes{ObjectType: ptr(objectCollection)},
	}), nil
}

// GetCustomerUser answers GET /customers/{id}/users/{userId}: a user in
// use, or a deleted one (inactive, with softDeletionTime) within the
// retention. The password is never read back.
func (a *api) GetCustomerUser(ctx context.Context, req gen.GetCustomerUserRequestObject) (gen.GetCustomerUserResponseObject, error) {
	u, err := a.store.getUser(req.CustomerTenantID.String(), req.UserID.String())
	if err != nil {
		return nil, tenantFault(gen.OperationGetCustomerUser, req.UserID.String(), err)
	}
	return gen.GetCustomerUser200JSONResponse(u), nil
}

// CreateCustomerUser answers POST /customers/{id}/users with the new user
// and, in passwordProfile, its password in clear: the one sent, or one the
// fake makes up when none was. The user principal name is required and must
// not be taken in the tenant (400 otherwise). A create repeated with the
// same MS-RequestId gets the first answer, password included.
func (a *api) CreateCustomerUser(ctx context.Context, req gen.CreateCustomerUserRequestObject) (gen.CreateCustomerUserResponseObject, error) {
	if req.Body == nil {
		return nil, invalidInput("Invalid request input: the user is missing.")
	}
	b := *req.Body
	upn := strings.TrimSpace(derefOr(b.UserPrincipalName, ""))
	if local, domain, ok := strings.Cut(upn, "@"); !ok || local == "" || domain == "" {
		return nil, invalidInput("Invalid request input: userPrincipalName must be a sign-in name such as someone@contoso.onmicrosoft.com.")
	}
	password, err := passwordProfile(b.PasswordProfile)
	if err != nil {
		return nil, err
	}
	u := &userRec{user: gen.CustomerUser{
		ID:                ptr(uuid.NewString()),
		UsageLocation:     trimmed(b.UsageLocation),
		UserPrincipalName: ptr(upn),
		FirstName:         trimmed(b.FirstName),
		LastName:          trimmed(b.LastName),
		DisplayName:       trimmed(b.DisplayName),
		ImmutableID:       trimmed(b.ImmutableID),
		PhoneNumber:       trimmed(b.PhoneNumber),
		UserDomainType:    ptr(gen.UserDomainTypeNone),
	}}
	if u.user.DisplayName == nil {
		name := strings.TrimSpace(derefOr(u.user.FirstName, "") + " " + derefOr(u.user.LastName, ""))
		if name == "" {
			name, _, _ = strings.Cut(upn, "@")
		}
		u.user.DisplayName = ptr(name)
	}
	got, err := a.store.createUser(req.CustomerTenantID.String(), requestIDOf(req.Params.MSRequestID), u, password)
	if err != nil {
		return nil, tenantFault(gen.OperationCreateCustomerUser, upn, err)
	}
	return gen.CreateCustomerUser200JSONResponse(got), nil
}

// UpdateCustomerUser answers PATCH /customers/{id}/users/{userId}: it
// changes the fields sent, resets the password when passwordProfile is sent
// (answering the new password, the one sent or a made-up one) and restores
// a deleted user with state active within the retention. After the
// retention the user is gone: 404 with code 60002. A deleted user is not
// changed otherwise (400).
func (a *api) UpdateCustomerUser(ctx context.Context, req gen.UpdateCustomerUserRequestObject) (gen.UpdateCustomerUserResponseObject, error) {
	if req.Body == nil {
		return nil, invalidInput("Invalid request input: the changes are missing.")
	}
	b := *req.Body
	if b.UserPrincipalName != nil {
		if local, domain, ok := strings.Cut(strings.TrimSpace(*b.UserPrincipalName), "@"); !ok || local == "" || domain == "" {
			return nil, invalidInput("Invalid request input: userPrincipalName must be a sign-in name such as someone@contoso.onmicrosoft.com.")
		}
	}
	var password *gen.NewPasswordProfile
	if b.PasswordProfile != nil {
		var err error
		if password, err = passwordProfile(b.PasswordProfile); err != nil {
			return nil, err
		}
	}
	got, err := a.store.updateUser(req.CustomerTenantID.String(), req.UserID.String(), requestIDOf(req.Params.MSRequestID), b, password)
	if err != nil {
		return nil, tenantFault(gen.OperationUpdateCustomerUser, req.UserID.String(), err)
	}
	return gen.UpdateCustomerUser200JSONResponse(got), nil
}

// DeleteCustomerUser answers DELETE /customers/{id}/users/{userId} with
// 204: the user turns inactive with a softDeletionTime, drops out of the
// listing into the deleted-users filter, loses its licenses (their units
// are free again) and its directory roles. Deleting a deleted user gets
// 404, unless the request repeats an earlier one's MS-RequestId.
func (a *api) DeleteCustomerUser(ctx context.Context, req gen.DeleteCustomerUserRequestObject) (gen.DeleteCustomerUserResponseObject, error) {
	err := a.store.deleteUser(req.CustomerTenantID.String(), req.UserID.String(), requestIDOf(req.Params.MSRequestID))
	if err != nil {
		return nil, tenantFault(gen.OperationDeleteCustomerUser, req.UserID.String(), err)
	}
	return gen.DeleteCustomerUser204Response{}, nil
}

// passwordProfile is the password a create or reset sets: the one sent, or
// a made-up one; the user must change it at the next sign-in unless the
// request says otherwise.
func passwordProfile(p *gen.NewPasswordProfile) (*gen.NewPasswordProfile, error) {
	out := &gen.NewPasswordProfile{ForceChangePassword: ptr(true)}
	if p != nil && p.ForceChangePassword != nil {
		out.ForceChangePassword = ptr(*p.ForceChangePassword)
	}
	if p != nil && derefOr(p.Password, "") != "" {
		out.Password = ptr(*p.Password)
		return out, nil
	}
	pw, err := newPassword()
	if err != nil {
		return nil, err
	}
	out.Password = &pw
	return out, nil
}
