package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

const newCustomerFile = "testdata/new-customer.json"

// customerFile writes testdata/new-customer.json with replacements applied
// (old, new, old, new, ...) to a temporary file and returns its path.
func customerFile(t *testing.T, replace ...string) string {
	t.Helper()
	data, err := os.ReadFile(newCustomerFile)
	if err != nil {
		t.Fatal(err)
	}
	s := strings.NewReplacer(replace...).Replace(string(data))
	path := filepath.Join(t.TempDir(), "customer.json")
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestCustomerCreateOnboards(t *testing.T) {
	t.Parallel()
	a, srv := newFakeApp(t)
	r := runApp(t, a, "--fake", "customer", "create", "--from", newCustomerFile, "--accept-agreement")
	r.wantCode(t, exitOK)
	var out onboardOutput
	decode(t, r.stdout, &out)
	if out.CustomerID == "" || out.AdminSignIn != "admin@wingtip-demo.onmicrosoft.com" || !out.PasswordWithheld ||
		out.AdminPassword != "" || out.Agreement == nil || len(out.CompletedSteps) != 6 {
		t.Errorf("output %+v", out)
	}
	if strings.Contains(r.stdout, `"adminPassword"`) {
		t.Errorf("the password was printed without --show-password:\n%s", r.stdout)
	}
	for _, step := range []string{"input", "domain", "country-rules", "address", "create", "agreement"} {
		if !strings.Contains(r.stderr, "[ok] "+step+":") {
			t.Errorf("stderr does not report step %s:\n%s", step, r.stderr)
		}
	}
	r = runApp(t, a, "--fake", "-o", "table", "agreement", "list", out.CustomerID)
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, "MicrosoftCustomerAgreement") || !strings.Contains(r.stdout, "Ada Lovelace  ada@wingtiptoys.example") {
		t.Errorf("agreement list:\n%s", r.stdout)
	}
	if n := len(srv.RequestsFor("createCustomer")); n != 1 {
		t.Errorf("%d creates", n)
	}

	// The same file again: the domain is now taken.
	r = runApp(t, a, "--fake", "customer", "create", "--from", newCustomerFile)
	r.wantCode(t, exitConflict)
	if !strings.Contains(r.stderr, "onboarding stopped at step domain") {
		t.Errorf("stderr:\n%s", r.stderr)
	}

	// --show-password shows it, in JSON and in the table.
	for _, format := range []string{"json", "table"} {
		path := customerFile(t, "wingtip-demo", "wingtip-"+format)
		r = runApp(t, a, "--fake", "-o", format, "customer", "create", "--from", path, "--show-password", "-q")
		r.wantCode(t, exitOK)
		if strings.Contains(r.stdout, "withheld") || r.stderr != "" {
			t.Errorf("%s: stdout\n%s\nstderr\n%s", format, r.stdout, r.stderr)
		}
		if format == "json" {
			var shown onboardOutput
			decode(t, r.stdout, &shown)
			if len(shown.AdminPassword) < 8 {
				t.Errorf("password %q", shown.AdminPassword)
			}
		} else if !strings.Contains(r.stdout, "Admin password  ") {
			t.Errorf("table:\n%s", r.stdout)
		}
	}
}

func TestCustomerCreateValidateOnly(t *testing.T) {
	t.Parallel()
	a, srv := newFakeApp(t)
	r := runApp(t, a, "--fake", "-o", "table", "customer", "create", "--from", newCustomerFile, "--validate-only", "--accept-agreement")
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, "nothing was created") || strings.Contains(r.stdout, "Customer ID") {
		t.Errorf("stdout:\n%s", r.stdout)
	}
	if n := len(srv.RequestsFor("createCustomer")); n != 0 {
		t.Errorf("%d creates", n)
	}
}

func TestCustomerCreatePrintsTheIDWhenTheAgreementFails(t *testing.T) {
	t.Parallel()
	a, srv := newFakeApp(t)
	srv.Faults().On("createCustomerAgreement").FailNext(2, 500)
	r := runApp(t, a, "--fake", "customer", "create", "--from", newCustomerFile, "--accept-agreement")
	r.wantCode(t, exitUnavailable)
	var out onboardOutput
	decode(t, r.stdout, &out)
	if out.CustomerID == "" || out.FailedStep != wrapper.OnboardStepAgreement || !out.PasswordWithheld {
		t.Fatalf("output %+v", out)
	}
	for _, want := range []string{"[failed] agreement", "onboarding stopped at step agreement; customer " + out.CustomerID + " WAS created", "500"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	runApp(t, a, "--fake", "customer", "get", out.CustomerID).wantCode(t, exitOK)
}

func TestCustomerCreateStops(t *testing.T) {
	t.Parallel()
	a, srv := newFakeApp(t)
	tests := []struct {
		name string
		args []string
		code int
		want []string
	}{
		{"address needs a decision", []string{"--from", customerFile(t, `"1 Microsoft Way"`, `"Microsoft Way"`)}, exitUsage,
			[]string{`"failedStep": "address"`, `"status": "StreetPartial"`, `"addressLine1": "100 Microsoft Way"`}},
		{"country rules", []string{"--from", customerFile(t, `"country": "US"`, `"country": "RU"`, `"state": "WA",`, "")}, exitUsage,
			[]string{`"failedStep": "country-rules"`}},
		{"unknown field", []string{"--from", customerFile(t, `"companyName": "Wingtip Toys",`, `"companyNmae": "x", "companyName": "Wingtip Toys",`)}, exitUsage, nil},
		{"no file", []string{"--from", filepath.Join(t.TempDir(), "missing.json")}, exitUsage, nil},
		{"no --from", nil, exitUsage, nil},
		{"date without agreement", []string{"--from", newCustomerFile, "--agreement-date", "2020-01-01T00:00:00Z"}, exitUsage, nil},
		{"agreement in the future", []string{"--from", newCustomerFile, "--accept-agreement", "--agreement-date", "2999-01-01T00:00:00Z"}, exitUsage, nil},
	}
	for _, tt := range tests {
		r := runApp(t, a, append([]string{"--fake", "customer", "create"}, tt.args...)...)
		if r.code != tt.code {
			t.Errorf("%s: exit %d, want %d\n%s\n%s", tt.name, r.code, tt.code, r.stdout, r.stderr)
		}
		for _, w := range tt.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%s: stdout lacks %q:\n%s", tt.name, w, r.stdout)
			}
		}
	}
	if n := len(srv.RequestsFor("createCustomer")); n != 0 {
		t.Errorf("%d creates", n)
	}
}

func TestLifecycleCommands(t *testing.T) {
	t.Parallel()
	a, srv := newFakeApp(t)
	r := runApp(t, a, "--fake", "-q", "customer", "create", "--from", newCustomerFile)
	r.wantCode(t, exitOK)
	var created onboardOutput
	decode(t, r.stdout, &created)
	id := created.CustomerID

	tests := []struct {
		args []string
		code int
		want []string
	}{
		{[]string{"-o", "table", "customer", "validate-address", "--line1", "1 Microsoft Way", "--city", "Bellevue", "--state", "WA", "--postal-code", "98052", "--country", "US"},
			exitOK, []string{"InteractionRequired", "Suggestion 1", "Redmond"}},
		{[]string{"customer", "validate-address", "--line1", "x"}, exitUsage, nil},
		{[]string{"country", "rules", "US"}, exitOK, []string{`"iso2Code": "US"`, `"supportedStatesList"`}},
		{[]string{"-o", "table", "country", "rules", "RU"}, exitOK, []string{"Registration number", "yes"}},
		{[]string{"country", "rules", "USA"}, exitUsage, nil},
		{[]string{"country", "rules", "ZZ"}, exitNotFound, nil},
		{[]string{"-o", "table", "agreement", "metadata", "--type", "all"}, exitOK, []string{fake.CustomerAgreementTemplateID, fake.CloudAgreementTemplateID}},
		{[]string{"agreement", "metadata", "--type", "partner"}, exitUsage, nil},
		{[]string{"agreement", "document", fake.CustomerAgreementTemplateID, "--country", "FR"}, exitOK, []string{`"downloadUri"`, `"country": "FR"`}},
		{[]string{"agreement", "confirm", id, "--first-name", "Ada", "--last-name", "Lovelace", "--email", "ada@example.com"}, exitOK, []string{`"userId"`}},
		{[]string{"agreement", "confirm", id, "--first-name", "Ada", "--last-name", "Lovelace", "--email", "ada@example.com"}, exitConflict, nil},
		{[]string{"agreement", "confirm", id, "--first-name", "Ada", "--last-name", "Lovelace", "--email", "a@b.c", "--date", "2020-01-01T01:00:00+01:00"}, exitUsage, nil},
		{[]string{"-o", "table", "agreement", "list", id}, exitOK, []string{"ada@example.com"}},
		{[]string{"-o", "table", "customer", "qualify", id, "--qualification", "education", "--segment", "K12", "--website", "https://x.example"}, exitOK, []string{"Education", "InReview"}},
		{[]string{"customer", "qualify", id, "--qualification", "education"}, exitUsage, nil},
		{[]string{"customer", "qualify", id, "--qualification", "charity"}, exitUsage, nil},
		{[]string{"customer", "qualify", id, "--qualification", "state-owned"}, exitOK, []string{"StateOwnedEntity"}},
		{[]string{"-o", "table", "customer", "qualifications", id}, exitOK, []string{"QUALIFICATION", "Education", "StateOwnedEntity"}},
		{[]string{"customer", "invite-link"}, exitOK, []string{fake.PartnerTenantID}},
		{[]string{"customer", "delete", id}, exitUsage, nil},
		{[]string{"customer", "delete", exampleCustomerID, "--yes"}, exitUsage, nil}, // not a sandbox customer: 400
		{[]string{"customer", "remove-reseller", fake.ContosoCustomerID, "--yes"}, exitForbidden, nil},
		{[]string{"customer", "delete", id, "--yes"}, exitOK, []string{`"deleted": true`}},
		{[]string{"customer", "get", id}, exitNotFound, nil},
	}
	for _, tt := range tests {
		r := runApp(t, a, append([]string{"--fake"}, tt.args...)...)
		if r.code != tt.code {
			t.Errorf("%s: exit %d, want %d\n%s\n%s", strings.Join(tt.args, " "), r.code, tt.code, r.stdout, r.stderr)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(r.stdout, w) {
				t.Errorf("%s: stdout lacks %q:\n%s", strings.Join(tt.args, " "), w, r.stdout)
			}
		}
	}
	if n := len(srv.RequestsFor("deleteCustomer")); n != 2 {
		t.Errorf("%d delete requests, want 2 (the one without --yes sends none)", n)
	}

	// remove-reseller on a customer of its own.
	r = runApp(t, a, "--fake", "-q", "customer", "create", "--from", customerFile(t, "wingtip-demo", "wingtip-leaves"))
	r.wantCode(t, exitOK)
	decode(t, r.stdout, &created)
	r = runApp(t, a, "--fake", "customer", "remove-reseller", created.CustomerID, "--yes")
	r.wantCode(t, exitOK)
	var cu wrapper.Customer
	if err := json.Unmarshal([]byte(r.stdout), &cu); err != nil || cu.RelationshipToPartner == nil || *cu.RelationshipToPartner != wrapper.RelationshipToPartnerNone {
		t.Errorf("remove-reseller: %v\n%s", err, r.stdout)
	}
}
