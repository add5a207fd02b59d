package fake

import (
	"regexp"
	"strings"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The fake's country rules: a small, fixed table, enough for clients to
// exercise every rule the reference pages describe. Countries outside the
// table are unknown to the fake (getCountryValidationRules answers 404,
// validateAddress says NotValidated).

// registrationPattern is the organization registration number format the fake
// requires in every country that needs one: the pattern of the error-code
// page's 600050 example.
const registrationPattern = `^(\d{7}|\d{10})$`

var registrationRegexp = regexp.MustCompile(registrationPattern)

// registrationCountries need an organization registration number and a phone
// number on the billing address: the eleven countries of the error-code page
// and the thirteen the 2021 create page adds.
var registrationCountries = map[string]bool{
	"AM": true, "AZ": true, "BY": true, "HU": true, "KZ": true, "KG": true, "MD": true,
	"RU": true, "TJ": true, "UZ": true, "UA": true,
	"IN": true, "BR": true, "ZA": true, "PL": true, "AE": true, "SA": true, "TR": true,
	"TH": true, "VN": true, "MM": true, "IQ": true, "SS": true, "VE": true,
}

// usStates are the states of the documented US rules.
var usStates = strings.Fields("AK AL AR AZ CA CO CT DC DE FL GA HI IA ID IL IN KS KY LA MA MD ME MI MN MO MS MT NC ND NE NH NJ NM NV NY OH OK OR PA RI SC SD TN TX UT VA VT WA WI WV WY")

// countryRule is one entry of the table.
type countryRule struct {
	iso2, iso3, culture string
	languages, cultures []string
	states              []string // non-empty when a state is required
	postalRequired      bool
	postalRegex         string
	postalRE            *regexp.Regexp // postalRegex compiled
	cityRequired        bool
	vat                 bool
	taxIDFormat         string
	taxIDSample         string
	phoneRegex          string
	callingCode         string
	agreementRegion     string
	region              string
}

// defaultPhoneRegex accepts 6 to 15 digits with optional separators.
const defaultPhoneRegex = `^\+?[0-9][0-9 ()./-]{5,19}$`

var countryRules = func() map[string]countryRule {
	m := map[string]countryRule{
		"US": {iso2: "US", iso3: "USA", culture: "en-US", languages: []string{"en", "es"}, cultures: []string{"en-US", "es-US"},
			states: usStates, postalRequired: true, postalRegex: `^\d{5}(-\d{4})?$`, cityRequired: true,
			taxIDFormat: "US######", taxIDSample: "US999965",
			phoneRegex:  `^(1[\-\/\.]?)?(\((\d{3})\)|(\d{3}))[\-\/\.]?(\d{3})[\-\/\.]?(\d{4})$`,
			callingCode: "1", agreementRegion: "AOC", region: "NorthAndLatinAmerica"},
		"CA": {iso2: "CA", iso3: "CAN", culture: "en-CA", languages: []string{"en", "fr"}, cultures: []string{"en-CA", "fr-CA"},
			states: strings.Fields("AB BC MB NB NL NS NT NU ON PE QC SK YT"), postalRequired: true,
			postalRegex: `^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$`, cityRequired: true, callingCode: "1",
			agreementRegion: "AOC", region: "NorthAndLatinAmerica"},
		"MX": {iso2: "MX", iso3: "MEX", culture: "es-MX", languages: []string{"es", "en"}, cultures: []string{"es-MX", "en-US"},
			states:         strings.Fields("AG BC BS CM CS CH CO CL DF DG GT GR HG JA EM MI MO NA NL OA PU QT QR SL SI SO TB TM TL VE YU ZA"),
			postalRequired: true, postalRegex: `^\d{5}$`, cityRequired: true, callingCode: "52",
			agreementRegion: "AOC", region: "NorthAndLatinAmerica"},
		"GB": {iso2: "GB", iso3: "GBR", culture: "en-GB", languages: []string{"en"}, cultures: []string{"en-GB"},
			postalRequired: true, postalRegex: `^[A-Za-z]{1,2}\d[A-Za-z\d]? ?\d[A-Za-z]{2}$`, cityRequired: true, vat: true,
			callingCode: "44", agreementRegion: "EMEA", region: "Europe"},
		"DE": {iso2: "DE", iso3: "DEU", culture: "de-DE", languages: []string{"de", "en"}, cultures: []string{"de-DE", "en-US"},
			postalRequired: true, postalRegex: `^\d{5}$`, cityRequired: true, vat: true,
			callingCode: "49", agreementRegion: "EMEA", region: "Europe"},
		"FR": {iso2: "FR", iso3: "FRA", culture: "fr-FR", languages: []string{"fr", "en"}, cultures: []string{"fr-FR", "en-US"},
			postalRequired: true, postalRegex: `^\d{5}$`, cityRequired: true, vat: true,
			callingCode: "33", agreementRegion: "EMEA", region: "Europe"},
		"JP": {iso2: "JP", iso3: "JPN", culture: "ja-JP", languages: []string{"ja", "en"}, cultures: []string{"ja-JP", "en-US"},
			postalRequired: true, postalRegex: `^\d{3}-?\d{4}$`, cityRequired: true,
			callingCode: "81", agreementRegion: "APGC", region: "AsiaPacific"},
		"AU": {iso2: "AU", iso3: "AUS", culture: "en-AU", languages: []string{"en"}, cultures: []string{"en-AU"},
			states: strings.Fields("ACT NSW NT QLD SA TAS VIC WA"), postalRequired: true, postalRegex: `^\d{4}$`, cityRequired: true,
			callingCode: "61", agreementRegion: "APGC", region: "AsiaPacific"},
	}
	// The countries that need a registration number, with generic rules.
	for _, c := range []struct{ iso2, iso3, culture, calling string }{
		{"AM", "ARM", "hy-AM", "374"}, {"AZ", "AZE", "az-Latn-AZ", "994"}, {"BY", "BLR", "ru-RU", "375"},
		{"HU", "HUN", "hu-HU", "36"}, {"KZ", "KAZ", "kk-KZ", "7"}, {"KG", "KGZ", "ru-RU", "996"},
		{"MD", "MDA", "ro-RO", "373"}, {"RU", "RUS", "ru-RU", "7"}, {"TJ", "TJK", "ru-RU", "992"},
		{"UZ", "UZB", "ru-RU", "998"}, {"UA", "UKR", "uk-UA", "380"}, {"IN", "IND", "en-IN", "91"},
		{"BR", "BRA", "pt-BR", "55"}, {"ZA", "ZAF", "en-ZA", "27"}, {"PL", "POL", "pl-PL", "48"},
		{"AE", "ARE", "ar-AE", "971"}, {"SA", "SAU", "ar-SA", "966"}, {"TR", "TUR", "tr-TR", "90"},
		{"TH", "THA", "th-TH", "66"}, {"VN", "VNM", "vi-VN", "84"}, {"MM", "MMR", "en-US", "95"},
		{"IQ", "IRQ", "ar-SA", "964"}, {"SS", "SSD", "en-US", "211"}, {"VE", "VEN", "es-VE", "58"},
	} {
		lang, _, _ := strings.Cut(c.culture, "-")
		m[c.iso2] = countryRule{iso2: c.iso2, iso3: c.iso3, culture: c.culture,
			languages: uniqueStrings(lang, "en"), cultures: uniqueStrings(c.culture, "en-US"),
			postalRegex: `^[0-9A-Za-z -]{3,10}$`, cityRequired: true, callingCode: c.calling,
			agreementRegion: "EMEA", region: "Other"}
	}
	for k, r := range m {
		if r.postalRegex != "" {
			r.postalRE = regexp.MustCompile(r.postalRegex)
		}
		m[k] = r
	}
	return m
}()

// uniqueStrings lists its arguments without repeats.
func uniqueStrings(values ...string) []string {
	var out []string
	for _, v := range values {
		if !containsFold(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// containsFold reports whether list holds s, ignoring case.
func containsFold(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// lookupCountry returns the rules of a country code (any case).
func lookupCountry(code string) (countryRule, bool) {
	r, ok := countryRules[strings.ToUpper(code)]
	return r, ok
}

// information is the rule as getCountryValidationRules answers it, in the
// current form with flat lists or, with wrapped, in the 2021 form.
func (r countryRule) information(wrapped bool) gen.CountryInformation {
	phone := r.phoneRegex
	if phone == "" {
		phone = defaultPhoneRegex
	}
	info := gen.CountryInformation{
		Iso2Code:                      ptr(r.iso2),
		Iso3Code:                      ptr(r.iso3),
		DefaultCulture:                ptr(r.culture),
		IsStateRequired:               ptr(len(r.states) > 0),
		IsPostalCodeRequired:          ptr(r.postalRequired),
		PostalCodeRegex:               optional(r.postalRegex),
		IsCityRequired:                ptr(r.cityRequired),
		IsVatIDSupported:              ptr(r.vat),
		TaxIDFormat:                   optional(r.taxIDFormat),
		TaxIDSample:                   optional(r.taxIDSample),
		IsTaxIDSupported:              ptr(r.taxIDFormat != ""),
		PhoneNumberRegex:              ptr(phone),
		IsRegistrationNumberSupported: ptr(registrationCountries[r.iso2]),
		ResellerAgreementRegion:       optional(r.agreementRegion),
		GeographicRegion:              optional(r.region),
		Attributes:                    &gen.ResourceAttributes{ObjectType: ptr("CountryInformation")},
	}
	states := append([]string{}, r.states...)
	languages := append([]string{}, r.languages...)
	cultures := append([]string{}, r.cultures...)
	calling := []string{r.callingCode}
	if wrapped {
		info.States = &gen.StringListValue{Value: states}
		info.SupportedLanguages = &gen.StringListValue{Value: languages}
		info.SupportedCultures = &gen.StringListValue{Value: cultures}
		info.CountryCallingCodes = &gen.StringListValue{Value: calling}
	} else {
		info.SupportedStatesList = states
		info.SupportedLanguagesList = languages
		info.SupportedCulturesList = cultures
		info.CountryCallingCodesList = calling
	}
	return info
}
