package fake

import (
	"context"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The handlers of the "Qualifications" tag.

// ListCustomerQualifications answers GET /customers/{id}/qualifications.
func (a *api) ListCustomerQualifications(ctx context.Context, req gen.ListCustomerQualificationsRequestObject) (gen.ListCustomerQualificationsResponseObject, error) {
	list, err := a.store.qualifications(req.CustomerTenantID.String())
	if err != nil {
		return nil, lifecycleFault(gen.OperationListCustomerQualifications, err)
	}
	return gen.ListCustomerQualifications200JSONResponse(list), nil
}

// CreateCustomerQualification answers POST /customers/{id}/qualifications.
// Education is approved when the request names an education segment and
// denied otherwise; Government Community Cloud needs a validation code and is
// approved; both show InReview first. StateOwnedEntity is set at once.
func (a *api) CreateCustomerQualification(ctx context.Context, req gen.CreateCustomerQualificationRequestObject) (gen.CreateCustomerQualificationResponseObject, error) {
	if req.Body == nil {
		return nil, invalidInput("Invalid request input: the qualification is missing.")
	}
	b := *req.Body
	q := &qualification{name: string(b.Qualification), created: time.Now()}
	switch b.Qualification {
	case gen.CustomerQualificationRequestQualificationEducation:
		q.vetted, q.readsLeft, q.outcome = true, 1, vettingApproved
		if blank(b.EducationSegment) {
			q.outcome, q.reason = vettingDenied, deniedEducationReason
		}
	case gen.CustomerQualificationRequestQualificationGovernmentCommunityCloud:
		if req.Params.Code == nil && blank(b.ValidationCode) {
			return nil, invalidInput("Invalid request input: a GovernmentCommunityCloud qualification needs the partner's validation code.")
		}
		q.vetted, q.readsLeft, q.outcome = true, 1, vettingApproved
	}
	if err := a.store.addQualification(req.CustomerTenantID.String(), q); err != nil {
		return nil, lifecycleFault(gen.OperationCreateCustomerQualification, err)
	}
	return gen.CreateCustomerQualification201JSONResponse(q.answer()), nil
}
