package fake

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"html"
	"net/http"
	"regexp"
	"strings"
	"unicode"

	"github.com/partnercenter-go/partnercenter/gen"
)

// Address validation in the fake follows fixed rules, so a client can reach
// every documented status on purpose:
//
//   - NotValidated: the country is not in the fake's table (countries.go);
//   - None: a required state, city or postal code is missing, the state is
//     not one of the country's, or the postal code breaks its pattern;
//   - InteractionRequired: a US ZIP code the fake knows belongs to another
//     city (98052 Redmond, 98007 Bellevue, 10004 New York, 94105 San
//     Francisco); the suggestion has the right city;
//   - StreetPartial: addressLine1 has no house number: no digit, and no
//     spelled number ("One Microsoft Way") as its first word;
//   - PremisesPartial: addressLine2 names a suite, apartment, unit, floor,
//     building or room without its number;
//   - Multiple: both of the previous two;
//   - Verified: anything else outside the US, and US post office boxes;
//   - VerifiedShippable: anything else in the US.
//
// Suggestions normalize the case of country and state and give a US
// five-digit ZIP code a deterministic four-digit suffix.

// Address validation statuses, as the service spells them.
const (
	statusVerifiedShippable   = "VerifiedShippable"
	statusVerified            = "Verified"
	statusInteractionRequired = "InteractionRequired"
	statusStreetPartial       = "StreetPartial"
	statusPremisesPartial     = "PremisesPartial"
	statusMultiple            = "Multiple"
	statusNone                = "None"
	statusNotValidated        = "NotValidated"
)

// usZIPCities maps the US ZIP codes the fake knows to their city and state.
var usZIPCities = map[string][2]string{
	"98052": {"Redmond", "WA"},
	"98007": {"Bellevue", "WA"},
	"10004": {"New York", "NY"},
	"94105": {"San Francisco", "CA"},
}

// premisesWord matches an addressLine2 naming premises without a number.
var premisesWord = regexp.MustCompile(`(?i)^\s*(suite|ste\.?|apartment|apt\.?|unit|floor|fl\.?|building|bldg\.?|room|rm\.?)\s*$`)

// poBox matches a post office box address line.
var poBox = regexp.MustCompile(`(?i)^\s*p\.?\s*o\.?\s*box\b`)

// addressVerdict is the outcome of checking one address.
type addressVerdict struct {
	status      string
	suggestions []gen.Address
	message     string
}

// deletable reports whether a customer created with the address may later be
// deleted from the sandbox: only verified addresses qualify.
func (v addressVerdict) deletable() bool {
	return v.status == statusVerified || v.status == statusVerifiedShippable
}

// missingAddressField names the first field validateAddress requires that a
// lacks, or "".
func missingAddressField(a gen.Address) string {
	switch {
	case blank(a.AddressLine1):
		return "addressLine1"
	case blank(a.City):
		return "city"
	case blank(a.Country):
		return "country"
	}
	return ""
}

// checkAddress applies the fake's rules to a.
func checkAddress(a gen.Address) addressVerdict {
	country := strings.ToUpper(strings.TrimSpace(derefOr(a.Country, "")))
	rule, ok := lookupCountry(country)
	if !ok {
		return addressVerdict{status: statusNotValidated, message: fmt.Sprintf("Addresses in country %q cannot be validated.", truncateUTF8(country, 10))}
	}
	state := strings.ToUpper(strings.TrimSpace(derefOr(a.State, derefOr(a.Region, ""))))
	postal := strings.TrimSpace(derefOr(a.PostalCode, ""))
	city := strings.TrimSpace(derefOr(a.City, ""))
	switch {
	case len(rule.states) > 0 && !containsFold(rule.states, state):
		return addressVerdict{status: statusNone, message: "Address field invalid for property: 'Region'"}
	case rule.cityRequired && city == "":
		return addressVerdict{status: statusNone, message: "Address field invalid for property: 'City'"}
	case rule.postalRequired && postal == "",
		postal != "" && rule.postalRE != nil && !rule.postalRE.MatchString(postal):
		return addressVerdict{status: statusNone, message: "Address field invalid for property: 'PostalCode'"}
	}

	base := gen.Address{
		Country:      ptr(country),
		City:         ptr(city),
		AddressLine1: ptr(strings.TrimSpace(derefOr(a.AddressLine1, ""))),
		AddressLine2: trimmed(a.AddressLine2),
		PostalCode:   ptr(postal),
	}
	if state != "" {
		base.State = ptr(state)
	}
	if country == "US" && len(postal) == 5 {
		base.PostalCode = ptr(postal + "-" + zipSuffix(*base.AddressLine1, postal))
	}

	if known, ok := usZIPCities[postal[:min(5, len(postal))]]; ok && country == "US" && !strings.EqualFold(known[0], city) {
		s := base
		s.City, s.State = ptr(known[0]), ptr(known[1])
		return addressVerdict{status: statusInteractionRequired, suggestions: []gen.Address{s},
			message: "Address field invalid for property: 'City'"}
	}

	street := !hasHouseNumber(*base.AddressLine1)
	premises := base.AddressLine2 != nil && premisesWord.MatchString(*base.AddressLine2)
	withStreet := func(a gen.Address, n string) gen.Address { a.AddressLine1 = ptr(n + " " + *a.AddressLine1); return a }
	withPremises := func(a gen.Address, n string) gen.Address { a.AddressLine2 = ptr(*a.AddressLine2 + " " + n); return a }
	switch {
	case street && premises:
		return addressVerdict{status: statusMultiple, message: "Address field invalid for property: 'Street', 'Premises'",
			suggestions: []gen.Address{
				withPremises(withStreet(base, "1"), "100"),
				withPremises(withStreet(base, "1"), "200"),
				withPremises(withStreet(base, "100"), "100"),
			}}
	case street:
		return addressVerdict{status: statusStreetPartial, message: "Address field invalid for property: 'Street'",
			suggestions: []gen.Address{withStreet(base, "1"), withStreet(base, "100")}}
	case premises:
		return addressVerdict{status: statusPremisesPartial, message: "Address field invalid for property: 'Premises'",
			suggestions: []gen.Address{withPremises(base, "100"), withPremises(base, "200")}}
	case country == "US" && !poBox.MatchString(*base.AddressLine1):
		return addressVerdict{status: statusVerifiedShippable, suggestions: []gen.Address{base}}
	default:
		return addressVerdict{status: statusVerified, suggestions: []gen.Address{base}}
	}
}

// spelledNumbers are house numbers written as words, as in "One Microsoft Way".
var spelledNumbers = strings.Fields("one two three four five six seven eight nine ten eleven twelve")

// hasHouseNumber reports whether an address line carries a house number.
func hasHouseNumber(line string) bool {
	if strings.ContainsFunc(line, unicode.IsDigit) {
		return true
	}
	first, _, _ := strings.Cut(strings.TrimSpace(line), " ")
	return containsFold(spelledNumbers, first)
}

// originalAddress echoes the address fields of a request.
func originalAddress(a gen.Address) gen.Address {
	return gen.Address{
		Country:      a.Country,
		Region:       a.Region,
		City:         a.City,
		State:        a.State,
		AddressLine1: a.AddressLine1,
		AddressLine2: a.AddressLine2,
		AddressLine3: a.AddressLine3,
		PostalCode:   a.PostalCode,
	}
}

// zipSuffix is the deterministic ZIP+4 suffix of a US street address.
func zipSuffix(line1, zip string) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(strings.ToLower(line1) + "/" + zip))
	return fmt.Sprintf("%04d", h.Sum32()%10000)
}

// legacyAddressFault is the pre-2021 answer to an address that does not
// verify: 400, code 2007, the details as a JSON document in the description.
func legacyAddressFault(orig gen.Address, v addressVerdict) *apiError {
	reason := v.status + " - " + v.message
	if v.status == statusInteractionRequired && len(v.suggestions) > 0 {
		reason = fmt.Sprintf("ZipCityInvalid - Details: Field - 'City' is corrected from OldValue: '%s' to NewValue: '%s'.",
			derefOr(orig.City, ""), strings.ToUpper(derefOr(v.suggestions[0].City, "")))
	}
	inner := struct {
		Code             string         `json:"code"`
		Reason           string         `json:"reason"`
		CorrectedAddress map[string]any `json:"corrected_address,omitempty"`
		ObjectType       string         `json:"object_type"`
		ResourceStatus   string         `json:"resource_status"`
	}{Code: "60071", Reason: html.EscapeString(reason), ObjectType: "AddressValidation", ResourceStatus: "Active"}
	if len(v.suggestions) > 0 {
		s := v.suggestions[0]
		inner.CorrectedAddress = map[string]any{
			"country": derefOr(s.Country, ""), "region": derefOr(s.State, ""), "city": strings.ToUpper(derefOr(s.City, "")),
			"address_line1": derefOr(s.AddressLine1, ""), "postal_code": derefOr(s.PostalCode, ""),
		}
	}
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(inner)
	return &apiError{status: http.StatusBadRequest, code: codeAddressInvalid, description: strings.TrimSpace(buf.String())}
}

// blank reports whether p is nil or holds only white space.
func blank(p *string) bool { return p == nil || strings.TrimSpace(*p) == "" }

// trimmed returns p's value without surrounding space, or nil when blank.
func trimmed(p *string) *string {
	if blank(p) {
		return nil
	}
	return ptr(strings.TrimSpace(*p))
}
