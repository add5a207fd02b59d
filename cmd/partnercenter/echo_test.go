package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// echoedToken is the token of the echo tests: with characters that URL
// encoding escapes, so that an echo can mix upper and lower-case escapes.
const echoedToken = "cli/echo+token=SECRET&never/print"

// echoedTokenCredential hands out echoedToken.
type echoedTokenCredential struct{}

func (echoedTokenCredential) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{Token: echoedToken, ExpiresOn: time.Now().Add(time.Hour)}, nil
}

// mixedEscapes is the token URL-encoded with upper and lower-case escapes
// in turn: %2F, then %2b, then %3D, ...
func mixedEscapes(tok string) string {
	var b strings.Builder
	n := 0
	for i, s := 0, url.QueryEscape(tok); i < len(s); i++ {
		if s[i] == '%' && i+2 < len(s) {
			esc := s[i : i+3]
			if n%2 == 1 {
				esc = strings.ToLower(esc)
			}
			b.WriteString(esc)
			n++
			i += 2
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// TestCustomerCreateReportsNoEchoedToken: country rules and an address
// verdict that echo the request's token (raw, and URL-encoded with mixed
// case escapes) get it into none of what "customer create" reports on
// stderr: the progress of each step and the error.
func TestCustomerCreateReportsNoEchoedToken(t *testing.T) {
	t.Parallel()
	mixed := mixedEscapes(echoedToken)
	if mixed == strings.ToUpper(mixed) || mixed == strings.ToLower(mixed) {
		t.Fatalf("%q does not mix cases", mixed)
	}
	const okRules = `{"iso2Code":"US","isPostalCodeRequired":false}`
	verdict := fmt.Sprintf(`{"status":"%s","originalAddress":{"country":"US"},"suggestedAddresses":[],"validationMessage":"see %s"}`, mixed, echoedToken)
	tests := []struct {
		name, rules, verdict string
		args                 []string
		code                 int
	}{
		{"postal code pattern", `{"iso2Code":"US","isPostalCodeRequired":true,"postalCodeRegex":"^(` + mixed + `|` + echoedToken + `)$"}`, verdict, nil, exitUsage},
		{"address verdict", okRules, verdict, nil, exitUsage},
		{"address accepted as it is", okRules, verdict, []string{"--accept-unverified-address", "--validate-only"}, exitOK},
	}
	for _, tt := range tests {
		srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			switch p := r.URL.Path; {
			case strings.Contains(p, "/domains/"):
				w.Header().Del("Content-Type")
				w.WriteHeader(http.StatusNotFound)
			case strings.Contains(p, "/countryvalidationrules/"):
				fmt.Fprint(w, tt.rules)
			case strings.HasSuffix(p, "/validations/address"):
				fmt.Fprint(w, tt.verdict)
			default:
				w.WriteHeader(http.StatusTeapot)
			}
		}))
		a := &app{
			transport: srv.Client(),
			newCredential: func(cloud.Configuration, string) (azcore.TokenCredential, error) {
				return echoedTokenCredential{}, nil
			},
		}
		args := append([]string{"--endpoint", srv.URL, "--audience", "https://audience.example", "customer", "create", "--from", newCustomerFile}, tt.args...)
		r := runApp(t, a, args...)
		srv.Close()
		if r.code != tt.code {
			t.Errorf("%s: exit %d, want %d\n%s", tt.name, r.code, tt.code, r.stderr)
		}
		if !strings.Contains(r.stderr, "[ok] domain") {
			t.Errorf("%s: no progress on stderr:\n%s", tt.name, r.stderr)
		}
		for _, echo := range []string{echoedToken, mixed, url.QueryEscape(echoedToken)} {
			if strings.Contains(r.stderr, echo) {
				t.Errorf("%s: stderr holds the token (as %q):\n%s", tt.name, echo, r.stderr)
			}
		}
	}
}
