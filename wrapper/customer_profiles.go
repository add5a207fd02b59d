package wrapper

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
)

// The custom operations of the "Customer profiles" tag.

// UpdateCustomerBillingProfileOptions holds the optional settings of
// Client.UpdateCustomerBillingProfile.
type UpdateCustomerBillingProfileOptions struct {
	// ETag is the version of the profile being replaced, as read from its
	// attributes.etag. When empty, profile.Attributes.Etag is used. It is
	// sent quoted in If-Match.
	ETag string
	CallOptions
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

// quoteETag returns the If-Match value for etag: quoted unless it already
// is (or is a weak W/"..." tag).
func quoteETag(etag string) (string, error) {
	if etag == "" {
		return "", fmt.Errorf("%w: no ETag: take it from the resource's attributes.etag, read afresh", ErrInvalidInput)
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
