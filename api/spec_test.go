package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"os"
	"os/exec"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/util"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/gen/spec"
)

const specPath = "../openapi.yaml"

// overlayPath is the Go-only overlay that oapi-codegen applies (oapi-codegen.yaml).
const overlayPath = "overlay-go.yaml"

// loadSpec reads openapi.yaml from disk (not the embedded copy) so the tests
// judge the file other language teams consume.
func loadSpec(t testing.TB) *openapi3.T {
	t.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromFile(specPath)
	if err != nil {
		t.Fatalf("load %s: %v", specPath, err)
	}
	return doc
}

func TestSpecIsValidOpenAPI(t *testing.T) {
	doc := loadSpec(t)
	// Validate checks structure, references, defaults and every example against
	// its schema (example validation is on by default).
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("openapi.yaml is not valid: %v", err)
	}
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi version %q, want 3.0.3", doc.OpenAPI)
	}
}

// loadGoSpec reads openapi.yaml with the Go overlay applied, as oapi-codegen
// sees it.
func loadGoSpec(t testing.TB) *openapi3.T {
	t.Helper()
	doc, err := util.LoadSwaggerWithOverlay(specPath, util.LoadSwaggerWithOverlayOpts{
		Path: overlayPath, Strict: true, AllowRemoteRefsFrom: []string{}})
	if err != nil {
		t.Fatalf("load %s with %s: %v", specPath, overlayPath, err)
	}
	return doc
}

func TestEmbeddedSpecMatchesFile(t *testing.T) {
	// gen/spec/openapi.yaml is a byte-for-byte copy (api/copyspec).
	raw, err := os.ReadFile(specPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(spec.YAML(), raw) {
		t.Fatal("gen/spec/openapi.yaml is not a copy of openapi.yaml: run `make generate`")
	}
	embedded, err := spec.GetSpec()
	if err != nil {
		t.Fatalf("embedded spec: %v", err)
	}
	// The embedded copy is openapi.yaml as written, without the Go overlay:
	// the fake validates other teams' requests against the portable spec.
	a, err := json.Marshal(embedded)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(loadSpec(t))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a, b) {
		t.Fatal("the spec embedded in gen/spec differs from openapi.yaml: run `make generate`")
	}
}

// TestGeneratedOperationsMatchSpec keeps gen/operations.go (api/opsgen)
// equal to the spec: every operation, with its method, path and vendor
// extensions, and nothing else.
func TestGeneratedOperationsMatchSpec(t *testing.T) {
	doc := loadSpec(t)
	want := map[string]gen.OperationInfo{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			list := func(name string) []string {
				var out []string
				if l, ok := op.Extensions[name].([]any); ok {
					for _, v := range l {
						out = append(out, v.(string))
					}
				}
				return out
			}
			want[op.OperationID] = gen.OperationInfo{ID: op.OperationID, Method: method, Path: path,
				GDAPRoles: list("x-gdap-roles"), AuthModes: list("x-auth-modes"), Clouds: list("x-clouds")}
		}
	}
	got := gen.Operations()
	if len(got) != len(want) {
		t.Errorf("gen.Operations() has %d operations, the spec %d: run `make generate`", len(got), len(want))
	}
	for _, g := range got {
		w, ok := want[g.ID]
		if !ok {
			t.Errorf("gen has operation %q the spec lacks", g.ID)
			continue
		}
		if g.Method != w.Method || g.Path != w.Path || !slices.Equal(g.GDAPRoles, w.GDAPRoles) ||
			!slices.Equal(g.AuthModes, w.AuthModes) || !slices.Equal(g.Clouds, w.Clouds) {
			t.Errorf("gen %+v, spec %+v", g, w)
		}
		if l, ok := gen.LookupOperation(g.ID); !ok || l.ID != g.ID {
			t.Errorf("LookupOperation(%q) = %+v, %v", g.ID, l, ok)
		}
	}
	// Answers holding a secret (x-ms-secret): the customer create answer,
	// with the first administrator's password, and the user create and
	// update answers, with a new user's or a reset password.
	var secret []string
	for _, g := range got {
		if g.SecretAnswer {
			secret = append(secret, g.ID)
		}
	}
	if want := []string{"createCustomer", "createCustomerUser", "updateCustomerUser"}; !slices.Equal(secret, want) {
		t.Errorf("operations whose answer holds a secret: %v, want %v", secret, want)
	}
	if _, ok := gen.LookupOperation("noSuchOperation"); ok {
		t.Error("LookupOperation finds an unknown operation")
	}
}

// TestGeneratedServersMatchSpec keeps the base-URL constants of
// gen/operations.go (api/opsgen) equal to the spec's servers: one constant
// per server, named after the first cloud of its x-clouds, and
// ServerForCloud answering every cloud a server lists.
func TestGeneratedServersMatchSpec(t *testing.T) {
	doc := loadSpec(t)
	constants := map[string]string{"public": gen.ServerPublic, "china": gen.ServerChina}
	if len(doc.Servers) != len(constants) {
		t.Errorf("the spec has %d servers, gen %d constants: run `make generate` and name the new one here", len(doc.Servers), len(constants))
	}
	clouds := 0
	for _, s := range doc.Servers {
		list, _ := s.Extensions["x-clouds"].([]any)
		if len(list) == 0 {
			t.Errorf("server %s: no x-clouds", s.URL)
			continue
		}
		if got := constants[list[0].(string)]; got != s.URL {
			t.Errorf("server %s: the constant for %s is %q", s.URL, list[0], got)
		}
		for _, c := range list {
			clouds++
			if got, ok := gen.ServerForCloud(c.(string)); !ok || got != s.URL {
				t.Errorf("ServerForCloud(%q) = %q, %v; want %s", c, got, ok, s.URL)
			}
		}
	}
	if clouds != 3 {
		t.Errorf("the servers list %d clouds, want public, china and usgov once each", clouds)
	}
	if u, ok := gen.ServerForCloud("mars"); ok {
		t.Errorf("ServerForCloud(mars) = %q", u)
	}
}

// TestClientLinksNoSpecParser keeps the spec parser out of programs that
// import the generated client or the wrapper: only gen/spec (for the fake
// and the tooling) may link kin-openapi and its JSON-schema library.
func TestClientLinksNoSpecParser(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	for _, pkg := range []string{"../gen", "../wrapper"} {
		out, err := exec.Command("go", "list", "-deps", pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list -deps %s: %v\n%s", pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			if strings.Contains(dep, "getkin/kin-openapi") || strings.Contains(dep, "jsonschema") || strings.HasSuffix(dep, "/gen/spec") {
				t.Errorf("%s links %s", pkg, dep)
			}
		}
	}
}

// example is one documented example with the schema it illustrates.
type example struct {
	where  string
	schema *openapi3.SchemaRef
	value  any
}

// collectExamples gathers every example of the spec: media-type examples of
// requests and responses, and parameter and header examples.
func collectExamples(doc *openapi3.T) []example {
	var out []example
	media := func(where string, content openapi3.Content) {
		for ct, mt := range content {
			if mt.Example != nil {
				out = append(out, example{where + " " + ct, mt.Schema, mt.Example})
			}
			for name, ex := range mt.Examples {
				out = append(out, example{where + " " + ct + " example " + name, mt.Schema, ex.Value.Value})
			}
		}
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			where := method + " " + path
			if op.RequestBody != nil {
				media(where+" request", op.RequestBody.Value.Content)
			}
			for status, resp := range op.Responses.Map() {
				media(where+" "+status, resp.Value.Content)
				for name, h := range resp.Value.Headers {
					if h.Value.Example != nil {
						out = append(out, example{where + " " + status + " header " + name, h.Value.Schema, h.Value.Example})
					}
				}
			}
			for _, p := range op.Parameters {
				if p.Value.Example != nil {
					out = append(out, example{where + " parameter " + p.Value.Name, p.Value.Schema, p.Value.Example})
				}
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].where < out[j].where })
	return out
}

func TestEveryExampleMatchesItsSchema(t *testing.T) {
	doc := loadSpec(t)
	examples := collectExamples(doc)
	if len(examples) < 40 {
		t.Fatalf("found only %d examples; the walk over the spec is broken", len(examples))
	}
	for _, ex := range examples {
		if err := ex.schema.Value.VisitJSON(ex.value); err != nil {
			t.Errorf("%s: example does not match its schema: %v", ex.where, err)
		}
	}
}

// goTypes maps each component schema to the generated Go type that carries it.
// A schema used by an example but missing here fails the round-trip test, so the
// table cannot silently fall behind the spec.
var goTypes = map[string]func() any{
	"Customer":                   func() any { return new(gen.Customer) },
	"CustomerCollection":         func() any { return new(gen.CustomerCollection) },
	"CustomerCompanyProfile":     func() any { return new(gen.CustomerCompanyProfile) },
	"CustomerBillingProfile":     func() any { return new(gen.CustomerBillingProfile) },
	"CustomerOrganizationResult": func() any { return new(gen.CustomerOrganizationResult) },
	"CustomerOrganizationList":   func() any { return new(gen.CustomerOrganizationList) },
	"CustomDomainList":           func() any { return new(gen.CustomDomainList) },
	"APIFault":                   func() any { return new(gen.APIFault) },
	"ApiFault":                   func() any { return new(gen.APIFault) },
	"ThrottleError":              func() any { return new(gen.ThrottleError) },
	"CustomerSearchFilter":       func() any { return new(gen.CustomerSearchFilter) },
	// Customer lifecycle (issue 11).
	"Address":                      func() any { return new(gen.Address) },
	"NewCustomer":                  func() any { return new(gen.NewCustomer) },
	"CreatedCustomer":              func() any { return new(gen.CreatedCustomer) },
	"AddressValidationResult":      func() any { return new(gen.AddressValidationResult) },
	"CountryInformation":           func() any { return new(gen.CountryInformation) },
	"AgreementMetadataCollection":  func() any { return new(gen.AgreementMetadataCollection) },
	"AgreementAcceptance":          func() any { return new(gen.AgreementAcceptance) },
	"Agreement":                    func() any { return new(gen.Agreement) },
	"AgreementCollection":          func() any { return new(gen.AgreementCollection) },
	"AgreementDocument":            func() any { return new(gen.AgreementDocument) },
	"ExtendedApiFault":             func() any { return new(gen.ExtendedAPIFault) },
	"CustomerQualification":        func() any { return new(gen.CustomerQualification) },
	"CustomerQualificationList":    func() any { return new(gen.CustomerQualificationList) },
	"CustomerQualificationRequest": func() any { return new(gen.CustomerQualificationRequest) },
	"ResellerRelationshipRemoval":  func() any { return new(gen.ResellerRelationshipRemoval) },
	"RelationshipRequest":          func() any { return new(gen.RelationshipRequest) },
}

func refName(s *openapi3.SchemaRef) string {
	return strings.TrimPrefix(s.Ref, "#/components/schemas/")
}

func TestEveryBodyExampleRoundTripsThroughGeneratedTypes(t *testing.T) {
	doc := loadSpec(t)
	n := 0
	for _, ex := range collectExamples(doc) {
		if strings.Contains(ex.where, " header ") || strings.Contains(ex.where, " parameter ") {
			continue
		}
		name := refName(ex.schema)
		newValue, ok := goTypes[name]
		if !ok {
			t.Errorf("%s: no generated type registered for schema %q", ex.where, name)
			continue
		}
		n++
		raw, err := json.Marshal(ex.value)
		if err != nil {
			t.Fatalf("%s: %v", ex.where, err)
		}
		v := newValue()
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields() // every documented field must exist in the Go type
		if err := dec.Decode(v); err != nil {
			t.Errorf("%s: decoding into %T: %v", ex.where, v, err)
			continue
		}
		again, err := json.Marshal(v)
		if err != nil {
			t.Errorf("%s: encoding %T: %v", ex.where, v, err)
			continue
		}
		if !jsonEqual(t, raw, again) {
			t.Errorf("%s: round trip through %T changed the document\n before: %s\n after:  %s", ex.where, v, raw, again)
		}
	}
	if n < 20 {
		t.Fatalf("round-tripped only %d body examples", n)
	}
}

func jsonEqual(t *testing.T, a, b []byte) bool {
	t.Helper()
	var x, y any
	if err := json.Unmarshal(a, &x); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &y); err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(x, y)
}

var knownGDAPRoles = []string{"Directory Writer", "Directory Reader", "Global Reader", "Domain Administrator", "User Administrator", "Privileged Role Administrator", "Global Administrator", "License Administrator"}

func TestEveryOperationIsDocumented(t *testing.T) {
	doc := loadSpec(t)
	ops := 0
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			ops++
			where := method + " " + path
			if op.OperationID == "" {
				t.Errorf("%s: no operationId", where)
			}
			if op.Summary == "" || strings.TrimSpace(op.Description) == "" {
				t.Errorf("%s: summary and description are both required", where)
			}
			if len(op.Tags) == 0 {
				t.Errorf("%s: no tag", where)
			}
			roles, ok := op.Extensions["x-gdap-roles"].([]any)
			if !ok {
				t.Errorf("%s: x-gdap-roles missing or not a list (%T)", where, op.Extensions["x-gdap-roles"])
			}
			for _, r := range roles {
				if s, _ := r.(string); !slices.Contains(knownGDAPRoles, s) {
					t.Errorf("%s: x-gdap-roles has unknown role %v", where, r)
				}
			}
			modes, ok := op.Extensions["x-auth-modes"].([]any)
			if !ok || len(modes) == 0 {
				t.Errorf("%s: x-auth-modes missing or empty", where)
			}
			for _, m := range modes {
				if m != "app-only" && m != "app+user" {
					t.Errorf("%s: x-auth-modes has unknown mode %v", where, m)
				}
			}
			hasSuccess, hasClientError := false, false
			for status, resp := range op.Responses.Map() {
				if resp.Value.Description == nil || *resp.Value.Description == "" {
					t.Errorf("%s %s: response without description", where, status)
				}
				hasSuccess = hasSuccess || strings.HasPrefix(status, "2")
				hasClientError = hasClientError || strings.HasPrefix(status, "4")
				for ct, mt := range resp.Value.Content {
					if len(mt.Examples) == 0 && mt.Example == nil {
						t.Errorf("%s %s %s: response without example", where, status, ct)
					}
				}
				for _, h := range []string{"MS-RequestId", "MS-CorrelationId", "MS-CV", "MS-ServerId"} {
					if _, ok := resp.Value.Headers[h]; !ok {
						t.Errorf("%s %s: response does not declare %s", where, status, h)
					}
				}
			}
			if !hasSuccess || !hasClientError {
				t.Errorf("%s: needs a 2xx and a 4xx response", where)
			}
			if method != "HEAD" {
				if r := op.Responses.Value("429"); r == nil || r.Value.Headers["Retry-After"] == nil {
					t.Errorf("%s: 429 with Retry-After is not declared", where)
				}
			}
			if op.RequestBody != nil {
				for ct, mt := range op.RequestBody.Value.Content {
					if len(mt.Examples) == 0 && mt.Example == nil {
						t.Errorf("%s request %s: no example", where, ct)
					}
				}
			}
			for _, p := range op.Parameters {
				if p.Value.Description == "" {
					t.Errorf("%s: parameter %s has no description", where, p.Value.Name)
				}
			}
		}
	}
	if ops != 36 {
		t.Errorf("spec has %d operations, want 36", ops)
	}
}

// checkProperties fails unless the schema has exactly the named properties,
// and returns it (nil when it is missing).
func checkProperties(t *testing.T, doc *openapi3.T, schema string, fields []string) *openapi3.SchemaRef {
	t.Helper()
	s := doc.Components.Schemas[schema]
	if s == nil {
		t.Errorf("schema %s missing", schema)
		return nil
	}
	for _, f := range fields {
		if s.Value.Properties[f] == nil {
			t.Errorf("%s.%s missing", schema, f)
		}
	}
	if len(s.Value.Properties) != len(fields) {
		t.Errorf("%s has %d properties, the reference names %d", schema, len(s.Value.Properties), len(fields))
	}
	return s
}

// TestSpecCoversTheReference pins what the reference documents and facts sheet
// name, so that removing any of it fails here before it reaches other teams.
func TestSpecCoversTheReference(t *testing.T) {
	doc := loadSpec(t)
	wantFields := map[string][]string{
		"Customer": {"id", "commerceId", "companyProfile", "billingProfile", "relationshipToPartner",
			"allowDelegatedAccess", "userCredentials", "customDomains", "tags", "associatedPartnerId", "enableGDAPByDefault", "links", "attributes"},
		"CustomerCompanyProfile": {"tenantId", "domain", "companyName", "address", "email", "organizationRegistrationNumber", "links", "attributes"},
		"CustomerBillingProfile": {"id", "firstName", "lastName", "email", "culture", "language", "companyName", "defaultAddress", "links", "attributes"},
		"Address": {"id", "country", "region", "city", "state", "addressLine1", "addressLine2", "addressLine3", "postalCode",
			"district", "firstName", "middleName", "lastName", "phoneNumber", "emailAddress"},
		"Link":                 {"uri", "method", "headers", "body"},
		"ResourceLinks":        {"self", "next", "previous"},
		"ResourceAttributes":   {"etag", "objectType"},
		"KeyValuePair":         {"key", "value"},
		"UserCredentials":      {"userName", "password"},
		"CustomerOrganization": {"street", "countryLetterCode", "postalCode", "city", "state", "displayName", "technicalNotificationMails"},
		"CustomerCollection":   {"totalCount", "items", "links", "attributes"},
		"ApiFault":             {"code", "description", "data", "source"},
		"ThrottleError":        {"statusCode", "message"},
	}
	for schema, fields := range wantFields {
		s := checkProperties(t, doc, schema, fields)
		if s == nil {
			continue
		}
		switch schema {
		case "ApiFault":
			// The error-code reference: code, description and source are always returned.
			if want := []string{"code", "description", "source"}; !slices.Equal(s.Value.Required, want) {
				t.Errorf("ApiFault requires %v, want %v", s.Value.Required, want)
			}
		default:
			if len(s.Value.Required) != 0 {
				t.Errorf("%s marks %v required; the service omits fields, so none may be", schema, s.Value.Required)
			}
		}
	}

	var rel []string
	for _, v := range doc.Components.Schemas["RelationshipToPartner"].Value.Enum {
		rel = append(rel, fmt.Sprint(v))
	}
	if want := []string{"advisor", "microsoft_support", "none", "reseller", "syndication", "unknown"}; !slices.Equal(rel, want) {
		t.Errorf("relationshipToPartner enum %v, want %v", rel, want)
	}

	// ApiFault.code arrives as a number or a string: the portable spec leaves it
	// untyped (any JSON value), the Go overlay restores the oneOf.
	code := doc.Components.Schemas["ErrorCode"].Value
	if code.Type != nil && len(code.Type.Slice()) != 0 || len(code.OneOf) != 0 {
		t.Errorf("ErrorCode in openapi.yaml must declare no type and no oneOf, has %v / %d", code.Type, len(code.OneOf))
	}
	for _, v := range []any{20002.0, "900150"} {
		if err := code.VisitJSON(v); err != nil {
			t.Errorf("ErrorCode rejects %#v: %v", v, err)
		}
	}
	goCode := loadGoSpec(t).Components.Schemas["ErrorCode"].Value
	if len(goCode.OneOf) != 2 || !goCode.OneOf[0].Value.Type.Is("integer") || !goCode.OneOf[1].Value.Type.Is("string") {
		t.Error("the Go overlay must make ErrorCode an integer or a string")
	}
	if d := doc.Components.Schemas["ApiFault"].Value.Properties["description"].Value.MaxLength; d == nil || *d != 1024 {
		t.Error("ApiFault.description must be capped at 1024 characters")
	}

	wantParams := map[string]string{
		"requestId": "MS-RequestId", "correlationId": "MS-CorrelationId", "correlationVector": "MS-CV",
		"locale": "X-Locale", "applicationName": "MS-PartnerCenter-Application", "contractVersion": "MS-Contract-Version",
		"ifMatch": "If-Match", "continuationToken": "MS-ContinuationToken",
	}
	for key, name := range wantParams {
		p := doc.Components.Parameters[key]
		if p == nil || p.Value.Name != name || p.Value.In != "header" {
			t.Errorf("header parameter %s (%s) missing", key, name)
		}
	}

	wantOps := map[string]string{
		"GET /customers":                                     "listCustomers",
		"GET /customers/{customerTenantId}":                  "getCustomer",
		"GET /customers/{customerTenantId}/customDomains":    "getCustomerCustomDomains",
		"GET /customers/{customerTenantId}/organization":     "getCustomerOrganization",
		"GET /customers/{customerTenantId}/profiles/company": "getCustomerCompanyProfile",
		"GET /customers/{customerTenantId}/profiles/billing": "getCustomerBillingProfile",
		"PUT /customers/{customerTenantId}/profiles/billing": "updateCustomerBillingProfile",
		"HEAD /domains/{domain}":                             "checkDomainAvailability",
	}
	for key, id := range wantOps {
		method, path, _ := strings.Cut(key, " ")
		item := doc.Paths.Find(path)
		if item == nil || item.GetOperation(method) == nil {
			t.Errorf("%s missing", key)
			continue
		}
		if got := item.GetOperation(method).OperationID; got != id {
			t.Errorf("%s has operationId %q, want %q", key, got, id)
		}
	}
	put := doc.Paths.Find("/customers/{customerTenantId}/profiles/billing").Put
	ifMatch := false
	for _, p := range put.Parameters {
		ifMatch = ifMatch || (p.Value.Name == "If-Match" && p.Value.Required)
	}
	if !ifMatch {
		t.Error("updateCustomerBillingProfile must require If-Match")
	}
	list := doc.Paths.Find("/customers").Get
	for _, name := range []string{"size", "filter", "seekOperation", "MS-ContinuationToken"} {
		if list.Parameters.GetByInAndName("query", name) == nil && list.Parameters.GetByInAndName("header", name) == nil {
			t.Errorf("listCustomers lacks parameter %s", name)
		}
	}

	// Plain server URLs (AutoRest refuses several servers with variables), one
	// per API host, whose descriptions name the clouds they serve.
	wantServers := map[string][]string{
		"https://api.partnercenter.microsoft.com/v1":             {"public cloud", "US Government", "v1"},
		"https://partner.partnercenterapi.microsoftonline.cn/v1": {"21Vianet", "v1"},
	}
	if len(doc.Servers) != len(wantServers) {
		t.Errorf("want %d servers, got %d", len(wantServers), len(doc.Servers))
	}
	for _, s := range doc.Servers {
		words, ok := wantServers[s.URL]
		if !ok || len(s.Variables) != 0 {
			t.Errorf("server %s: want one of the plain URLs %v", s.URL, wantServers)
			continue
		}
		for _, w := range words {
			if !strings.Contains(s.Description, w) {
				t.Errorf("server %s: description does not name %q", s.URL, w)
			}
		}
	}
	for _, name := range []string{"entraIdPublic", "entraIdChina", "entraIdUSGov", "bearerToken"} {
		if doc.Components.SecuritySchemes[name] == nil {
			t.Errorf("security scheme %s missing", name)
		}
	}
}

func TestOrganizationAcceptsArrayAndObject(t *testing.T) {
	for _, body := range []string{
		`[{"displayName":"Contoso","technicalNotificationMails":["a@contoso.com"]}]`,
		`{"displayName":"Contoso","technicalNotificationMails":["a@contoso.com"]}`,
	} {
		var r gen.CustomerOrganizationResult
		if err := json.Unmarshal([]byte(body), &r); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		var name string
		if list, err := r.AsCustomerOrganizationList(); err == nil {
			name = *list[0].DisplayName
		} else if one, err := r.AsCustomerOrganization(); err == nil {
			name = *one.DisplayName
		}
		if name != "Contoso" {
			t.Errorf("%s: decoded display name %q", body, name)
		}
	}
}

func TestErrorCodeAcceptsNumberAndString(t *testing.T) {
	for body, want := range map[string]string{
		`{"code":20002,"description":"x"}`:   "20002",
		`{"code":"20002","description":"x"}`: "20002",
	} {
		var f gen.APIFault
		if err := json.Unmarshal([]byte(body), &f); err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		var got string
		if n, err := f.Code.AsErrorCode0(); err == nil {
			got = fmt.Sprint(n)
		} else if s, err := f.Code.AsErrorCode1(); err == nil {
			got = s
		}
		if got != want {
			t.Errorf("%s: code %q, want %q", body, got, want)
		}
	}
}

// TestSpecIsPortable pins the conventions that let other generators (openapi-typescript,
// hey-api, orval, AutoRest) read openapi.yaml without hand patches; api/README.md
// explains each. The Go-only typing lives in overlay-go.yaml.
func TestSpecIsPortable(t *testing.T) {
	raw, err := os.ReadFile(specPath)
	if err != nil {
		t.Fatal(err)
	}
	// Unions decode badly in AutoRest (models mode), orval and hey-api.
	if m := regexp.MustCompile(`(?m)^\s*(oneOf|anyOf|allOf):`).Find(raw); m != nil {
		t.Errorf("openapi.yaml uses %s; put unions in the Go overlay and describe the documented shape", bytes.TrimSpace(m))
	}
	doc := loadSpec(t)
	// AutoRest names the client class after the title, word by word (it reads no
	// x-ms-client-name on info): keep that name short.
	var class strings.Builder
	for _, w := range strings.Fields(doc.Info.Title) {
		class.WriteString(strings.ToUpper(w[:1]) + w[1:])
	}
	if got := class.String(); got != "PartnerCenterCustomerAPI" {
		t.Errorf("title %q makes AutoRest's client class %s, want PartnerCenterCustomerAPI", doc.Info.Title, got)
	}

	lowerCamel := regexp.MustCompile(`^[a-z][A-Za-z0-9]*$`)
	for key, p := range doc.Components.Parameters {
		if !lowerCamel.MatchString(key) {
			t.Errorf("component parameter key %q is not camelCase", key)
		}
		if p.Value.Extensions["x-ms-parameter-location"] != "method" {
			t.Errorf("component parameter %s lacks x-ms-parameter-location: method", key)
		}
		if p.Value.Content != nil || p.Value.Schema == nil {
			t.Errorf("parameter %s must use schema, not content (orval and AutoRest refuse content)", key)
		}
		if p.Value.In == "path" && !lowerCamel.MatchString(p.Value.Name) {
			t.Errorf("path parameter name %q is not camelCase", p.Value.Name)
		}
	}
	filter := doc.Components.Parameters["filter"].Value
	if !filter.Schema.Value.Type.Is("string") || !strings.Contains(filter.Description, "CustomerSearchFilter") {
		t.Error("filter must be a string parameter whose description names CustomerSearchFilter")
	}
	if ex, _ := filter.Example.(string); json.Unmarshal([]byte(ex), new(gen.CustomerSearchFilter)) != nil ||
		doc.Components.Schemas["CustomerSearchFilter"].Value.VisitJSON(mustJSON(t, ex)) != nil {
		t.Errorf("filter example %v is not a CustomerSearchFilter document", filter.Example)
	}

	// One name per schema or parameter component, whatever the case: hey-api puts
	// both into one namespace and renames one of them (SeekOperation2).
	seen := map[string]string{}
	add := func(kind string, names []string) {
		for _, n := range names {
			k := strings.ToLower(n)
			if other, dup := seen[k]; dup {
				t.Errorf("component %s %q clashes with %s", kind, n, other)
			}
			seen[k] = kind + " " + n
		}
	}
	add("schema", slices.Collect(maps.Keys(doc.Components.Schemas)))
	add("parameter", slices.Collect(maps.Keys(doc.Components.Parameters)))

	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			for status, resp := range op.Responses.Map() {
				where := method + " " + path + " " + status
				isError := status[0] == '4' || status[0] == '5'
				if method == http.MethodHead && status == "404" {
					isError = false // the domain check: 404 means available
					if !strings.Contains(op.Description, "404 means it is available") || !strings.Contains(op.Description, "200 means the name is taken") {
						t.Errorf("%s: the description must say that 200 means taken and 404 available", where)
					}
				}
				if got := resp.Value.Extensions["x-ms-error-response"] == true; got != isError {
					t.Errorf("%s: x-ms-error-response is %v, want %v", where, got, isError)
				}
				if status == "401" && resp.Value.Headers["WWW-Authenticate"] == nil {
					t.Errorf("%s: 401 without WWW-Authenticate", where)
				}
			}
		}
	}
}

// TestGoOverlayKeepsTypes checks what the overlay gives back to Go.
func TestGoOverlayKeepsTypes(t *testing.T) {
	doc := loadGoSpec(t)
	mt := doc.Components.Parameters["filter"].Value.Content.Get("application/json")
	if mt == nil || mt.Schema.Ref != "#/components/schemas/CustomerSearchFilter" {
		t.Error("the Go overlay must make filter a content-encoded CustomerSearchFilter")
	}
	if reflect.TypeOf(gen.ListCustomersParams{}.Filter) != reflect.TypeOf((*gen.CustomerSearchFilter)(nil)) {
		t.Errorf("ListCustomersParams.Filter is %T, want *CustomerSearchFilter", gen.ListCustomersParams{}.Filter)
	}
	org := doc.Paths.Find("/customers/{customerTenantId}/organization").Get.Responses.Value("200").Value.Content.Get("application/json")
	if org.Schema.Ref != "#/components/schemas/CustomerOrganizationResult" || len(org.Schema.Value.OneOf) != 2 {
		t.Error("the Go overlay must answer the organization with the CustomerOrganizationResult oneOf")
	}
}

func mustJSON(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	return v
}
