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

// NewCustomer is a customer to create: company profile (domain,
// registration number), billing profile with its default address, and an
// optional associated (indirect reseller) partner.
type NewCustomer = gen.NewCustomer

// NewCustomerCompanyProfile is the company of a customer to create.
type NewCustomerCompanyProfile = gen.NewCustomerCompanyProfile

// NewCustomerBillingProfile is the billing contact and address of a
// customer to create.
type NewCustomerBillingProfile = gen.NewCustomerBillingProfile

// CountryInformation is what the service requires of addresses and
// customers in one country.
type CountryInformation = gen.CountryInformation

// AgreementMetadata describes an agreement a customer can accept: its
// template ID, type and link.
type AgreementMetadata = gen.AgreementMetadata

// AgreementDocument holds the links to read and download an agreement.
type AgreementDocument = gen.AgreementDocument

// Agreement is a confirmed acceptance of an agreement by a customer.
type Agreement = gen.Agreement

// AgreementAcceptance is what CreateCustomerAgreement sends: who accepted
// which agreement, and when.
type AgreementAcceptance = gen.AgreementAcceptance

// AgreementAcceptanceType is the type of an accepted agreement.
type AgreementAcceptanceType = gen.AgreementAcceptanceType

// The agreement types an acceptance may name.
const (
	AgreementAcceptanceTypeMicrosoftCustomerAgreement = gen.AgreementAcceptanceTypeMicrosoftCustomerAgreement
	AgreementAcceptanceTypeMicrosoftCloudAgreement    = gen.AgreementAcceptanceTypeMicrosoftCloudAgreement
)

// AgreementContact is the person at the customer who accepted an agreement.
type AgreementContact = gen.AgreementContact

// CustomerQualification is a qualification of a customer and where its
// vetting stands.
type CustomerQualification = gen.CustomerQualification

// QualificationRequest is a qualification to ask for on a customer's behalf.
type QualificationRequest = gen.CustomerQualificationRequest

// QualificationName names a qualification (QualificationEducation, ...).
type QualificationName = gen.CustomerQualificationRequestQualification

// RelationshipRequest holds the link inviting a customer to accept the
// partner as its reseller.
type RelationshipRequest = gen.RelationshipRequest
