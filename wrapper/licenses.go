package wrapper

import (
	"bytes"
	"context"
	"fmt"
	"iter"
	"net/http"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/gather"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

// The custom operations of the "Licenses" tag.

// LicenseChange is the outcome of UpdateUserLicenses.
type LicenseChange struct {
	// Update is the service's answer: the licenses it assigned, with its
	// warnings; nil when Pending.
	Update *LicenseUpdate `json:"update,omitempty"`
	// Warnings are the service's license warnings (Update.LicenseWarnings):
	// the change was made, and something about it needs a look.
	Warnings []LicenseWarning `json:"warnings"`
	// Pending is set when the service accepted the change without
	// answering with it (a 2xx without a body): read the user's licenses
	// later to see it applied.
	Pending bool `json:"pending,omitempty"`
}

// UpdateUserLicenses assigns and removes licenses of a user in one call:
// change.LicensesToAssign (each a SKU ID, from ListSubscribedSkus, with the
// service plans to leave out) and change.LicensesToRemove (SKU IDs). At
// least one license and SKU IDs that are GUIDs are checked before any
// request. A SKU without units left is refused with ErrOutOfLicenses. The
// service's warnings come back as data in the LicenseChange, not as an
// error. The POST is retried with one MS-RequestId, which the service
// uses to recognise a repeat.
func (c *Client) UpdateUserLicenses(ctx context.Context, customerTenantID, userID string, change LicenseUpdate, opts *UpdateUserLicensesOptions) (*LicenseChange, error) {
	cid, err := parseCustomerID(customerTenantID)
	if err != nil {
		return nil, err
	}
	uid, err := parseGUID("user ID", userID)
	if err != nil {
		return nil, err
	}
	if err := check.LicenseChange(&change).Err(); err != nil {
		return nil, err
	}
	r, resp, err := invokeWith(ctx, c, gen.OperationUpdateUserLicenses, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.UpdateUserLicenses(ctx, cid, uid, nil, change, edit)
	}, gen.ParseUpdateUserLicensesResponse, nil, true)
	switch {
	case err != nil:
		return nil, err
	case r.JSON201 != nil:
		return &LicenseChange{Update: r.JSON201, Warnings: r.JSON201.LicenseWarnings}, nil
	case len(bytes.TrimSpace(transport.Payload(resp))) == 0:
		return &LicenseChange{Pending: true}, nil
	}
	return nil, newMalformedError(gen.OperationUpdateUserLicenses, resp, transport.Payload(resp), errNotJSON)
}

// UserAccess is a user with its licenses and directory roles.
type UserAccess struct {
	User     CustomerUser    `json:"user"`
	Licenses []License       `json:"licenses"`
	Roles    []DirectoryRole `json:"roles"`
}

// ListUserAccessOptions holds the optional settings of
// Client.ListCustomerUsersWithAccess.
type ListUserAccessOptions struct {
	// Concurrency is how many users are looked up at once; zero means 8.
	// The client's rate limit (ClientOptions.RateLimit) applies to every
	// request.
	Concurrency int
	// PageSize is the page length of the user listing (zero: the service's).
	PageSize int32
	// Progress, when set, is called with the number of users done so far,
	// from the calling goroutine, after each user.
	Progress func(done int)
	CallOptions
}

// ListCustomerUsersWithAccess iterates over the customer's users, each with
// its licenses and directory roles: two requests per user, made for up to
// opts.Concurrency users at a time, the results in the listing's order,
// memory bounded by the concurrency whatever the number of users. The
// first error ends the iteration (after the users before it); breaking
// out of the loop or cancelling ctx stops the requests under way.
func (c *Client) ListCustomerUsersWithAccess(ctx context.Context, customerTenantID string, opts *ListUserAccessOptions) iter.Seq2[UserAccess, error] {
	var o ListUserAccessOptions
	if opts != nil {
		o = *opts
	}
	co := o.CallOptions
	if o.Concurrency <= 0 {
		o.Concurrency = 8
	}
	users := c.ListCustomerUsers(ctx, customerTenantID, &ListCustomerUsersOptions{PageSize: o.PageSize, CallOptions: co})
	access := gather.Ordered(ctx, users, o.Concurrency, func(ctx context.Context, u CustomerUser) (UserAccess, error) {
		a := UserAccess{User: u}
		if u.ID == nil {
			return a, fmt.Errorf("partnercenter: %s: %w: a user without an ID", gen.OperationListCustomerUsers, ErrMalformedResponse)
		}
		var err error
		if a.Licenses, err = c.ListUserLicenses(ctx, customerTenantID, *u.ID, &ListUserLicensesOptions{CallOptions: co}); err != nil {
			return a, err
		}
		a.Roles, err = c.ListUserDirectoryRoles(ctx, customerTenantID, *u.ID, &ListUserDirectoryRolesOptions{CallOptions: co})
		return a, err
	})
	return func(yield func(UserAccess, error) bool) {
		done := 0
		for a, err := range access {
			if err == nil {
				done++
				if o.Progress != nil {
					o.Progress(done)
				}
			}
			if !yield(a, err) {
				return
			}
		}
	}
}
