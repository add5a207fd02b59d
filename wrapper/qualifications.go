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

// The custom operations of the "Qualifications" tag.

// CreateCustomerQualificationOptions holds the optional settings of
// Client.CreateCustomerQualification.
type CreateCustomerQualificationOptions struct {
	CallOptions
}

// CreateCustomerQualification asks for a qualification for the customer.
// Education and Government Community Cloud requests are vetted
// asynchronously: the answer (and later reads) say VettingStatusInReview until
// the outcome is known. Checked before any request: a known
// qualification; for Education an education segment, and a website (when
// given) that is an http or https URL; for Government Community Cloud a
// validation code. A numeric validation code is sent as the documented
// code query parameter, another in the body. Asking again for a
// qualification the customer has or awaits gets ErrQualificationExists.
// The POST is retried with one MS-RequestId.
func (c *Client) CreateCustomerQualification(ctx context.Context, customerID string, req CustomerQualificationRequest, opts *CreateCustomerQualificationOptions) (*CustomerQualification, error) {
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
func checkQualification(req *CustomerQualificationRequest, p *gen.CreateCustomerQualificationParams) error {
	blank := func(s *string) bool { return s == nil || strings.TrimSpace(*s) == "" }
	switch req.Qualification {
	case CustomerQualificationRequestQualificationEducation:
		if blank(req.EducationSegment) {
			return fmt.Errorf("%w: an Education qualification needs the educationSegment", ErrInvalidInput)
		}
		if !blank(req.Website) {
			u, err := url.Parse(strings.TrimSpace(*req.Website))
			if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
				return fmt.Errorf("%w: website %s is not an http or https URL", ErrInvalidInput, scrub.Quote(*req.Website))
			}
		}
	case CustomerQualificationRequestQualificationGovernmentCommunityCloud:
		if blank(req.ValidationCode) {
			return fmt.Errorf("%w: a GovernmentCommunityCloud qualification needs the partner's validation code", ErrInvalidInput)
		}
		if n, err := strconv.ParseInt(strings.TrimSpace(*req.ValidationCode), 10, 64); err == nil && n >= 0 {
			p.Code = &n
			req.ValidationCode = nil
		}
	case CustomerQualificationRequestQualificationStateOwnedEntity:
	default:
		return fmt.Errorf("%w: qualification %s: use %s, %s or %s", ErrInvalidInput, scrub.Quote(string(req.Qualification)),
			CustomerQualificationRequestQualificationEducation, CustomerQualificationRequestQualificationGovernmentCommunityCloud, CustomerQualificationRequestQualificationStateOwnedEntity)
	}
	return nil
}
