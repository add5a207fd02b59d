package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/wrapper"
)

// How the command line reaches an endpoint of the user's choice, such as a
// running "partnercenter fake serve", a proxy or a mock:
//
//   - https with --ca-file: the CA in the PEM file is trusted besides the
//     system's, and the token comes from PARTNERCENTER_ACCESS_TOKEN (or,
//     when it is not set, from azidentity for --audience);
//   - http on a loopback host: allowed through the wrapper's
//     AllowInsecureHTTP, and no token is sent or even asked for.

// envAccessToken names the environment variable whose access token, when
// set, replaces azidentity's sign-in. It is never printed.
const envAccessToken = "PARTNERCENTER_ACCESS_TOKEN"

// maxCAFile caps the size of a --ca-file.
const maxCAFile = 1 << 20

// envToken returns the access token of PARTNERCENTER_ACCESS_TOKEN, without
// surrounding space or a "Bearer " prefix; "" when it is not set.
func envToken() string {
	tok := strings.TrimSpace(os.Getenv(envAccessToken))
	if scheme, rest, ok := strings.Cut(tok, " "); ok && strings.EqualFold(scheme, "Bearer") {
		tok = strings.TrimSpace(rest)
	}
	return tok
}

// plainLoopback reports whether --endpoint is plain http (which
// validate allows on a loopback host only).
func (g *globalOptions) plainLoopback() bool {
	u, err := url.Parse(g.endpoint)
	return err == nil && strings.EqualFold(u.Scheme, "http")
}

// validateEndpoint checks --endpoint, --audience and --ca-file together.
func (g *globalOptions) validateEndpoint(cmd *command) error {
	if g.fake && (g.endpoint != "" || g.audience != "" || g.tenant != "" || g.caFile != "") {
		return newUsageError(cmd, "--fake cannot be combined with --endpoint, --audience, --tenant or --ca-file "+
			"(to reach a running 'partnercenter fake serve', drop --fake and give its URL to --endpoint)")
	}
	if g.endpoint == "" {
		return nil
	}
	if _, err := check.Endpoint(g.endpoint, true); err != nil {
		return newUsageError(cmd, "invalid --endpoint %q: %v", check.Redact(g.endpoint), err)
	}
	switch {
	case g.plainLoopback():
		if g.caFile != "" {
			return newUsageError(cmd, "--ca-file needs an https --endpoint")
		}
	case g.audience == "" && envToken() == "":
		return newUsageError(cmd, "--endpoint needs --audience (the token audience the endpoint accepts), "+
			"or a token in %s", envAccessToken)
	}
	return nil
}

// remoteCredential sets up opts for a run without --fake and returns the
// credential: none over plain http on loopback (AllowInsecureHTTP; the
// wrapper sends no token there), else the token of
// PARTNERCENTER_ACCESS_TOKEN, else azidentity's (or the test's) for c.
// With --ca-file the transport trusts that CA.
func (a *app) remoteCredential(opts *wrapper.ClientOptions, c cloud.Configuration) (azcore.TokenCredential, error) {
	if a.g.caFile != "" {
		t, err := trustingTransport(a.g.caFile)
		if err != nil {
			return nil, err
		}
		opts.Transport = t
	}
	if a.g.plainLoopback() {
		opts.AllowInsecureHTTP = true
		return noToken{}, nil
	}
	if tok := envToken(); tok != "" {
		return wrapper.StaticTokenCredential(tok, time.Time{}), nil
	}
	newCred := a.newCredential
	if newCred == nil {
		newCred = defaultCredential
	}
	cred, err := newCred(c, a.g.tenant)
	if err != nil {
		return nil, &credentialError{err: err}
	}
	return cred, nil
}

// credentialSource names where the run's token comes from, for doctor.
func (a *app) credentialSource() string {
	switch {
	case a.g.fake:
		return "the embedded fake's own token (--fake)"
	case a.g.plainLoopback():
		return "none: plain http on loopback sends no token"
	case envToken() != "":
		return envAccessToken
	case a.newCredential != nil:
		return "the test's credential"
	}
	return "azidentity DefaultAzureCredential"
}

// noToken is the credential of a plain-http loopback endpoint. The
// wrapper builds no bearer policy for such an endpoint, so it is never
// asked; if it were, it would refuse.
type noToken struct{}

// GetToken refuses: no token travels over plain http.
func (noToken) GetToken(context.Context, policy.TokenRequestOptions) (azcore.AccessToken, error) {
	return azcore.AccessToken{}, errors.New("no token is sent over plain http")
}

// trustingTransport returns an HTTP client trusting the system's CAs and
// those of the PEM file path, with TLS 1.2 or later. Like the wrapper's
// own, it never follows a redirect.
func trustingTransport(path string) (*http.Client, error) {
	pem, err := readSmallFile(path, maxCAFile)
	if err != nil {
		return nil, fmt.Errorf("--ca-file: %w", err)
	}
	pool, err := x509.SystemCertPool()
	if err != nil || pool == nil {
		pool = x509.NewCertPool()
	}
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("--ca-file %s holds no PEM certificate", path)
	}
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
	return &http.Client{
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}, nil
}

// readSmallFile reads at most limit bytes of path, refusing a larger file.
func readSmallFile(path string, limit int64) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, fmt.Errorf("%s is larger than %d bytes", path, limit)
	}
	return data, nil
}
