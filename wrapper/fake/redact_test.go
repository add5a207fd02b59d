package fake

import (
	"encoding/json"
	"strings"
	"testing"
)

// TestRecordedRequestsRedactCredentials: a recorded request keeps no
// credential: not in a header (Authorization and Proxy-Authorization keep
// their scheme only; X-Ms-Authorization-Auxiliary, cookies and any header
// whose name says auth, token, secret, key, cookie or password, in any
// case), nor in a query parameter (access_token, code, sig, ..., in any
// case). Other headers and parameters are kept as sent.
func TestRecordedRequestsRedactCredentials(t *testing.T) {
	t.Parallel()
	s := NewTestServer(t, nil)
	secrets := map[string]string{
		"X-Ms-Authorization-Auxiliary": "Bearer aux-SECRET-1, Bearer aux-SECRET-2",
		"Proxy-Authorization":          "Basic cHJveHktU0VDUkVU",
		"Cookie":                       "session=cookie-SECRET",
		"X-Api-Key":                    "apikey-SECRET",
		"X-Custom-TOKEN":               "custom-SECRET",
		"X-Client-Secret":              "clientsecret-SECRET",
		"X-Password":                   "password-SECRET",
		"X-Oauth-State":                "oauth-SECRET",
	}
	query := "size=5&access_token=qs-SECRET-1&Code=qs-SECRET-2&client_secret=qs-SECRET-3&refresh_token=qs-SECRET-4" +
		"&sig=qs-SECRET-5&Signature=qs-SECRET-6&key=qs-SECRET-7&PASSWORD=qs-SECRET-8&id_token=qs-SECRET-9&token=qs-SECRET-10"
	do(t, s, request{path: "/v1/customers?" + query, header: secrets})
	reqs := s.Requests()
	if len(reqs) != 1 {
		t.Fatalf("recorded %d requests", len(reqs))
	}
	raw, err := json.Marshal(reqs[0])
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(raw), "SECRET") || strings.Contains(string(raw), testToken) {
		t.Errorf("the recorded request holds a credential:\n%s", raw)
	}
	h := reqs[0].Header
	for name, want := range map[string]string{
		"Authorization": "Bearer " + redacted, "Proxy-Authorization": "Basic " + redacted,
		"X-Ms-Authorization-Auxiliary": "Bearer " + redacted, "X-Api-Key": redacted,
	} {
		if got := h.Get(name); got != want {
			t.Errorf("%s recorded as %q, want %q", name, got, want)
		}
	}
	if !strings.HasPrefix(reqs[0].RawQuery, "size=5&access_token="+redacted+"&Code="+redacted+"&") {
		t.Errorf("query recorded as %q", reqs[0].RawQuery)
	}
}

// TestCredentialNamesAsDocumented: the names "fake serve --help" lists are
// the ones redacted (its help quotes credentialNameParts and
// credentialQueryNames), and ordinary names are not.
func TestCredentialNamesAsDocumented(t *testing.T) {
	t.Parallel()
	if got := strings.Join(credentialNameParts, ", "); got != "auth, token, secret, key, cookie, password, passwd, credential, signature, session" {
		t.Errorf("credentialNameParts changed (update the help of fake serve): %s", got)
	}
	if got := strings.Join(credentialQueryNames, ", "); got != "code, sig, pass, pwd" {
		t.Errorf("credentialQueryNames changed (update the help of fake serve): %s", got)
	}
	for _, name := range []string{"access_token", "token", "code", "client_secret", "refresh_token", "sig", "signature", "key", "password", "SIG", "Access_Token"} {
		if redactQuery(name+"=v") != name+"="+redacted {
			t.Errorf("query parameter %s is not redacted", name)
		}
	}
	for _, name := range []string{"size", "seekOperation", "filter", "agreementType", "indirectResellerId"} {
		if redactQuery(name+"=v") != name+"=v" {
			t.Errorf("query parameter %s is redacted", name)
		}
	}
	for _, name := range []string{"MS-RequestId", "MS-CorrelationId", "Content-Type", "If-Match", "X-Locale"} {
		if credentialName(name) {
			t.Errorf("header %s is taken for a credential", name)
		}
	}
}
