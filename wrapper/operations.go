package wrapper

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

// GetCustomer returns the customer whose tenant ID is customerID. Without
// delegated admin rights the service leaves out the company address and
// e-mail and the custom domains. It is a read and is retried.
func (c *Client) GetCustomer(ctx context.Context, customerID string, opts *GetCustomerOptions) (*Customer, error) {
	id, err := parseCustomerID(customerID)
	if err != nil {
		return nil, err
	}
	return call[Customer](ctx, c, gen.OperationGetCustomer, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.GetCustomer(ctx, id, nil, edit)
	}, gen.ParseGetCustomerResponse)
}

// GetCustomerCustomDomains returns the domain names registered in the
// customer's tenant. The call needs GDAP (the older DAP is refused). It is
// a read and is retried.
func (c *Client) GetCustomerCustomDomains(ctx context.Context, customerID string, opts *GetCustomerCustomDomainsOptions) ([]string, error) {
	id, err := parseCustomerID(customerID)
	if err != nil {
		return nil, err
	}
	out, err := call[gen.CustomDomainList](ctx, c, gen.OperationGetCustomerCustomDomains, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.GetCustomerCustomDomains(ctx, id, nil, edit)
	}, gen.ParseGetCustomerCustomDomainsResponse)
	if err != nil {
		return nil, err
	}
	if *out == nil {
		return []string{}, nil
	}
	return *out, nil
}

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

// GetCustomerCompanyProfile returns the customer's company profile. The
// service only accepts app+user tokens for it. It is a read and is retried.
func (c *Client) GetCustomerCompanyProfile(ctx context.Context, customerID string, opts *GetCustomerCompanyProfileOptions) (*CustomerCompanyProfile, error) {
	id, err := parseCustomerID(customerID)
	if err != nil {
		return nil, err
	}
	return call[CustomerCompanyProfile](ctx, c, gen.OperationGetCustomerCompanyProfile, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.GetCustomerCompanyProfile(ctx, id, nil, edit)
	}, gen.ParseGetCustomerCompanyProfileResponse)
}

// GetCustomerBillingProfile returns the customer's billing profile. Its
// Attributes.Etag is what UpdateCustomerBillingProfile sends in If-Match.
// It is a read and is retried.
func (c *Client) GetCustomerBillingProfile(ctx context.Context, customerID string, opts *GetCustomerBillingProfileOptions) (*CustomerBillingProfile, error) {
	id, err := parseCustomerID(customerID)
	if err != nil {
		return nil, err
	}
	return call[CustomerBillingProfile](ctx, c, gen.OperationGetCustomerBillingProfile, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.GetCustomerBillingProfile(ctx, id, nil, edit)
	}, gen.ParseGetCustomerBillingProfileResponse)
}

// UpdateCustomerBillingProfile replaces the customer's billing profile with
// profile and returns the stored profile with its new ETag. Send the whole
// profile as last read, edited. If-Match carries opts.ETag, or else
// profile.Attributes.Etag (quoted as the service wants); with neither the
// call fails with ErrInvalidInput. A stale ETag gives ErrPreconditionFailed:
// read the profile again.
//
// The PUT is retried like the reads: every try carries the same
// MS-RequestId, which lets the service recognise a repeat, and If-Match
// makes a repeat after success fail with 412 instead of writing twice.
func (c *Client) UpdateCustomerBillingProfile(ctx context.Context, customerID string, profile CustomerBillingProfile, opts *UpdateCustomerBillingProfileOptions) (*CustomerBillingProfile, error) {
	id, err := parseCustomerID(customerID)
	if err != nil {
		return nil, err
	}
	var etag string
	if opts != nil {
		etag = opts.ETag
	}
	if etag == "" && profile.Attributes != nil && profile.Attributes.Etag != nil {
		etag = *profile.Attributes.Etag
	}
	ifMatch, err := quoteETag(etag)
	if err != nil {
		return nil, err
	}
	return call[CustomerBillingProfile](ctx, c, gen.OperationUpdateCustomerBillingProfile, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.UpdateCustomerBillingProfile(ctx, id, &gen.UpdateCustomerBillingProfileParams{IfMatch: ifMatch}, profile, edit)
	}, gen.ParseUpdateCustomerBillingProfileResponse)
}

// CheckDomainAvailability tells whether domain (such as
// "contoso.onmicrosoft.com") is free: true when no tenant uses it (the
// service answers 404), false when it is taken (200). Other answers are
// errors. It is a read and is retried.
func (c *Client) CheckDomainAvailability(ctx context.Context, domain string, opts *CheckDomainAvailabilityOptions) (available bool, err error) {
	if err := check.InputDomain(domain); err != nil {
		return false, err
	}
	r, resp, err := invoke(ctx, c, gen.OperationCheckDomainAvailability, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.CheckDomainAvailability(ctx, domain, nil, edit)
	}, gen.ParseCheckDomainAvailabilityResponse, func(status int) bool {
		return status == http.StatusOK || status == http.StatusNotFound
	})
	if err != nil {
		return false, err
	}
	if r.StatusCode() == http.StatusNotFound && foreignNotFound(resp) {
		// A gateway's page says nothing about the domain (notfound.go).
		defer transport.Drain(resp)
		return false, newResponseError(gen.OperationCheckDomainAvailability, resp)
	}
	return r.StatusCode() == http.StatusNotFound, nil
}

// quoteETag returns the If-Match value for etag: quoted unless it already
// is (or is a weak W/"..." tag).
func quoteETag(etag string) (string, error) {
	if etag == "" {
		return "", fmt.Errorf("%w: no ETag: set UpdateCustomerBillingProfileOptions.ETag or profile.Attributes.Etag from a fresh read", ErrInvalidInput)
	}
	if err := check.InputHeader("ETag", etag); err != nil {
		return "", err
	}
	if len(etag) >= 2 && strings.HasPrefix(etag, `"`) && strings.HasSuffix(etag, `"`) ||
		strings.HasPrefix(etag, `W/"`) && strings.HasSuffix(etag, `"`) && len(etag) >= 4 {
		return etag, nil
	}
	if strings.Contains(etag, `"`) {
		return "", fmt.Errorf("%w: ETag %s holds a stray quote", ErrInvalidInput, scrub.Quote(etag))
	}
	return `"` + etag + `"`, nil
}
