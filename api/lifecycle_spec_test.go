package api_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// TestSpecCoversTheLifecycle pins the customer lifecycle operations of issue 11
// (create, address checks, agreements, qualifications, offboarding, invitation)
// as the reference pages document them.
func TestSpecCoversTheLifecycle(t *testing.T) {
	doc := loadSpec(t)

	type op struct {
		id     string
		auth   []string
		clouds []string // nil: every cloud
		codes  []string // documented error codes that must appear in the operation's examples
	}
	want := map[string]op{
		"POST /customers": {id: "createCustomer", auth: []string{"app-only", "app+user"},
			codes: []string{"600049", "600050", "600051", "600002"}},
		"POST /validations/address":                              {id: "validateAddress", auth: []string{"app-only", "app+user"}, codes: []string{"2007"}},
		"GET /countryvalidationrules/{countryCode}":              {id: "getCountryValidationRules", auth: []string{"app-only", "app+user"}},
		"GET /agreements":                                        {id: "listAgreementMetadata", auth: []string{"app+user"}, clouds: []string{"public"}},
		"GET /agreementtemplates/{agreementTemplateId}/document": {id: "getAgreementDocument", auth: []string{"app+user"}, clouds: []string{"public"}},
		"GET /customers/{customerTenantId}/agreements":           {id: "listCustomerAgreements", auth: []string{"app+user"}, clouds: []string{"public"}},
		"POST /customers/{customerTenantId}/agreements": {id: "createCustomerAgreement", auth: []string{"app+user"}, clouds: []string{"public"},
			codes: []string{"600061"}},
		"GET /customers/{customerTenantId}/qualifications":  {id: "listCustomerQualifications", auth: []string{"app-only", "app+user"}},
		"POST /customers/{customerTenantId}/qualifications": {id: "createCustomerQualification", auth: []string{"app+user"}},
		"PATCH /customers/{customerTenantId}":               {id: "removeResellerRelationship", auth: []string{"app+user"}},
		"DELETE /customers/{customerTenantId}":              {id: "deleteCustomer", auth: []string{"app-only", "app+user"}, codes: []string{"900127"}},
		"GET /customers/relationshiprequests":               {id: "getRelationshipRequest", auth: []string{"app+user"}},
	}
	for key, w := range want {
		method, path, _ := strings.Cut(key, " ")
		item := doc.Paths.Value(path)
		if item == nil || item.GetOperation(method) == nil {
			t.Errorf("%s missing", key)
			continue
		}
		o := item.GetOperation(method)
		if o.OperationID != w.id {
			t.Errorf("%s: operationId %q, want %q", key, o.OperationID, w.id)
		}
		if got := stringList(o.Extensions["x-auth-modes"]); !slices.Equal(got, w.auth) {
			t.Errorf("%s: x-auth-modes %v, want %v", key, got, w.auth)
		}
		if got := stringList(o.Extensions["x-clouds"]); !slices.Equal(got, w.clouds) {
			t.Errorf("%s: x-clouds %v, want %v", key, got, w.clouds)
		}
		codes := errorCodesOf(o)
		for _, c := range w.codes {
			if !slices.Contains(codes, c) {
				t.Errorf("%s: no error example with documented code %s (have %v)", key, c, codes)
			}
		}
	}

	// x-clouds, where present, names known clouds only.
	for path, item := range doc.Paths.Map() {
		for method, o := range item.Operations() {
			v, ok := o.Extensions["x-clouds"]
			if !ok {
				continue
			}
			clouds := stringList(v)
			if len(clouds) == 0 {
				t.Errorf("%s %s: x-clouds is empty or not a list of strings", method, path)
			}
			for _, c := range clouds {
				if c != "public" && c != "china" && c != "usgov" {
					t.Errorf("%s %s: x-clouds names unknown cloud %q", method, path, c)
				}
			}
		}
	}

	// The create answer's password is a secret, returned (so not writeOnly).
	pw := doc.Components.Schemas["AdminCredentials"].Value.Properties["password"].Value
	if !pw.Type.Is("string") || pw.Format != "password" || pw.Extensions["x-ms-secret"] != true || pw.WriteOnly {
		t.Errorf("AdminCredentials.password must be a string with format password and x-ms-secret, not writeOnly")
	}
	created := doc.Paths.Value("/customers").Post.Responses.Value("201").Value.Content.Get("application/json").Schema
	if ref := created.Value.Properties["userCredentials"].Ref; ref != "#/components/schemas/AdminCredentials" {
		t.Errorf("the create answer's userCredentials is %q, want AdminCredentials", ref)
	}
	if doc.Paths.Value("/customers").Post.Responses.Value("409") == nil {
		t.Error("createCustomer must declare 409 for a taken domain")
	}

	// Open enumerations: known values described, unknown ones not rejected.
	for name, known := range map[string][]string{
		"AddressValidationStatus": {"VerifiedShippable", "Verified", "InteractionRequired", "StreetPartial", "PremisesPartial", "Multiple", "None", "NotValidated"},
		"AgreementType":           {"MicrosoftCloudAgreement", "MicrosoftCustomerAgreement"},
		"VettingStatus":           {"InReview", "Approved", "Denied"},
	} {
		s := doc.Components.Schemas[name].Value
		if len(s.Enum) != 0 {
			t.Errorf("%s has an enum; generators would reject values the service adds later", name)
		}
		if err := s.VisitJSON("SomeFutureValue"); err != nil {
			t.Errorf("%s rejects an unknown value: %v", name, err)
		}
		ext, _ := s.Extensions["x-ms-enum"].(map[string]any)
		if ext == nil || ext["modelAsString"] != true {
			t.Errorf("%s: x-ms-enum with modelAsString: true missing", name)
		}
		var values []string
		if list, ok := ext["values"].([]any); ok {
			for _, v := range list {
				if m, ok := v.(map[string]any); ok {
					values = append(values, fmt.Sprint(m["value"]))
				}
			}
		}
		if !slices.Equal(values, known) {
			t.Errorf("%s: x-ms-enum values %v, want %v", name, values, known)
		}
		for _, k := range known {
			if !strings.Contains(s.Description, "`"+k+"`") {
				t.Errorf("%s: the description does not name %s", name, k)
			}
		}
	}

	// Closed enumerations where the client sends the value.
	for schema, want := range map[string][]string{
		"ResellerRelationshipRemoval.relationshipToPartner": {"none"},
		"CustomerQualificationRequest.qualification":        {"Education", "GovernmentCommunityCloud", "StateOwnedEntity"},
	} {
		name, prop, _ := strings.Cut(schema, ".")
		var got []string
		for _, v := range doc.Components.Schemas[name].Value.Properties[prop].Value.Enum {
			got = append(got, fmt.Sprint(v))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s enum %v, want %v", schema, got, want)
		}
	}

	wantFields := map[string][]string{
		"NewCustomer":                  {"companyProfile", "billingProfile", "associatedPartnerId", "relationshipToPartner", "attributes"},
		"NewCustomerCompanyProfile":    {"domain", "organizationRegistrationNumber", "companyName", "attributes"},
		"NewCustomerBillingProfile":    {"email", "culture", "language", "companyName", "firstName", "lastName", "defaultAddress", "attributes"},
		"AddressValidationResult":      {"originalAddress", "suggestedAddresses", "status", "validationMessage"},
		"AgreementMetadata":            {"templateId", "agreementType", "agreementLink", "versionRank"},
		"AgreementAcceptance":          {"primaryContact", "dateAgreed", "templateId", "type"},
		"Agreement":                    {"userId", "primaryContact", "dateAgreed", "templateId", "type", "agreementLink"},
		"AgreementContact":             {"firstName", "lastName", "email", "phoneNumber"},
		"AgreementDocument":            {"displayUri", "downloadUri", "language", "country"},
		"ExtendedApiFault":             {"code", "message", "description", "errorName", "isRetryable", "parameters", "errorMessageExtended"},
		"CustomerQualification":        {"qualification", "vettingStatus", "vettingReason", "vettingCreateDate", "vettingCreatedDate"},
		"CustomerQualificationRequest": {"qualification", "educationSegment", "website", "validationCode"},
		"RelationshipRequest":          {"url", "attributes"},
	}
	for schema, fields := range wantFields {
		checkProperties(t, doc, schema, fields)
	}
	// The country rules read both documented list forms.
	ci := doc.Components.Schemas["CountryInformation"].Value.Properties
	for _, f := range []string{"states", "supportedStatesList", "supportedLanguages", "supportedLanguagesList",
		"supportedCultures", "supportedCulturesList", "countryCallingCodes", "countryCallingCodesList",
		"isRegistrationNumberSupported", "postalCodeRegex", "phoneNumberRegex"} {
		if ci[f] == nil {
			t.Errorf("CountryInformation.%s missing", f)
		}
	}

	// Portable conventions for the new components.
	for _, name := range []string{"CustomerCreationRefused", "DomainTaken", "AddressNotValid", "AgreementAlreadyConfirmed",
		"RelationshipRemovalRefused", "CustomerDeletionRefused", "CustomerDeletionForbidden"} {
		r := doc.Components.Responses[name]
		if r == nil {
			t.Errorf("response %s missing", name)
			continue
		}
		if r.Value.Extensions["x-ms-error-response"] != true {
			t.Errorf("response %s lacks x-ms-error-response: true", name)
		}
	}
	for _, name := range []string{"customerTenantId", "countryCode", "agreementTypeQuery", "agreementTemplateId",
		"agreementDocumentLanguage", "agreementDocumentCountry", "qualificationValidationCode",
		"indirectResellerId", "indirectCloudSolutionProviderId", "dualRoleIndirectRelationship"} {
		p := doc.Components.Parameters[name]
		if p == nil {
			t.Errorf("parameter %s missing", name)
			continue
		}
		if p.Value.Extensions["x-ms-parameter-location"] != "method" {
			t.Errorf("parameter %s lacks x-ms-parameter-location: method", name)
		}
		if doc.Components.Schemas[name] != nil || doc.Components.Schemas[strings.ToUpper(name[:1])+name[1:]] != nil {
			t.Errorf("parameter %s has the name of a schema", name)
		}
	}
}

// stringList converts a decoded extension value to strings; nil when it is
// not a list of strings.
func stringList(v any) []string {
	list, ok := v.([]any)
	if !ok {
		return nil
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, ok := x.(string)
		if !ok {
			return nil
		}
		out = append(out, s)
	}
	return out
}

// errorCodesOf lists the `code` of every example of the operation's 4xx and
// 5xx answers.
func errorCodesOf(o *openapi3.Operation) []string {
	var codes []string
	for status, resp := range o.Responses.Map() {
		if status[0] != '4' && status[0] != '5' {
			continue
		}
		for _, mt := range resp.Value.Content {
			for _, ex := range mt.Examples {
				if m, ok := ex.Value.Value.(map[string]any); ok && m["code"] != nil {
					codes = append(codes, strings.Trim(fmt.Sprint(m["code"]), `"`))
				}
			}
		}
	}
	return codes
}

// TestCreatedCustomerIsACustomer keeps the create answer's schema in step
// with Customer: the same properties, but userCredentials, which carries the
// password in clear here. The wrapper turns the answer into a Customer and
// would silently drop a property only one of them has.
func TestCreatedCustomerIsACustomer(t *testing.T) {
	doc := loadSpec(t)
	names := func(schema string) []string {
		var out []string
		for n := range doc.Components.Schemas[schema].Value.Properties {
			out = append(out, n)
		}
		slices.Sort(out)
		return out
	}
	if a, b := names("Customer"), names("CreatedCustomer"); !slices.Equal(a, b) {
		t.Errorf("Customer has %v, CreatedCustomer %v", a, b)
	}
}
