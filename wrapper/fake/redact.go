package fake

import (
	"net/http"
	"net/url"
	"strings"
)

// credentialNameParts: a header or query parameter whose name contains one
// of these, in any case, carries a credential (Authorization,
// Proxy-Authorization, X-Ms-Authorization-Auxiliary, Cookie, an API key,
// access_token, client_secret, refresh_token, password, signature, ...).
var credentialNameParts = []string{"auth", "token", "secret", "key", "cookie", "password", "passwd", "credential", "signature", "session"}

// credentialQueryNames are query parameters, named in any case, that carry
// a credential although their name has none of credentialNameParts: an
// authorization code, a shared access signature, a password.
var credentialQueryNames = []string{"code", "sig", "pass", "pwd"}

// authSchemes are the authorization schemes a redacted header value keeps
// ("Bearer REDACTED"); any other value is replaced whole.
var authSchemes = []string{"Bearer", "Basic", "Digest", "Negotiate", "NTLM", "PoP", "SharedKey", "SharedAccessSignature"}

// credentialName reports whether a header or query parameter name holds
// one of credentialNameParts.
func credentialName(name string) bool {
	lower := strings.ToLower(name)
	for _, part := range credentialNameParts {
		if strings.Contains(lower, part) {
			return true
		}
	}
	return false
}

// redactHeader copies h with the value of every credential header
// replaced: "Scheme REDACTED" when it starts with a known authorization
// scheme, else "REDACTED".
func redactHeader(h http.Header) http.Header {
	out := h.Clone()
	if out == nil {
		out = http.Header{}
	}
	for name, vals := range out {
		if !credentialName(name) {
			continue
		}
		for i, v := range vals {
			vals[i] = redacted
			if scheme, _, ok := strings.Cut(strings.TrimSpace(v), " "); ok {
				for _, s := range authSchemes {
					if strings.EqualFold(scheme, s) {
						vals[i] = scheme + " " + redacted
					}
				}
			}
		}
	}
	return out
}

// redactQuery returns rawQuery with the value of every credential
// parameter replaced by REDACTED; everything else is kept as sent.
func redactQuery(rawQuery string) string {
	if rawQuery == "" {
		return ""
	}
	parts := strings.Split(rawQuery, "&")
	for i, p := range parts {
		rawName, _, hasValue := strings.Cut(p, "=")
		if !hasValue {
			continue
		}
		name, err := url.QueryUnescape(rawName)
		if err != nil {
			name = rawName
		}
		if credentialName(name) || containsFold(credentialQueryNames, name) {
			parts[i] = rawName + "=" + redacted
		}
	}
	return strings.Join(parts, "&")
}
