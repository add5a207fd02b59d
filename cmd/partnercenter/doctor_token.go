package main

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"slices"
	"strings"
	"time"
)

// tokenFacts is what doctor tells about the access token the client sent:
// facts read from the JWT's payload claims without verifying it. Neither
// the token nor a claim that could identify or authorise anyone (oid, upn,
// tid, appid, names, the signature) is kept: only the facts below.
type tokenFacts struct {
	// Sent is false when no token was sent (plain http on loopback) or no
	// request was made.
	Sent bool `json:"sent"`
	// Format is "jwt", or "opaque" for a token that is not a readable JWT
	// (such as the fake's).
	Format string `json:"format,omitempty"`
	// Version is the token version claim (ver): "1.0" or "2.0".
	Version string `json:"version,omitempty"`
	// Kind is "app-only" or "app+user"; KindFrom the claim that told.
	Kind     string `json:"kind,omitempty"`
	KindFrom string `json:"kindFrom,omitempty"`
	// Audience is the aud claim: the API the token is for.
	Audience string `json:"audience,omitempty"`
	// AudienceMatches tells whether aud is the audience the client asked
	// for (nil when the token was not asked for one, as with
	// PARTNERCENTER_ACCESS_TOKEN).
	AudienceMatches *bool `json:"audienceMatches,omitempty"`
	// Issuer is the host of the iss claim (the authority, hence the cloud),
	// without its path (which names the tenant).
	Issuer string `json:"issuerHost,omitempty"`
	// MFA tells whether the amr claim holds "mfa" (app+user tokens; nil
	// when the token has no amr claim).
	MFA *bool `json:"mfaInAmr,omitempty"`
	// UserImpersonation tells whether the delegated scopes (scp) hold
	// user_impersonation, which Partner Center's app+user calls need.
	UserImpersonation *bool `json:"userImpersonationScope,omitempty"`
	// AppRoles is the number of application roles (roles claim).
	AppRoles int `json:"appRoles,omitempty"`
	// ExpiresIn is the time left before exp, rounded to the minute;
	// Expired is set when exp has passed.
	ExpiresIn string `json:"expiresIn,omitempty"`
	Expired   bool   `json:"expired,omitempty"`
}

// jwtClaims are the payload claims doctor reads. Every other claim is
// left undecoded.
type jwtClaims struct {
	Aud   json.RawMessage `json:"aud"` // a string, or an array of them
	Iss   string          `json:"iss"`
	Ver   string          `json:"ver"`
	Idtyp string          `json:"idtyp"`
	Scp   string          `json:"scp"`
	Roles []string        `json:"roles"`
	Amr   []string        `json:"amr"`
	Exp   int64           `json:"exp"`
}

// readToken returns the facts of token (the value after "Bearer "),
// comparing its audience with want when want is not empty.
func readToken(token, want string, now time.Time) tokenFacts {
	f := tokenFacts{Sent: token != "", Format: "opaque"}
	if token == "" {
		return tokenFacts{}
	}
	parts := strings.Split(token, ".")
	if len(parts) != 3 {
		return f
	}
	payload, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(parts[1], "="))
	if err != nil {
		return f
	}
	var c jwtClaims
	if json.Unmarshal(payload, &c) != nil {
		return f
	}
	f.Format, f.Version = "jwt", oneLine(c.Ver, 8)
	f.Audience = oneLine(audience(c.Aud), 200)
	if want != "" && f.Audience != "" {
		match := sameAudience(f.Audience, want)
		f.AudienceMatches = &match
	}
	if u, err := url.Parse(c.Iss); err == nil && u.Host != "" {
		f.Issuer = oneLine(u.Host, 100)
	}
	switch {
	case c.Idtyp == "app":
		f.Kind, f.KindFrom = "app-only", "idtyp"
	case c.Idtyp == "user":
		f.Kind, f.KindFrom = "app+user", "idtyp"
	case c.Scp != "":
		f.Kind, f.KindFrom = "app+user", "scp"
	default:
		f.Kind, f.KindFrom = "app-only", "no scp claim"
		if len(c.Roles) > 0 {
			f.KindFrom = "roles without scp"
		}
	}
	if c.Scp != "" {
		ui := slices.Contains(strings.Fields(c.Scp), "user_impersonation")
		f.UserImpersonation = &ui
	}
	f.AppRoles = len(c.Roles)
	if c.Amr != nil {
		mfa := slices.Contains(c.Amr, "mfa")
		f.MFA = &mfa
	}
	if c.Exp > 0 {
		left := time.Unix(c.Exp, 0).Sub(now)
		if left <= 0 {
			f.Expired = true
		} else {
			f.ExpiresIn = left.Round(time.Minute).String()
		}
	}
	return f
}

// audience returns the aud claim as text (the first, for an array).
func audience(raw json.RawMessage) string {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	var list []string
	if json.Unmarshal(raw, &list) == nil && len(list) > 0 {
		return list[0]
	}
	return ""
}

// sameAudience compares audiences without regard to case or a trailing
// slash.
func sameAudience(a, b string) bool {
	return strings.EqualFold(strings.TrimRight(a, "/"), strings.TrimRight(b, "/"))
}

// oneLine keeps at most n bytes of s, printable on one line.
func oneLine(s string, n int) string {
	if len(s) > n {
		s = s[:n]
	}
	return sanitize(s, false)
}
