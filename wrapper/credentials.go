package wrapper

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/streaming"
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
// until five minutes before it expires and keeps the rotated refresh token
// the authority sends back. Its errors and its printed form never contain
// a token or the client secret. It is safe for concurrent use.
type RefreshTokenCredential struct {
	pl       runtime.Pipeline
	tokenURL string
	clientID string
	secret   string
	scope    string
	onRotate func(string)

	// sem (capacity one) guards refresh and cached and serialises the
	// exchanges: two concurrent exchanges of one refresh token could
	// invalidate each other when the authority rotates it. Unlike a mutex,
	// a caller waiting for it gives up when its context ends.
	sem     chan struct{}
	refresh string
	cached  azcore.AccessToken
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
	if isZeroCloud(cfg) {
		cfg = cloud.AzurePublic
	}
	authorityHost := cfg.ActiveDirectoryAuthorityHost
	if authorityHost == "" {
		authorityHost = cloud.AzurePublic.ActiveDirectoryAuthorityHost
	}
	if !validTenant(tenantID) {
		return nil, fmt.Errorf("%w: tenant %s (want a tenant GUID or domain name)", ErrInvalidInput, quote(tenantID))
	}
	if clientID == "" || checkHeaderValue("client ID", clientID) != nil || strings.ContainsAny(clientID, " ") {
		return nil, fmt.Errorf("%w: client ID %s", ErrInvalidInput, quote(clientID))
	}
	if refreshToken == "" {
		return nil, fmt.Errorf("%w: empty refresh token", ErrInvalidInput)
	}
	authority, err := parseEndpoint("authority host", authorityHost, false)
	if err != nil {
		return nil, err
	}
	scope := o.Scope
	if scope == "" {
		svc, err := partnerCenterService(cfg)
		if err != nil {
			return nil, err
		}
		scope = strings.TrimRight(svc.Audience, "/") + "/user_impersonation offline_access"
	}
	tokenURL := *authority
	tokenURL.Path = authority.Path + "/" + tenantID + "/oauth2/v2.0/token"

	transport := noRedirects(o.Transport)
	logging := safeLogOptions(o.Logging)
	logging.IncludeBody = false
	pl := runtime.NewPipeline(moduleName, Version,
		runtime.PipelineOptions{PerCall: []policy.Policy{userAgentPolicy{}}},
		&policy.ClientOptions{
			Logging:   logging,
			Retry:     credentialRetryOptions(o.Retry),
			Telemetry: policy.TelemetryOptions{Disabled: true},
			Transport: &cappedTransport{next: transport},
		})
	return &RefreshTokenCredential{
		pl:       pl,
		tokenURL: tokenURL.String(),
		clientID: clientID,
		secret:   clientSecret,
		scope:    scope,
		onRotate: o.OnRefreshTokenRotated,
		sem:      make(chan struct{}, 1),
		refresh:  refreshToken,
	}, nil
}

// GetToken implements azcore.TokenCredential. It returns the cached access
// token while it has more than five minutes left, and otherwise exchanges
// the refresh token. The requested scopes are ignored: the credential
// always asks for its configured scope.
func (c *RefreshTokenCredential) GetToken(ctx context.Context, _ policy.TokenRequestOptions) (azcore.AccessToken, error) {
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return azcore.AccessToken{}, fmt.Errorf("partnercenter: waiting for another refresh-token exchange: %w", ctx.Err())
	}
	if c.cached.Token != "" && time.Until(c.cached.ExpiresOn) > 5*time.Minute {
		tok := c.cached
		<-c.sem
		return tok, nil
	}
	tok, rotated, err := c.exchange(ctx, c.refresh)
	if err == nil {
		c.cached = tok
		if rotated != "" {
			c.refresh = rotated
		}
	}
	<-c.sem
	if err != nil {
		return azcore.AccessToken{}, err
	}
	if rotated != "" && c.onRotate != nil {
		c.onRotate(rotated)
	}
	return tok, nil
}

// RefreshToken returns the current refresh token, which changes when the
// authority rotates it. Store it to start the next session with it.
func (c *RefreshTokenCredential) RefreshToken() string {
	c.sem <- struct{}{}
	defer func() { <-c.sem }()
	return c.refresh
}

// String keeps the tokens and the secret out of fmt output.
func (c *RefreshTokenCredential) String() string {
	return "RefreshTokenCredential(" + c.tokenURL + ", client " + c.clientID + ", tokens REDACTED)"
}

// GoString keeps the tokens and the secret out of %#v output.
func (c *RefreshTokenCredential) GoString() string { return c.String() }

// tokenResponse is the authority's answer. expires_in comes as a number or,
// from some authorities, as a string.
type tokenResponse struct {
	AccessToken  string          `json:"access_token"`
	RefreshToken string          `json:"refresh_token"`
	ExpiresIn    json.RawMessage `json:"expires_in"`
	TokenType    string          `json:"token_type"`
}

// tokenErrorResponse is the authority's error answer (OAuth 2.0 and Entra
// fields).
type tokenErrorResponse struct {
	Error         string `json:"error"`
	Description   string `json:"error_description"`
	ErrorCodes    []int  `json:"error_codes"`
	TraceID       string `json:"trace_id"`
	CorrelationID string `json:"correlation_id"`
}

// exchange redeems refresh at the authority.
func (c *RefreshTokenCredential) exchange(ctx context.Context, refresh string) (azcore.AccessToken, string, error) {
	form := url.Values{
		"grant_type":    {"refresh_token"},
		"client_id":     {c.clientID},
		"refresh_token": {refresh},
		"scope":         {c.scope},
	}
	if c.secret != "" {
		form.Set("client_secret", c.secret)
	}
	req, err := runtime.NewRequest(ctx, http.MethodPost, c.tokenURL)
	if err != nil {
		return azcore.AccessToken{}, "", c.fail(refresh, fmt.Errorf("building the request: %w", err))
	}
	if err := req.SetBody(streaming.NopCloser(strings.NewReader(form.Encode())), "application/x-www-form-urlencoded"); err != nil {
		return azcore.AccessToken{}, "", c.fail(refresh, err)
	}
	req.Raw().Header.Set(headerAccept, "application/json")
	start := time.Now()
	resp, err := c.pl.Do(req)
	if err != nil {
		return azcore.AccessToken{}, "", c.fail(refresh, err)
	}
	defer closeBody(resp)
	body, err := runtime.Payload(resp)
	if err != nil {
		return azcore.AccessToken{}, "", c.fail(refresh, fmt.Errorf("reading the answer: %w", err))
	}
	if resp.StatusCode != http.StatusOK {
		return azcore.AccessToken{}, "", c.fail(refresh, c.statusError(resp.StatusCode, body))
	}
	var tr tokenResponse
	if err := json.Unmarshal(trimBOM(body), &tr); err != nil {
		return azcore.AccessToken{}, "", c.fail(refresh, errors.New("the answer is not a JSON token response"))
	}
	if tr.AccessToken == "" {
		return azcore.AccessToken{}, "", c.fail(refresh, errors.New("the answer holds no access_token"))
	}
	if tr.TokenType != "" && !strings.EqualFold(tr.TokenType, "Bearer") {
		return azcore.AccessToken{}, "", c.fail(refresh, fmt.Errorf("unexpected token_type %s", quote(tr.TokenType)))
	}
	tok := azcore.AccessToken{Token: tr.AccessToken, ExpiresOn: start.Add(expiresIn(tr.ExpiresIn))}
	rotated := ""
	if tr.RefreshToken != "" && tr.RefreshToken != refresh {
		rotated = tr.RefreshToken
	}
	return tok, rotated, nil
}

// statusError describes an error answer of the authority. 400 and 401
// answers (invalid_grant, invalid_client, ...) wrap ErrUnauthorized.
func (c *RefreshTokenCredential) statusError(status int, body []byte) error {
	var te tokenErrorResponse
	msg := ""
	if json.Unmarshal(trimBOM(body), &te) == nil && (te.Error != "" || te.Description != "") {
		msg = te.Error
		if te.Description != "" {
			msg += ": " + te.Description
		}
		if te.TraceID != "" {
			msg += " (trace_id " + te.TraceID + ")"
		}
		if te.CorrelationID != "" {
			msg += " (correlation_id " + te.CorrelationID + ")"
		}
	} else {
		msg = excerpt(body, "")
	}
	msg = oneLine(msg, 512)
	err := fmt.Errorf("the authority answered %d %s: %s", status, http.StatusText(status), msg)
	if status == http.StatusBadRequest || status == http.StatusUnauthorized {
		err = fmt.Errorf("%w: %w", ErrUnauthorized, err)
	}
	return err
}

// fail wraps err, scrubbing anything secret the text might repeat.
func (c *RefreshTokenCredential) fail(refresh string, err error) error {
	return &credentialError{msg: scrub(err.Error(), refresh, c.secret), err: err}
}

// credentialError is the error of a failed exchange: its text is scrubbed
// of secrets, and errors.Is sees through it to the categories and context
// errors it wraps.
type credentialError struct {
	msg string
	err error
}

func (e *credentialError) Error() string {
	return "partnercenter: refresh token credential: " + e.msg
}

// Unwrap returns the underlying error (for errors.Is with ErrUnauthorized
// or context.DeadlineExceeded).
func (e *credentialError) Unwrap() error { return e.err }

// scrub replaces every secret found in s.
func scrub(s string, secrets ...string) string {
	for _, v := range secrets {
		if len(v) >= minSecretLen {
			s = strings.ReplaceAll(s, v, redactedText)
		}
	}
	return s
}

// credentialRetryOptions are the retry options of token requests: the
// client's, with azcore applying TryTimeout itself (there is no rate
// limiter in front of the authority).
func credentialRetryOptions(r policy.RetryOptions) policy.RetryOptions {
	timeout := r.TryTimeout
	r = retryOptions(r)
	r.TryTimeout = timeout
	return r
}

// expiresIn reads expires_in (seconds, number or string); a missing or
// odd value counts as ten minutes.
func expiresIn(raw json.RawMessage) time.Duration {
	s := strings.Trim(strings.TrimSpace(string(raw)), `"`)
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || n > 7*24*3600 {
		return 10 * time.Minute
	}
	return time.Duration(n) * time.Second
}

// validTenant accepts a tenant GUID, a domain name, or the authority's
// "organizations" / "common" / "consumers" aliases: nothing that could
// change the token URL's path.
func validTenant(t string) bool {
	if isGUID(t) {
		return true
	}
	return checkDomain(t) == nil
}
