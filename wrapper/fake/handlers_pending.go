package fake

import (
	"context"
	"net/http"

	"github.com/partnercenter-go/partnercenter/gen"
)

// Handlers not written yet: 501 until the tag's file implements them.

func (a *api) ListDirectoryRoles(ctx context.Context, request gen.ListDirectoryRolesRequestObject) (gen.ListDirectoryRolesResponseObject, error) {
	return nil, &apiError{status: http.StatusNotImplemented, code: codeUnexpected, description: "The fake does not implement ListDirectoryRoles yet."}
}

func (a *api) ListDirectoryRoleMembers(ctx context.Context, request gen.ListDirectoryRoleMembersRequestObject) (gen.ListDirectoryRoleMembersResponseObject, error) {
	return nil, &apiError{status: http.StatusNotImplemented, code: codeUnexpected, description: "The fake does not implement ListDirectoryRoleMembers yet."}
}

func (a *api) AddDirectoryRoleMember(ctx context.Context, request gen.AddDirectoryRoleMemberRequestObject) (gen.AddDirectoryRoleMemberResponseObject, error) {
	return nil, &apiError{status: http.StatusNotImplemented, code: codeUnexpected, description: "The fake does not implement AddDirectoryRoleMember yet."}
}

func (a *api) RemoveDirectoryRoleMember(ctx context.Context, request gen.RemoveDirectoryRoleMemberRequestObject) (gen.RemoveDirectoryRoleMemberResponseObject, error) {
	return nil, &apiError{status: http.StatusNotImplemented, code: codeUnexpected, description: "The fake does not implement RemoveDirectoryRoleMember yet."}
}

func (a *api) ListSubscribedSkus(ctx context.Context, request gen.ListSubscribedSkusRequestObject) (gen.ListSubscribedSkusResponseObject, error) {
	return nil, &apiError{status: http.StatusNotImplemented, code: codeUnexpected, description: "The fake does not implement ListSubscribedSkus yet."}
}

func (a *api) ListCustomerSubscriptions(ctx context.Context, request gen.ListCustomerSubscriptionsRequestObject) (gen.ListCustomerSubscriptionsResponseObject, error) {
	return nil, &apiError{status: http.StatusNotImplemented, code: codeUnexpected, description: "The fake does not implement ListCustomerSubscriptions yet."}
}

func (a *api) GetCustomerSubscription(ctx context.Context, request gen.GetCustomerSubscriptionRequestObject) (gen.GetCustomerSubscriptionResponseObject, error) {
	return nil, &apiError{status: http.StatusNotImplemented, code: codeUnexpected, description: "The fake does not implement GetCustomerSubscription yet."}
}

func (a *api) UpdateCustomerSubscription(ctx context.Context, request gen.UpdateCustomerSubscriptionRequestObject) (gen.UpdateCustomerSubscriptionResponseObject, error) {
	return nil, &apiError{status: http.StatusNotImplemented, code: codeUnexpected, description: "The fake does not implement UpdateCustomerSubscription yet."}
}

func (a *api) ListCustomerUsers(ctx context.Context, request gen.ListCustomerUsersRequestObject) (gen.ListCustomerUsersResponseObject, error) {
	return nil, &apiError{status: http.StatusNotImplemented, code: codeUnexpected, description: "The fake does not implement ListCustomerUsers yet."}
}

func (a *api) CreateCustomerUser(ctx context.Context, request gen.CreateCustomerUserRequestObject) (gen.CreateCustomerUserResponseObject, error) {
	return nil, &apiError{status: http.StatusNotImplemented, code: codeUnexpected, description: "The fake does not implement CreateCustomerUser yet."}
}

func (a *api) DeleteCustomerUser(ctx context.Context, request gen.DeleteCustomerUserRequestObject) (gen.DeleteCustomerUserResponseObject, error) {
	return nil, &apiError{status: http.StatusNotImplemented, code: codeUnexpected, description: "The fake does not implement DeleteCustomerUser yet."}
}

func (a *api) GetCustomerUser(ctx context.Context, request gen.GetCustomerUserRequestObject) (gen.GetCustomerUserResponseObject, error) {
	return nil, &apiError{status: http.StatusNotImplemented, code: codeUnexpected, description: "The fake does not implement GetCustomerUser yet."}
}

func (a *api) UpdateCustomerUser(ctx context.Context, request gen.UpdateCustomerUserRequestObject) (gen.UpdateCustomerUserResponseObject, error) {
	return nil, &apiError{status: http.StatusNotImplemented, code: codeUnexpected, description: "The fake does not implement UpdateCustomerUser yet."}
}

func (a *api) ListUserDirectoryRoles(ctx context.Context, request gen.ListUserDirectoryRolesRequestObject) (gen.ListUserDirectoryRolesResponseObject, error) {
	return nil, &apiError{status: http.StatusNotImplemented, code: codeUnexpected, description: "The fake does not implement ListUserDirectoryRoles yet."}
}

func (a *api) ListUserLicenses(ctx context.Context, request gen.ListUserLicensesRequestObject) (gen.ListUserLicensesResponseObject, error) {
	return nil, &apiError{status: http.StatusNotImplemented, code: codeUnexpected, description: "The fake does not implement ListUserLicenses yet."}
}

func (a *api) UpdateUserLicenses(ctx context.Context, request gen.UpdateUserLicensesRequestObject) (gen.UpdateUserLicensesResponseObject, error) {
	return nil, &apiError{status: http.StatusNotImplemented, code: codeUnexpected, description: "The fake does not implement UpdateUserLicenses yet."}
}
