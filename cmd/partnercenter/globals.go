package main

import (
	"errors"
	"flag"
	"strconv"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"

	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/wrapper"
)

// Output formats accepted by --output.
const (
	formatJSON  = "json"
	formatJSONL = "jsonl"
	formatTable = "table"
)

// maxRetriesLimit is the largest --max-retries accepted.
const maxRetriesLimit = 100

// defaultAppName is sent as MS-PartnerCenter-Application unless --app-name
// says otherwise.
const defaultAppName = "partnercenter-go-cli"

// globalOptions holds the flags every command accepts.
type globalOptions struct {
	fake          bool
	cloud         string
	endpoint      string
	audience      string
	caFile        string
	tenant        string
	apiVersion    string
	appName       string
	locale        string
	correlationID string
	output        string
	timeout       time.Duration
	maxRetries    int
	verbose       bool
	quiet         bool
}

// defaultGlobals returns the global options before any flag is parsed.
func defaultGlobals() globalOptions {
	return globalOptions{
		cloud:      "public",
		appName:    defaultAppName,
		output:     formatJSON,
		maxRetries: 3,
	}
}

// flagAliases maps each one-letter alias to the long flag it stands for.
var flagAliases = map[string]string{"o": "output", "q": "quiet", "v": "verbose"}

// register defines the global flags on fs. The current values of g are the
// defaults, so registering on several flag sets in turn keeps what an earlier
// level parsed.
func (g *globalOptions) register(fs *flag.FlagSet) {
	fs.BoolVar(&g.fake, "fake", g.fake, "run against an embedded Partner Center on loopback: the documented customers and "+
		strconv.Itoa(fakeExtraCustomers)+" generated ones; no sign-in, no network. Its state lasts one process: "+
		"what a command changes is gone in the next (for state that lasts, run 'fake serve' and use --endpoint)")
	fs.StringVar(&g.cloud, "cloud", g.cloud, "national cloud: `NAME` is public, china or usgov")
	fs.StringVar(&g.endpoint, "endpoint", g.endpoint, "custom API `URL` without the version path: https (token from "+
		envAccessToken+", else a sign-in for --audience), or http on loopback such as http://127.0.0.1:PORT (no token sent)")
	fs.StringVar(&g.audience, "audience", g.audience, "token `AUDIENCE` for a custom endpoint (the scope is AUDIENCE/.default)")
	fs.StringVar(&g.caFile, "ca-file", g.caFile, "also trust the CA certificates in PEM `FILE`, e.g. the --cert-file of 'fake serve'")
	fs.StringVar(&g.tenant, "tenant", g.tenant, "Entra ID `TENANT` to sign in to (default: the credential's own)")
	fs.StringVar(&g.apiVersion, "api-version", g.apiVersion, "API path `VERSION` (default v1)")
	fs.StringVar(&g.appName, "app-name", g.appName, "`NAME` sent as MS-PartnerCenter-Application")
	fs.StringVar(&g.locale, "locale", g.locale, "`LOCALE` sent as X-Locale (default: none, which the service reads as en-US)")
	fs.StringVar(&g.correlationID, "correlation-id", g.correlationID, "`GUID` sent as MS-CorrelationId on every request (default: a new one per call)")
	fs.StringVar(&g.output, "output", g.output, "output `FORMAT`: json, jsonl or table")
	fs.StringVar(&g.output, "o", g.output, "")
	fs.DurationVar(&g.timeout, "timeout", g.timeout, "give up after `DURATION`, e.g. 30s or 2m (default: no limit)")
	fs.IntVar(&g.maxRetries, "max-retries", g.maxRetries, "retry a throttled or failed request up to `N` times (0: no retries)")
	fs.BoolVar(&g.verbose, "verbose", g.verbose, "log HTTP requests and responses to stderr (authorization headers redacted)")
	fs.BoolVar(&g.verbose, "v", g.verbose, "")
	fs.BoolVar(&g.quiet, "quiet", g.quiet, "no progress line on stderr")
	fs.BoolVar(&g.quiet, "q", g.quiet, "")
}

// validate checks the global options after parsing; cmd is the command the
// user ran, for the usage error.
func (g *globalOptions) validate(cmd *command) error {
	switch g.output {
	case formatJSON, formatJSONL, formatTable:
	default:
		return newUsageError(cmd, "invalid --output %q: use json, jsonl or table", g.output)
	}
	if _, err := wrapper.CloudByName(g.cloud); err != nil {
		return newUsageError(cmd, "invalid --cloud %q: use public, china or usgov", g.cloud)
	}
	if err := g.validateEndpoint(cmd); err != nil {
		return err
	}
	if g.correlationID != "" {
		if err := checkGUID(g.correlationID); err != nil {
			return newUsageError(cmd, "invalid --correlation-id %q: %v", g.correlationID, err)
		}
	}
	if g.timeout < 0 {
		return newUsageError(cmd, "invalid --timeout %s: must not be negative", g.timeout)
	}
	if g.maxRetries < 0 || g.maxRetries > maxRetriesLimit {
		return newUsageError(cmd, "invalid --max-retries %d: must be between 0 and %d", g.maxRetries, maxRetriesLimit)
	}
	return nil
}

// resolveCloud returns the cloud the options select: a named cloud, with
// the endpoint and audience replaced when --endpoint and --audience are set.
func (g *globalOptions) resolveCloud() (cloud.Configuration, error) {
	c, err := wrapper.CloudByName(g.cloud)
	if err != nil {
		return cloud.Configuration{}, err
	}
	if g.endpoint == "" && g.audience == "" {
		return c, nil
	}
	svc := c.Services[wrapper.ServiceName]
	if g.endpoint != "" {
		svc.Endpoint = strings.TrimRight(g.endpoint, "/")
	}
	if g.audience != "" {
		svc.Audience = strings.TrimSuffix(strings.TrimRight(g.audience, "/"), "/.default")
	}
	return wrapper.CustomCloud(svc.Endpoint, svc.Audience, c.ActiveDirectoryAuthorityHost), nil
}

// checkGUID applies the GUID rule the wrapper and the fake use.
func checkGUID(s string) error {
	if !check.GUID(s) {
		return errors.New("want a GUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx")
	}
	return nil
}
