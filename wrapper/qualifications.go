package wrapper

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
)

// The qualifications a partner can request for a customer.
const (
	// QualificationEducation: an education institution; the request names
	// its education segment (and, optionally, its website).
	QualificationEducation = gen.CustomerQualificationRequestQualificationEducation
	// QualificationGovernmentCommunityCloud: a US government entity; the
	// request carries the partner's validation code.
	QualificationGovernmentCommunityCloud = gen.CustomerQualificationRequestQualificationGovernmentCommunityCloud
	// QualificationStateOwnedEntity: an entity owned by a state; set at once,
	// without vetting.
	QualificationStateOwnedEntity = gen.CustomerQualificationRequestQualificationStateOwnedEntity
)

// The vetting statuses of a qualification (CustomerQualification.VettingStatus).
// The service may add values; unknown ones are kept as they came.
const (
	// VettingInReview: Microsoft is checking the request.
	VettingInReview = gen.VettingStatusInReview
	// VettingApproved: the customer has the qualification.
	VettingApproved = gen.VettingStatusApproved
	// VettingDenied: refused; VettingReason says why.
	VettingDenied = gen.VettingStatusDenied
)

// ListCustomerQualifications returns the customer's qualifications with
// their vetting status (VettingInReview, VettingApproved, VettingDenied)
// and, for a denial, the reason. It is a read and is retried.
func (c *Client) ListCustomerQualifications(ctx context.Context, customerID string, opts *ListCustomerQualificationsOptions) ([]CustomerQualification, error) {
	id, err := parseCustomerID(customerID)
	if err != nil {
		return nil, err
	}
	out, err := call[gen.CustomerQualificationList](ctx, c, gen.OperationListCustomerQualifications, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.ListCustomerQualifications(ctx, id, nil, edit)
	}, gen.ParseListCustomerQualificationsResponse)
	if err != nil {
		return nil, err
	}
	if *out == nil {
		return []CustomerQualification{}, nil
	}
	return *out, nil
}

// CreateCustomerQualification asks for a qualification for the customer.
// Education and Government Community Cloud requests are vetted
// asynchronously: the answer (and later reads) say VettingInReview until
// the outcome is known. Checked before any request: a known
// qualification; for Education an education segment, and a website (when
// given) that is an http or https URL; for Government Community Cloud a
// validation code. A numeric validation code is sent as the documented
// code query parameter, another in the body. Asking again for a
// qualification the customer has or awaits gets ErrQualificationExists.
// The POST is retried with one MS-RequestId.
func (c *Client) CreateCustomerQualification(ctx context.Context, customerID string, req QualificationRequest, opts *CreateCustomerQualificationOptions) (*CustomerQualification, error) {
	id, err := parseCustomerID(customerID)
	if err != nil {
		return nil, err
	}
	var p gen.CreateCustomerQualificationParams
	if err := checkQualification(&req, &p); err != nil {
		return nil, err
	}
	return callCreated[CustomerQualification](ctx, c, gen.OperationCreateCustomerQualification, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.CreateCustomerQualification(ctx, id, &p, req, edit)
	}, gen.ParseCreateCustomerQualificationResponse)
}

// checkQualification checks a qualification request and moves a numeric
// validation code to the query parameters p.
func checkQualification(req *QualificationRequest, p *gen.CreateCustomerQualificationParams) error {
	blank := func(s *string) bool { return s == nil || strings.TrimSpace(*s) == "" }
	switch req.Qualification {
	case QualificationEducation:
		if blank(req.EducationSegment) {
			return fmt.Errorf("%w: an Education qualification needs the educationSegment", ErrInvalidInput)
		}
		if !blank(req.Website) {
			u, err := url.Parse(strings.TrimSpace(*req.Website))
			if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				return fmt.Errorf("%w: website %s is not an http or https URL", ErrInvalidInput, scrub.Quote(*req.Website))
			}
		}
	case QualificationGovernmentCommunityCloud:
		if blank(req.ValidationCode) {
			return fmt.Errorf("%w: a GovernmentCommunityCloud qualification needs the partner's validation code", ErrInvalidInput)
		}
		if n, err := strconv.ParseInt(strings.TrimSpace(*req.ValidationCode), 10, 64); err == nil && n >= 0 {
			p.Code = &n
			req.ValidationCode = nil
		}
	case QualificationStateOwnedEntity:
	default:
		return fmt.Errorf("%w: qualification %s: use %s, %s or %s", ErrInvalidInput, scrub.Quote(string(req.Qualification)),
			QualificationEducation, QualificationGovernmentCommunityCloud, QualificationStateOwnedEntity)
	}
	return nil
}
