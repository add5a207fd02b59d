package main

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// Tests in this file run the command line against the embedded fake, with
// the server injected so that they can switch faults on and read what the
// fake received.

const fakeExtra = 25 // generated customers in the tests' fakes

// newFakeApp returns an app whose --fake runs use a fresh test server (which
// validates its answers against the spec) with quick retries: one retry
// after about a millisecond.
func newFakeApp(t *testing.T) (*app, *fake.Server) {
	t.Helper()
	srv := fake.NewTestServer(t, &fake.Options{ExtraCustomers: fakeExtra})
	return &app{
		fakeServer: srv,
		retry:      &policy.RetryOptions{MaxRetries: 1, RetryDelay: time.Millisecond, MaxRetryDelay: 10 * time.Millisecond},
	}, srv
}

// decode unmarshals JSON output into v, failing the test when it is not.
func decode(t *testing.T, out string, v any) {
	t.Helper()
	if err := json.Unmarshal([]byte(out), v); err != nil {
		t.Fatalf("output is not the JSON expected: %v\n%s", err, out)
	}
}

func TestCustomerCommandsJSON(t *testing.T) {
	t.Parallel()
	a, _ := newFakeApp(t)
	id := fake.DocumentedCustomerID

	r := runApp(t, a, "--fake", "customer", "get", id)
	r.wantCode(t, exitOK)
	var c wrapper.Customer
	decode(t, r.stdout, &c)
	if str(c.ID) != id || c.CompanyProfile == nil || str(c.CompanyProfile.CompanyName) != "1kl as kjk" ||
		str(c.CompanyProfile.Domain) != "abcdefgh1234.onmicrosoft.com" || c.RelationshipToPartner == nil ||
		*c.RelationshipToPartner != wrapper.RelationshipToPartnerReseller || c.BillingProfile == nil {
		t.Errorf("customer get decoded to %+v", c)
	}
	if r.stderr != "" {
		t.Errorf("stderr %q", r.stderr)
	}

	r = runApp(t, a, "--fake", "customer", "domains", id)
	r.wantCode(t, exitOK)
	var domains []string
	decode(t, r.stdout, &domains)
	if len(domains) == 0 || !strings.Contains(domains[0], ".") {
		t.Errorf("customer domains decoded to %q", domains)
	}

	r = runApp(t, a, "--fake", "customer", "organization", id)
	r.wantCode(t, exitOK)
	var orgs []wrapper.CustomerOrganization
	decode(t, r.stdout, &orgs)
	if len(orgs) != 1 || str(orgs[0].DisplayName) == "" {
		t.Errorf("customer organization decoded to %+v", orgs)
	}

	r = runApp(t, a, "--fake", "customer", "company-profile", id)
	r.wantCode(t, exitOK)
	var cp wrapper.CustomerCompanyProfile
	decode(t, r.stdout, &cp)
	if str(cp.TenantID) != id || str(cp.CompanyName) != "1kl as kjk" {
		t.Errorf("customer company-profile decoded to %+v", cp)
	}

	r = runApp(t, a, "--fake", "customer", "billing-profile", id)
	r.wantCode(t, exitOK)
	var bp wrapper.CustomerBillingProfile
	decode(t, r.stdout, &bp)
	if str(bp.Email) != "a@a.com" || bp.Attributes == nil || str(bp.Attributes.Etag) == "" {
		t.Errorf("customer billing-profile decoded to %+v", bp)
	}
}

func TestCustomerCommandsTable(t *testing.T) {
	t.Parallel()
	a, _ := newFakeApp(t)
	id := fake.DocumentedCustomerID
	tests := []struct {
		cmd  string
		want []string
	}{
		{"get", []string{"ID  ", id, "Company  ", "1kl as kjk", "Relationship  ", "reseller", "Billing email  ", "a@a.com"}},
		{"domains", []string{"DOMAIN\n", ".onmicrosoft.com\n"}},
		{"organization", []string{"DISPLAY NAME  ", "COUNTRY  ", "Contoso  "}},
		{"company-profile", []string{"Tenant ID  ", "Company  ", "1kl as kjk", "Domain  ", "abcdefgh1234.onmicrosoft.com"}},
		{"billing-profile", []string{"Email  ", "a@a.com", "ETag  "}},
	}
	for _, tt := range tests {
		t.Run(tt.cmd, func(t *testing.T) {
			r := runApp(t, a, "--fake", "-o", "table", "customer", tt.cmd, id)
			r.wantCode(t, exitOK)
			for _, w := range tt.want {
				if !strings.Contains(r.stdout, w) {
					t.Errorf("table lacks %q:\n%s", w, r.stdout)
				}
			}
			if strings.Contains(r.stdout, "{") {
				t.Errorf("table output contains JSON:\n%s", r.stdout)
			}
		})
	}
}

func TestRunWithEmbeddedFake(t *testing.T) {
	t.Parallel()
	var stdout, stderr strings.Builder
	ctx := deadlineContext(t, context.Background())
	args := []string{"--fake", "-o", "table", "customer", "get", fake.DocumentedCustomerID}
	code := run(ctx, args, &stdout, &stderr)
	checkDeadline(t, ctx, args)
	if code != exitOK || !strings.Contains(stdout.String(), "1kl as kjk") {
		t.Fatalf("exit status %d\nstdout:\n%s\nstderr:\n%s", code, stdout.String(), stderr.String())
	}
}

// listRequests counts the listCustomers requests srv received.
func listRequests(srv *fake.Server) int { return len(srv.RequestsFor("listCustomers")) }

func TestCustomerListJSONStreamsAllPages(t *testing.T) {
	t.Parallel()
	a, srv := newFakeApp(t)
	r := runApp(t, a, "--fake", "customer", "list", "--page-size", "10")
	r.wantCode(t, exitOK)
	var cs []wrapper.Customer
	decode(t, r.stdout, &cs)
	seen := map[string]bool{}
	for _, c := range cs {
		if seen[str(c.ID)] {
			t.Errorf("customer %s listed twice", str(c.ID))
		}
		seen[str(c.ID)] = true
	}
	if len(cs) <= 2*10 || !seen[fake.DocumentedCustomerID] || !seen[fake.ContosoCustomerID] {
		t.Fatalf("listed %d customers (documented ones present: %v, %v), want more than 20", len(cs),
			seen[fake.DocumentedCustomerID], seen[fake.ContosoCustomerID])
	}
	if got, want := listRequests(srv), (len(cs)+9)/10; got != want {
		t.Errorf("%d list requests for %d customers in pages of 10, want %d", got, len(cs), want)
	}
	if r.stderr != "" {
		t.Errorf("stderr %q (not a terminal: no progress line expected)", r.stderr)
	}
}

func TestCustomerListDefaultPageSize(t *testing.T) {
	t.Parallel()
	a, srv := newFakeApp(t)
	r := runApp(t, a, "--fake", "-o", "jsonl", "customer", "list")
	r.wantCode(t, exitOK)
	reqs := srv.RequestsFor("listCustomers")
	if len(reqs) != 1 || !strings.Contains(reqs[0].RawQuery, "size="+strconv.Itoa(defaultPageSize)) {
		t.Fatalf("requests %+v, want one with size=%d", reqs, defaultPageSize)
	}
	if n := strings.Count(r.stdout, "\n"); n <= fakeExtra {
		t.Errorf("%d customers listed, want all %d+", n, fakeExtra)
	}
}

func TestCustomerListMaxStopsFetching(t *testing.T) {
	t.Parallel()
	a, srv := newFakeApp(t)
	r := runApp(t, a, "--fake", "-o", "jsonl", "customer", "list", "--page-size", "10", "--max", "15")
	r.wantCode(t, exitOK)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if len(lines) != 15 {
		t.Fatalf("%d lines, want 15:\n%s", len(lines), r.stdout)
	}
	for _, l := range lines {
		var c wrapper.Customer
		decode(t, l, &c)
		if c.ID == nil {
			t.Fatalf("line without a customer ID: %s", l)
		}
	}
	if got := listRequests(srv); got != 2 {
		t.Errorf("%d list requests, want 2", got)
	}
}

func TestCustomerListTable(t *testing.T) {
	t.Parallel()
	a, _ := newFakeApp(t)
	r := runApp(t, a, "--fake", "-o", "table", "customer", "list", "--page-size", "5")
	r.wantCode(t, exitOK)
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	if !strings.HasPrefix(lines[0], "ID ") || !strings.Contains(lines[0], "COMPANY") || !strings.HasSuffix(lines[0], "RELATIONSHIP") {
		t.Fatalf("header %q", lines[0])
	}
	if len(lines) < 1+5*3 {
		t.Fatalf("%d lines, want several pages of rows", len(lines))
	}
	var documented string
	for _, l := range lines {
		if strings.HasPrefix(l, fake.DocumentedCustomerID) {
			documented = l
		}
	}
	if !strings.Contains(documented, "1kl as kjk") || !strings.Contains(documented, "reseller") {
		t.Errorf("documented customer row %q", documented)
	}
}

func TestCustomerListProgress(t *testing.T) {
	t.Parallel()
	a, _ := newFakeApp(t)
	a.isTerminal = func(io.Writer) bool { return true }
	r := runApp(t, a, "--fake", "-o", "jsonl", "customer", "list", "--page-size", "10")
	r.wantCode(t, exitOK)
	n := strings.Count(r.stdout, "\n")
	for _, want := range []string{"10 customers so far, page 1", "20 customers so far, page 2",
		"partnercenter: listed " + strconv.Itoa(n) + " customers in " + strconv.Itoa((n+9)/10) + " pages\n"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%q", want, r.stderr)
		}
	}

	a, _ = newFakeApp(t)
	a.isTerminal = func(io.Writer) bool { return true }
	r = runApp(t, a, "--fake", "-q", "customer", "list", "--page-size", "10")
	r.wantCode(t, exitOK)
	if r.stderr != "" {
		t.Errorf("--quiet: stderr %q", r.stderr)
	}
}

// TestVerboseHidesProgress is not parallel: --verbose sets azcore's
// process-wide log listener.
func TestVerboseHidesProgress(t *testing.T) {
	a, _ := newFakeApp(t)
	a.isTerminal = func(io.Writer) bool { return true }
	r := runApp(t, a, "--fake", "-v", "-o", "jsonl", "customer", "list", "--page-size", "10")
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stderr, "OUTGOING REQUEST") || strings.Contains(r.stderr, "customers so far") {
		t.Errorf("want the verbose log without a progress line on stderr:\n%s", r.stderr)
	}
}

func TestCustomerListFilter(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args   []string
		wantID string
		match  func(c wrapper.Customer) bool
	}{
		{[]string{"--filter", "Cont"}, fake.ContosoCustomerID, func(c wrapper.Customer) bool {
			return strings.HasPrefix(strings.ToLower(str(c.CompanyProfile.CompanyName)), "cont")
		}},
		{[]string{"--filter", "abcdefgh", "--filter-field", "domain"}, fake.DocumentedCustomerID, func(c wrapper.Customer) bool {
			return strings.HasPrefix(str(c.CompanyProfile.Domain), "abcdefgh")
		}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			a, srv := newFakeApp(t)
			r := runApp(t, a, append([]string{"--fake", "customer", "list"}, tt.args...)...)
			r.wantCode(t, exitOK)
			var cs []wrapper.Customer
			decode(t, r.stdout, &cs)
			found := false
			for _, c := range cs {
				if c.CompanyProfile == nil || !tt.match(c) {
					t.Errorf("customer %s does not match the filter", str(c.ID))
				}
				found = found || str(c.ID) == tt.wantID
			}
			if !found {
				t.Errorf("customer %s missing from %d results", tt.wantID, len(cs))
			}
			reqs := srv.RequestsFor("listCustomers")
			if len(reqs) == 0 || !strings.Contains(reqs[0].RawQuery, "filter=") || !strings.Contains(reqs[0].RawQuery, "size=0") {
				t.Errorf("not the documented search request (size=0 and a filter): %+v", reqs)
			}
		})
	}
}

func TestDomainAvailable(t *testing.T) {
	t.Parallel()
	a, _ := newFakeApp(t)
	tests := []struct {
		args       []string
		wantCode   int
		wantStatus string
	}{
		{[]string{"domain", "available", "abcdefgh1234.onmicrosoft.com"}, exitOK, "taken"},
		{[]string{"domain", "available", "brand-new-name-4242.onmicrosoft.com"}, exitOK, "available"},
		{[]string{"domain", "available", "--exit-code", "abcdefgh1234.onmicrosoft.com"}, exitError, "taken"},
		{[]string{"domain", "available", "--exit-code", "brand-new-name-4242.onmicrosoft.com"}, exitOK, "available"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			r := runApp(t, a, append([]string{"--fake"}, tt.args...)...)
			r.wantCode(t, tt.wantCode)
			var got domainAvailability
			decode(t, r.stdout, &got)
			if got.Status != tt.wantStatus || got.Available != (tt.wantStatus == "available") {
				t.Errorf("got %+v, want status %s", got, tt.wantStatus)
			}
			if r.stderr != "" {
				t.Errorf("stderr %q", r.stderr)
			}
		})
	}
	r := runApp(t, a, "--fake", "-o", "table", "domain", "available", "abcdefgh1234.onmicrosoft.com")
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, "Status  taken") {
		t.Errorf("table %q", r.stdout)
	}
}

func TestInvalidInputSendsNothing(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"bad GUID", []string{"customer", "get", "aaaabbbb-0000-cccc-1111-dddd2222eeeZ"}, "invalid CUSTOMER_ID"},
		{"short GUID", []string{"customer", "billing-profile", "aaaabbbb"}, "invalid CUSTOMER_ID"},
		{"bad domain", []string{"domain", "available", "not a domain!"}, "invalid input"},
		{"unknown cloud", []string{"--cloud", "mars", "customer", "get", fake.DocumentedCustomerID}, `invalid --cloud "mars"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, srv := newFakeApp(t)
			r := runApp(t, a, append([]string{"--fake"}, tt.args...)...)
			r.wantCode(t, exitUsage)
			if !strings.Contains(r.stderr, tt.want) || r.stdout != "" {
				t.Errorf("stdout %q, stderr lacks %q:\n%s", r.stdout, tt.want, r.stderr)
			}
			if reqs := srv.Requests(); len(reqs) != 0 {
				t.Errorf("the fake received %d requests, want none: %+v", len(reqs), reqs)
			}
		})
	}
}

func TestServiceErrors(t *testing.T) {
	t.Parallel()
	id := fake.DocumentedCustomerID
	tests := []struct {
		name      string
		inject    func(f *fake.Faults)
		args      []string
		wantCode  int
		wantTries int // requests the fake must have received
		want      []string
	}{
		{
			name:     "not found",
			args:     []string{"customer", "get", "00000000-0000-0000-0000-00000000beef"},
			wantCode: exitNotFound, wantTries: 1,
			want: []string{"404 Not Found from getCustomer (GET /v1/customers/00000000-0000-0000-0000-00000000beef)",
				"Partner Center code:", "Description:", "hint: check the customer ID"},
		},
		{
			name:     "forbidden names the GDAP roles",
			inject:   func(f *fake.Faults) { f.FailNext(1, http.StatusForbidden) },
			args:     []string{"customer", "domains", id},
			wantCode: exitForbidden, wantTries: 1,
			want: []string{"403 Forbidden from getCustomerCustomDomains", "Partner Center code:", "GDAP roles:",
				"hint: ", "Directory Writer", "Global Reader", "Domain Administrator"},
		},
		{
			name:     "unauthorized",
			inject:   func(f *fake.Faults) { f.FailNext(5, http.StatusUnauthorized) },
			args:     []string{"customer", "get", id},
			wantCode: exitAuth,
			want:     []string{"401 Unauthorized", "hint: the service refused the access token"},
		},
		{
			name: "throttled after the retries",
			inject: func(f *fake.Faults) {
				f.FailNextWith(2, fake.Failure{Status: http.StatusTooManyRequests, RetryAfter: -1})
			},
			args:     []string{"customer", "organization", id},
			wantCode: exitThrottled, wantTries: 2,
			want: []string{"429 Too Many Requests", "hint: Partner Center is throttling"},
		},
		{
			name: "throttled beyond the longest wait",
			inject: func(f *fake.Faults) {
				f.FailNextWith(1, fake.Failure{Status: http.StatusTooManyRequests, RetryAfter: 57 * time.Second})
			},
			args:     []string{"customer", "get", id},
			wantCode: exitThrottled, wantTries: 1,
			want: []string{"429 Too Many Requests", "Retry after:", "57s"},
		},
		{
			name:     "server error after the retries",
			inject:   func(f *fake.Faults) { f.FailNext(2, http.StatusInternalServerError) },
			args:     []string{"customer", "billing-profile", id},
			wantCode: exitUnavailable, wantTries: 2,
			want: []string{"500 Internal Server Error", "Partner Center code:", "hint: the service failed"},
		},
		{
			name:     "HTML gateway error",
			inject:   func(f *fake.Faults) { f.HTMLGatewayError(2, http.StatusBadGateway) },
			args:     []string{"customer", "get", id},
			wantCode: exitUnavailable, wantTries: 2,
			want: []string{"502 Bad Gateway", "hint: the service failed"},
		},
		{
			name:     "dropped connections",
			inject:   func(f *fake.Faults) { f.DropConnection(2) },
			args:     []string{"customer", "get", id},
			wantCode: exitUnavailable, wantTries: 2,
			want: []string{"hint: the service could not be reached"},
		},
		{
			name:     "truncated answer",
			inject:   func(f *fake.Faults) { f.Truncate(1) },
			args:     []string{"customer", "get", id},
			wantCode: exitUnavailable, wantTries: 1,
			want: []string{"malformed 200 OK answer from getCustomer", "unexpected end of JSON input", "hint: the answer could not be read"},
		},
		{
			name:     "precondition failed",
			inject:   func(f *fake.Faults) { f.FailNext(1, http.StatusPreconditionFailed) },
			args:     []string{"customer", "get", id},
			wantCode: exitConflict, wantTries: 1,
			want: []string{"412 Precondition Failed", "hint: the resource changed"},
		},
		{
			name:     "bad request",
			inject:   func(f *fake.Faults) { f.FailNext(1, http.StatusBadRequest) },
			args:     []string{"customer", "get", id},
			wantCode: exitUsage, wantTries: 1,
			want: []string{"400 Bad Request"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			a, srv := newFakeApp(t)
			if tt.inject != nil {
				tt.inject(srv.Faults())
			}
			r := runApp(t, a, append([]string{"--fake"}, tt.args...)...)
			r.wantCode(t, tt.wantCode)
			if r.stdout != "" {
				t.Errorf("stdout %q, want nothing", r.stdout)
			}
			if !strings.HasPrefix(r.stderr, "partnercenter: ") {
				t.Errorf("stderr does not start with the error:\n%s", r.stderr)
			}
			for _, w := range tt.want {
				if !strings.Contains(r.stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, r.stderr)
				}
			}
			reqs := srv.Requests()
			if tt.wantTries > 0 && len(reqs) != tt.wantTries {
				t.Errorf("the fake received %d requests, want %d", len(reqs), tt.wantTries)
			}
			// Every answer the fake gave carries IDs the error must show.
			if last := reqs[len(reqs)-1]; last.Status != 0 {
				for _, h := range []string{"MS-CorrelationId", "MS-RequestId"} {
					v := last.Header.Get(h)
					if v == "" || !strings.Contains(r.stderr, h+":") || !strings.Contains(r.stderr, v) {
						t.Errorf("stderr lacks %s %q:\n%s", h, v, r.stderr)
					}
				}
			}
		})
	}
}

func TestListFailureKeepsJSONValid(t *testing.T) {
	t.Parallel()
	a, srv := newFakeApp(t)
	// The first page is answered; every later request is throttled.
	srv.Faults().On("listCustomers").Throttle(fake.Throttle{Requests: 1, Per: time.Hour, RetryAfter: -1})
	r := runApp(t, a, "--fake", "customer", "list", "--page-size", "10")
	r.wantCode(t, exitThrottled)
	var cs []wrapper.Customer
	decode(t, r.stdout, &cs)
	if len(cs) != 10 {
		t.Errorf("%d customers before the failure, want the first page of 10", len(cs))
	}
	if !strings.Contains(r.stderr, "429 Too Many Requests") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
	if got := listRequests(srv); got != 3 {
		t.Errorf("%d list requests, want the first page, then a try and a retry", got)
	}
}

func TestRequestHeadersFromFlags(t *testing.T) {
	t.Parallel()
	a, srv := newFakeApp(t)
	corr := "0f0f0f0f-1111-2222-3333-444455556666"
	r := runApp(t, a, "--fake", "--correlation-id", corr, "--app-name", "cli-test-app", "--locale", "fr-FR",
		"customer", "get", fake.DocumentedCustomerID)
	r.wantCode(t, exitOK)
	reqs := srv.Requests()
	if len(reqs) != 1 {
		t.Fatalf("%d requests", len(reqs))
	}
	h := reqs[0].Header
	if h.Get("MS-CorrelationId") != corr || h.Get("MS-PartnerCenter-Application") != "cli-test-app" || h.Get("X-Locale") != "fr-FR" {
		t.Errorf("headers %v", h)
	}
	if !strings.HasPrefix(h.Get("Authorization"), "Bearer ") {
		t.Errorf("no bearer token sent: %q", h.Get("Authorization"))
	}
}

func TestAPIVersionFlag(t *testing.T) {
	t.Parallel()
	a, srv := newFakeApp(t)
	r := runApp(t, a, "--fake", "--api-version", "v2", "customer", "get", fake.DocumentedCustomerID)
	if r.code == exitOK {
		t.Fatalf("the fake serves only v1, yet v2 succeeded")
	}
	reqs := srv.Requests()
	if len(reqs) == 0 || !strings.HasPrefix(reqs[0].Path, "/v2/customers/") {
		t.Fatalf("requests %+v", reqs)
	}
}

func TestTimeout(t *testing.T) {
	t.Parallel()
	a, srv := newFakeApp(t)
	srv.Faults().Latency(5 * time.Second)
	r := runApp(t, a, "--fake", "--timeout", "100ms", "customer", "get", fake.DocumentedCustomerID)
	r.wantCode(t, exitUnavailable)
	if !strings.Contains(r.stderr, "timed out after 100ms (--timeout)") || !strings.Contains(r.stderr, "hint: ") {
		t.Errorf("stderr:\n%s", r.stderr)
	}
}

func TestInterrupted(t *testing.T) {
	t.Parallel()
	a, _ := newFakeApp(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := runAppContext(t, ctx, a, "--fake", "customer", "get", fake.DocumentedCustomerID)
	r.wantCode(t, exitInterrupted)
	if r.stderr != "partnercenter: interrupted\n" || r.stdout != "" {
		t.Errorf("stdout %q, stderr %q", r.stdout, r.stderr)
	}
}

// recordingCredential hands out the fake token and remembers the scopes
// asked for; with fail set it fails instead.
type recordingCredential struct {
	mu     sync.Mutex
	scopes []string
	fail   bool
}

func (c *recordingCredential) GetToken(_ context.Context, opts policy.TokenRequestOptions) (azcore.AccessToken, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.scopes = append(c.scopes, opts.Scopes...)
	if c.fail {
		return azcore.AccessToken{}, errors.New("EnvironmentCredential: missing environment variable AZURE_TENANT_ID")
	}
	return azcore.AccessToken{Token: fakeToken, ExpiresOn: time.Now().Add(time.Hour)}, nil
}

func TestCustomEndpointAndCredential(t *testing.T) {
	t.Parallel()
	srv := fake.NewTestServer(t, nil)
	cred := &recordingCredential{}
	var gotCloud cloud.Configuration
	var gotTenant string
	a := &app{
		transport: srv.HTTPClient(),
		newCredential: func(c cloud.Configuration, tenant string) (azcore.TokenCredential, error) {
			gotCloud, gotTenant = c, tenant
			return cred, nil
		},
	}
	r := runApp(t, a, "--cloud", "china", "--endpoint", srv.URL()+"/", "--audience", "https://audience.example/",
		"--tenant", "contoso.onmicrosoft.com", "-o", "table", "customer", "get", fake.DocumentedCustomerID)
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, "1kl as kjk") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	if svc := gotCloud.Services[wrapper.ServiceName]; svc.Endpoint != srv.URL() || svc.Audience != "https://audience.example" ||
		gotCloud.ActiveDirectoryAuthorityHost != cloud.AzureChina.ActiveDirectoryAuthorityHost || gotTenant != "contoso.onmicrosoft.com" {
		t.Errorf("credential built for cloud %+v, tenant %q", gotCloud, gotTenant)
	}
	if len(cred.scopes) == 0 || cred.scopes[0] != "https://audience.example/.default" {
		t.Errorf("scopes %q", cred.scopes)
	}
}

func TestCredentialFailure(t *testing.T) {
	t.Parallel()
	srv := fake.NewTestServer(t, nil)
	a := &app{
		transport: srv.HTTPClient(),
		newCredential: func(cloud.Configuration, string) (azcore.TokenCredential, error) {
			return &recordingCredential{fail: true}, nil
		},
	}
	r := runApp(t, a, "--endpoint", srv.URL(), "--audience", "https://audience.example", "customer", "get", fake.DocumentedCustomerID)
	r.wantCode(t, exitAuth)
	for _, want := range []string{"could not get an access token", "AZURE_TENANT_ID", "hint: sign in first"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	if reqs := srv.Requests(); len(reqs) != 0 {
		t.Errorf("a request was sent without a token: %+v", reqs)
	}
}

func TestDefaultCredentialBuilds(t *testing.T) {
	for _, c := range []cloud.Configuration{cloud.AzurePublic, cloud.AzureChina, cloud.AzureGovernment} {
		cred, err := defaultCredential(c, "")
		if err != nil || cred == nil {
			t.Errorf("%s: %v", c.ActiveDirectoryAuthorityHost, err)
		}
	}
}

// TestVerboseNeverLogsTheToken runs every command with --verbose under
// every fault of the wrapper's fault matrix; runApp fails the test if the
// token (or a refreshed one, which extends it) appears in the output. It
// also checks the exit status each fault must give.
//
// It is not parallel: azcore's log listener is process-wide.
func TestVerboseNeverLogsTheToken(t *testing.T) {
	id := fake.DocumentedCustomerID
	commands := [][]string{
		{"customer", "get", id},
		{"customer", "domains", id},
		{"customer", "organization", id},
		{"customer", "company-profile", id},
		{"customer", "billing-profile", id},
		{"customer", "list", "--page-size", "10"},
		{"domain", "available", "abcdefgh1234.onmicrosoft.com"},
	}
	faults := []struct {
		name   string
		inject func(t *testing.T, a *app, f *fake.Faults)
		args   []string // extra global flags
		code   int      // exit status of every command
		headOK bool     // "domain available" (HEAD) succeeds: the fault alters bodies, and a HEAD answer has none
	}{
		{name: "none", inject: func(*testing.T, *app, *fake.Faults) {}, code: exitOK},
		{name: "dropped connection once", inject: func(_ *testing.T, _ *app, f *fake.Faults) { f.DropConnection(1) }, code: exitOK},
		{name: "dropped connections", inject: func(_ *testing.T, _ *app, f *fake.Faults) { f.DropConnection(2) }, code: exitUnavailable},
		// The deadline must leave time to send the request, whose log line
		// the test requires, on a loaded machine too.
		{name: "timeout", inject: func(_ *testing.T, _ *app, f *fake.Faults) { f.Latency(5 * time.Second) },
			args: []string{"--timeout", "500ms"}, code: exitUnavailable},
		{name: "408", inject: func(_ *testing.T, _ *app, f *fake.Faults) { f.FailNext(2, http.StatusRequestTimeout) }, code: exitUnavailable},
		{name: "429 Retry-After seconds", inject: func(_ *testing.T, _ *app, f *fake.Faults) {
			f.FailNextWith(2, fake.Failure{Status: http.StatusTooManyRequests, RetryAfter: time.Second})
		}, code: exitThrottled},
		{name: "429 Retry-After date", inject: func(_ *testing.T, _ *app, f *fake.Faults) {
			f.RetryAfterAsDate(true)
			f.FailNextWith(2, fake.Failure{Status: http.StatusTooManyRequests, RetryAfter: time.Second})
		}, code: exitThrottled},
		{name: "429 without Retry-After", inject: func(_ *testing.T, _ *app, f *fake.Faults) {
			f.FailNextWith(2, fake.Failure{Status: http.StatusTooManyRequests, OmitRetryAfter: true})
		}, code: exitThrottled},
		{name: "500", inject: func(_ *testing.T, _ *app, f *fake.Faults) { f.FailNext(2, http.StatusInternalServerError) }, code: exitUnavailable},
		{name: "502 HTML", inject: func(_ *testing.T, _ *app, f *fake.Faults) { f.HTMLGatewayError(2, http.StatusBadGateway) }, code: exitUnavailable},
		{name: "503", inject: func(_ *testing.T, _ *app, f *fake.Faults) { f.FailNext(2, http.StatusServiceUnavailable) }, code: exitUnavailable},
		{name: "504 empty", inject: func(_ *testing.T, _ *app, f *fake.Faults) { f.EmptyGatewayError(2, http.StatusGatewayTimeout) }, code: exitUnavailable},
		{name: "truncated JSON", inject: func(_ *testing.T, _ *app, f *fake.Faults) { f.Truncate(1) }, code: exitUnavailable, headOK: true},
		{name: "BOM", inject: func(_ *testing.T, _ *app, f *fake.Faults) { f.BOM(true) }, code: exitOK},
		{name: "oversized error body", inject: func(_ *testing.T, _ *app, f *fake.Faults) { f.OversizedErrorBody(1, http.StatusBadRequest, 512<<10) }, code: exitUsage},
		{name: "wrong content type", inject: func(_ *testing.T, _ *app, f *fake.Faults) { f.WrongContentType(1) }, code: exitOK},
		{name: "wrong content type, truncated", inject: func(_ *testing.T, _ *app, f *fake.Faults) {
			f.WrongContentType(1)
			f.Truncate(1)
		}, code: exitUnavailable, headOK: true},
		{name: "token expired", inject: func(t *testing.T, a *app, f *fake.Faults) {
			// A first run makes the fake see the token every run starts with.
			runApp(t, a, "--fake", "customer", "get", id).wantCode(t, exitOK)
			f.ExpireTokens()
		}, code: exitOK},
	}
	for _, ft := range faults {
		t.Run(ft.name, func(t *testing.T) {
			for _, cmd := range commands {
				a, srv := newFakeApp(t) // a fresh fake and credential, as for a new process
				ft.inject(t, a, srv.Faults())
				r := runApp(t, a, append(append([]string{"--fake", "--verbose"}, ft.args...), cmd...)...)
				want := ft.code
				if cmd[0] == "domain" && ft.headOK {
					want = exitOK
				}
				if r.code != want {
					t.Errorf("%s: exit status %d, want %d\nstderr:\n%s", strings.Join(cmd, " "), r.code, want, r.stderr)
				}
				if !strings.Contains(r.stderr, "Authorization: REDACTED") || !strings.Contains(r.stderr, "[Request] ==> OUTGOING REQUEST") {
					t.Errorf("%s: the verbose log lacks the redacted request:\n%s", strings.Join(cmd, " "), r.stderr)
				}
				if want != exitOK && want != exitUsage && !strings.Contains(r.stderr, "hint: ") {
					t.Errorf("%s: no hint:\n%s", strings.Join(cmd, " "), r.stderr)
				}
			}
		})
	}
}
