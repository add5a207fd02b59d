package fake

import (
	"context"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

// TokenLifetime is how long a token from a Credential is valid.
const TokenLifetime = time.Hour

// Credential is a fake azcore.TokenCredential. It never calls Entra ID:
// the first GetToken returns the token it was made with, later calls return
// that token with a counter appended ("token-2", "token-3", ...), so a
// refreshed token differs from an expired one (see Faults.ExpireTokens).
// Safe for concurrent use.
type Credential struct {
	token string

	mu     sync.Mutex
	calls  int
	scopes []string
	err    error
}

var _ azcore.TokenCredential = (*Credential)(nil)

// NewCredential returns a credential that hands out token. The fake server
// accepts any non-empty bearer token.
func NewCredential(token string) *Credential {
	return &Credential{token: token}
}

// GetToken returns the next token, valid for TokenLifetime, or the error
// set with Fail.
func (c *Credential) GetToken(ctx context.Context, opts policy.TokenRequestOptions) (azcore.AccessToken, error) {
	if err := ctx.Err(); err != nil {
		return azcore.AccessToken{}, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.calls++
	c.scopes = slices.Clone(opts.Scopes)
	if c.err != nil {
		return azcore.AccessToken{}, c.err
	}
	token := c.token
	if c.calls > 1 {
		token += "-" + strconv.Itoa(c.calls)
	}
	now := time.Now()
	return azcore.AccessToken{Token: token, ExpiresOn: now.Add(TokenLifetime), RefreshOn: now.Add(TokenLifetime / 2)}, nil
}

// Calls returns how many times GetToken was called.
func (c *Credential) Calls() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.calls
}

// Scopes returns the scopes of the last GetToken call, such as
// "https://fake.partnercenter.invalid/.default".
func (c *Credential) Scopes() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return slices.Clone(c.scopes)
}

// Fail makes every later GetToken call return err, as a credential that
// cannot reach Entra ID does; Fail(nil) heals it.
func (c *Credential) Fail(err error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.err = err
}
