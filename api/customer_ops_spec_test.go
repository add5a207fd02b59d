package api_test

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The generated types of the issue-17 schemas, for the round trip of every
// body example (TestEveryBodyExampleRoundTripsThroughGeneratedTypes).
func init() {
	for name, newValue := range map[string]func() any{
		"CustomerUser":             func() any { return new(gen.CustomerUser) },
		"CustomerUserWithPassword": func() any { return new(gen.CustomerUserWithPassword) },
		"CustomerUserCollection":   func() any { return new(gen.CustomerUserCollection) },
		"NewCustomerUser":          func() any { return new(gen.NewCustomerUser) },
		"CustomerUserUpdate":       func() any { return new(gen.CustomerUserUpdate) },
		"LicenseCollection":        func() any { return new(gen.LicenseCollection) },
		"LicenseUpdate":            func() any { return new(gen.LicenseUpdate) },
		"SubscribedSkuCollection":  func() any { return new(gen.SubscribedSkuCollection) },
		"DirectoryRoleCollection":  func() any { return new(gen.DirectoryRoleCollection) },
		"UserMember":               func() any { return new(gen.UserMember) },
		"UserMemberCollection":     func() any { return new(gen.UserMemberCollection) },
		"NewDirectoryRoleMember":   func() any { return new(gen.NewDirectoryRoleMember) },
		"Subscription":             func() any { return new(gen.Subscription) },
		"SubscriptionCollection":   func() any { return new(gen.SubscriptionCollection) },
	} {
		goTypes[name] = newValue
	}
}

// goKind says how the Go generator treats an operation.
type goKind int

const (
	plain  goKind = iota // no marker: check input, call, return the answer
	custom               // x-go-custom: hand code in the wrapper
	items                // x-go-items: the method returns the collection's items
	pages                // x-go-pages: an iterator and a pager over next links
)

// customerOp is what the reference pages say about one operation of issue 17.
type customerOp struct {
	id, tag   string
	roles     []string // x-gdap-roles
	auth      []string // x-auth-modes
	kind      goKind
	codes     []string // Partner Center codes that must appear in the error examples
	refusals  []string // x-refusals error names, in order
	documents []string // refusals whose code a reference page documents for the operation
}

var appUser = []string{"app+user"}
var appOnlyAndUser = []string{"app-only", "app+user"}

// customerOps pins the users, licenses, directory roles and subscriptions
// operations.
var customerOps = map[string]customerOp{
	// Users.
	"GET /customers/{customerTenantId}/users": {id: "listCustomerUsers", tag: "Users",
		roles: []string{"Directory Reader", "Global Reader", "User Administrator"}, auth: appUser, kind: pages},
	"POST /customers/{customerTenantId}/users": {id: "createCustomerUser", tag: "Users", roles: []string{}, auth: appUser, kind: custom},
	"GET /customers/{customerTenantId}/users/{userId}": {id: "getCustomerUser", tag: "Users", roles: []string{}, auth: appUser,
		codes: []string{"60002"}},
	"PATCH /customers/{customerTenantId}/users/{userId}":  {id: "updateCustomerUser", tag: "Users", roles: []string{}, auth: appUser, kind: custom},
	"DELETE /customers/{customerTenantId}/users/{userId}": {id: "deleteCustomerUser", tag: "Users", roles: []string{}, auth: appUser},
	// Licenses.
	"GET /customers/{customerTenantId}/users/{userId}/licenses": {id: "listUserLicenses", tag: "Licenses", roles: []string{}, auth: appUser, kind: items},
	"POST /customers/{customerTenantId}/users/{userId}/licenseupdates": {id: "updateUserLicenses", tag: "Licenses",
		roles: []string{"License Administrator", "User Administrator", "Directory Writer"}, auth: appUser,
		codes: []string{"60012"}, refusals: []string{"OutOfLicenses"}, documents: []string{"OutOfLicenses"}, kind: custom},
	"GET /customers/{customerTenantId}/subscribedskus": {id: "listSubscribedSkus", tag: "Licenses", roles: []string{}, auth: appUser, kind: items},
	// Directory roles.
	"GET /customers/{customerTenantId}/directoryroles": {id: "listDirectoryRoles", tag: "Directory roles", roles: []string{}, auth: appUser, kind: items},
	"GET /customers/{customerTenantId}/directoryroles/{roleId}/usermembers": {id: "listDirectoryRoleMembers", tag: "Directory roles",
		roles: []string{}, auth: appUser, kind: pages},
	"POST /customers/{customerTenantId}/directoryroles/{roleId}/usermembers": {id: "addDirectoryRoleMember", tag: "Directory roles",
		roles: []string{}, auth: appUser},
	"DELETE /customers/{customerTenantId}/directoryroles/{roleId}/usermembers/{userId}": {id: "removeDirectoryRoleMember", tag: "Directory roles",
		roles: []string{}, auth: appUser},
	"GET /customers/{customerTenantId}/users/{userId}/directoryroles": {id: "listUserDirectoryRoles", tag: "Directory roles",
		roles: []string{}, auth: appUser, kind: items},
	// Subscriptions.
	"GET /customers/{customerTenantId}/subscriptions": {id: "listCustomerSubscriptions", tag: "Subscriptions", roles: []string{},
		auth: appOnlyAndUser, kind: items, codes: []string{"20000", "800015"}},
	"GET /customers/{customerTenantId}/subscriptions/{subscriptionId}": {id: "getCustomerSubscription", tag: "Subscriptions",
		roles: []string{}, auth: appOnlyAndUser, codes: []string{"20003"}},
	"PATCH /customers/{customerTenantId}/subscriptions/{subscriptionId}": {id: "updateCustomerSubscription", tag: "Subscriptions",
		roles: []string{}, auth: appOnlyAndUser, kind: custom,
		codes: []string{"800090", "2002", "2001", "800091", "2011", "800093", "2055", "800067", "27009"},
		refusals: []string{"QuantityDecreaseNotAllowed", "QuantityOutOfRange", "SeatCountAboveMaximum", "SubscriptionSuspended",
			"QuantityChangeWhileSuspending", "SubscriptionDeleted", "AutoRenewNotEligible", "SubscriptionEtagStale", "ParentSubscriptionNotActive"},
		documents: []string{"QuantityDecreaseNotAllowed"}},
}

// TestSpecCoversCustomerOperations pins the operations of the Users,
// Licenses, Directory roles and Subscriptions tags as the reference pages
// document them.
func TestSpecCoversCustomerOperations(t *testing.T) {
	doc := loadSpec(t)
	for _, tag := range []string{"Users", "Licenses", "Directory roles", "Subscriptions"} {
		if tg := doc.Tags.Get(tag); tg == nil || strings.TrimSpace(tg.Description) == "" {
			t.Errorf("tag %q is not declared with a description", tag)
		}
	}
	for key, w := range customerOps {
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
		if !slices.Equal(o.Tags, []string{w.tag}) {
			t.Errorf("%s: tags %v, want [%s]", key, o.Tags, w.tag)
		}
		if got := stringList(o.Extensions["x-gdap-roles"]); got == nil || !slices.Equal(got, w.roles) {
			t.Errorf("%s: x-gdap-roles %v, want %v", key, got, w.roles)
		}
		if got := stringList(o.Extensions["x-auth-modes"]); !slices.Equal(got, w.auth) {
			t.Errorf("%s: x-auth-modes %v, want %v", key, got, w.auth)
		}
		if got := goKindOf(t, key, o); got != w.kind {
			t.Errorf("%s: Go kind %d, want %d (0 plain, 1 x-go-custom, 2 x-go-items, 3 x-go-pages)", key, got, w.kind)
		}
		codes := errorCodesOf(o)
		for _, c := range w.codes {
			if !slices.Contains(codes, c) {
				t.Errorf("%s: no error example with code %s (have %v)", key, c, codes)
			}
		}
		var names, documented []string
		for _, r := range refusalsOf(t, key, o) {
			names = append(names, r.Error)
			if r.Documented {
				documented = append(documented, r.Error)
			}
		}
		if !slices.Equal(names, w.refusals) {
			t.Errorf("%s: x-refusals %v, want %v", key, names, w.refusals)
		}
		if !slices.Equal(documented, w.documents) {
			t.Errorf("%s: documented refusals %v, want %v", key, documented, w.documents)
		}
		// Path parameters that carry GUIDs are declared as such.
		for _, p := range o.Parameters {
			if p.Value.In == "path" && p.Value.Schema.Value.Format != "uuid" {
				t.Errorf("%s: path parameter %s is not format uuid", key, p.Value.Name)
			}
		}
		if _, ok := gen.LookupOperation(w.id); !ok {
			t.Errorf("%s: gen.LookupOperation(%q) finds nothing: run `make generate`", key, w.id)
		}
	}

	// One operation per documented use: the filters are optional parameters.
	users := doc.Paths.Value("/customers/{customerTenantId}/users").Get
	for _, name := range []string{"size", "filter"} {
		if p := users.Parameters.GetByInAndName("query", name); p == nil || p.Required {
			t.Errorf("listCustomerUsers: optional query parameter %s missing", name)
		}
	}
	if users.Parameters.GetByInAndName("header", "MS-ContinuationToken") == nil {
		t.Error("listCustomerUsers pages: MS-ContinuationToken missing")
	}
	subs := doc.Paths.Value("/customers/{customerTenantId}/subscriptions").Get
	for _, name := range []string{"order_id", "mpn_id"} {
		if p := subs.Parameters.GetByInAndName("query", name); p == nil || p.Required {
			t.Errorf("listCustomerSubscriptions: optional query parameter %s missing", name)
		}
	}
	for _, path := range []string{"/customers/{customerTenantId}/users/{userId}/licenses", "/customers/{customerTenantId}/subscribedskus"} {
		p := doc.Paths.Value(path).Get.Parameters.GetByInAndName("query", "licenseGroupIds")
		if p == nil || p.Required || !p.Schema.Value.Type.Is("array") || p.Explode == nil || !*p.Explode {
			t.Errorf("%s: licenseGroupIds must be an optional, repeated (exploded) array", path)
		}
	}

	// The subscription update takes If-Match, optional since new-commerce
	// subscriptions have no ETag, and a 202 with Location.
	patch := doc.Paths.Value("/customers/{customerTenantId}/subscriptions/{subscriptionId}").Patch
	if p := patch.Parameters.GetByInAndName("header", "If-Match"); p == nil || p.Required {
		t.Error("updateCustomerSubscription must declare an optional If-Match")
	}
	if r := patch.Responses.Value("202"); r == nil || r.Value.Headers["Location"] == nil || len(r.Value.Content) != 0 {
		t.Error("updateCustomerSubscription must declare 202 with Location and no body")
	}
	if ref := patch.RequestBody.Value.Content.Get("application/json").Schema.Ref; ref != "#/components/schemas/Subscription" {
		t.Errorf("updateCustomerSubscription takes %q, want the whole Subscription", ref)
	}

	// The user state a PATCH may set is a closed list: restoring only.
	var state []string
	for _, v := range doc.Components.Schemas["CustomerUserUpdate"].Value.Properties["state"].Value.Enum {
		state = append(state, fmt.Sprint(v))
	}
	if !slices.Equal(state, []string{"active"}) {
		t.Errorf("CustomerUserUpdate.state enum %v, want [active]", state)
	}
	if req := doc.Components.Schemas["NewDirectoryRoleMember"].Value.Required; !slices.Equal(req, []string{"id", "displayName", "userPrincipalName", "attributes"}) {
		t.Errorf("NewDirectoryRoleMember requires %v, the page requires id, displayName, userPrincipalName, attributes", req)
	}

	wantFields := map[string][]string{
		"CustomerUser": {"id", "usageLocation", "userPrincipalName", "firstName", "lastName", "displayName", "immutableId",
			"passwordProfile", "phoneNumber", "lastDirectorySyncTime", "userDomainType", "state", "softDeletionTime", "links", "attributes"},
		"PasswordProfile":    {"password", "forceChangePassword"},
		"NewPasswordProfile": {"password", "forceChangePassword"},
		"License":            {"servicePlans", "productSku", "attributes"},
		"LicenseUpdate":      {"licensesToAssign", "licensesToRemove", "licenseWarnings", "attributes"},
		"LicenseAssignment":  {"excludedPlans", "skuId"},
		"LicenseWarning":     {"code", "message", "servicePlans"},
		"ProductSku":         {"id", "name", "skuPartNumber", "targetType", "licenseGroupId"},
		"ServicePlan":        {"id", "displayName", "serviceName", "capabilityStatus", "targetType"},
		"SubscribedSku": {"availableUnits", "activeUnits", "consumedUnits", "suspendedUnits", "totalUnits", "warningUnits",
			"productSku", "servicePlans", "capabilityStatus", "attributes"},
		"DirectoryRole": {"id", "name", "attributes"},
		"UserMember":    {"displayName", "userPrincipalName", "roleId", "id", "attributes"},
		"SubscriptionLinks": {"offer", "parentSubscription", "product", "sku", "availability", "activationLinks", "entitlement",
			"self", "next", "previous"},
		"RefundOption": {"type", "expiresAt", "expiresAfter"},
		"Overage":      {"azureEntitlementId", "partnerId", "type", "overage", "links", "attributes"},
		"ProductType":  {"id", "displayName"},
	}
	for schema, fields := range wantFields {
		checkProperties(t, doc, schema, fields)
	}
	// Every property of the subscription resource table, plus those the
	// answers add.
	sub := doc.Components.Schemas["Subscription"].Value.Properties
	for _, f := range []string{"id", "offerId", "entitlementId", "offerName", "friendlyName", "quantity", "unitType",
		"parentSubscriptionId", "creationDate", "effectiveStartDate", "commitmentEndDate", "status", "autoRenewEnabled",
		"billingType", "billingCycle", "hasPurchasableAddons", "isTrial", "isMicrosoftProduct", "publisherName", "actions",
		"partnerId", "suspensionReasons", "contractType", "refundOptions", "links", "orderId", "termDuration", "attributes",
		"renewalTermDuration", "productType", "consumptionType", "promotionId",
		"cancellationAllowedUntilDate", "attentionNeeded", "actionTaken"} {
		if sub[f] == nil {
			t.Errorf("Subscription.%s missing", f)
		}
	}

	// Every property optional unless a page requires it; answers stay open.
	for name, ref := range doc.Components.Schemas {
		if ref.Value.AdditionalProperties.Has != nil && !*ref.Value.AdditionalProperties.Has {
			t.Errorf("schema %s forbids additional properties; answers must accept new fields", name)
		}
	}
	for _, name := range []string{"CustomerUser", "CustomerUserWithPassword", "NewCustomerUser", "CustomerUserUpdate",
		"License", "LicenseUpdate", "SubscribedSku", "DirectoryRole", "UserMember", "Subscription", "RefundOption"} {
		if req := doc.Components.Schemas[name].Value.Required; len(req) != 0 {
			t.Errorf("%s requires %v; no page requires these", name, req)
		}
	}
}

// goKindOf reads x-go-custom and x-go-items: at most one, x-go-custom a
// sentence, x-go-items true on a collection answer.
func goKindOf(t *testing.T, where string, o *openapi3.Operation) goKind {
	t.Helper()
	c, hasCustom := o.Extensions["x-go-custom"]
	i, hasItems := o.Extensions["x-go-items"]
	if pg, ok := o.Extensions["x-go-pages"]; ok {
		if pg != true || hasCustom || hasItems {
			t.Errorf("%s: x-go-pages must be true and alone", where)
		}
		return pages
	}
	switch {
	case hasCustom && hasItems:
		t.Errorf("%s: both x-go-custom and x-go-items", where)
		return custom
	case hasCustom:
		s, _ := c.(string)
		if len(strings.TrimSpace(s)) < 20 || !strings.HasSuffix(s, ".") {
			t.Errorf("%s: x-go-custom must be one sentence saying why, got %v", where, c)
		}
		return custom
	case hasItems:
		if i != true {
			t.Errorf("%s: x-go-items must be true, got %v", where, i)
		}
		ok := o.Responses.Value("200")
		if ok == nil {
			t.Errorf("%s: x-go-items without a 200 answer", where)
			return items
		}
		props := ok.Value.Content.Get("application/json").Schema.Value.Properties
		for _, f := range []string{"totalCount", "items", "links", "attributes"} {
			if props[f] == nil {
				t.Errorf("%s: x-go-items on an answer that is not a collection (no %s)", where, f)
			}
		}
		return items
	}
	return plain
}

// refusal is one entry of an operation's x-refusals.
type refusal struct {
	Error       string
	Status      int
	Code        string
	Documented  bool
	Description string
}

var pascalCase = regexp.MustCompile(`^[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*$`)

// refusalsOf decodes x-refusals strictly: every field present with its type.
func refusalsOf(t *testing.T, where string, o *openapi3.Operation) []refusal {
	t.Helper()
	v, ok := o.Extensions["x-refusals"]
	if !ok {
		return nil
	}
	list, ok := v.([]any)
	if !ok || len(list) == 0 {
		t.Errorf("%s: x-refusals is not a non-empty list", where)
		return nil
	}
	var out []refusal
	for n, x := range list {
		m, ok := x.(map[string]any)
		if !ok {
			t.Errorf("%s: x-refusals[%d] is not an object", where, n)
			continue
		}
		for k := range m {
			if !slices.Contains([]string{"error", "status", "code", "documented", "description", "hint"}, k) {
				t.Errorf("%s: x-refusals[%d] has unknown key %q", where, n, k)
			}
		}
		var r refusal
		r.Error, _ = m["error"].(string)
		if !pascalCase.MatchString(r.Error) {
			t.Errorf("%s: x-refusals[%d].error %v is not PascalCase", where, n, m["error"])
		}
		switch s := m["status"].(type) {
		case float64:
			if s != float64(int(s)) || s < 400 || s > 599 {
				t.Errorf("%s: %s: status %v is not a 4xx or 5xx integer", where, r.Error, s)
			}
			r.Status = int(s)
		default:
			t.Errorf("%s: %s: status %v (%T) is not an integer", where, r.Error, m["status"], m["status"])
		}
		var isString bool
		r.Code, isString = m["code"].(string)
		if _, err := strconv.Atoi(r.Code); !isString || err != nil {
			t.Errorf("%s: %s: code %v (%T) is not a string of digits", where, r.Error, m["code"], m["code"])
		}
		var isBool bool
		if r.Documented, isBool = m["documented"].(bool); !isBool {
			t.Errorf("%s: %s: documented %v is not a boolean", where, r.Error, m["documented"])
		}
		r.Description, _ = m["description"].(string)
		if len(strings.TrimSpace(r.Description)) < 20 {
			t.Errorf("%s: %s: description missing or too short", where, r.Error)
		}
		if !r.Documented && !strings.Contains(strings.ToLower(r.Description), "inferred") {
			t.Errorf("%s: %s: an undocumented refusal must say what it is inferred from", where, r.Error)
		}
		out = append(out, r)
	}
	return out
}

// TestRefusalsAreWellFormed checks every x-refusals entry of the document:
// error names unique, and each refusal declared among the operation's
// responses with an example that carries its code.
func TestRefusalsAreWellFormed(t *testing.T) {
	doc := loadSpec(t)
	seen := map[string]string{}
	total := 0
	for path, item := range doc.Paths.Map() {
		for method, o := range item.Operations() {
			where := method + " " + path
			for _, r := range refusalsOf(t, where, o) {
				total++
				if other, dup := seen[r.Error]; dup {
					t.Errorf("%s: refusal %s is also declared by %s", where, r.Error, other)
				}
				seen[r.Error] = where
				resp := o.Responses.Value(strconv.Itoa(r.Status))
				if resp == nil {
					t.Errorf("%s: refusal %s: status %d is not among the responses", where, r.Error, r.Status)
					continue
				}
				if resp.Value.Extensions["x-ms-error-response"] != true {
					t.Errorf("%s: refusal %s: response %d lacks x-ms-error-response", where, r.Error, r.Status)
				}
				found := false
				for _, mt := range resp.Value.Content {
					for _, ex := range mt.Examples {
						if m, ok := ex.Value.Value.(map[string]any); ok && strings.Trim(fmt.Sprint(m["code"]), `"`) == r.Code {
							found = true
						}
					}
				}
				if !found {
					t.Errorf("%s: refusal %s: no %d example carries code %s", where, r.Error, r.Status, r.Code)
				}
				if http.StatusText(r.Status) == "" {
					t.Errorf("%s: refusal %s: %d is not an HTTP status", where, r.Error, r.Status)
				}
			}
		}
	}
	if total < 10 {
		t.Errorf("only %d refusals in the document; the issue-17 ones are missing", total)
	}
	// The refusals the issue asks for by name of their cause.
	for _, name := range []string{"OutOfLicenses", "QuantityOutOfRange", "SubscriptionSuspended"} {
		if _, ok := seen[name]; !ok {
			t.Errorf("refusal %s missing", name)
		}
	}
}

// TestUserPasswordsAreSecrets: a password in clear carries format password
// and x-ms-secret; only the create and update answers hold one.
func TestUserPasswordsAreSecrets(t *testing.T) {
	doc := loadSpec(t)
	pw := doc.Components.Schemas["NewPasswordProfile"].Value.Properties["password"].Value
	if !pw.Type.Is("string") || pw.Format != "password" || pw.Extensions["x-ms-secret"] != true || pw.WriteOnly {
		t.Error("NewPasswordProfile.password must be a string with format password and x-ms-secret, not writeOnly (answers return it)")
	}
	// Every string property named password anywhere is a marked secret.
	for name, ref := range doc.Components.Schemas {
		if p := ref.Value.Properties["password"]; p != nil && p.Value.Type.Is("string") {
			if p.Value.Format != "password" || p.Value.Extensions["x-ms-secret"] != true {
				t.Errorf("%s.password is a string without format password and x-ms-secret", name)
			}
		}
	}
	for schema, ref := range map[string]string{
		"NewCustomerUser":          "#/components/schemas/NewPasswordProfile",
		"CustomerUserUpdate":       "#/components/schemas/NewPasswordProfile",
		"CustomerUserWithPassword": "#/components/schemas/NewPasswordProfile",
		"CustomerUser":             "#/components/schemas/PasswordProfile",
	} {
		if got := doc.Components.Schemas[schema].Value.Properties["passwordProfile"].Ref; got != ref {
			t.Errorf("%s.passwordProfile is %q, want %q", schema, got, ref)
		}
	}
	if ref := doc.Components.Schemas["PasswordProfile"].Value.Properties["password"].Ref; ref != "#/components/schemas/SecureString" {
		t.Errorf("PasswordProfile.password is %q, want the SecureString of the resource table", ref)
	}
	for id, want := range map[string]bool{
		"createCustomerUser": true, "updateCustomerUser": true,
		"getCustomerUser": false, "listCustomerUsers": false, "deleteCustomerUser": false,
	} {
		info, ok := gen.LookupOperation(id)
		if !ok || info.SecretAnswer != want {
			t.Errorf("%s: SecretAnswer %v, want %v (run `make generate`)", id, info.SecretAnswer, want)
		}
	}
	// The read and write forms of a user differ in the password only.
	names := func(schema string) []string {
		var out []string
		for n := range doc.Components.Schemas[schema].Value.Properties {
			out = append(out, n)
		}
		slices.Sort(out)
		return out
	}
	if a, b := names("CustomerUser"), names("CustomerUserWithPassword"); !slices.Equal(a, b) {
		t.Errorf("CustomerUser has %v, CustomerUserWithPassword %v", a, b)
	}
}

// TestOpenEnumerations: every value list the service may grow is a plain
// string with x-ms-enum (modelAsString, plain names) and no enum, so that
// every generator keeps an unknown value.
func TestOpenEnumerations(t *testing.T) {
	doc := loadSpec(t)
	plainName := regexp.MustCompile(`^[A-Za-z0-9]+$`)
	want := map[string][]string{
		"UserState":          {"active", "inactive"},
		"UserDomainType":     {"none", "managed", "federated"},
		"LicenseGroup":       {"group1", "group2"},
		"LicenseTargetType":  {"User", "Tenant"},
		"CapabilityStatus":   {"Enabled", "Assigned"},
		"SubscriptionStatus": {"none", "active", "pending", "suspended", "expired", "deleted"},
		"BillingType":        {"none", "usage", "license"},
		"BillingCycle":       {"monthly", "annual", "triennial", "none", "unknown"},
		"TermDuration":       {"P1M", "P1Y", "P3Y"},
		"ContractType":       {"subscription", "productKey", "redemptionCode"},
		"SubscriptionAction": {"edit", "cancel"},
		"RefundType":         {"Partial", "Full"},
		"ProductTypeKind":    {"OnlineServicesNCE", "Software"},
		"OverageType":        {"PhoneServices"},
	}
	for name := range want {
		if doc.Components.Schemas[name] == nil {
			t.Errorf("open enumeration %s missing", name)
		}
	}
	for name, ref := range doc.Components.Schemas {
		s := ref.Value
		ext, ok := s.Extensions["x-ms-enum"].(map[string]any)
		if !ok {
			continue
		}
		if !s.Type.Is("string") || len(s.Enum) != 0 {
			t.Errorf("%s: an open enumeration is a plain string without enum", name)
		}
		if ext["modelAsString"] != true || ext["name"] != name {
			t.Errorf("%s: x-ms-enum needs modelAsString: true and name %s", name, name)
		}
		if err := s.VisitJSON("SomeFutureValue"); err != nil {
			t.Errorf("%s rejects an unknown value: %v", name, err)
		}
		var values []string
		list, _ := ext["values"].([]any)
		for _, v := range list {
			m, _ := v.(map[string]any)
			value, _ := m["value"].(string)
			desc, _ := m["description"].(string)
			if !plainName.MatchString(value) || strings.TrimSpace(desc) == "" {
				t.Errorf("%s: x-ms-enum value %v must be a plain name with a description", name, m["value"])
			}
			if !strings.Contains(s.Description, "`"+value+"`") {
				t.Errorf("%s: the description does not name %s", name, value)
			}
			values = append(values, value)
		}
		if w, ok := want[name]; ok && !slices.Equal(values, w) {
			t.Errorf("%s: x-ms-enum values %v, want %v", name, values, w)
		}
	}
	// The properties that hold them point at the open enumerations.
	for prop, schema := range map[string]string{
		"CustomerUser.state": "UserState", "CustomerUser.userDomainType": "UserDomainType",
		"ProductSku.licenseGroupId": "LicenseGroup", "ProductSku.targetType": "LicenseTargetType",
		"ServicePlan.capabilityStatus": "CapabilityStatus", "SubscribedSku.capabilityStatus": "CapabilityStatus",
		"Subscription.status": "SubscriptionStatus", "Subscription.billingType": "BillingType",
		"Subscription.billingCycle": "BillingCycle", "Subscription.termDuration": "TermDuration",
		"Subscription.renewalTermDuration": "TermDuration", "Subscription.contractType": "ContractType",
		"RefundOption.type": "RefundType", "ProductType.id": "ProductTypeKind", "Overage.type": "OverageType",
	} {
		name, field, _ := strings.Cut(prop, ".")
		if ref := doc.Components.Schemas[name].Value.Properties[field].Ref; ref != "#/components/schemas/"+schema {
			t.Errorf("%s is %q, want the open enumeration %s", prop, ref, schema)
		}
	}
	if ref := doc.Components.Schemas["Subscription"].Value.Properties["actions"].Value.Items.Ref; ref != "#/components/schemas/SubscriptionAction" {
		t.Errorf("Subscription.actions items are %q, want SubscriptionAction", ref)
	}
	// The generated constants exist (api/opsgen).
	if !gen.KnownSubscriptionStatus("suspended") || gen.KnownSubscriptionStatus("SomeFutureValue") {
		t.Error("gen.KnownSubscriptionStatus does not match the spec: run `make generate`")
	}
}
