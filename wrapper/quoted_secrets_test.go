package wrapper

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// testPassword is the new administrator's password the hostile create
// answers hand out (and echo).
const testPassword = "pw-SECRET-7c2e-never-print-me"

// assertNoEcho fails when s holds the token or the password.
func assertNoEcho(t *testing.T, what, s string) {
	t.Helper()
	assertNoToken(t, what, s)
	if strings.Contains(s, testPassword) {
		t.Errorf("%s contains the new administrator's password: %s", what, s)
	}
}

// TestCreateCustomerQuotesNoSecret: a create answer whose customer ID is
// not a GUID but echoes the caller's token and the new administrator's
// password (raw and JSON-escaped) is ErrMalformedResponse quoting neither.
func TestCreateCustomerQuotesNoSecret(t *testing.T) {
	t.Parallel()
	for _, id := range []string{testPassword + " " + testToken, jsonEscaped(testToken) + "\u001b[31m" + testPassword} {
		ts := newTestServer(t, jsonHandler(http.StatusCreated,
			`{"id":"`+id+`","userCredentials":{"userName":"admin","password":"`+testPassword+`"}}`))
		_, err := ts.client(nil).CreateCustomer(testCtx(t), testNewCustomer(), nil)
		if !errors.Is(err, ErrMalformedResponse) {
			t.Fatalf("id %q: err = %v", id, err)
		}
		assertNoEcho(t, "the error", err.Error())
		assertNoEcho(t, "the error (%+v)", fmt.Sprintf("%+v", err))
	}
}

// onboardServer answers Onboard's calls: the domain is free, the country
// rules and the address verdict are what the test gives, and a create
// gives a customer with testPassword.
func onboardServer(t *testing.T, rules, verdict string) *testServer {
	return newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch p := r.URL.Path; {
		case strings.Contains(p, "/domains/"):
			w.WriteHeader(http.StatusNotFound)
		case strings.Contains(p, "/countryvalidationrules/"):
			jsonHandler(http.StatusOK, rules)(w, r)
		case strings.HasSuffix(p, "/validations/address"):
			jsonHandler(http.StatusOK, verdict)(w, r)
		case strings.HasSuffix(p, "/customers") && r.Method == http.MethodPost:
			jsonHandler(http.StatusCreated, `{"id":"`+testCustomerID+`","companyProfile":{"domain":"x.onmicrosoft.com"},`+
				`"userCredentials":{"userName":"admin","password":"`+testPassword+`"}}`)(w, r)
		default:
			t.Errorf("unexpected %s %s", r.Method, p)
			w.WriteHeader(http.StatusTeapot)
		}
	})
}

// TestOnboardQuotesNoSecret: country rules and an address verdict that
// echo the caller's token (the postal code pattern, the verdict's status
// and message) reach neither Onboard's error nor its progress details.
func TestOnboardQuotesNoSecret(t *testing.T) {
	t.Parallel()
	const okRules = `{"iso2Code":"US","isStateRequired":false,"isPostalCodeRequired":false}`
	verdict := `{"status":"` + testToken + `","originalAddress":{"country":"US"},"suggestedAddresses":[],` +
		`"validationMessage":"bad address ` + jsonEscaped(testToken) + `"}`
	tests := []struct {
		name          string
		rules         string
		verdict       string
		acceptAddress bool
		step          OnboardStep // "": no error
	}{
		{"postal code pattern", `{"iso2Code":"US","isPostalCodeRequired":true,"postalCodeRegex":"^` + testToken + `$"}`, verdict, false, OnboardStepCountryRules},
		{"address status and message", okRules, verdict, false, OnboardStepAddress},
		{"address accepted as it is", okRules, verdict, true, ""},
	}
	for _, tt := range tests {
		ts := onboardServer(t, tt.rules, tt.verdict)
		var details []string
		res, err := ts.client(nil).Onboard(testCtx(t), OnboardRequest{Customer: testNewCustomer()}, &OnboardOptions{
			AcceptUnverifiedAddress: tt.acceptAddress,
			Progress: func(p OnboardProgress) {
				details = append(details, string(p.Step)+": "+p.Detail)
				if p.Err != nil {
					details = append(details, p.Err.Error())
				}
			},
		})
		var oe *OnboardError
		switch {
		case tt.step == "" && err != nil:
			t.Errorf("%s: %v", tt.name, err)
		case tt.step != "" && (!errors.As(err, &oe) || oe.Step != tt.step):
			t.Errorf("%s: err = %v, want a failure at step %s", tt.name, err, tt.step)
		}
		if err != nil {
			assertNoEcho(t, tt.name+": the error", err.Error())
		}
		if tt.step == OnboardStepAddress && !strings.Contains(err.Error(), "bad address "+redacted) {
			t.Errorf("%s: the error does not quote the message, scrubbed: %v", tt.name, err)
		}
		for _, d := range details {
			assertNoEcho(t, tt.name+": a progress report", d)
		}
		if tt.step == "" && (res.Customer == nil || !strings.Contains(strings.Join(details, "\n"), "address: status "+redacted+", accepted")) {
			t.Errorf("%s: progress %q", tt.name, details)
		}
	}
}

// TestNextLinkPathQuotesNoToken: a next link whose path echoes the token
// (a request path is the service's text then) leads to an error whose
// Path and text do not hold it.
func TestNextLinkPathQuotesNoToken(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "never-print-me") {
			jsonHandler(http.StatusNotFound, `{"code":600,"description":"gone"}`)(w, r)
			return
		}
		jsonHandler(http.StatusOK, `{"items":[{"id":"`+testCustomerID+`"}],"links":{"next":{"uri":"/customers/`+testToken+`%1B%5B2J?seekOperation=Next","method":"GET"}}}`)(w, r)
	})
	var err error
	for _, err = range ts.client(nil).ListCustomers(testCtx(t), nil) {
		if err != nil {
			break
		}
	}
	var re *ResponseError
	if !errors.As(err, &re) || re.StatusCode != http.StatusNotFound {
		t.Fatalf("err = %v, want the 404 of the second page", err)
	}
	assertNoToken(t, "ResponseError.Path", re.Path)
	assertNoToken(t, "the error", err.Error())
	if strings.ContainsRune(re.Path, '\x1b') {
		t.Errorf("ResponseError.Path holds a terminal escape: %q", re.Path)
	}
}

// TestUserPasswordsQuotedInRefusalsAreScrubbed: a refusal of a user create
// or a password reset that quotes the password the caller sent (as it is,
// JSON-escaped the way encoding/json and .NET write it, URL-encoded) shows
// REDACTED in the error and never the password.
func TestUserPasswordsQuotedInRefusalsAreScrubbed(t *testing.T) {
	t.Parallel()
	const pw = "Pw+SECRET/7c2e&never<print>"
	echo := `{"code":"60001","description":"password ` + jsonEscaped(pw) + ` / ` +
		strings.ReplaceAll(jsonEscaped(pw), "+", `\u002B`) + ` / ` + url.QueryEscape(pw) + ` is refused"}`
	ts := newTestServer(t, jsonHandler(http.StatusBadRequest, echo))
	c := ts.client(nil)
	user := NewCustomerUser{
		UserPrincipalName: strp("ada@contoso.onmicrosoft.com"), DisplayName: strp("Ada"),
		UsageLocation: strp("US"), PasswordProfile: &NewPasswordProfile{Password: strp(pw)},
	}
	calls := map[string]func() error{
		"CreateCustomerUser": func() error {
			_, err := c.CreateCustomerUser(testCtx(t), testCustomerID, user, nil)
			return err
		},
		"ResetCustomerUserPassword": func() error {
			_, err := c.ResetCustomerUserPassword(testCtx(t), testCustomerID, testCustomerID,
				&ResetCustomerUserPasswordOptions{Password: NewSecret(pw)})
			return err
		},
	}
	for name, call := range calls {
		err := call()
		var re *ResponseError
		if !errors.As(err, &re) || re.StatusCode != http.StatusBadRequest {
			t.Fatalf("%s: err = %v, want the 400 as a *ResponseError", name, err)
		}
		for _, s := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", re), re.Description} {
			for _, form := range []string{pw, jsonEscaped(pw), url.QueryEscape(pw), "SECRET"} {
				if strings.Contains(s, form) {
					t.Errorf("%s: the error holds the password (%q): %s", name, form, s)
				}
			}
		}
		if !strings.Contains(err.Error(), "REDACTED") {
			t.Errorf("%s: the error %q does not show where the password was", name, err)
		}
	}
}

func strp(s string) *string { return &s }
