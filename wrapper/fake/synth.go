package fake

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/partnercenter-go/partnercenter/gen"
)

// Generated customers are never stored: every field is a pure function of
// the customer's index, so a fake with 100,000 extra customers costs no more
// memory than one with none. Only a generated customer that is changed (its
// billing profile updated) gets a stored record.

// companyStems are the fictitious company names Microsoft uses in its
// documentation; generated customers are named after them.
var companyStems = []string{
	"Adatum", "Alpine Ski House", "Bellows College", "Coho Winery",
	"Fabrikam", "Fourth Coffee", "Litware", "Lucerne Publishing",
	"Northwind Traders", "Proseware", "Relecloud", "Tailspin Toys",
	"Trey Research", "Wide World Importers", "Wingtip Toys", "Woodgrove Bank",
}

// stemSlugs are companyStems lowercased without spaces, used in domains.
var stemSlugs = func() []string {
	slugs := make([]string, len(companyStems))
	for i, s := range companyStems {
		slugs[i] = strings.ToLower(strings.ReplaceAll(s, " ", ""))
	}
	return slugs
}()

// place is an address pattern for generated customers.
type place struct {
	country, state, city, street, postalCode, culture, language string
}

var places = []place{
	{"US", "WA", "Redmond", "1 Main Street", "98052", "en-US", "en"},
	{"GB", "", "London", "20 High Street", "EC1A 1BB", "en-GB", "en"},
	{"DE", "BY", "München", "Hauptstraße 3", "80331", "de-DE", "de"},
	{"FR", "", "Lyon", "4 rue de la République", "69002", "fr-FR", "fr"},
	{"JP", "", "Tokyo", "5-6 Marunouchi", "100-0005", "ja-JP", "ja"},
	{"AU", "NSW", "Sydney", "6 George Street", "2000", "en-AU", "en"},
	{"CA", "ON", "Toronto", "7 King Street", "M5H 1A1", "en-CA", "en"},
	{"US", "NY", "New York", "8 Broadway", "10004", "en-US", "en"},
}

var (
	firstNames = []string{"Avery", "Blake", "Casey", "Devon", "Emery", "Finley", "Harper", "Jordan"}
	lastNames  = []string{"Smith", "García", "Müller", "Martin", "Tanaka", "Brown", "Tremblay", "Rossi"}
	partnerIDs = []string{"1234567", "2345678", "3456789"}
)

const (
	onMicrosoftSuffix = ".onmicrosoft.com"
	vanitySuffix      = ".example.com"
	// generatedIDMiddle is the fixed middle of every generated customer ID.
	generatedIDMiddle = "-0000-4000-8000-"
)

// splitmix64 is a small, well-mixed hash used to derive stable values.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// generatedID returns the customer ID of generated customer i. The first
// group is a hash of i, the last group is i itself, so the ID looks random
// yet parses back to its index.
func generatedID(i int) string {
	return fmt.Sprintf("%08x%s%012x", uint32(splitmix64(uint64(i))), generatedIDMiddle, i)
}

// generatedIndex parses an ID made by generatedID. id must be lowercase.
func generatedIndex(id string) (int, bool) {
	if len(id) != 36 || id[8:24] != generatedIDMiddle {
		return 0, false
	}
	i, err := strconv.ParseUint(id[24:], 16, 48)
	if err != nil {
		return 0, false
	}
	return int(i), generatedID(int(i)) == id
}

// derivedUUID returns a stable version-4-shaped GUID for (i, salt).
func derivedUUID(i int, salt uint64) string {
	a := splitmix64(uint64(i)*0x100 + salt)
	b := splitmix64(a)
	return fmt.Sprintf("%08x-%04x-4%03x-%04x-%012x",
		uint32(a>>32), uint16(a>>16), uint16(a)&0xfff, (uint16(b>>48)&0x3fff)|0x8000, b&0xffffffffffff)
}

// generatedName is the company name of generated customer i.
func generatedName(i int) string {
	return fmt.Sprintf("%s %06d", companyStems[i%len(companyStems)], i+1)
}

// generatedLabel is the first label of generated customer i's domains.
func generatedLabel(i int) string {
	return fmt.Sprintf("%s%06d", stemSlugs[i%len(stemSlugs)], i+1)
}

// generatedDomain is the default (onmicrosoft.com) domain of customer i.
func generatedDomain(i int) string { return generatedLabel(i) + onMicrosoftSuffix }

// generatedPartnerID is the associated indirect reseller of customer i, if any.
func generatedPartnerID(i int) string {
	if i%10 != 4 {
		return ""
	}
	return partnerIDs[(i/10)%len(partnerIDs)]
}

// generatedDomainIndex reports which generated customer owns domain (lowercase).
func generatedDomainIndex(domain string) (int, bool) {
	label, ok := strings.CutSuffix(domain, onMicrosoftSuffix)
	if !ok {
		if label, ok = strings.CutSuffix(domain, vanitySuffix); !ok {
			return 0, false
		}
	}
	digits := strings.TrimLeft(label, "abcdefghijklmnopqrstuvwxyz")
	if len(digits) < 6 {
		return 0, false
	}
	n, err := strconv.Atoi(digits)
	if err != nil || n < 1 {
		return 0, false
	}
	i := n - 1
	return i, generatedLabel(i) == label
}

// profileSpec is what synthesize needs to build a consistent customer.
type profileSpec struct {
	id, name, domain string
	variant          int // picks address and contact; any non-negative number
	customDomains    []string
	relationship     gen.RelationshipToPartner
	partnerID        string
	tags             []string
}

// generatedRecord builds the record of generated customer i.
func generatedRecord(i int) *record {
	return synthesize(profileSpec{
		id:            generatedID(i),
		name:          generatedName(i),
		domain:        generatedDomain(i),
		variant:       i,
		customDomains: []string{generatedDomain(i), generatedLabel(i) + vanitySuffix},
		relationship:  generatedRelationship(i),
		partnerID:     generatedPartnerID(i),
		tags:          []string{"generated"},
	})
}

// generatedRelationship spreads a few advisors among the resellers.
func generatedRelationship(i int) gen.RelationshipToPartner {
	if i%7 == 3 {
		return gen.RelationshipToPartnerAdvisor
	}
	return gen.RelationshipToPartnerReseller
}

// synthesize builds a customer whose profiles, organization and domains
// agree with each other.
func synthesize(p profileSpec) *record {
	pl := places[(p.variant/len(companyStems))%len(places)]
	first := firstNames[p.variant%len(firstNames)]
	last := lastNames[(p.variant/len(firstNames))%len(lastNames)]
	phone := fmt.Sprintf("555%07d", p.variant%10_000_000)
	admin := "admin@" + p.domain
	relationship := p.relationship
	if relationship == "" {
		relationship = gen.RelationshipToPartnerReseller
	}

	r := &record{
		customer: gen.Customer{
			ID:                    ptr(p.id),
			CommerceID:            ptr(derivedUUID(p.variant, 1)),
			RelationshipToPartner: &relationship,
			AllowDelegatedAccess:  ptr(true),
			CustomDomains:         p.customDomains,
			Tags:                  p.tags,
		},
		company: gen.CustomerCompanyProfile{
			TenantID:    ptr(p.id),
			Domain:      ptr(p.domain),
			CompanyName: ptr(p.name),
			Email:       ptr(admin),
			Address: &gen.Address{
				Country:      ptr(pl.country),
				Region:       optional(pl.state),
				City:         ptr(pl.city),
				AddressLine1: ptr(pl.street),
				PostalCode:   ptr(pl.postalCode),
				PhoneNumber:  ptr(phone),
			},
		},
		billing: gen.CustomerBillingProfile{
			ID:          ptr(derivedUUID(p.variant, 2)),
			FirstName:   ptr(first),
			LastName:    ptr(last),
			Email:       ptr("billing@" + p.domain),
			Culture:     ptr(pl.culture),
			Language:    ptr(pl.language),
			CompanyName: ptr(p.name),
			DefaultAddress: &gen.Address{
				Country:      ptr(pl.country),
				State:        optional(pl.state),
				City:         ptr(pl.city),
				AddressLine1: ptr(pl.street),
				PostalCode:   ptr(pl.postalCode),
				FirstName:    ptr(first),
				LastName:     ptr(last),
				PhoneNumber:  ptr(phone),
			},
			Attributes: &gen.ResourceAttributes{Etag: ptr(strconv.FormatInt(int64(splitmix64(uint64(p.variant)*0x100+3)), 10))},
		},
	}
	r.org = organizationOf(r.company)
	if p.partnerID != "" {
		r.customer.AssociatedPartnerID = ptr(p.partnerID)
	}
	r.finish()
	return r
}

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }

// optional returns nil for the empty string, else a pointer to s.
func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
