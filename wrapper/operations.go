package wrapper

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
)

// Operation IDs, as in the OpenAPI document; they name the operation in
// errors and select its GDAP roles.
const (
	opListCustomers                = "listCustomers"
	opGetCustomer                  = "getCustomer"
	opGetCustomerCustomDomains     = "getCustomerCustomDomains"
	opGetCustomerOrganization      = "getCustomerOrganization"
	opGetCustomerCompanyProfile    = "getCustomerCompanyProfile"
	opGetCustomerBillingProfile    = "getCustomerBillingProfile"
	opUpdateCustomerBillingProfile = "updateCustomerBillingProfile"
	opCheckDomainAvailability      = "checkDomainAvailability"
)

// correlationParam resolves the MS-CorrelationId of a call: the option,
// else the context's value, else nil (the pipeline makes one up).
func correlationParam(ctx context.Context, co CallOptions) (*uuid.UUID, error) {
	if co.CorrelationID != "" {
		return parseOptionalGUID("correlation ID", co.CorrelationID)
	}
	if id, ok := correlationFromContext(ctx); ok && id != "" {
		return parseOptionalGUID("correlation ID (from the context)", id)
	}
	return nil, nil
}

// customerCall checks the arguments shared by the per-customer reads.
func customerCall(ctx context.Context, customerID string, co CallOptions) (uuid.UUID, *uuid.UUID, error) {
	id, err := parseCustomerID(customerID)
	if err != nil {
		return uuid.UUID{}, nil, err
	}
	corr, err := correlationParam(ctx, co)
	if err != nil {
		return uuid.UUID{}, nil, err
	}
	return id, corr, nil
}

// callOptions returns the CallOptions embedded in a method's options, which
// may be nil.
func callOptions[T any, P interface {
	*T
	embedsCallOptions
}](opts P) CallOptions {
	if opts == nil {
		return CallOptions{}
	}
	return opts.callOptions()
}

// readCustomerResource is a per-customer read: it checks the customer ID and
// options before any I/O, sends GET /customers/{id}{suffix} and decodes the
// answer into T.
func readCustomerResource[T any](ctx context.Context, c *Client, op, suffix, customerID string, co CallOptions) (T, error) {
	var out T
	id, corr, err := customerCall(ctx, customerID, co)
	if err != nil {
		return out, err
	}
	resp, err := c.getCustomerResource(ctx, id, suffix, corr)
	if err := finish(op, resp, err, &out); err != nil {
		var zero T
		return zero, err
	}
	return out, nil
}

// GetCustomer returns the customer whose tenant ID is customerID. Without
// delegated admin rights the service leaves out the company address and
// e-mail and the custom domains. It is a read and is retried.
func (c *Client) GetCustomer(ctx context.Context, customerID string, opts *GetCustomerOptions) (*Customer, error) {
	out, err := readCustomerResource[Customer](ctx, c, opGetCustomer, suffixCustomer, customerID, callOptions(opts))
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// GetCustomerCustomDomains returns the domain names registered in the
// customer's tenant. The call needs GDAP (the older DAP is refused). It is
// a read and is retried.
func (c *Client) GetCustomerCustomDomains(ctx context.Context, customerID string, opts *GetCustomerCustomDomainsOptions) ([]string, error) {
	out, err := readCustomerResource[[]string](ctx, c, opGetCustomerCustomDomains, suffixCustomDomains, customerID, callOptions(opts))
	if err != nil {
		return nil, err
	}
	if out == nil {
		out = []string{}
	}
	return out, nil
}

// GetCustomerOrganization returns the organization record of the
// customer's tenant. The service documents an array holding one object but
// may send the object alone; both come back as a slice. It is a read and is
// retried.
func (c *Client) GetCustomerOrganization(ctx context.Context, customerID string, opts *GetCustomerOrganizationOptions) ([]CustomerOrganization, error) {
	out, err := readCustomerResource[organizationResult](ctx, c, opGetCustomerOrganization, suffixOrganization, customerID, callOptions(opts))
	if err != nil {
		return nil, err
	}
	return out.items, nil
}

// GetCustomerCompanyProfile returns the customer's company profile. The
// service only accepts app+user tokens for it. It is a read and is retried.
func (c *Client) GetCustomerCompanyProfile(ctx context.Context, customerID string, opts *GetCustomerCompanyProfileOptions) (*CustomerCompanyProfile, error) {
	out, err := readCustomerResource[CustomerCompanyProfile](ctx, c, opGetCustomerCompanyProfile, suffixCompanyProfile, customerID, callOptions(opts))
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// GetCustomerBillingProfile returns the customer's billing profile. Its
// Attributes.Etag is what UpdateCustomerBillingProfile sends in If-Match.
// It is a read and is retried.
func (c *Client) GetCustomerBillingProfile(ctx context.Context, customerID string, opts *GetCustomerBillingProfileOptions) (*CustomerBillingProfile, error) {
	out, err := readCustomerResource[CustomerBillingProfile](ctx, c, opGetCustomerBillingProfile, suffixBillingProfile, customerID, callOptions(opts))
	if err != nil {
		return nil, err
	}
	return &out, nil
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
	var etag string
	if opts != nil {
		etag = opts.ETag
	}
	id, corr, err := customerCall(ctx, customerID, callOptions(opts))
	if err != nil {
		return nil, err
	}
	if etag == "" && profile.Attributes != nil && profile.Attributes.Etag != nil {
		etag = *profile.Attributes.Etag
	}
	ifMatch, err := quoteETag(etag)
	if err != nil {
		return nil, err
	}
	resp, err := c.raw.UpdateCustomerBillingProfile(ctx, id, &gen.UpdateCustomerBillingProfileParams{IfMatch: ifMatch, MSCorrelationID: corr}, profile)
	var out CustomerBillingProfile
	if err := finish(opUpdateCustomerBillingProfile, resp, err, &out); err != nil {
		return nil, err
	}
	return &out, nil
}

// CheckDomainAvailability tells whether domain (such as
// "contoso.onmicrosoft.com") is free: true when no tenant uses it (the
// service answers 404), false when it is taken (200). Other answers are
// errors. It is a read and is retried.
func (c *Client) CheckDomainAvailability(ctx context.Context, domain string, opts *CheckDomainAvailabilityOptions) (available bool, err error) {
	if err := checkDomain(domain); err != nil {
		return false, err
	}
	corr, err := correlationParam(ctx, callOptions(opts))
	if err != nil {
		return false, err
	}
	resp, err := c.raw.CheckDomainAvailability(ctx, domain, &gen.CheckDomainAvailabilityParams{MSCorrelationID: corr})
	if err != nil {
		return false, transportError(opCheckDomainAvailability, err)
	}
	defer closeBody(resp)
	switch resp.StatusCode {
	case http.StatusOK:
		return false, nil
	case http.StatusNotFound:
		return true, nil
	}
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		return false, newMalformedError(opCheckDomainAvailability, resp, nil, fmt.Errorf("unexpected status %d (want 200 or 404)", resp.StatusCode))
	}
	return false, newResponseError(opCheckDomainAvailability, resp)
}

// quoteETag returns the If-Match value for etag: quoted unless it already
// is (or is a weak W/"..." tag).
func quoteETag(etag string) (string, error) {
	if etag == "" {
		return "", fmt.Errorf("%w: no ETag: set UpdateCustomerBillingProfileOptions.ETag or profile.Attributes.Etag from a fresh read", ErrInvalidInput)
	}
	if err := checkHeaderValue("ETag", etag); err != nil {
		return "", err
	}
	if len(etag) >= 2 && strings.HasPrefix(etag, `"`) && strings.HasSuffix(etag, `"`) ||
		strings.HasPrefix(etag, `W/"`) && strings.HasSuffix(etag, `"`) && len(etag) >= 4 {
		return etag, nil
	}
	if strings.Contains(etag, `"`) {
		return "", fmt.Errorf("%w: ETag %s holds a stray quote", ErrInvalidInput, quote(etag))
	}
	return `"` + etag + `"`, nil
}
