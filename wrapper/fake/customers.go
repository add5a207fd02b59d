package fake

import (
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"strings"

	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
)

// GeneratedCustomerID returns the ID of generated customer i (0-based, below
// Options.ExtraCustomers; "" for a negative i). Generated customers are
// listed after the two documented ones, so customer i is at listing
// position i+2.
func GeneratedCustomerID(i int) string {
	if i < 0 {
		return ""
	}
	return generatedID(i)
}

// GeneratedCustomerName returns the company name of generated customer i,
// such as "Fabrikam 000005": a stem from Microsoft's fictitious companies
// and the customer's 1-based number. It is "" for a negative i.
func GeneratedCustomerName(i int) string {
	if i < 0 {
		return ""
	}
	return generatedName(i)
}

// GeneratedCustomerDomain returns the default domain of generated customer
// i, such as "fabrikam000005.onmicrosoft.com". Its custom domains are this
// one and the same label under example.com. It is "" for a negative i.
func GeneratedCustomerDomain(i int) string {
	if i < 0 {
		return ""
	}
	return generatedDomain(i)
}

// AddCustomer stores another customer and returns it as getCustomer will.
// Only c.ID (a GUID not in use; empty picks a random one) and the fields
// that matter to a test need to be set: the company name, domain, custom
// domains and relationship default to values derived from the ID, and the
// company and billing profiles and the organization are filled in around
// what c carries, so that all endpoints agree. Links, object types and
// the company profile's tenant ID are set by the fake.
//
// The fake does not check the values against the spec: a customer with,
// say, an unknown relationshipToPartner makes the fake answer outside the
// spec, which Options.ValidateResponses reports.
func (s *Server) AddCustomer(c gen.Customer) (gen.Customer, error) {
	id := derefOr(c.ID, "")
	if id == "" {
		id = uuid.NewString()
	}
	if !isGUID(id) {
		return gen.Customer{}, fmt.Errorf("fake: customer ID %q is not a GUID", id)
	}
	if p := c.CompanyProfile; p != nil && p.TenantID != nil && !strings.EqualFold(*p.TenantID, id) {
		return gen.Customer{}, fmt.Errorf("fake: companyProfile.tenantId %q differs from the customer ID %q", *p.TenantID, id)
	}
	r, err := customerRecord(id, c)
	if err != nil {
		return gen.Customer{}, err
	}
	if err := s.store.add(r); errors.Is(err, errExists) {
		return gen.Customer{}, fmt.Errorf("fake: a customer with ID %s exists already", id)
	}
	// Hand out a deep copy: the stored record must not change under the
	// handlers' feet.
	var out gen.Customer
	if err := overlay(r.full(), &out); err != nil {
		return gen.Customer{}, err
	}
	return out, nil
}

// customerRecord builds the record of an added customer.
func customerRecord(id string, c gen.Customer) (*record, error) {
	h := fnv.New32a()
	_, _ = h.Write([]byte(strings.ToLower(id)))
	variant := int(h.Sum32() % 1_000_000)

	name, domain := "", ""
	if p := c.CompanyProfile; p != nil {
		name, domain = derefOr(p.CompanyName, ""), derefOr(p.Domain, "")
	}
	if name == "" {
		name = "Customer " + id[:8]
	}
	if domain == "" && len(c.CustomDomains) > 0 {
		domain = c.CustomDomains[0]
	}
	if domain == "" {
		domain = domainLabel(name, id) + onMicrosoftSuffix
	}
	customDomains := c.CustomDomains
	if len(customDomains) == 0 {
		customDomains = []string{domain}
	}
	r := synthesize(profileSpec{
		id:            id,
		name:          name,
		domain:        domain,
		variant:       variant,
		customDomains: append([]string(nil), customDomains...),
		relationship:  derefOr(c.RelationshipToPartner, gen.RelationshipToPartnerReseller),
		partnerID:     derefOr(c.AssociatedPartnerID, ""),
		tags:          append([]string(nil), c.Tags...),
	})
	// Overlay what the caller set: decoding JSON into the synthesized
	// structs replaces the fields present and keeps the others.
	if c.CompanyProfile != nil {
		if err := overlay(c.CompanyProfile, &r.company); err != nil {
			return nil, err
		}
	}
	if c.BillingProfile != nil {
		if err := overlay(c.BillingProfile, &r.billing); err != nil {
			return nil, err
		}
	}
	if c.CommerceID != nil {
		r.customer.CommerceID = ptr(*c.CommerceID)
	}
	if c.AllowDelegatedAccess != nil {
		r.customer.AllowDelegatedAccess = ptr(*c.AllowDelegatedAccess)
	}
	r.org = organizationOf(r.company)
	r.finish()
	return r, nil
}

// overlay copies the fields set in src over dst.
func overlay(src, dst any) error {
	raw, err := json.Marshal(src)
	if err != nil {
		return fmt.Errorf("fake: encode customer: %w", err)
	}
	if err := json.Unmarshal(raw, dst); err != nil {
		return fmt.Errorf("fake: decode customer: %w", err)
	}
	return nil
}

// organizationOf derives the tenant's organization from a company profile.
func organizationOf(p gen.CustomerCompanyProfile) gen.CustomerOrganization {
	o := gen.CustomerOrganization{DisplayName: p.CompanyName}
	if a := p.Address; a != nil {
		o.Street, o.City, o.PostalCode, o.CountryLetterCode = a.AddressLine1, a.City, a.PostalCode, a.Country
		o.State = a.State
		if o.State == nil {
			o.State = a.Region
		}
	}
	if p.Email != nil {
		o.TechnicalNotificationMails = []string{*p.Email}
	}
	return o
}

// domainLabel makes a domain label from a company name.
func domainLabel(name, id string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "customer" + strings.ToLower(id[:8])
	}
	return truncateUTF8(b.String(), 40)
}
