package wrapper

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/errbody"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

func TestStatusCategories(t *testing.T) {
	t.Parallel()
	all := []error{ErrInvalidInput, ErrBadRequest, ErrUnauthorized, ErrForbidden, ErrNotFound, ErrConflict, ErrPreconditionFailed, ErrThrottled, ErrServer, ErrMalformedResponse}
	tests := []struct {
		status int
		want   error
	}{
		{400, ErrBadRequest},
		{401, ErrUnauthorized},
		{403, ErrForbidden},
		{404, ErrNotFound},
		{409, ErrConflict},
		{412, ErrPreconditionFailed},
		{429, ErrThrottled},
		{500, ErrServer},
		{501, ErrServer},
		{503, ErrServer},
		{599, ErrServer},
		{408, ErrServer},
		{200, ErrMalformedResponse},
		{204, ErrMalformedResponse},
		{302, nil},
		{405, nil},
		{406, nil},
		{418, nil},
	}
	for _, tt := range tests {
		var err error = &ResponseError{StatusCode: tt.status}
		for _, sentinel := range all {
			if got := errors.Is(err, sentinel); got != (sentinel == tt.want) {
				t.Errorf("status %d: errors.Is(%v) = %v", tt.status, sentinel, got)
			}
		}
	}
}

func TestErrorBodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		code        string
		description string
		source      string
		data        int
	}{
		{name: "numeric code", status: 403, body: `{"code":20002,"description":"No relationship between caller and account.","data":[],"source":"PartnerFD"}`,
			code: "20002", description: "No relationship between caller and account.", source: "PartnerFD"},
		{name: "string code", status: 400, body: `{"code":"900118","description":"Invalid customer id.","data":["x",1],"source":"PartnerFD"}`,
			code: "900118", description: "Invalid customer id.", source: "PartnerFD", data: 2},
		{name: "bom", status: 404, body: "\xEF\xBB\xBF" + `{"code":60003,"description":"Tenant not found."}`,
			code: "60003", description: "Tenant not found."},
		{name: "multi-line description", status: 400, body: `{"code":3000,"description":"line one\nline two\r\n\tend"}`,
			code: "3000", description: "line one line two end"},
		{name: "nested error", status: 401, body: `{"error":{"code":"InvalidAuthenticationToken","message":"Access token has expired."}}`,
			code: "InvalidAuthenticationToken", description: "Access token has expired."},
		{name: "html gateway", status: 502, contentType: "text/html", body: "<html><head><title>502 Bad Gateway</title></head><body><h1>Bad &amp; gateway</h1>\n<script>x</script></body></html>",
			description: "502 Bad Gateway Bad & gateway x"},
		{name: "empty", status: 504, description: "Gateway Timeout"},
		{name: "json null", status: 500, body: `null`, description: "null"},
		{name: "truncated json keeps the code", status: 500, body: `{"code":800003,"source":"PartnerFD","descr`,
			code: "800003", source: "PartnerFD", description: `{"code":800003,"source":"PartnerFD","descr`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
				ct := tt.contentType
				if ct == "" {
					ct = "application/json"
				}
				w.Header().Set("Content-Type", ct)
				w.Header().Set("MS-CorrelationId", "c0c0c0c0-0000-0000-0000-000000000000")
				w.Header().Set("MS-RequestId", "d0d0d0d0-0000-0000-0000-000000000000")
				w.WriteHeader(tt.status)
				_, _ = io.WriteString(w, tt.body)
			})
			c := ts.client(func(o *ClientOptions) { o.Retry.MaxRetries = -1 })
			_, err := c.GetCustomer(testCtx(t), testCustomerID, nil)
			var re *ResponseError
			if !errors.As(err, &re) {
				t.Fatalf("err = %v, want *ResponseError", err)
			}
			if re.StatusCode != tt.status || re.Code != tt.code || re.Description != tt.description || re.Source != tt.source || len(re.Data) != tt.data {
				t.Errorf("got status %d code %q description %q source %q data %v", re.StatusCode, re.Code, re.Description, re.Source, re.Data)
			}
			if re.CorrelationID != "c0c0c0c0-0000-0000-0000-000000000000" || re.RequestID != "d0d0d0d0-0000-0000-0000-000000000000" {
				t.Errorf("IDs = %q, %q", re.CorrelationID, re.RequestID)
			}
			if re.Method != "GET" || re.Path != testPrefix+"/v1/customers/"+testCustomerID || re.Operation != "getCustomer" {
				t.Errorf("request = %s %s (%s)", re.Method, re.Path, re.Operation)
			}
			msg := err.Error()
			if strings.ContainsAny(msg, "\r\n") {
				t.Errorf("Error() is not one line: %q", msg)
			}
			assertNoToken(t, "error", msg)
		})
	}
}

func TestErrorBodyIsCapped(t *testing.T) {
	t.Parallel()
	big := strings.Repeat("<p>gateway exploded</p>", 200_000) // ~4.6 MB
	ts := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusBadGateway)
		_, _ = io.WriteString(w, big)
	})
	c := ts.client(func(o *ClientOptions) { o.Retry.MaxRetries = -1 })
	_, err := c.GetCustomer(testCtx(t), testCustomerID, nil)
	var re *ResponseError
	if !errors.As(err, &re) || re.StatusCode != 502 {
		t.Fatalf("err = %v", err)
	}
	if len(re.Description) > errbody.MaxExcerpt+3 || !strings.HasPrefix(re.Description, "gateway exploded") {
		t.Errorf("description = %q (%d bytes)", re.Description[:min(80, len(re.Description))], len(re.Description))
	}

	// A JSON body larger than the cap is cut: it then fails to parse and
	// yields an excerpt instead of being read whole.
	huge := `{"code":1,"description":"` + strings.Repeat("a", 2*transport.MaxErrorBody) + `"}`
	ts2 := newTestServer(t, jsonHandler(http.StatusBadRequest, huge))
	_, err = ts2.client(nil).GetCustomer(testCtx(t), testCustomerID, nil)
	if !errors.As(err, &re) || len(re.Description) > errbody.MaxExcerpt+3 {
		t.Errorf("oversized JSON error: %v", err)
	}
}

func TestForbiddenNamesGDAPRoles(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, jsonHandler(http.StatusForbidden, `{"code":900150,"description":"The role lacks rights for the operation."}`))
	c := ts.client(nil)
	ctx := testCtx(t)
	_, err := c.GetCustomerCustomDomains(ctx, testCustomerID, nil)
	var re *ResponseError
	if !errors.As(err, &re) || !errors.Is(err, ErrForbidden) {
		t.Fatalf("err = %v", err)
	}
	want := []string{"Directory Writer", "Global Reader", "Domain Administrator"}
	if !slices.Equal(re.GDAPRoles, want) {
		t.Errorf("GDAPRoles = %v, want %v", re.GDAPRoles, want)
	}
	for _, role := range want {
		if !strings.Contains(err.Error(), role) {
			t.Errorf("Error() does not name %q: %s", role, err)
		}
	}

	_, err = c.GetCustomerOrganization(ctx, testCustomerID, nil)
	if !errors.As(err, &re) || !slices.Equal(re.GDAPRoles, []string{"Directory Writer", "Global Reader"}) {
		t.Errorf("organization roles = %v", re.GDAPRoles)
	}

	// Roles only accompany 403s, and operations with none name none.
	_, err = c.GetCustomerBillingProfile(ctx, testCustomerID, nil)
	if !errors.As(err, &re) || len(re.GDAPRoles) != 0 || strings.Contains(err.Error(), "GDAP") {
		t.Errorf("billing profile 403 = %v (%v)", err, re.GDAPRoles)
	}
	ts.setHandler(jsonHandler(http.StatusNotFound, `{"code":60003,"description":"Tenant not found."}`))
	_, err = c.GetCustomerCustomDomains(ctx, testCustomerID, nil)
	if !errors.As(err, &re) || len(re.GDAPRoles) != 0 {
		t.Errorf("404 carries roles: %v", re.GDAPRoles)
	}
}

func TestGDAPRolesOnForbidden(t *testing.T) {
	t.Parallel()
	tests := map[string][]string{
		"getCustomer":                  {"Directory Writer", "Global Reader", "Domain Administrator"},
		"getCustomerCustomDomains":     {"Directory Writer", "Global Reader", "Domain Administrator"},
		"getCustomerOrganization":      {"Directory Writer", "Global Reader"},
		"listCustomers":                nil,
		"updateCustomerBillingProfile": nil,
		"noSuchOperation":              nil,
	}
	for op, want := range tests {
		e := newResponseError(op, fuzzResponse(http.StatusForbidden, "application/json", []byte(`{"code":20002}`)))
		if !slices.Equal(e.GDAPRoles, want) {
			t.Errorf("%s: GDAPRoles = %v, want %v", op, e.GDAPRoles, want)
		}
	}
	// Each error gets its own copy: changing it does not change the table.
	e := newResponseError("getCustomer", fuzzResponse(http.StatusForbidden, "application/json", nil))
	e.GDAPRoles[0] = "changed"
	if e := newResponseError("getCustomer", fuzzResponse(http.StatusForbidden, "application/json", nil)); e.GDAPRoles[0] != "Directory Writer" {
		t.Errorf("the roles table is shared with errors")
	}
	// Other statuses name no roles.
	if e := newResponseError("getCustomer", fuzzResponse(http.StatusNotFound, "application/json", nil)); e.GDAPRoles != nil {
		t.Errorf("404 names roles %v", e.GDAPRoles)
	}
}

func TestErrorString(t *testing.T) {
	t.Parallel()
	e := &ResponseError{
		StatusCode: 403, Code: "20002", Description: "No relationship\nbetween caller and account.",
		CorrelationID: "c0c0c0c0-0000-0000-0000-000000000000", RequestID: "d0d0d0d0-0000-0000-0000-000000000000",
		Method: "GET", Path: "/v1/customers/x/customDomains", Operation: "getCustomerCustomDomains",
		GDAPRoles: []string{"Directory Writer", "Global Reader"}, RetryAfter: 0,
	}
	want := "partnercenter: 403 Forbidden from getCustomerCustomDomains (GET /v1/customers/x/customDomains): code 20002: No relationship between caller and account.; the operation needs one of the GDAP roles: Directory Writer, Global Reader; MS-CorrelationId=c0c0c0c0-0000-0000-0000-000000000000; MS-RequestId=d0d0d0d0-0000-0000-0000-000000000000"
	if got := e.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
	e2 := &ResponseError{StatusCode: 429, Description: "slow down", RetryAfter: 57 * time.Second}
	if got := e2.Error(); got != "partnercenter: 429 Too Many Requests: slow down; retry after 57s" {
		t.Errorf("Error() = %q", got)
	}
}

func TestEchoedTokenIsScrubbed(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		body := `{"code":"` + auth + `","description":"bad header ` + auth + `","data":["` + auth + `",{"h":"` + auth + `"}],"source":"` + auth + `"}`
		jsonHandler(http.StatusBadRequest, body)(w, r)
	})
	_, err := ts.client(nil).GetCustomer(testCtx(t), testCustomerID, nil)
	var re *ResponseError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v", err)
	}
	assertNoToken(t, "error", err.Error())
	assertNoToken(t, "fields", fmt.Sprintf("%+v", *re))
	if !strings.Contains(re.Description, "REDACTED") {
		t.Errorf("description = %q", re.Description)
	}
}

func TestEchoedLongTokenIsScrubbedBeforeTruncation(t *testing.T) {
	t.Parallel()
	long := "eyJ" + strings.Repeat("A", 3000) + ".sig"
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		jsonHandler(http.StatusUnauthorized, `{"code":"`+auth+`","description":"`+auth+`"}`)(w, r)
	}))
	defer srv.Close()
	c, err := NewClient(StaticTokenCredential(long, time.Now().Add(time.Hour)), &ClientOptions{
		ClientOptions: azcore.ClientOptions{
			Cloud:     CustomCloud(srv.URL, "a", ""),
			Transport: srv.Client(),
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.GetCustomer(testCtx(t), testCustomerID, nil)
	var re *ResponseError
	if !errors.As(err, &re) {
		t.Fatalf("err = %v", err)
	}
	if strings.Contains(err.Error(), "eyJAAAA") || strings.Contains(re.Code+re.Description, "AAAAAAAA") {
		t.Errorf("a piece of the token survived: %.200s", err)
	}
}

// TestEveryRefusalHasItsSentinel: each refusal of gen's table (the spec's
// x-refusals) matches its sentinel, and only for its operation (a refusal of
// every operation for any).
func TestEveryRefusalHasItsSentinel(t *testing.T) {
	t.Parallel()
	for _, r := range gen.Refusals() {
		sentinel, ok := refusalErrors[r.Name]
		if !ok || sentinel == nil {
			t.Errorf("refusal %s has no sentinel", r.Name)
			continue
		}
		op := r.Operation
		if op == "" {
			op = gen.OperationGetCustomer
		}
		e := &ResponseError{Operation: op, StatusCode: r.Status, Code: r.Code}
		if !errors.Is(e, sentinel) {
			t.Errorf("%s: %+v does not match its sentinel", r.Name, e)
		}
		if r.Operation != "" {
			other := &ResponseError{Operation: "someOtherOperation", StatusCode: r.Status, Code: r.Code}
			if errors.Is(other, sentinel) {
				t.Errorf("%s matches an answer of another operation", r.Name)
			}
		}
		if wrong := (&ResponseError{Operation: op, StatusCode: r.Status, Code: r.Code + "0"}); errors.Is(wrong, sentinel) {
			t.Errorf("%s matches another code", r.Name)
		}
	}
	if len(refusalErrors) != len(gen.Refusals()) {
		t.Errorf("%d sentinels for %d refusals", len(refusalErrors), len(gen.Refusals()))
	}
}
