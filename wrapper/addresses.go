package wrapper

import (
	"context"
	"net/http"
	"strings"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/errbody"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

// AddressValidation is the outcome of ValidateAddress.
type AddressValidation struct {
	// Status is the verdict. Answers of the older form carry none: the
	// client sets Verified for the empty 200, and for the 400 with code 2007
	// the status its reason names, else InteractionRequired when it holds a
	// corrected address and None when not.
	Status AddressValidationStatus `json:"status"`
	// OriginalAddress is the address as the service read it (the address
	// sent, for the older form).
	OriginalAddress Address `json:"originalAddress"`
	// SuggestedAddresses are corrected or completed versions of the
	// address, best first: one for the verified and interaction-required
	// verdicts, up to three for the partial ones, none otherwise.
	SuggestedAddresses []Address `json:"suggestedAddresses"`
	// Message is what the service found wrong, when it says.
	Message string `json:"message,omitempty"`
	// Legacy is set when the service answered in the older form (before
	// 2021): an empty 200 for a valid address, a 400 with code 2007 and the
	// corrected address for the others.
	Legacy bool `json:"legacy,omitempty"`
}

// NeedsDecision reports whether a person must look at the address before it
// is used: any status but Verified and VerifiedShippable.
func (v *AddressValidation) NeedsDecision() bool {
	return v.Status != AddressValidationStatusVerified && v.Status != AddressValidationStatusVerifiedShippable
}

// ValidateAddress checks a postal address with the service and returns its
// verdict, the address as read and the suggestions. Line 1, city and a
// two-letter country code are checked before any request. The older form
// of the answer (an empty 200 for a valid address, a 400 with code 2007
// whose description holds the corrected address) is read into the same
// result, with Legacy set; it is not an error. The POST changes nothing
// and is retried.
func (c *Client) ValidateAddress(ctx context.Context, address Address, opts *ValidateAddressOptions) (*AddressValidation, error) {
	if err := check.Address("address", &address).Err(); err != nil {
		return nil, err
	}
	r, resp, err := invokeWith(ctx, c, gen.OperationValidateAddress, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.ValidateAddress(ctx, nil, address, edit)
	}, gen.ParseValidateAddressResponse, func(status int) bool {
		return status == http.StatusOK || status == http.StatusBadRequest
	}, true)
	if err != nil {
		return nil, err
	}
	if r.StatusCode() == http.StatusBadRequest {
		if v, ok := legacyAddressResult(address, transport.Payload(resp)); ok {
			return v, nil
		}
		return nil, newResponseError(gen.OperationValidateAddress, resp)
	}
	if len(strings.TrimSpace(string(transport.Payload(resp)))) == 0 {
		return &AddressValidation{Status: AddressValidationStatusVerified, OriginalAddress: address, SuggestedAddresses: []Address{}, Legacy: true}, nil
	}
	g := r.GetJSON200()
	if g == nil {
		return nil, newMalformedError(gen.OperationValidateAddress, resp, transport.Payload(resp), errNotJSON)
	}
	v := &AddressValidation{SuggestedAddresses: g.SuggestedAddresses}
	if g.Status != nil {
		v.Status = *g.Status
	}
	if g.OriginalAddress != nil {
		v.OriginalAddress = *g.OriginalAddress
	}
	if g.ValidationMessage != nil {
		v.Message = *g.ValidationMessage
	}
	if v.SuggestedAddresses == nil {
		v.SuggestedAddresses = []Address{}
	}
	return v, nil
}

// legacyAddressResult reads the older 400 (code 2007) into a result.
func legacyAddressResult(sent Address, body []byte) (*AddressValidation, bool) {
	reason, corrected, ok := errbody.LegacyAddress(body)
	if !ok {
		return nil, false
	}
	v := &AddressValidation{OriginalAddress: sent, SuggestedAddresses: []Address{}, Legacy: true, Message: reason, Status: AddressValidationStatusNone}
	if corrected != nil {
		v.SuggestedAddresses = append(v.SuggestedAddresses, *corrected)
		v.Status = AddressValidationStatusInteractionRequired
	}
	if name, _, ok := strings.Cut(v.Message, " - "); ok && KnownAddressValidationStatus(name) {
		v.Status = name
	}
	return v, true
}

// GetCountryValidationRules returns what the service requires of addresses
// and customers in a country (given as a two-letter code, checked before
// any request): whether state, city and postal code are required, their
// patterns, the states, cultures and languages, and whether an
// organization registration number is required. The service sends the
// lists in one of two forms (flat ...List arrays, or {"value": [...]}
// objects); the client fills the ...List fields from either. It is a read
// and is retried.
func (c *Client) GetCountryValidationRules(ctx context.Context, country string, opts *GetCountryValidationRulesOptions) (*CountryInformation, error) {
	if err := check.InputCountry("country", country); err != nil {
		return nil, err
	}
	cc := strings.ToUpper(country)
	info, err := call[CountryInformation](ctx, c, gen.OperationGetCountryValidationRules, callOptions(opts), func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.GetCountryValidationRules(ctx, cc, nil, edit)
	}, gen.ParseGetCountryValidationRulesResponse)
	if err != nil {
		return nil, err
	}
	unwrapList := func(flat *[]string, wrapped *gen.StringListValue) {
		if len(*flat) == 0 && wrapped != nil {
			*flat = wrapped.Value
		}
	}
	unwrapList(&info.SupportedStatesList, info.States)
	unwrapList(&info.SupportedLanguagesList, info.SupportedLanguages)
	unwrapList(&info.SupportedCulturesList, info.SupportedCultures)
	unwrapList(&info.CountryCallingCodesList, info.CountryCallingCodes)
	return info, nil
}
