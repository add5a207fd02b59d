package wrapper

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
)

// CreatedCustomer is the answer to CreateCustomer: the new customer and the
// sign-in of its first administrator, which the service gives out this once.
// The password is a Secret: printing the result, encoding it as JSON or
// logging it shows "REDACTED"; AdminPassword.Reveal returns it.
type CreatedCustomer struct {
	// Customer is the new customer, as the service answered: its tenant ID
	// (Customer.ID), company and billing profiles, relationship and domains.
	Customer Customer `json:"customer"`
	// AdminUserName is the user name of the first administrator, such as
	// "admin"; SignInName adds the domain.
	AdminUserName string `json:"adminUserName,omitempty"`
	// AdminPassword is the first administrator's password.
	AdminPassword Secret `json:"adminPassword"`
}

// ID returns the new customer's tenant ID, or "".
func (c *CreatedCustomer) ID() string {
	if c == nil || c.Customer.ID == nil {
		return ""
	}
	return *c.Customer.ID
}

// SignInName returns the administrator's sign-in name: AdminUserName at the
// customer's domain ("admin@contoso.onmicrosoft.com"), or AdminUserName as
// it is when it already names a domain or the domain is unknown.
func (c *CreatedCustomer) SignInName() string {
	if c == nil {
		return ""
	}
	if c.AdminUserName == "" || strings.Contains(c.AdminUserName, "@") || c.Customer.CompanyProfile == nil ||
		c.Customer.CompanyProfile.Domain == nil || *c.Customer.CompanyProfile.Domain == "" {
		return c.AdminUserName
	}
	return c.AdminUserName + "@" + *c.Customer.CompanyProfile.Domain
}

// createdCustomer moves the generated answer into a CreatedCustomer, the
// password into a Secret; the answer keeps no password. secrets are those
// of the request (its token): the errors quote the answer without them,
// and without the password.
func createdCustomer(g *gen.CreatedCustomer, secrets ...string) (*CreatedCustomer, error) {
	out := &CreatedCustomer{}
	if uc := g.UserCredentials; uc != nil {
		if uc.UserName != nil {
			out.AdminUserName = *uc.UserName
		}
		if uc.Password != nil {
			out.AdminPassword = NewSecret(*uc.Password)
			secrets = append(secrets, *uc.Password)
		}
		g.UserCredentials = nil
	}
	// The rest is a Customer (a spec test keeps the two schemas' properties
	// equal); a round trip carries every field, present and future.
	b, err := json.Marshal(g)
	if err == nil {
		err = json.Unmarshal(b, &out.Customer)
	}
	if err != nil {
		return nil, fmt.Errorf("partnercenter: %s: %w: reading the created customer: %s; the customer may have been created: look for its domain before trying again",
			gen.OperationCreateCustomer, ErrMalformedResponse, scrub.Line(err.Error(), scrub.MaxDescription, secrets...))
	}
	if id := out.ID(); !check.GUID(id) {
		return nil, fmt.Errorf("partnercenter: %s: %w: the answer's customer ID %s is not a GUID; the customer may have been created: look for its domain before trying again",
			gen.OperationCreateCustomer, ErrMalformedResponse, scrub.QuoteLine(id, secrets...))
	}
	return out, nil
}

// CreateCustomer creates a customer: a new Microsoft Entra tenant with the
// company profile's domain, billed to the billing profile's address. The
// answer holds the first administrator's password, once (see
// CreatedCustomer); with ClientOptions.Logging.IncludeBody the call is sent
// through a pipeline that logs no bodies, so the password stays out of
// azcore's log.
//
// The input is checked before any request: a valid domain, the billing
// profile's e-mail, company name, culture and language, and an address
// with line 1, city and a two-letter country. Country-specific rules are
// the service's: a missing phone number or registration number comes back
// as ErrPhoneNumberMissing, ErrRegistrationNumberMissing or
// ErrRegistrationNumberInvalid, a taken domain as ErrDomainTaken. Check
// them beforehand with GetCountryValidationRules, ValidateAddress and
// CheckDomainAvailability, or use Onboard, which does all of it.
//
// Creating is retried like the reads (dropped connections, 5xx, 429), and
// never twice: every try of the call carries the same MS-RequestId, and
// the service answers a repeated request ID with the customer it already
// created. Do not call CreateCustomer again after an error that may have
// come after the service committed (a network error, a timeout): search
// for the domain with ListCustomers first.
func (c *Client) CreateCustomer(ctx context.Context, customer NewCustomer, opts *CreateCustomerOptions) (*CreatedCustomer, error) {
	if err := checkNewCustomer(&customer); err != nil {
		return nil, err
	}
	var token string // of the request answered, which the answer may echo
	g, err := callCreated[gen.CreatedCustomer](ctx, c, gen.OperationCreateCustomer, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		resp, err := c.secretRaw.CreateCustomer(ctx, nil, customer, edit)
		if resp != nil {
			token = requestToken(resp)
		}
		return resp, err
	}, gen.ParseCreateCustomerResponse)
	if err != nil {
		return nil, err
	}
	return createdCustomer(g, token)
}

// checkNewCustomer checks what every country needs of a new customer.
func checkNewCustomer(nc *NewCustomer) error {
	if err := check.InputDomain(strings.TrimSpace(nc.CompanyProfile.Domain)); err != nil {
		return fmt.Errorf("companyProfile.domain: %w", err)
	}
	b := &nc.BillingProfile
	for _, f := range []struct{ name, value string }{
		{"billingProfile.email", b.Email},
		{"billingProfile.companyName", b.CompanyName},
		{"billingProfile.culture", b.Culture},
		{"billingProfile.language", b.Language},
	} {
		if strings.TrimSpace(f.value) == "" {
			return fmt.Errorf("%w: %s is required", ErrInvalidInput, f.name)
		}
	}
	if !strings.Contains(b.Email, "@") {
		return fmt.Errorf("%w: billingProfile.email %s is not an e-mail address", ErrInvalidInput, scrub.Quote(b.Email))
	}
	if err := checkAddress("billingProfile.defaultAddress", &b.DefaultAddress); err != nil {
		return err
	}
	if p := nc.AssociatedPartnerID; p != nil && *p != "" {
		if err := check.InputGUID("associatedPartnerId", *p); err != nil {
			return err
		}
	}
	return nil
}

// checkAddress checks the fields every address needs: line 1, city and a
// two-letter country code.
func checkAddress(what string, a *Address) error {
	for _, f := range []struct {
		name  string
		value *string
	}{{"addressLine1", a.AddressLine1}, {"city", a.City}, {"country", a.Country}} {
		if f.value == nil || strings.TrimSpace(*f.value) == "" {
			return fmt.Errorf("%w: %s.%s is required", ErrInvalidInput, what, f.name)
		}
	}
	return check.InputCountry(what+".country", *a.Country)
}

// RemoveResellerRelationship ends the partner's reseller relationship with
// the customer: it sends relationshipToPartner "none", the one value the
// service accepts here, and returns the customer as the service answered.
// Afterwards the partner can no longer act for the customer (other calls
// get ErrNoRelationship). The service refuses (ErrNotReseller) when the
// partner is not the customer's reseller; the reference pages ask to cancel
// Azure reservations and suspend active subscriptions first. The PATCH is
// retried with one MS-RequestId; repeating it is harmless.
func (c *Client) RemoveResellerRelationship(ctx context.Context, customerID string, opts *RemoveResellerRelationshipOptions) (*Customer, error) {
	id, err := parseCustomerID(customerID)
	if err != nil {
		return nil, err
	}
	body := gen.ResellerRelationshipRemoval{RelationshipToPartner: gen.ResellerRelationshipRemovalRelationshipToPartnerNone}
	return call[Customer](ctx, c, gen.OperationRemoveResellerRelationship, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.RemoveResellerRelationship(ctx, id, nil, body, edit)
	}, gen.ParseRemoveResellerRelationshipResponse)
}

// DeleteCustomer deletes a customer of an integration sandbox account (the
// service answers 204). Elsewhere the service refuses with ErrNotSandbox;
// a sandbox customer created with an address that did not validate, or
// with orders still open, with ErrDeleteRefused; one whose relationship was
// removed with ErrNoRelationship. The DELETE is retried with one
// MS-RequestId; a retry after the service deleted gets ErrNotFound.
func (c *Client) DeleteCustomer(ctx context.Context, customerID string, opts *DeleteCustomerOptions) error {
	id, err := parseCustomerID(customerID)
	if err != nil {
		return err
	}
	_, _, err = invoke(ctx, c, gen.OperationDeleteCustomer, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.DeleteCustomer(ctx, id, nil, edit)
	}, gen.ParseDeleteCustomerResponse, func(status int) bool { return status == http.StatusNoContent })
	return err
}

// GetRelationshipRequest returns the link that invites a customer to accept
// the partner as its reseller: the customer's global administrator opens
// it and accepts. With opts.IndirectResellerID an indirect provider gets
// the link for a relationship through that reseller. It is a read and is
// retried.
func (c *Client) GetRelationshipRequest(ctx context.Context, opts *GetRelationshipRequestOptions) (*RelationshipRequest, error) {
	var p gen.GetRelationshipRequestParams
	if opts != nil {
		for _, f := range []struct {
			name string
			v    string
			dst  **string
		}{
			{"IndirectResellerID", opts.IndirectResellerID, &p.IndirectResellerID},
			{"IndirectCloudSolutionProviderID", opts.IndirectCloudSolutionProviderID, &p.IndirectCloudSolutionProviderID},
		} {
			if f.v == "" {
				continue
			}
			if err := check.InputGUID(f.name, f.v); err != nil {
				return nil, err
			}
			v := f.v
			*f.dst = &v
		}
		if opts.DualRoleIndirectRelationship {
			t := true
			p.DualRoleIndirectRelationship = &t
		}
	}
	return call[RelationshipRequest](ctx, c, gen.OperationGetRelationshipRequest, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.GetRelationshipRequest(ctx, &p, edit)
	}, gen.ParseGetRelationshipRequestResponse)
}
