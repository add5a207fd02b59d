package main

import (
	"errors"
	"flag"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"

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
		strconv.Itoa(fakeExtraCustomers)+" generated ones; no sign-in")
	fs.StringVar(&g.cloud, "cloud", g.cloud, "national cloud: `NAME` is public, china or usgov")
	fs.StringVar(&g.endpoint, "endpoint", g.endpoint, "custom API `URL` (https, without the version path); needs --audience")
	fs.StringVar(&g.audience, "audience", g.audience, "token `AUDIENCE` for a custom endpoint (the scope is AUDIENCE/.default)")
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
	if g.fake && (g.endpoint != "" || g.audience != "" || g.tenant != "") {
		return newUsageError(cmd, "--fake cannot be combined with --endpoint, --audience or --tenant")
	}
	if g.endpoint != "" {
		if err := checkEndpoint(g.endpoint); err != nil {
			return newUsageError(cmd, "invalid --endpoint %q: %v", redactUserinfo(g.endpoint), err)
		}
		if g.audience == "" {
			return newUsageError(cmd, "--endpoint needs --audience: the token audience the endpoint accepts")
		}
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
func (g *globalOptions) resolveCloud() (wrapper.Cloud, error) {
	c, err := wrapper.CloudByName(g.cloud)
	if err != nil {
		return wrapper.Cloud{}, err
	}
	if g.endpoint != "" {
		c.Name = "custom"
		c.Endpoint = strings.TrimRight(g.endpoint, "/")
	}
	if g.audience != "" {
		c.Audience = strings.TrimSuffix(strings.TrimRight(g.audience, "/"), "/.default")
	}
	return c, nil
}

// checkEndpoint accepts an absolute https URL without query or fragment.
func checkEndpoint(s string) error {
	u, err := url.Parse(s)
	if err != nil {
		// url.Error quotes the whole URL, password included.
		return fmt.Errorf("not a URL")
	}
	switch {
	case u.Scheme != "https":
		return fmt.Errorf("the scheme must be https")
	case u.Host == "":
		return fmt.Errorf("a host is required")
	case u.RawQuery != "" || u.Fragment != "" || u.User != nil:
		return fmt.Errorf("user info, query and fragment are not allowed")
	}
	return nil
}

// checkGUID accepts the 36-character GUID form Partner Center uses, e.g.
// aaaabbbb-0000-cccc-1111-dddd2222eeee.
func checkGUID(s string) error {
	// uuid.Validate also accepts the braced, URN and 32-digit forms; the
	// length check rules them out.
	if len(s) != 36 || uuid.Validate(s) != nil {
		return errors.New("want a GUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx")
	}
	return nil
}

// redactUserinfo returns the URL s with any user info (user:password@)
// replaced, so that an --endpoint holding credentials is never echoed.
// It works on text, so that it also covers what url.Parse refuses.
func redactUserinfo(s string) string {
	rest := s
	prefix := ""
	if i := strings.Index(s, "//"); i >= 0 {
		prefix, rest = s[:i+2], s[i+2:]
	}
	authority := rest
	if j := strings.IndexAny(rest, "/?#"); j >= 0 {
		authority = rest[:j]
	}
	at := strings.LastIndex(authority, "@")
	if at < 0 {
		return s
	}
	return prefix + "REDACTED@" + rest[at+1:]
}
