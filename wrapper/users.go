package wrapper

import (
	"context"
	"fmt"
	"iter"
	"net/http"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
)

// The custom operations of the "Users" tag.

// UserWithPassword is a user account with the password the service holds
// for it now: the answer to CreateCustomerUser and
// ResetCustomerUserPassword. Password is a Secret: printing the value,
// encoding it as JSON or logging it shows "REDACTED"; Password.Reveal
// returns it.
type UserWithPassword struct {
	// User is the account as the service answered, without the password.
	User CustomerUser `json:"user"`
	// Password is the account's password.
	Password Secret `json:"password"`
}

// deletedUsersFilter is the filter document that lists deleted users.
var deletedUsersFilter = `{"Field":"UserState","Value":"Inactive","Operator":"equals"}`

// ListDeletedCustomerUsers iterates over the customer's deleted user
// accounts (state inactive), which RestoreCustomerUser can bring back
// within 30 days of their deletion. It pages as ListCustomerUsers does.
func (c *Client) ListDeletedCustomerUsers(ctx context.Context, customerTenantID string, opts *ListCustomerUsersOptions) iter.Seq2[CustomerUser, error] {
	return c.listCustomerUsers(customerTenantID, opts, gen.ListCustomerUsersParams{Filter: &deletedUsersFilter}).All(ctx)
}

// CreateCustomerUser creates a user account in the customer's tenant and
// returns it with its password as a Secret. The user principal name
// (name@domain), display name and usage location (the two-letter country
// whose licenses the user may get) are checked before any request. Without
// user.PasswordProfile.Password a strong password is made up here. The
// password is kept out of errors and, with Logging.IncludeBody, out of
// azcore's log. The POST is retried with one MS-RequestId.
func (c *Client) CreateCustomerUser(ctx context.Context, customerTenantID string, user NewCustomerUser, opts *CreateCustomerUserOptions) (*UserWithPassword, error) {
	id, err := parseCustomerID(customerTenantID)
	if err != nil {
		return nil, err
	}
	if err := check.NewUser(&user).Err(); err != nil {
		return nil, err
	}
	profile := NewPasswordProfile{}
	if user.PasswordProfile != nil {
		profile = *user.PasswordProfile
	}
	if profile.Password == nil || *profile.Password == "" {
		p := check.NewPassword()
		profile.Password = &p
	}
	user.PasswordProfile = &profile
	password := *profile.Password
	g, err := call[gen.CustomerUserWithPassword](scrub.WithSecrets(ctx, password), c, gen.OperationCreateCustomerUser, callOptions(opts),
		func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
			return c.secretRaw.CreateCustomerUser(ctx, id, nil, user, edit)
		}, gen.ParseCreateCustomerUserResponse)
	if err != nil {
		return nil, err
	}
	return &UserWithPassword{User: customerUserWithPasswordToCustomerUser(g), Password: NewSecret(password)}, nil
}

// UpdateCustomerUser changes the fields of a user account that update
// sets (names, sign-in name, usage location, phone) and returns the
// account. A password or a state in update is refused before any request:
// use ResetCustomerUserPassword and RestoreCustomerUser. The PATCH is
// retried with one MS-RequestId.
func (c *Client) UpdateCustomerUser(ctx context.Context, customerTenantID, userID string, update CustomerUserUpdate, opts *UpdateCustomerUserOptions) (*CustomerUser, error) {
	if update.PasswordProfile != nil || update.State != nil {
		return nil, fmt.Errorf("%w: UpdateCustomerUser changes no password or state: use ResetCustomerUserPassword or RestoreCustomerUser", ErrInvalidInput)
	}
	out, err := c.patchUser(ctx, customerTenantID, userID, update, callOptions(opts), "")
	if err != nil {
		return nil, err
	}
	return &out.User, nil
}

// ResetCustomerUserPassword gives the user a new password (made up here
// unless opts.Password says it) and returns the account with it as a
// Secret. With opts.ForceChangePassword the user must change it at the next
// sign-in. The password is kept out of errors and logs. The PATCH is
// retried with one MS-RequestId.
func (c *Client) ResetCustomerUserPassword(ctx context.Context, customerTenantID, userID string, opts *ResetCustomerUserPasswordOptions) (*UserWithPassword, error) {
	var o ResetCustomerUserPasswordOptions
	if opts != nil {
		o = *opts
	}
	password := o.Password.Reveal()
	if password == "" {
		password = check.NewPassword()
	}
	force := o.ForceChangePassword
	update := CustomerUserUpdate{PasswordProfile: &NewPasswordProfile{Password: &password, ForceChangePassword: &force}}
	return c.patchUser(ctx, customerTenantID, userID, update, o.CallOptions, password)
}

// ResetCustomerUserPasswordOptions holds the optional settings of
// Client.ResetCustomerUserPassword.
type ResetCustomerUserPasswordOptions struct {
	// Password is the new password; empty means one made up by the client:
	// 16 characters of upper and lower-case letters, digits and symbols.
	Password Secret
	// ForceChangePassword makes the user change the password at the next
	// sign-in.
	ForceChangePassword bool
	CallOptions
}

// RestoreCustomerUser brings back a deleted user account (see
// ListDeletedCustomerUsers) by setting its state to active, within 30 days
// of its deletion, and returns it. The PATCH is retried with one
// MS-RequestId.
func (c *Client) RestoreCustomerUser(ctx context.Context, customerTenantID, userID string, opts *UpdateCustomerUserOptions) (*CustomerUser, error) {
	active := gen.CustomerUserUpdateStateActive
	out, err := c.patchUser(ctx, customerTenantID, userID, CustomerUserUpdate{State: &active}, callOptions(opts), "")
	if err != nil {
		return nil, err
	}
	return &out.User, nil
}

// patchUser sends one updateCustomerUser, whose answer may hold the
// password in clear; password, when set, is scrubbed from what the
// service echoes and returned as the Secret.
func (c *Client) patchUser(ctx context.Context, customerTenantID, userID string, update CustomerUserUpdate, co CallOptions, password string) (*UserWithPassword, error) {
	cid, err := parseCustomerID(customerTenantID)
	if err != nil {
		return nil, err
	}
	uid, err := parseGUID("user ID", userID)
	if err != nil {
		return nil, err
	}
	if password != "" {
		ctx = scrub.WithSecrets(ctx, password)
	}
	g, err := call[gen.CustomerUserWithPassword](ctx, c, gen.OperationUpdateCustomerUser, co,
		func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
			return c.secretRaw.UpdateCustomerUser(ctx, cid, uid, nil, update, edit)
		}, gen.ParseUpdateCustomerUserResponse)
	if err != nil {
		return nil, err
	}
	return &UserWithPassword{User: customerUserWithPasswordToCustomerUser(g), Password: NewSecret(password)}, nil
}
