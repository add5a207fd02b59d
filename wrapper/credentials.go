package wrapper

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/pipeline"
	"github.com/partnercenter-go/partnercenter/internal/refresh"
)

// StaticTokenCredential returns a credential that hands out token, an
// access token obtained elsewhere, until expiresOn (a zero expiresOn means
// unknown: the token is handed out until the service refuses it). Once
// expired it returns an error instead. Printing the credential never shows
// the token.
func StaticTokenCredential(token string, expiresOn time.Time) azcore.TokenCredential {
	return &staticToken{tok: azcore.AccessToken{Token: token, ExpiresOn: expiresOn}}
}

// staticToken implements StaticTokenCredential.
type staticToken struct {
	tok azcore.AccessToken
}

// GetToken implements azcore.TokenCredential.
func (s *staticToken) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	if s.tok.Token == "" {
		return azcore.AccessToken{}, errors.New("partnercenter: static credential: empty access token")
	}
	if !s.tok.ExpiresOn.IsZero() && !time.Now().Before(s.tok.ExpiresOn) {
		return azcore.AccessToken{}, fmt.Errorf("partnercenter: static credential: the access token expired at %s", s.tok.ExpiresOn.UTC().Format(time.RFC3339))
	}
	return s.tok, nil
}

// String keeps the token out of fmt output.
func (s *staticToken) String() string { return "StaticTokenCredential(REDACTED)" }

// GoString keeps the token out of %#v output.
func (s *staticToken) GoString() string { return s.String() }

// RefreshTokenCredentialOptions configures a RefreshTokenCredential. The
// zero value is ready to use.
//
// The embedded azcore.ClientOptions configure the token requests as in any
// azcore client: Cloud selects the authority (its
// ActiveDirectoryAuthorityHost; the zero value means cloud.AzurePublic) and
// the default scope (its Partner Center audience, see ServiceName);
// Transport, Retry and Logging work as in ClientOptions. Bodies are never
// logged, whatever Logging.IncludeBody says: they hold the tokens.
type RefreshTokenCredentialOptions struct {
	azcore.ClientOptions

	// Scope is the space-separated scope asked for; empty means the cloud's
	// Partner Center audience + "/user_impersonation offline_access".
	Scope string
	// OnRefreshTokenRotated, when set, is called with the new refresh token
	// each time the authority returns one, so that the caller can store it.
	// It is called outside the credential's lock, possibly from several
	// goroutines one after the other.
	OnRefreshTokenRotated func(refreshToken string)
}

// RefreshTokenCredential exchanges an app+user refresh token for access
// tokens, as the Secure Application Model prescribes: grant_type
// refresh_token at the cloud's authority,
// {AuthorityHost}{tenant}/oauth2/v2.0/token. It caches the access token
// and shares it among concurrent callers until five minutes before it
// expires (half its lifetime, for a token that lives less than ten
// minutes), and keeps the rotated refresh token the authority sends back.
// Its errors and its printed form (of the pointer or of the value) never
// contain a token or the client secret. It is safe for concurrent use.
type RefreshTokenCredential struct {
	// s holds everything, secrets included, behind a pointer: printing a
	// RefreshTokenCredential value shows an address, not the fields.
	s *refresh.State
}

// NewRefreshTokenCredential returns a credential for the app clientID in
// tenantID (a GUID or a domain name) holding refreshToken. clientSecret is
// empty for a public client. opts.Cloud selects the authority (zero value:
// cloud.AzurePublic), which must be https. opts may be nil.
func NewRefreshTokenCredential(tenantID, clientID, clientSecret, refreshToken string, opts *RefreshTokenCredentialOptions) (*RefreshTokenCredential, error) {
	var o RefreshTokenCredentialOptions
	if opts != nil {
		o = *opts
	}
	cfg := o.Cloud
	if pipeline.ZeroCloud(cfg) {
		cfg = cloud.AzurePublic
	}
	authorityHost := cfg.ActiveDirectoryAuthorityHost
	if authorityHost == "" {
		authorityHost = cloud.AzurePublic.ActiveDirectoryAuthorityHost
	}
	authority, err := check.InputEndpoint("authority host", authorityHost, false)
	if err != nil {
		return nil, err
	}
	scope := o.Scope
	if scope == "" {
		svc, err := pipeline.Service(cfg, ServiceName)
		if err != nil {
			return nil, err
		}
		scope = strings.TrimRight(svc.Audience, "/") + "/user_impersonation offline_access"
	}
	st, err := refresh.New(refresh.Config{
		Client: o.ClientOptions, Authority: authority, TenantID: tenantID, ClientID: clientID, Secret: clientSecret,
		Scope: scope, RefreshToken: refreshToken, OnRotate: o.OnRefreshTokenRotated,
		Module: moduleName, Version: Version, UserAgent: userAgent,
	})
	if err != nil {
		return nil, err
	}
	return &RefreshTokenCredential{s: st}, nil
}

// GetToken implements azcore.TokenCredential. It returns the cached access
// token until it is due for renewal (five minutes before it expires, or
// half-way through the life of a token issued for less than ten minutes),
// and otherwise exchanges the refresh token; concurrent callers share one
// exchange. The requested scopes are ignored: the credential always asks
// for its configured scope.
func (c *RefreshTokenCredential) GetToken(ctx context.Context, _ policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return c.s.GetToken(ctx)
}

// RefreshToken returns the current refresh token, which changes when the
// authority rotates it. Store it to start the next session with it. It
// does not wait for an exchange in progress.
func (c *RefreshTokenCredential) RefreshToken() string {
	return c.s.RefreshToken()
}

// String keeps the tokens and the secret out of fmt output. Its receiver
// is a value, so that printing a RefreshTokenCredential value (not only a
// pointer) shows this too.
func (c RefreshTokenCredential) String() string {
	if c.s == nil {
		return "RefreshTokenCredential(nil)"
	}
	return "RefreshTokenCredential(" + c.s.Describe() + ", tokens REDACTED)"
}

// GoString keeps the tokens and the secret out of %#v output.
func (c RefreshTokenCredential) GoString() string { return c.String() }

// Format implements fmt.Formatter: every verb (%v, %+v, %#v, %s, %q, %x,
// ...) prints String, where fmt would otherwise dump the state behind the
// pointer for some of them.
func (c RefreshTokenCredential) Format(f fmt.State, _ rune) {
	_, _ = io.WriteString(f, c.String())
}
