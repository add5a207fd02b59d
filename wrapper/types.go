package wrapper

import "github.com/partnercenter-go/partnercenter/gen"

// The types below are the generated models, re-exported so that callers
// import this package only. They are aliases: a wrapper.Customer is a
// gen.Customer.

// Customer is a customer (or indirect reseller) of the partner. Every field
// is optional: what the service fills depends on the operation and on the
// partner's delegated rights.
type Customer = gen.Customer

// CustomerCollection is one page of customers, with the link to the next page.
type CustomerCollection = gen.CustomerCollection

// CustomerCompanyProfile is what the partner knows of a customer's company.
type CustomerCompanyProfile = gen.CustomerCompanyProfile

// CustomerBillingProfile is the person and address Microsoft bills for a
// customer. Its Attributes.Etag is the version to send when updating it.
type CustomerBillingProfile = gen.CustomerBillingProfile

// CustomerOrganization is the organization record of a customer's Entra ID
// tenant.
type CustomerOrganization = gen.CustomerOrganization

// Address is a postal address with an optional contact person.
type Address = gen.Address

// Link is a request the service suggests making next (for example the next
// page of a listing), with the headers to send.
type Link = gen.Link

// ResourceLinks holds the self, next and previous links of a resource or page.
type ResourceLinks = gen.ResourceLinks

// ResourceAttributes is metadata attached to every resource (object type,
// ETag).
type ResourceAttributes = gen.ResourceAttributes

// KeyValuePair is a name and its value, as used for link headers.
type KeyValuePair = gen.KeyValuePair

// UserCredentials is the sign-in of a customer's first administrator.
type UserCredentials = gen.UserCredentials

// SecureString is how the service serializes a protected string.
type SecureString = gen.SecureString

// APIFault is the body of a failed call other than throttling.
type APIFault = gen.APIFault

// ThrottleError is the body of a throttled call (HTTP 429).
type ThrottleError = gen.ThrottleError

// RelationshipToPartner says how the partner deals with a customer.
type RelationshipToPartner = gen.RelationshipToPartner

// The known values of RelationshipToPartner.
const (
	RelationshipToPartnerAdvisor          = gen.RelationshipToPartnerAdvisor
	RelationshipToPartnerMicrosoftSupport = gen.RelationshipToPartnerMicrosoftSupport
	RelationshipToPartnerNone             = gen.RelationshipToPartnerNone
	RelationshipToPartnerReseller         = gen.RelationshipToPartnerReseller
	RelationshipToPartnerSyndication      = gen.RelationshipToPartnerSyndication
	RelationshipToPartnerUnknown          = gen.RelationshipToPartnerUnknown
)

// CustomerSearchFilter describes a customer search: a field, a prefix and
// the starts_with operator.
type CustomerSearchFilter = gen.CustomerSearchFilter

// CustomerSearchFilterField names the field a search matches on.
type CustomerSearchFilterField = gen.CustomerSearchFilterField

// CustomerSearchFilterOperator is the comparison a search uses.
type CustomerSearchFilterOperator = gen.CustomerSearchFilterOperator

// The fields a customer search can match on.
const (
	CustomerSearchFilterFieldCompanyName                   = gen.CustomerSearchFilterFieldCompanyName
	CustomerSearchFilterFieldDomain                        = gen.CustomerSearchFilterFieldDomain
	CustomerSearchFilterFieldIndirectCloudSolutionProvider = gen.CustomerSearchFilterFieldIndirectCloudSolutionProvider
	CustomerSearchFilterFieldIndirectReseller              = gen.CustomerSearchFilterFieldIndirectReseller
)

// CustomerSearchFilterOperatorStartsWith is the only search operator: a
// prefix match.
const CustomerSearchFilterOperatorStartsWith = gen.CustomerSearchFilterOperatorStartsWith
