package wrapper

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// Cloud names a Partner Center deployment: where the API lives, which
// audience its tokens carry and which Entra ID authority issues them.
type Cloud struct {
	// Name is "public", "china", "usgov" or a label of the caller's choice.
	Name string
	// Endpoint is the API's base URL without the version segment, such as
	// "https://api.partnercenter.microsoft.com". It may carry a path prefix.
	Endpoint string
	// Audience is the token audience; the scope requested is
	// Audience + "/.default".
	Audience string
	// AuthorityHost is the Entra ID authority, such as
	// "https://login.microsoftonline.com/".
	AuthorityHost string
}

// The clouds Partner Center runs in.
var (
	// CloudPublic is the worldwide Partner Center.
	CloudPublic = Cloud{
		Name:          "public",
		Endpoint:      "https://api.partnercenter.microsoft.com",
		Audience:      "https://api.partnercenter.microsoft.com",
		AuthorityHost: "https://login.microsoftonline.com/",
	}
	// CloudChina is Partner Center operated by 21Vianet.
	CloudChina = Cloud{
		Name:          "china",
		Endpoint:      "https://partner.partnercenterapi.microsoftonline.cn",
		Audience:      "https://partner.partnercenterapi.microsoftonline.cn",
		AuthorityHost: "https://login.chinacloudapi.cn/",
	}
	// CloudUSGovernment is Partner Center for the US Government cloud. The
	// API host and audience are those of the public cloud; tokens come from
	// the US Government authority.
	CloudUSGovernment = Cloud{
		Name:          "usgov",
		Endpoint:      "https://api.partnercenter.microsoft.com",
		Audience:      "https://api.partnercenter.microsoft.com",
		AuthorityHost: "https://login.microsoftonline.us/",
	}
)

// CloudByName returns the named cloud: "public", "china" or "usgov"
// (case-insensitive; "21vianet" and "usgovernment" are accepted too). Any
// other name is an error wrapping ErrInvalidInput.
func CloudByName(name string) (Cloud, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "public", "global", "worldwide":
		return CloudPublic, nil
	case "china", "21vianet":
		return CloudChina, nil
	case "usgov", "usgovernment":
		return CloudUSGovernment, nil
	}
	return Cloud{}, fmt.Errorf("%w: unknown cloud %s (want public, china or usgov)", ErrInvalidInput, quote(name))
}

// scope returns the OAuth scope for the cloud's audience.
func (c Cloud) scope() string {
	return strings.TrimRight(c.Audience, "/") + "/.default"
}

// parseEndpoint checks an endpoint (what names it in errors): an absolute
// https URL, or http on a loopback host when allowInsecure is set; no
// query, fragment or user info.
func parseEndpoint(what, endpoint string, allowInsecure bool) (*url.URL, error) {
	if endpoint == "" {
		return nil, fmt.Errorf("%w: empty %s", ErrInvalidInput, what)
	}
	u, err := url.Parse(endpoint)
	if err != nil {
		return nil, fmt.Errorf("%w: %s %s is not a URL", ErrInvalidInput, what, quote(endpoint))
	}
	if u.Host == "" || u.Opaque != "" {
		return nil, fmt.Errorf("%w: %s %s is not an absolute URL", ErrInvalidInput, what, quote(endpoint))
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return nil, fmt.Errorf("%w: %s %s must not carry user info, a query or a fragment", ErrInvalidInput, what, quote(redactURL(u)))
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "http":
		if !allowInsecure {
			return nil, fmt.Errorf("%w: %s %s is plain http; tokens are only sent over https", ErrInvalidInput, what, quote(endpoint))
		}
		if !isLoopback(u.Hostname()) {
			return nil, fmt.Errorf("%w: %s %s is plain http to a host that is not loopback; AllowInsecureHTTP only covers localhost, 127.0.0.0/8 and ::1", ErrInvalidInput, what, quote(endpoint))
		}
	default:
		return nil, fmt.Errorf("%w: %s %s must use https", ErrInvalidInput, what, quote(endpoint))
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// isLoopback reports whether host is localhost or a loopback IP address.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// redactURL prints u without its user info.
func redactURL(u *url.URL) string {
	c := *u
	c.User = nil
	return c.String()
}
