package fake

import (
	"crypto/sha256"
	"net/http"
	"strings"
	"sync"
)

// maxSeenTokens bounds how many distinct tokens the fake remembers for
// ExpireTokens.
const maxSeenTokens = 4096

// authState decides whether a request's bearer token is acceptable. Any
// non-empty bearer token is, unless Faults.ExpireTokens expired it; with
// Options.NoAuth so is none. Tokens are remembered only as SHA-256 digests.
type authState struct {
	noAuth  bool // Options.NoAuth: a request without a bearer token passes
	mu      sync.Mutex
	seen    map[[sha256.Size]byte]struct{}
	expired map[[sha256.Size]byte]struct{}
}

func newAuthState(noAuth bool) *authState {
	return &authState{noAuth: noAuth, seen: map[[sha256.Size]byte]struct{}{}, expired: map[[sha256.Size]byte]struct{}{}}
}

var (
	errTokenMissing = &apiError{
		status:      http.StatusUnauthorized,
		code:        codeTokenMissing,
		description: "Partner token is missing.",
		wwwAuth:     "Bearer",
	}
	errTokenExpired = &apiError{
		status:      http.StatusUnauthorized,
		code:        codeTokenMissing,
		description: "The partner token has expired; acquire a new one.",
		wwwAuth:     `Bearer error="invalid_token", error_description="The access token expired"`,
	}
)

// check returns nil when the request carries an acceptable bearer token,
// else the 401 answer.
func (a *authState) check(r *http.Request) *apiError {
	scheme, token, ok := strings.Cut(r.Header.Get("Authorization"), " ")
	token = strings.TrimSpace(token)
	if !ok || !strings.EqualFold(scheme, "Bearer") || token == "" {
		if a.noAuth {
			return nil
		}
		return errTokenMissing
	}
	sum := sha256.Sum256([]byte(token))
	a.mu.Lock()
	defer a.mu.Unlock()
	if _, gone := a.expired[sum]; gone {
		return errTokenExpired
	}
	if len(a.seen) >= maxSeenTokens {
		clear(a.seen)
	}
	a.seen[sum] = struct{}{}
	return nil
}

// expireSeen makes every token accepted so far fail with 401.
func (a *authState) expireSeen() {
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(a.expired) >= maxSeenTokens {
		clear(a.expired)
	}
	for sum := range a.seen {
		a.expired[sum] = struct{}{}
	}
	clear(a.seen)
}

// reset forgets expired tokens.
func (a *authState) reset() {
	a.mu.Lock()
	defer a.mu.Unlock()
	clear(a.expired)
}
