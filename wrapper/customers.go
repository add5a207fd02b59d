package wrapper

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/invoke"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
)

// The custom operations of the "Customers" tag.

// ListCustomersOptions holds the optional settings of Client.ListCustomers
// and Client.NewListCustomersPager.
type ListCustomersOptions struct {
	// PageSize is the number of customers asked for per page. Zero lets the
	// service choose for a listing and sends size=0 for a search, as the
	// service documents.
	PageSize int
	// Filter turns the listing into a search: customers whose Field starts
	// with Value. An empty Operator means starts_with.
	Filter *CustomerSearchFilter
	CallOptions
}

// ListCustomers returns an iterator over the partner's customers, or over
// the result of a search when opts.Filter is set. It fetches one page at a
// time, following each page's links.next (with the headers the link
// carries, such as MS-ContinuationToken) until there is none. An error is
// yielded once and ends the iteration; breaking out of the loop stops it
// without fetching further pages. Every page request is a read and is
// retried; all pages of one listing share one MS-CorrelationId.
//
// A next link that points to another scheme or host is refused with
// ErrInvalidInput before anything is sent, so the token never follows it.
func (c *Client) ListCustomers(ctx context.Context, opts *ListCustomersOptions) iter.Seq2[Customer, error] {
	return c.customerListing(opts).All(ctx)
}

// NewListCustomersPager returns an azcore pager over the pages of the
// listing (or search) ListCustomers iterates over, for callers that want
// whole pages:
//
//	for pager.More() {
//		page, err := pager.NextPage(ctx)
//		...
//	}
//
// Invalid options surface as the error of the first NextPage.
func (c *Client) NewListCustomersPager(opts *ListCustomersOptions) *runtime.Pager[CustomerCollection] {
	return c.customerListing(opts).Pager()
}

// customerListing checks the options and returns the listing.
func (c *Client) customerListing(opts *ListCustomersOptions) *listing[CustomerCollection, Customer, *gen.ListCustomersResponse] {
	var o ListCustomersOptions
	if opts != nil {
		o = *opts
	}
	var p gen.ListCustomersParams
	err := customerParams(&o, &p)
	return newListing(c, gen.OperationListCustomers, o.CallOptions, err, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.ListCustomers(ctx, &p, edit)
	}, gen.ParseListCustomersResponse,
		func(p *CustomerCollection) []Customer { return p.Items },
		func(p *CustomerCollection) *ResourceLinks { return p.Links })
}

// customerParams checks the options of a listing into p.
func customerParams(o *ListCustomersOptions, p *gen.ListCustomersParams) error {
	if o.PageSize < 0 || o.PageSize > 1<<31-1 {
		return fmt.Errorf("%w: page size %d out of range", ErrInvalidInput, o.PageSize)
	}
	if o.PageSize > 0 || o.Filter != nil {
		size := int32(o.PageSize)
		p.Size = &size
	}
	if o.Filter != nil {
		f := *o.Filter
		if f.Operator == "" {
			f.Operator = CustomerSearchFilterOperatorStartsWith
		}
		if !f.Field.Valid() {
			return fmt.Errorf("%w: search field %s (want CompanyName, Domain, IndirectReseller or IndirectCloudSolutionProvider)", ErrInvalidInput, scrub.Quote(string(f.Field)))
		}
		if !f.Operator.Valid() {
			return fmt.Errorf("%w: search operator %s (want starts_with)", ErrInvalidInput, scrub.Quote(string(f.Operator)))
		}
		if strings.TrimSpace(f.Value) == "" {
			return fmt.Errorf("%w: empty search value", ErrInvalidInput)
		}
		p.Filter = &f
	}
	if o.CorrelationID != "" {
		return check.InputGUID("correlation ID", o.CorrelationID)
	}
	return nil
}

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
// of the request (its token): the error quotes the answer without them,
// and without the password.
func createdCustomer(g *gen.CreatedCustomer, token string) (*CreatedCustomer, error) {
	out := &CreatedCustomer{}
	if uc := g.UserCredentials; uc != nil {
		if uc.UserName != nil {
			out.AdminUserName = *uc.UserName
		}
		if uc.Password != nil {
			out.AdminPassword = NewSecret(*uc.Password)
		}
		g.UserCredentials = nil
	}
	// The rest is a Customer: the generated conversion copies every field
	// (it fails to generate when the two schemas part).
	out.Customer = createdCustomerToCustomer(g)
	if id := out.ID(); !check.GUID(id) {
		return nil, fmt.Errorf("partnercenter: %s: %w: the answer's customer ID %s is not a GUID; the customer may have been created: look for its domain before trying again",
			gen.OperationCreateCustomer, ErrMalformedResponse, scrub.QuoteLine(id, token, out.AdminPassword.Reveal()))
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
	if err := check.NewCustomer(&customer).Err(); err != nil {
		return nil, err
	}
	var token string // of the request answered, which the answer may echo
	g, err := callCreated[gen.CreatedCustomer](ctx, c, gen.OperationCreateCustomer, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		resp, err := c.secretRaw.CreateCustomer(ctx, nil, customer, edit)
		if resp != nil {
			token = invoke.RequestToken(resp)
		}
		return resp, err
	}, gen.ParseCreateCustomerResponse)
	if err != nil {
		c.confirmDomainTaken(ctx, err, strings.TrimSpace(customer.CompanyProfile.Domain), callOptions(opts))
		return nil, err
	}
	return createdCustomer(g, token)
}

// confirmDomainTaken settles, with the documented domain check, whether a
// createCustomer refusal means the domain is taken: the pages document no
// answer for a taken domain, so a 400 or 409 that is none of the
// documented refusals is ambiguous. When the check says the domain is
// taken the error matches ErrDomainTaken; when it says it is free, it
// matches no refusal (not even the inferred one); when the check fails,
// the error keeps the table's reading.
func (c *Client) confirmDomainTaken(ctx context.Context, err error, domain string, co CallOptions) {
	var rerr *ResponseError
	if !errors.As(err, &rerr) || rerr.StatusCode != http.StatusBadRequest && rerr.StatusCode != http.StatusConflict {
		return
	}
	if r, ok := rerr.matchedRefusal(); ok && r.Documented {
		return
	}
	free, cerr := c.CheckDomainAvailability(ctx, domain, &CheckDomainAvailabilityOptions{CallOptions: co})
	switch {
	case cerr != nil:
	case free:
		rerr.refusal = noRefusal
	default:
		rerr.refusal = gen.RefusalDomainTaken
	}
}
