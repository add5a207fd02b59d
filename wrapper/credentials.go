package wrapper

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
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
// and shares it among concurrent callers until five minutes before it
// expires (half its lifetime, for a token that lives less than ten
// minutes), and keeps the rotated refresh token the authority sends back.
// Its errors and its printed form (of the pointer or of the value) never
// contain a token or the client secret. It is safe for concurrent use.
type RefreshTokenCredential struct {
	// s holds everything, secrets included, behind a pointer: printing a
	// RefreshTokenCredential value shows an address, not the fields.
	s *refreshState
}

// refreshState is the state of a RefreshTokenCredential.
type refreshState struct {
	pl       runtime.Pipeline
	tokenURL string
	clientID string
	secret   string
	scope    string
	onRotate func(string)

	// sem (capacity one) serialises the exchanges: two concurrent
	// exchanges of one refresh token could invalidate each other when the
	// authority rotates it. Unlike a mutex, a caller waiting for it gives
	// up when its context ends.
	sem chan struct{}

	// mu guards the fields below; it is never held during an exchange, so
	// RefreshToken and a cache hit never wait for one.
	mu        sync.Mutex
	refresh   string
	cached    azcore.AccessToken
	refreshAt time.Time // when the cached token is due for renewal
	rotations uint64    // rotations so far; numbers the callbacks

	// rotateMu serialises the OnRefreshTokenRotated callbacks; delivered
	// is the number of the last rotation delivered, so that a callback
	// that lost the race to a newer one is skipped, never run after it.
	rotateMu  sync.Mutex
	delivered uint64
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

	// The token answer holds the refresh token the request sent (when it
	// is not rotated): its body is capped but not scrubbed. Bodies are
	// never logged.
	// Token answers are capped but not scrubbed: they legitimately hold the
	// tokens, and the credential never logs bodies.
	transport := newTransport(o.Transport, maxTokenResponseBody, false)
	logging := safeLogOptions(o.Logging)
	logging.IncludeBody = false
	pl := runtime.NewPipeline(moduleName, Version,
		runtime.PipelineOptions{PerCall: []policy.Policy{userAgentPolicy{}}},
		&policy.ClientOptions{
			Logging:   logging,
			Retry:     credentialRetryOptions(o.Retry),
			Telemetry: policy.TelemetryOptions{Disabled: true},
			Transport: transport,
		})
	return &RefreshTokenCredential{s: &refreshState{
		pl:       pl,
		tokenURL: tokenURL.String(),
		clientID: clientID,
		secret:   clientSecret,
		scope:    scope,
		onRotate: o.OnRefreshTokenRotated,
		sem:      make(chan struct{}, 1),
		refresh:  refreshToken,
	}}, nil
}

// GetToken implements azcore.TokenCredential. It returns the cached access
// token until it is due for renewal (five minutes before it expires, or
// half-way through the life of a token issued for less than ten minutes),
// and otherwise exchanges the refresh token; concurrent callers share one
// exchange. The requested scopes are ignored: the credential always asks
// for its configured scope.
func (c *RefreshTokenCredential) GetToken(ctx context.Context, _ policy.TokenRequestOptions) (azcore.AccessToken, error) {
	s := c.s
	if tok, ok := s.fresh(); ok {
		return tok, nil
	}
	select {
	case s.sem <- struct{}{}:
	case <-ctx.Done():
		return azcore.AccessToken{}, fmt.Errorf("partnercenter: waiting for another refresh-token exchange: %w", ctx.Err())
	}
	// Another caller may have renewed the token while this one waited.
	if tok, ok := s.fresh(); ok {
		<-s.sem
		return tok, nil
	}
	s.mu.Lock()
	refresh := s.refresh
	s.mu.Unlock()
	start := time.Now()
	tok, rotated, err := s.exchange(ctx, refresh, start)
	var seq uint64
	if err == nil {
		s.mu.Lock()
		s.cached = tok
		s.refreshAt = renewalTime(start, tok.ExpiresOn)
		if rotated != "" {
			s.refresh = rotated
			s.rotations++
			seq = s.rotations
		}
		s.mu.Unlock()
	}
	<-s.sem
	if err != nil {
		return azcore.AccessToken{}, err
	}
	if seq != 0 && s.onRotate != nil {
		s.deliver(seq, rotated)
	}
	return tok, nil
}

// fresh returns the cached token when it is not yet due for renewal.
func (s *refreshState) fresh() (azcore.AccessToken, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cached.Token != "" && time.Now().Before(s.refreshAt) {
		return s.cached, true
	}
	return azcore.AccessToken{}, false
}

// renewalTime is when a token obtained at start and expiring at expires is
// renewed: five minutes before it expires, or half-way through a shorter
// life, so that a short-lived token is still cached and shared.
func renewalTime(start, expires time.Time) time.Time {
	margin := min(5*time.Minute, expires.Sub(start)/2)
	return expires.Add(-margin)
}

// deliver calls OnRefreshTokenRotated for rotation seq, unless a later
// rotation has been delivered already: the caller never stores an older
// refresh token after a newer one.
func (s *refreshState) deliver(seq uint64, refresh string) {
	s.rotateMu.Lock()
	defer s.rotateMu.Unlock()
	if seq <= s.delivered {
		return
	}
	s.delivered = seq
	s.onRotate(refresh)
}

// RefreshToken returns the current refresh token, which changes when the
// authority rotates it. Store it to start the next session with it. It
// does not wait for an exchange in progress.
func (c *RefreshTokenCredential) RefreshToken() string {
	c.s.mu.Lock()
	defer c.s.mu.Unlock()
	return c.s.refresh
}

// String keeps the tokens and the secret out of fmt output. Its receiver
// is a value, so that printing a RefreshTokenCredential value (not only a
// pointer) shows this too.
func (c RefreshTokenCredential) String() string {
	if c.s == nil {
		return "RefreshTokenCredential(nil)"
	}
	return "RefreshTokenCredential(" + c.s.tokenURL + ", client " + c.s.clientID + ", tokens REDACTED)"
}

// GoString keeps the tokens and the secret out of %#v output.
func (c RefreshTokenCredential) GoString() string { return c.String() }

// Format implements fmt.Formatter: every verb (%v, %+v, %#v, %s, %q, %x,
// ...) prints String, where fmt would otherwise dump the state behind the
// pointer for some of them.
func (c RefreshTokenCredential) Format(f fmt.State, _ rune) {
	_, _ = io.WriteString(f, c.String())
}

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
func (c *refreshState) exchange(ctx context.Context, refresh string, start time.Time) (azcore.AccessToken, string, error) {
	// The transport scrubs these from whatever the authority answers.
	ctx = withSecrets(ctx, refresh, c.secret)
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
		return azcore.AccessToken{}, "", c.fail(refresh, c.statusError(resp.StatusCode, body, refresh))
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
func (c *refreshState) statusError(status int, body []byte, refresh string) error {
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
		msg = excerpt(body, []string{refresh, c.secret})
	}
	// Scrub, then cut: a secret cut short would no longer be found.
	msg = oneLine(scrub(msg, refresh, c.secret), 512)
	err := fmt.Errorf("the authority answered %d %s: %s", status, http.StatusText(status), msg)
	if status == http.StatusBadRequest || status == http.StatusUnauthorized {
		err = fmt.Errorf("%w: %w", ErrUnauthorized, err)
	}
	return err
}

// fail wraps err, scrubbing anything secret the text might repeat.
func (c *refreshState) fail(refresh string, err error) error {
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
