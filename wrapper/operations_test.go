package wrapper

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
)

const customerJSON = `{"id":"aaaabbbb-0000-cccc-1111-dddd2222eeee","commerceId":"99e6a635-48e7-424d-9059-c9db944e3c54",
 "companyProfile":{"tenantId":"aaaabbbb-0000-cccc-1111-dddd2222eeee","domain":"contoso.onmicrosoft.com","companyName":"Contoso"},
 "relationshipToPartner":"reseller","allowDelegatedAccess":true,"tags":["gold"],"attributes":{"objectType":"Customer"}}`

const billingJSON = `{"id":"b1","firstName":"Ada","lastName":"Lovelace","email":"ada@contoso.com","culture":"en-US","language":"en",
 "companyName":"Contoso","attributes":{"etag":"-4242348048554929329","objectType":"CustomerBillingProfile"}}`

func TestOperationsHappyPath(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		rest := strings.TrimPrefix(r.URL.Path, testPrefix+"/v1")
		switch {
		case r.Method == http.MethodGet && rest == "/customers/"+testCustomerID:
			_, _ = io.WriteString(w, customerJSON)
		case r.Method == http.MethodGet && rest == "/customers/"+testCustomerID+"/customDomains":
			_, _ = io.WriteString(w, `["contoso.com","contoso.onmicrosoft.com"]`)
		case r.Method == http.MethodGet && rest == "/customers/"+testCustomerID+"/organization":
			_, _ = io.WriteString(w, `[{"displayName":"Contoso","city":"Redmond","countryLetterCode":"US","technicalNotificationMails":["it@contoso.com"]}]`)
		case r.Method == http.MethodGet && rest == "/customers/"+testCustomerID+"/profiles/company":
			_, _ = io.WriteString(w, `{"tenantId":"`+testCustomerID+`","companyName":"Contoso","domain":"contoso.onmicrosoft.com"}`)
		case r.Method == http.MethodGet && rest == "/customers/"+testCustomerID+"/profiles/billing":
			_, _ = io.WriteString(w, billingJSON)
		case r.Method == http.MethodPut && rest == "/customers/"+testCustomerID+"/profiles/billing":
			var p CustomerBillingProfile
			if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
				http.Error(w, err.Error(), http.StatusBadRequest)
				return
			}
			etag := "-4242348048554929328"
			p.Attributes.Etag = &etag
			_ = json.NewEncoder(w).Encode(p)
		case r.Method == http.MethodHead && rest == "/domains/contoso.onmicrosoft.com":
			w.WriteHeader(http.StatusOK)
		case r.Method == http.MethodHead && rest == "/domains/free.onmicrosoft.com":
			w.WriteHeader(http.StatusNotFound)
		default:
			t.Errorf("unexpected %s %s", r.Method, r.URL.Path)
			w.WriteHeader(http.StatusNotImplemented)
		}
	})
	c := ts.client(nil)
	ctx := testCtx(t)

	cu, err := c.GetCustomer(ctx, testCustomerID, nil)
	if err != nil {
		t.Fatalf("GetCustomer: %v", err)
	}
	if *cu.ID != testCustomerID || *cu.CompanyProfile.CompanyName != "Contoso" || *cu.RelationshipToPartner != RelationshipToPartnerReseller || !*cu.AllowDelegatedAccess {
		t.Errorf("GetCustomer = %+v", cu)
	}

	domains, err := c.GetCustomerCustomDomains(ctx, testCustomerID, nil)
	if err != nil || strings.Join(domains, ",") != "contoso.com,contoso.onmicrosoft.com" {
		t.Errorf("GetCustomerCustomDomains = %v, %v", domains, err)
	}

	orgs, err := c.GetCustomerOrganization(ctx, testCustomerID, nil)
	if err != nil || len(orgs) != 1 || *orgs[0].DisplayName != "Contoso" || orgs[0].TechnicalNotificationMails[0] != "it@contoso.com" {
		t.Errorf("GetCustomerOrganization = %+v, %v", orgs, err)
	}

	cp, err := c.GetCustomerCompanyProfile(ctx, testCustomerID, nil)
	if err != nil || *cp.TenantID != testCustomerID {
		t.Errorf("GetCustomerCompanyProfile = %+v, %v", cp, err)
	}

	bp, err := c.GetCustomerBillingProfile(ctx, testCustomerID, nil)
	if err != nil || *bp.Attributes.Etag != "-4242348048554929329" {
		t.Fatalf("GetCustomerBillingProfile = %+v, %v", bp, err)
	}
	first := "Grace"
	bp.FirstName = &first
	updated, err := c.UpdateCustomerBillingProfile(ctx, testCustomerID, *bp, nil)
	if err != nil || *updated.FirstName != "Grace" || *updated.Attributes.Etag != "-4242348048554929328" {
		t.Errorf("UpdateCustomerBillingProfile = %+v, %v", updated, err)
	}

	taken, err := c.CheckDomainAvailability(ctx, "contoso.onmicrosoft.com", nil)
	if err != nil || taken {
		t.Errorf("CheckDomainAvailability(taken) = %v, %v", taken, err)
	}
	free, err := c.CheckDomainAvailability(ctx, "free.onmicrosoft.com", nil)
	if err != nil || !free {
		t.Errorf("CheckDomainAvailability(free) = %v, %v", free, err)
	}

	for _, r := range ts.requests() {
		if r.Method != http.MethodPut {
			continue
		}
		if got := r.Header.Get("If-Match"); got != `"-4242348048554929329"` {
			t.Errorf("If-Match = %q, want the quoted ETag", got)
		}
		if ct := r.Header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("PUT Content-Type = %q", ct)
		}
		if !strings.Contains(r.Body, `"firstName":"Grace"`) {
			t.Errorf("PUT body = %s", r.Body)
		}
	}
}

func TestUpdateBillingProfileETagOption(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, jsonHandler(http.StatusOK, billingJSON))
	c := ts.client(nil)
	ctx := testCtx(t)
	if _, err := c.UpdateCustomerBillingProfile(ctx, testCustomerID, CustomerBillingProfile{}, nil); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("no ETag: err = %v, want ErrInvalidInput", err)
	}
	if len(ts.requests()) != 0 {
		t.Fatalf("a PUT without ETag reached the network")
	}
	stale := "stale"
	p := CustomerBillingProfile{Attributes: &ResourceAttributes{Etag: &stale}}
	if _, err := c.UpdateCustomerBillingProfile(ctx, testCustomerID, p, &UpdateCustomerBillingProfileOptions{ETag: `"fresh"`}); err != nil {
		t.Fatal(err)
	}
	if got := ts.requests()[0].Header.Get("If-Match"); got != `"fresh"` {
		t.Errorf("If-Match = %q, want the option's ETag", got)
	}
}

func TestOrganizationShapesAndBOM(t *testing.T) {
	t.Parallel()
	const bom = "\xEF\xBB\xBF"
	tests := []struct {
		name string
		body string
		want int
		ok   bool
	}{
		{"array", `[{"displayName":"A"},{"displayName":"B"}]`, 2, true},
		{"object", `{"displayName":"A"}`, 1, true},
		{"empty array", `[]`, 0, true},
		{"null", `null`, 0, false}, // a JSON null is no answer: ErrMalformedResponse
		{"bom array", bom + `[{"displayName":"A"}]`, 1, true},
		{"bom object with space", bom + "\n {\"displayName\":\"A\"}", 1, true},
		{"string", `"A"`, 0, false},
		{"empty", ``, 0, false},
		{"broken", `[{"displayName":`, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := newTestServer(t, jsonHandler(http.StatusOK, tt.body))
			got, err := ts.client(nil).GetCustomerOrganization(testCtx(t), testCustomerID, nil)
			if (err == nil) != tt.ok {
				t.Fatalf("err = %v, want ok %v", err, tt.ok)
			}
			if err == nil && (len(got) != tt.want || got == nil) {
				t.Errorf("got %d organizations (nil %v), want %d", len(got), got == nil, tt.want)
			}
			if err == nil && tt.want > 0 && *got[0].DisplayName != "A" {
				t.Errorf("first organization = %+v", got[0])
			}
		})
	}
}

func TestBOMOnEveryJSONBody(t *testing.T) {
	t.Parallel()
	const bom = "\xEF\xBB\xBF"
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		switch {
		case strings.HasSuffix(r.URL.Path, "/customDomains"):
			_, _ = io.WriteString(w, bom+`["contoso.com"]`)
		case strings.HasSuffix(r.URL.Path, "/customers"):
			_, _ = io.WriteString(w, bom+`{"totalCount":1,"items":[{"id":"`+testCustomerID+`"}]}`)
		case strings.HasSuffix(r.URL.Path, "/profiles/billing"):
			_, _ = io.WriteString(w, bom+billingJSON)
		case strings.HasSuffix(r.URL.Path, "/profiles/company"):
			_, _ = io.WriteString(w, bom+`{"companyName":"Contoso"}`)
		default:
			_, _ = io.WriteString(w, bom+customerJSON)
		}
	})
	c := ts.client(nil)
	ctx := testCtx(t)
	if cu, err := c.GetCustomer(ctx, testCustomerID, nil); err != nil || *cu.ID != testCustomerID {
		t.Errorf("GetCustomer with BOM = %v, %v", cu, err)
	}
	if d, err := c.GetCustomerCustomDomains(ctx, testCustomerID, nil); err != nil || len(d) != 1 {
		t.Errorf("GetCustomerCustomDomains with BOM = %v, %v", d, err)
	}
	if p, err := c.GetCustomerBillingProfile(ctx, testCustomerID, nil); err != nil || *p.FirstName != "Ada" {
		t.Errorf("GetCustomerBillingProfile with BOM = %v, %v", p, err)
	}
	if p, err := c.GetCustomerCompanyProfile(ctx, testCustomerID, nil); err != nil || *p.CompanyName != "Contoso" {
		t.Errorf("GetCustomerCompanyProfile with BOM = %v, %v", p, err)
	}
	n := 0
	for cu, err := range c.ListCustomers(ctx, nil) {
		if err != nil {
			t.Fatalf("ListCustomers with BOM: %v", err)
		}
		if *cu.ID != testCustomerID {
			t.Errorf("customer = %+v", cu)
		}
		n++
	}
	if n != 1 {
		t.Errorf("ListCustomers yielded %d customers", n)
	}
}

func TestEmptyAndMalformedSuccessBodies(t *testing.T) {
	t.Parallel()
	tests := []struct {
		body, contentType string
		want              []string // in the description
	}{
		{"", "application/json", []string{"malformed answer (Content-Type application/json)", "the body is empty"}},
		{"   ", "application/json", []string{"the body is empty"}},
		{"<html><body><h1>Sign in</h1> to continue</body></html>", "text/html", []string{"Content-Type text/html", "the body starts: Sign in to continue"}},
		{`{"id":`, "application/json", []string{"decoding the JSON: unexpected end of JSON input"}},
		{"\xEF\xBB\xBF" + `{"id": 7}`, "application/json", []string{"cannot unmarshal number"}},
	}
	for _, tt := range tests {
		ts := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
			w.Header().Set("Content-Type", tt.contentType)
			w.Header().Set("MS-RequestId", "d0d0d0d0-0000-0000-0000-000000000000")
			_, _ = io.WriteString(w, tt.body)
		})
		_, err := ts.client(nil).GetCustomer(testCtx(t), testCustomerID, nil)
		var re *ResponseError
		if !errors.As(err, &re) || !errors.Is(err, ErrMalformedResponse) || errors.Is(err, ErrServer) {
			t.Errorf("body %q: err = %v, want a *ResponseError matching only ErrMalformedResponse", tt.body, err)
			continue
		}
		if re.StatusCode != http.StatusOK || re.Operation != "getCustomer" || re.RequestID != "d0d0d0d0-0000-0000-0000-000000000000" ||
			re.CorrelationID == "" || re.Err == nil || errors.Unwrap(err) == nil {
			t.Errorf("body %q: %+v", tt.body, re)
		}
		for _, w := range tt.want {
			if !strings.Contains(re.Description, w) {
				t.Errorf("body %q: description %q lacks %q", tt.body, re.Description, w)
			}
		}
		if n := len(ts.requests()); n != 1 {
			t.Errorf("body %q: %d tries, want 1 (a malformed answer is not retried)", tt.body, n)
		}
		assertNoToken(t, "error", err.Error())
	}
}

func TestJSONUnderAnotherContentTypeIsAccepted(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		_, _ = io.WriteString(w, customerJSON)
	})
	cu, err := ts.client(nil).GetCustomer(testCtx(t), testCustomerID, nil)
	if err != nil || cu.ID == nil || *cu.ID != testCustomerID {
		t.Fatalf("GetCustomer = %+v, %v", cu, err)
	}
}

func TestUnexpectedSuccessStatusOfDomainCheck(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(http.StatusNoContent) })
	_, err := ts.client(nil).CheckDomainAvailability(testCtx(t), "contoso.onmicrosoft.com", nil)
	var re *ResponseError
	if !errors.As(err, &re) || !errors.Is(err, ErrMalformedResponse) || re.StatusCode != http.StatusNoContent || re.Method != http.MethodHead {
		t.Fatalf("err = %v", err)
	}
}

func TestCheckDomainAvailabilityErrors(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("MS-RequestId", "11111111-2222-3333-4444-555555555555")
		w.WriteHeader(http.StatusBadRequest)
	})
	c := ts.client(nil)
	_, err := c.CheckDomainAvailability(testCtx(t), "contoso.onmicrosoft.com", nil)
	var re *ResponseError
	if !errors.As(err, &re) || !errors.Is(err, ErrBadRequest) || re.Method != http.MethodHead || re.Operation != "checkDomainAvailability" {
		t.Fatalf("err = %#v", err)
	}
	if re.Description != "Bad Request" || re.RequestID != "11111111-2222-3333-4444-555555555555" {
		t.Errorf("empty HEAD error: %+v", re)
	}
	if _, err := c.CheckDomainAvailability(testCtx(t), "../etc", nil); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("bad domain: err = %v", err)
	}
	if len(ts.requests()) != 1 {
		t.Errorf("requests = %d, want 1", len(ts.requests()))
	}
}
