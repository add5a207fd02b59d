// Package refresh exchanges an app+user refresh token for access tokens
// at an Entra ID authority (grant_type refresh_token), caching and sharing
// the access token and keeping the rotated refresh token. It is the engine
// of wrapper.RefreshTokenCredential, whose doc says what it guarantees.
package refresh

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/streaming"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/errbody"
	"github.com/partnercenter-go/partnercenter/internal/errs"
	"github.com/partnercenter-go/partnercenter/internal/pipeline"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

// State is the state of a refresh-token credential.
type State struct {
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

// Config is what a State needs.
type Config struct {
	// Client are the caller's azcore options for the token requests
	// (transport, retry, logging; bodies are never logged).
	Client azcore.ClientOptions
	// Authority is the authority host (https); TenantID the tenant, a GUID
	// or a domain name.
	Authority *url.URL
	TenantID  string
	// ClientID, Secret (empty for a public client) and Scope go in the form.
	ClientID, Secret, Scope string
	// Module, Version and UserAgent name the library.
	Module, Version, UserAgent string
	// RefreshToken is the first refresh token.
	RefreshToken string
	// OnRotate, when set, gets each new refresh token.
	OnRotate func(string)
}

// New checks cfg (a tenant GUID or domain name, a client ID that can be
// sent, a refresh token) and returns the state, with the pipeline of its
// token requests: capped (transport.MaxTokenBody) but not scrubbed, since
// the answers legitimately hold the tokens, and never logging bodies.
func New(cfg Config) (*State, error) {
	if !check.GUID(cfg.TenantID) && check.InputDomain(cfg.TenantID) != nil {
		return nil, fmt.Errorf("%w: tenant %s (want a tenant GUID or domain name)", errs.ErrInvalidInput, scrub.Quote(cfg.TenantID))
	}
	if cfg.ClientID == "" || check.InputHeader("client ID", cfg.ClientID) != nil || strings.ContainsAny(cfg.ClientID, " ") {
		return nil, fmt.Errorf("%w: client ID %s", errs.ErrInvalidInput, scrub.Quote(cfg.ClientID))
	}
	if cfg.RefreshToken == "" {
		return nil, fmt.Errorf("%w: empty refresh token", errs.ErrInvalidInput)
	}
	tokenURL := *cfg.Authority
	tokenURL.Path = cfg.Authority.Path + "/" + cfg.TenantID + "/oauth2/v2.0/token"
	logging := pipeline.SafeLogOptions(cfg.Client.Logging)
	logging.IncludeBody = false
	retry := pipeline.RetryOptions(cfg.Client.Retry)
	retry.TryTimeout = cfg.Client.Retry.TryTimeout // no rate limiter in front of the authority
	pl := runtime.NewPipeline(cfg.Module, cfg.Version,
		runtime.PipelineOptions{PerCall: []policy.Policy{pipeline.UserAgentPolicy(cfg.UserAgent)}},
		&policy.ClientOptions{
			Logging:   logging,
			Retry:     retry,
			Telemetry: policy.TelemetryOptions{Disabled: true},
			Transport: transport.New(cfg.Client.Transport, transport.MaxTokenBody, false),
		})
	return &State{pl: pl, tokenURL: tokenURL.String(), clientID: cfg.ClientID, secret: cfg.Secret,
		scope: cfg.Scope, onRotate: cfg.OnRotate, sem: make(chan struct{}, 1), refresh: cfg.RefreshToken}, nil
}

// Describe names the authority and the client, never a secret.
func (s *State) Describe() string { return s.tokenURL + ", client " + s.clientID }

// GetToken returns the cached access token until it is due for renewal,
// and otherwise exchanges the refresh token; concurrent callers share one
// exchange.
func (s *State) GetToken(ctx context.Context) (azcore.AccessToken, error) {
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
func (s *State) fresh() (azcore.AccessToken, bool) {
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
func (s *State) deliver(seq uint64, refresh string) {
	s.rotateMu.Lock()
	defer s.rotateMu.Unlock()
	if seq <= s.delivered {
		return
	}
	s.delivered = seq
	s.onRotate(refresh)
}

// RefreshToken returns the current refresh token, without waiting for an
// exchange in progress.
func (s *State) RefreshToken() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.refresh
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
func (c *State) exchange(ctx context.Context, refresh string, start time.Time) (azcore.AccessToken, string, error) {
	// The transport scrubs these from whatever the authority answers.
	ctx = scrub.WithSecrets(ctx, refresh, c.secret)
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
	req.Raw().Header.Set("Accept", "application/json")
	resp, err := c.pl.Do(req)
	if err != nil {
		return azcore.AccessToken{}, "", c.fail(refresh, err)
	}
	defer transport.Drain(resp)
	body, err := runtime.Payload(resp)
	if err != nil {
		return azcore.AccessToken{}, "", c.fail(refresh, fmt.Errorf("reading the answer: %w", err))
	}
	if resp.StatusCode != http.StatusOK {
		return azcore.AccessToken{}, "", c.fail(refresh, c.statusError(resp.StatusCode, body, refresh))
	}
	var tr tokenResponse
	if err := json.Unmarshal(errbody.TrimBOM(body), &tr); err != nil {
		return azcore.AccessToken{}, "", c.fail(refresh, errors.New("the answer is not a JSON token response"))
	}
	if tr.AccessToken == "" {
		return azcore.AccessToken{}, "", c.fail(refresh, errors.New("the answer holds no access_token"))
	}
	if tr.TokenType != "" && !strings.EqualFold(tr.TokenType, "Bearer") {
		return azcore.AccessToken{}, "", c.fail(refresh, fmt.Errorf("unexpected token_type %s", scrub.QuoteLine(tr.TokenType, refresh, c.secret, tr.AccessToken, tr.RefreshToken)))
	}
	tok := azcore.AccessToken{Token: tr.AccessToken, ExpiresOn: start.Add(expiresIn(tr.ExpiresIn))}
	rotated := ""
	if tr.RefreshToken != "" && tr.RefreshToken != refresh {
		rotated = tr.RefreshToken
	}
	return tok, rotated, nil
}

// statusError describes an error answer of the authority. 400 and 401
// answers (invalid_grant, invalid_client, ...) wrap errs.ErrUnauthorized.
func (c *State) statusError(status int, body []byte, refresh string) error {
	var te tokenErrorResponse
	msg := ""
	if json.Unmarshal(errbody.TrimBOM(body), &te) == nil && (te.Error != "" || te.Description != "") {
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
		msg = errbody.Excerpt(body, []string{refresh, c.secret})
	}
	// Scrub, then cut: a secret cut short would no longer be found.
	msg = scrub.Line(msg, 512, refresh, c.secret)
	err := fmt.Errorf("the authority answered %d %s: %s", status, http.StatusText(status), msg)
	if status == http.StatusBadRequest || status == http.StatusUnauthorized {
		err = fmt.Errorf("%w: %w", errs.ErrUnauthorized, err)
	}
	return err
}

// fail wraps err, scrubbing anything secret the text might repeat.
func (c *State) fail(refresh string, err error) error {
	return &credentialError{msg: scrub.String(err.Error(), refresh, c.secret), err: err}
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

// Unwrap returns the underlying error (for errors.Is with errs.ErrUnauthorized
// or context.DeadlineExceeded).
func (e *credentialError) Unwrap() error { return e.err }

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

// Expire makes the next GetToken exchange the refresh token, as if the
// cached access token were due for renewal (for tests of rotation).
func (s *State) Expire() {
	s.mu.Lock()
	s.refreshAt = time.Now().Add(-time.Second)
	s.mu.Unlock()
}
