package fake

import (
	"context"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The handlers of the "Licenses" tag.

// ListSubscribedSkus answers GET /customers/{id}/subscribedskus: the SKUs
// of the license groups asked for (group1 without licenseGroupIds) with the
// tenant's unit counts: consumedUnits grows with every license assigned
// and availableUnits is totalUnits less consumedUnits.
func (a *api) ListSubscribedSkus(ctx context.Context, req gen.ListSubscribedSkusRequestObject) (gen.ListSubscribedSkusResponseObject, error) {
	skus, err := a.store.subscribedSkus(req.CustomerTenantID.String(), req.Params.LicenseGroupIds)
	if err != nil {
		return nil, tenantFault(gen.OperationListSubscribedSkus, "", err)
	}
	return gen.ListSubscribedSkus200JSONResponse(gen.SubscribedSkuCollection{
		TotalCount: ptr(int32(len(skus))),
		Items:      skus,
		Attributes: &gen.ResourceAttributes{ObjectType: ptr(objectCollection)},
	}), nil
}

// ListUserLicenses answers GET /customers/{id}/users/{userId}/licenses: the
// user's licenses of the groups asked for (group1 without
// licenseGroupIds), each with its SKU's service plans but those excluded,
// as Assigned.
func (a *api) ListUserLicenses(ctx context.Context, req gen.ListUserLicensesRequestObject) (gen.ListUserLicensesResponseObject, error) {
	licenses, err := a.store.userLicenses(req.CustomerTenantID.String(), req.UserID.String(), req.Params.LicenseGroupIds)
	if err != nil {
		return nil, tenantFault(gen.OperationListUserLicenses, req.UserID.String(), err)
	}
	return gen.ListUserLicenses200JSONResponse(gen.LicenseCollection{
		TotalCount: ptr(int32(len(licenses))),
		Items:      licenses,
		Attributes: &gen.ResourceAttributes{ObjectType: ptr(objectCollection)},
	}), nil
}

// UpdateUserLicenses answers POST /customers/{id}/users/{userId}/licenseupdates
// with 201: it assigns and removes licenses in one change, all or nothing.
// Each new license uses up a unit of its SKU; with none left the request is
// refused as OutOfLicenses. Removing frees the unit. Unknown SKUs, a SKU
// named twice, excluded plans the SKU lacks, and licenses of two groups in
// one request get 400 with code 800002. licenseWarnings lists
// LicenseWarningAlreadyAssigned and LicenseWarningNotAssigned; it is empty
// when nothing needed saying. A change repeated with the same MS-RequestId
// gets the first answer and changes nothing again.
func (a *api) UpdateUserLicenses(ctx context.Context, req gen.UpdateUserLicensesRequestObject) (gen.UpdateUserLicensesResponseObject, error) {
	if req.Body == nil {
		return nil, invalidInput("Invalid request input: the license update is missing.")
	}
	got, err := a.store.updateLicenses(req.CustomerTenantID.String(), req.UserID.String(), requestIDOf(req.Params.MSRequestID), *req.Body)
	if err != nil {
		return nil, tenantFault(gen.OperationUpdateUserLicenses, req.UserID.String(), err)
	}
	return gen.UpdateUserLicenses201JSONResponse(got), nil
}
