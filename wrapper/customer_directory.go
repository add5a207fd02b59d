package wrapper

import (
	"context"
	"errors"
	"net/http"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

// The custom operations of the "Customer directory" tag.

// GetCustomerOrganization returns the organization record of the
// customer's tenant. The service documents an array holding one object but
// may send the object alone; both come back as a slice. It is a read and is
// retried.
func (c *Client) GetCustomerOrganization(ctx context.Context, customerID string, opts *GetCustomerOrganizationOptions) ([]CustomerOrganization, error) {
	id, err := parseCustomerID(customerID)
	if err != nil {
		return nil, err
	}
	var resp *http.Response
	out, err := call[gen.CustomerOrganizationResult](ctx, c, gen.OperationGetCustomerOrganization, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (r *http.Response, err error) {
		r, err = c.raw.GetCustomerOrganization(ctx, id, nil, edit)
		resp = r
		return r, err
	}, gen.ParseGetCustomerOrganizationResponse)
	if err != nil {
		return nil, err
	}
	items, err := organizationItems(out)
	if err != nil {
		return nil, newMalformedError(gen.OperationGetCustomerOrganization, resp, transport.Payload(resp), err)
	}
	return items, nil
}

// organizationItems reads the organization answer, which the service
// sends as an array of objects or as a single object, as a slice.
func organizationItems(u *gen.CustomerOrganizationResult) ([]CustomerOrganization, error) {
	if list, err := u.AsCustomerOrganizationList(); err == nil {
		if list == nil {
			list = []CustomerOrganization{}
		}
		return list, nil
	}
	one, err := u.AsCustomerOrganization()
	if err != nil {
		return nil, errors.New("organization answer is neither an array nor an object")
	}
	return []CustomerOrganization{one}, nil
}
