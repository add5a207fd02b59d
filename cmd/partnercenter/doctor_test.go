package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	azruntime "github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// newDoctorFake starts a fake that does not check its own answers: on
// this branch it answers 501, which the spec does not document, for the
// operations it does not implement yet, and doctor must report them as
// such rather than see the 500 that answer checking makes of them.
func newDoctorFake(t *testing.T, opts fake.Options) *fake.Server {
	t.Helper()
	opts.ValidateResponses = false
	srv, err := fake.NewServer(&opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(srv.Close)
	return srv
}

// runDoctor runs "doctor" with args and decodes its JSON report.
func runDoctor(t *testing.T, a *app, args ...string) (doctorReport, result) {
	t.Helper()
	r := runApp(t, a, append(args, "-o", "json", "doctor")...)
	var rep doctorReport
	decode(t, r.stdout, &rep)
	return rep, r
}

// read returns the report's result for op.
func (rep doctorReport) read(t *testing.T, op string) readResult {
	t.Helper()
	for _, r := range rep.Reads {
		if r.Operation == op {
			return r
		}
	}
	t.Fatalf("the report has no read %s", op)
	return readResult{}
}

func TestDoctorAgainstTheFake(t *testing.T) {
	t.Parallel()
	a, _ := newFakeApp(t)
	srv := newDoctorFake(t, fake.Options{ExtraCustomers: fakeExtra})
	a.fakeServer = srv
	srv.Faults().On(gen.OperationGetCustomerCustomDomains).FailNext(1, http.StatusForbidden)

	rep, r := runDoctor(t, a, "--fake")
	r.wantCode(t, exitOK)
	if len(rep.Reads) != 1+len(doctorReads) || rep.Customer == nil || rep.Customer.ID != fake.DocumentedCustomerID {
		t.Fatalf("report %+v", rep)
	}
	if c := rep.Connection; c.Audience != fake.Audience || !strings.HasSuffix(c.BaseURL, "/v1") || !strings.Contains(c.Credential, "--fake") {
		t.Errorf("connection %+v", c)
	}
	if rep.Token.Format != "opaque" || !rep.Token.Sent || rep.MFA.Result != "accepted" {
		t.Errorf("token %+v, MFA %+v", rep.Token, rep.MFA)
	}
	for _, op := range []string{gen.OperationListCustomers, gen.OperationGetCustomer, gen.OperationGetCustomerBillingProfile} {
		if got := rep.read(t, op); got.Result != resultAllowed || got.Status != 200 || got.Spec != nil {
			t.Errorf("%s: %+v", op, got)
		}
	}
	forbidden := rep.read(t, gen.OperationGetCustomerCustomDomains)
	if forbidden.Result != resultForbidden || forbidden.Status != 403 ||
		!slices.Equal(forbidden.GDAPRoles, []string{"Directory Writer", "Global Reader", "Domain Administrator"}) {
		t.Errorf("forbidden read: %+v", forbidden)
	}
	// This branch's fake answers 501 for the operations it does not have yet.
	for _, rr := range rep.Reads {
		if rr.Status == http.StatusNotImplemented && (rr.Result != resultNotImplemented || rr.Detail != "not implemented by the fake" || rr.Spec != nil) {
			t.Errorf("%s: %+v", rr.Operation, rr)
		}
	}
	if s := rep.Summary; s.Forbidden != 1 || s.Errors != 0 || s.SpecDifferences != 0 || s.Allowed+s.Forbidden+s.NotImplemented != len(rep.Reads) {
		t.Errorf("summary %+v", s)
	}
	// Reads only, and the first with ValidateMfa: true.
	for i, req := range srv.Requests() {
		if req.Method != http.MethodGet {
			t.Errorf("doctor sent %s %s", req.Method, req.Path)
		}
		if got := req.Header.Get("ValidateMfa"); (i == 0) != (got == "true") {
			t.Errorf("request %d (%s): ValidateMfa %q", i, req.Operation, got)
		}
	}

	r = runApp(t, a, "--fake", "-o", "table", "doctor")
	r.wantCode(t, exitOK)
	for _, want := range []string{"Connection\n", "Token (claims read without verification; the token is not shown)\n",
		"MFA enforcement", "Sample customer\n  ID  " + fake.DocumentedCustomerID, "getCustomer                 allowed  200\n",
		"Differences from openapi.yaml\n  none\n", "Summary: "} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text report lacks %q:\n%s", want, r.stdout)
		}
	}
}

// rewritingProxy serves the fake behind it, changing getCustomer's answer:
// a property the spec does not have and an unknown relationshipToPartner.
func rewritingProxy(t *testing.T, backend *fake.Server) *httptest.Server {
	t.Helper()
	client := backend.HTTPClient()
	getCustomer := regexp.MustCompile(`^/v1/customers/[0-9a-f-]{36}$`)
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		req, _ := http.NewRequestWithContext(r.Context(), r.Method, backend.URL()+r.URL.RequestURI(), nil)
		req.Header = r.Header.Clone()
		resp, err := client.Do(req)
		if err != nil {
			http.Error(w, err.Error(), http.StatusBadGateway)
			return
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		if getCustomer.MatchString(r.URL.Path) && resp.StatusCode == http.StatusOK {
			var c map[string]any
			if json.Unmarshal(body, &c) == nil {
				c["partnerOfTheYear"] = map[string]any{"since": 2024}
				c["relationshipToPartner"] = "champion"
				body, _ = json.Marshal(c)
			}
		}
		for k, v := range resp.Header {
			w.Header()[k] = v
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(resp.StatusCode)
		_, _ = w.Write(body)
	}))
	t.Cleanup(proxy.Close)
	return proxy
}

func TestDoctorNamesUnknownFieldsAndValues(t *testing.T) {
	backend := newDoctorFake(t, fake.Options{PlainHTTP: true, NoAuth: true})
	proxy := rewritingProxy(t, backend)

	rep, r := runDoctor(t, &app{}, "--endpoint", proxy.URL, "--max-retries", "0")
	r.wantCode(t, exitError)
	if !strings.Contains(r.stderr, "differ from openapi.yaml in 2 places") {
		t.Errorf("stderr: %s", r.stderr)
	}
	if rep.Token.Sent || rep.Connection.Audience != "" || !strings.Contains(rep.Connection.Credential, "no token") {
		t.Errorf("plain http: token %+v, connection %+v", rep.Token, rep.Connection)
	}
	got := rep.read(t, gen.OperationGetCustomer)
	if got.Result != resultAllowed || got.Spec == nil {
		t.Fatalf("getCustomer: %+v", got)
	}
	d := got.Spec
	if !slices.Equal(d.UnknownFields, []string{"partnerOfTheYear"}) || len(d.Violations) != 0 || d.UndocumentedStatus {
		t.Errorf("differences %+v, want the unknown field partnerOfTheYear alone", d)
	}
	if len(d.UnknownValues) != 1 || d.UnknownValues[0].Path != "relationshipToPartner" || d.UnknownValues[0].Value != "champion" ||
		d.UnknownValues[0].Open || !slices.Contains(d.UnknownValues[0].Known, "reseller") {
		t.Errorf("unknown values %+v", d.UnknownValues)
	}
	if l := rep.read(t, gen.OperationListCustomers); l.Spec != nil {
		t.Errorf("the untouched listing differs: %+v", l.Spec)
	}

	r = runApp(t, &app{}, "--endpoint", proxy.URL, "-o", "table", "doctor")
	r.wantCode(t, exitError)
	for _, want := range []string{
		"  getCustomer (200)\n", "unknown field  partnerOfTheYear\n",
		`unknown value  relationshipToPartner: "champion", not in the enum: advisor, microsoft_support, none, reseller, syndication, unknown`,
	} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("text report lacks %q:\n%s", want, r.stdout)
		}
	}
}

// testJWT makes an unsigned-looking JWT with claims.
func testJWT(claims map[string]any) string {
	enc := base64.RawURLEncoding
	head, _ := json.Marshal(map[string]string{"alg": "RS256", "typ": "JWT"})
	body, _ := json.Marshal(claims)
	return enc.EncodeToString(head) + "." + enc.EncodeToString(body) + ".c2lnbmF0dXJlLW5ldmVyLXByaW50ZWQ"
}

func TestDoctorReadsTheTokenWithoutPrintingIt(t *testing.T) {
	srv := newDoctorFake(t, fake.Options{FreshCertificate: true})
	ca := filepath.Join(t.TempDir(), "fake.pem")
	if err := os.WriteFile(ca, srv.CertificatePEM(), 0o600); err != nil {
		t.Fatal(err)
	}
	tok := testJWT(map[string]any{
		"aud": "https://api.partnercenter.microsoft.com", "iss": "https://sts.windows.net/0c1a4d5e-0000-4000-8000-000000000001/",
		"ver": "1.0", "scp": "user_impersonation", "amr": []string{"pwd", "mfa"}, "exp": time.Now().Add(time.Hour).Unix(),
		"upn": "secret.person@contoso.example", "oid": "7d1e4f4a-0000-4000-8000-00000000beef",
	})
	t.Setenv(envAccessToken, tok)
	// The service refuses the token under MFA enforcement: doctor says so
	// and goes on without the header.
	srv.Faults().On(gen.OperationListCustomers).Refuse(1, gen.RefusalMFARequired)

	for _, format := range []string{"json", "table"} {
		r := runApp(t, &app{}, "--endpoint", srv.URL(), "--ca-file", ca, "-o", format, "doctor")
		r.wantCode(t, exitOK)
		out := r.stdout + r.stderr
		for _, secret := range append(strings.Split(tok, "."), "secret.person", "7d1e4f4a-0000-4000-8000-00000000beef", "0c1a4d5e-0000-4000-8000-000000000001") {
			if strings.Contains(out, secret) {
				t.Fatalf("-o %s: the report shows %q from the token:\n%s", format, secret, out)
			}
		}
		if format == "table" {
			for _, want := range []string{"Kind                app+user (scp)", "MFA in amr          yes", "Issuer              sts.windows.net\n"} {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("text report lacks %q:\n%s", want, r.stdout)
				}
			}
			continue
		}
		var rep doctorReport
		decode(t, r.stdout, &rep)
		tf := rep.Token
		if tf.Format != "jwt" || tf.Kind != "app+user" || tf.MFA == nil || !*tf.MFA || tf.UserImpersonation == nil || !*tf.UserImpersonation ||
			tf.Audience != "https://api.partnercenter.microsoft.com" || tf.AudienceMatches != nil || tf.Issuer != "sts.windows.net" || tf.ExpiresIn == "" {
			t.Errorf("token facts %+v", tf)
		}
		if rep.MFA.Result != "refused" || !rep.MFA.Applies || rep.Connection.Credential != envAccessToken {
			t.Errorf("MFA %+v, connection %+v", rep.MFA, rep.Connection)
		}
		if rep.Customer == nil || rep.read(t, gen.OperationGetCustomer).Result != resultAllowed {
			t.Errorf("the reads did not go on after the MFA refusal: %+v", rep.Reads)
		}
		srv.Faults().On(gen.OperationListCustomers).Refuse(1, gen.RefusalMFARequired)
	}
}

func TestDoctorStopsWhenTheFirstReadIsRefused(t *testing.T) {
	t.Parallel()
	strict := fake.NewTestServer(t, &fake.Options{PlainHTTP: true}) // wants a token the client will not send
	rep, r := runDoctor(t, &app{}, "--endpoint", strict.URL())
	r.wantCode(t, exitAuth)
	if l := rep.read(t, gen.OperationListCustomers); l.Result != resultError || l.Status != 401 || l.Code != "800001" {
		t.Errorf("listing: %+v", l)
	}
	if got := rep.read(t, gen.OperationGetCustomer); got.Result != resultSkipped || rep.Customer != nil {
		t.Errorf("getCustomer after a refused token: %+v", got)
	}
	if !strings.Contains(r.stderr, "401 Unauthorized") {
		t.Errorf("stderr: %s", r.stderr)
	}
}

func TestDoctorRecorderRefusesWrites(t *testing.T) {
	t.Parallel()
	sent := false
	rec := &recorder{now: time.Now}
	pl := azruntime.NewPipeline("m", "v1", azruntime.PipelineOptions{PerRetry: []policy.Policy{rec}}, &policy.ClientOptions{
		Transport: transportFunc(func(*http.Request) (*http.Response, error) { sent = true; return nil, errors.New("sent") }),
		Retry:     policy.RetryOptions{MaxRetries: -1},
	})
	for _, method := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		req, err := azruntime.NewRequest(context.Background(), method, "https://pc.example/v1/customers")
		if err != nil {
			t.Fatal(err)
		}
		_, err = pl.Do(req)
		var ro *readOnlyError
		if !errors.As(err, &ro) || sent {
			t.Errorf("%s: error %v, sent %v; want it refused before sending", method, err, sent)
		}
	}
}

// transportFunc is a policy.Transporter made of a function.
type transportFunc func(*http.Request) (*http.Response, error)

func (f transportFunc) Do(r *http.Request) (*http.Response, error) { return f(r) }

func TestDoctorReadsCoverTheSpec(t *testing.T) {
	t.Parallel()
	// Every GET of a customer that needs no parameter besides the customer.
	customerRead := regexp.MustCompile(`^/customers/\{customerTenantId\}(/[A-Za-z/]+)?$`)
	have := map[string]bool{}
	for _, r := range doctorReads {
		have[r.op] = true
	}
	for _, op := range gen.Operations() {
		if op.Method == http.MethodGet && customerRead.MatchString(op.Path) && !have[op.ID] {
			t.Errorf("doctor does not read %s (GET %s)", op.ID, op.Path)
		}
	}
}

func TestReadToken(t *testing.T) {
	t.Parallel()
	now := time.Unix(1_800_000_000, 0)
	aud := "https://api.partnercenter.microsoft.com"
	tests := []struct {
		token string
		want  tokenFacts
	}{
		{"", tokenFacts{}},
		{"opaque-token", tokenFacts{Sent: true, Format: "opaque"}},
		{"a.!!!.c", tokenFacts{Sent: true, Format: "opaque"}},
		{testJWT(map[string]any{"aud": aud + "/", "idtyp": "app", "roles": []string{"a", "b"}, "exp": now.Add(90 * time.Second).Unix(), "ver": "2.0"}),
			tokenFacts{Sent: true, Format: "jwt", Version: "2.0", Kind: "app-only", KindFrom: "idtyp", Audience: aud + "/", AudienceMatches: ptr(true), AppRoles: 2, ExpiresIn: "2m0s"}},
		{testJWT(map[string]any{"aud": []string{"https://graph.windows.net"}, "roles": []string{"x"}, "exp": now.Add(-time.Minute).Unix()}),
			tokenFacts{Sent: true, Format: "jwt", Kind: "app-only", KindFrom: "roles without scp", Audience: "https://graph.windows.net", AudienceMatches: ptr(false), AppRoles: 1, Expired: true}},
		{testJWT(map[string]any{"aud": aud, "idtyp": "user", "scp": "other", "amr": []string{"pwd"}}),
			tokenFacts{Sent: true, Format: "jwt", Kind: "app+user", KindFrom: "idtyp", Audience: aud, AudienceMatches: ptr(true), MFA: ptr(false), UserImpersonation: ptr(false)}},
	}
	for _, tt := range tests {
		got := readToken(tt.token, aud, now)
		a, _ := json.Marshal(got)
		b, _ := json.Marshal(tt.want)
		if !bytes.Equal(a, b) {
			t.Errorf("readToken(%.20q):\n got %s\nwant %s", tt.token, a, b)
		}
	}
}
