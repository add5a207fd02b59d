package wrapper

import (
	"context"
	"net/http"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
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
	code, problems := check.Qualification(&req)
	if err := problems.Err(); err != nil {
		return nil, err
	}
	if code != nil {
		p.Code, req.ValidationCode = code, nil
	}
	return callCreated[CustomerQualification](ctx, c, gen.OperationCreateCustomerQualification, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.CreateCustomerQualification(ctx, id, &p, req, edit)
	}, gen.ParseCreateCustomerQualificationResponse)
}
