package fake

import (
	"strings"

	"github.com/partnercenter-go/partnercenter/gen"
)

// record is one customer as the store keeps it. A record is never changed
// after it is built: an update stores a new record in its place, so a
// handler may keep using a record after releasing the store's lock.
type record struct {
	customer gen.Customer // without CompanyProfile and BillingProfile
	company  gen.CustomerCompanyProfile
	billing  gen.CustomerBillingProfile
	org      gen.CustomerOrganization
}

// Object types the service puts in attributes.objectType.
const (
	objectCustomer       = "Customer"
	objectCompanyProfile = "CustomerCompanyProfile"
	objectBillingProfile = "CustomerBillingProfile"
	objectCollection     = "Collection"
)

// Pieces of the links the service puts in resources and pages.
const (
	customersPath         = "/customers"
	customerLinkPrefix    = customersPath + "/"
	billingProfileSuffix  = "/profiles/billing"
	companyProfileSuffix  = "/profiles/company"
	linkMethodGet         = "GET"
	continuationHeaderKey = "MS-ContinuationToken"
)

// finish fills the fields the service always sets itself: links, object
// types and the tenant ID of the company profile. It is called while the
// record is being built, before anyone else sees it.
func (r *record) finish() {
	id := r.id()
	self := customerLinkPrefix + id
	r.customer.CompanyProfile = nil
	r.customer.BillingProfile = nil
	r.customer.Links = selfLink(self)
	r.customer.Attributes = &gen.ResourceAttributes{ObjectType: ptr(objectCustomer)}
	r.company.TenantID = ptr(id)
	r.company.Links = selfLink(self + companyProfileSuffix)
	r.company.Attributes = &gen.ResourceAttributes{ObjectType: ptr(objectCompanyProfile)}
	r.billing.Links = selfLink(self + billingProfileSuffix)
	etag := ""
	if r.billing.Attributes != nil && r.billing.Attributes.Etag != nil {
		etag = *r.billing.Attributes.Etag
	}
	r.billing.Attributes = &gen.ResourceAttributes{Etag: ptr(etag), ObjectType: ptr(objectBillingProfile)}
}

// id returns the customer ID in the case it was stored with.
func (r *record) id() string {
	if r.customer.ID == nil {
		return ""
	}
	return *r.customer.ID
}

// etag returns the current ETag of the billing profile.
func (r *record) etag() string {
	if r.billing.Attributes == nil || r.billing.Attributes.Etag == nil {
		return ""
	}
	return *r.billing.Attributes.Etag
}

// domains lists every domain of the customer: its default domain and its
// custom domains, lowercase.
func (r *record) domains() []string {
	var out []string
	if r.company.Domain != nil {
		out = append(out, strings.ToLower(*r.company.Domain))
	}
	for _, d := range r.customer.CustomDomains {
		out = append(out, strings.ToLower(d))
	}
	return out
}

// full is the customer as a single read returns it, with both profiles.
func (r *record) full() gen.Customer {
	c := r.customer
	company, billing := r.company, r.billing
	c.CompanyProfile = &company
	c.BillingProfile = &billing
	return c
}

// listed is the customer as the list operation returns it: like a single
// read, without allowDelegatedAccess, billingProfile and commerceId.
func (r *record) listed() gen.Customer {
	c := r.customer
	company := r.company
	c.CompanyProfile = &company
	c.AllowDelegatedAccess = nil
	c.CommerceID = nil
	return c
}

// selfLink is the links object of a resource whose self URI is uri.
func selfLink(uri string) *gen.ResourceLinks {
	return &gen.ResourceLinks{Self: &gen.Link{URI: ptr(uri), Method: ptr(linkMethodGet), Headers: []gen.KeyValuePair{}}}
}
