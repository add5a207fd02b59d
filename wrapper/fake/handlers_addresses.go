package fake

import (
	"context"
	"fmt"
	"net/http"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The handlers of the "Addresses" tag.

// ValidateAddress answers POST /validations/address with the fake's rules
// (see address.go), or in the pre-2021 way with
// Options.LegacyAddressValidation.
func (a *api) ValidateAddress(ctx context.Context, req gen.ValidateAddressRequestObject) (gen.ValidateAddressResponseObject, error) {
	if req.Body == nil {
		return nil, invalidInput("Invalid request input: the address is missing.")
	}
	addr := *req.Body
	if f := missingAddressField(addr); f != "" {
		return nil, invalidInput("Invalid request input: %s is required.", f)
	}
	v := checkAddress(addr)
	if a.opts.LegacyAddressValidation {
		if !v.deletable() {
			return nil, legacyAddressFault(addr, v)
		}
		return legacyAddressValid{}, nil
	}
	result := gen.AddressValidationResult{
		OriginalAddress:    ptr(originalAddress(addr)),
		SuggestedAddresses: v.suggestions,
		Status:             ptr(v.status),
	}
	if result.SuggestedAddresses == nil {
		result.SuggestedAddresses = []gen.Address{}
	}
	if v.message != "" {
		result.ValidationMessage = ptr(v.message)
	}
	return gen.ValidateAddress200JSONResponse(result), nil
}

// GetCountryValidationRules answers GET /countryvalidationrules/{countryCode}
// from the fake's table (countries.go); other countries get 404.
func (a *api) GetCountryValidationRules(ctx context.Context, req gen.GetCountryValidationRulesRequestObject) (gen.GetCountryValidationRulesResponseObject, error) {
	rule, ok := lookupCountry(req.CountryCode)
	if !ok {
		return nil, &apiError{status: http.StatusNotFound, code: codeNotFound,
			description: fmt.Sprintf("No validation rules are known for country %q.", truncateUTF8(req.CountryCode, 10))}
	}
	return gen.GetCountryValidationRules200JSONResponse(rule.information(a.opts.CountryRulesWrapped)), nil
}
