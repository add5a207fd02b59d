// Package check holds the input rules that the wrapper, the fake and the
// command line share, so that the three agree on what a customer ID or an
// endpoint is: one GUID rule and one endpoint check.
package check

import (
	"errors"
	"net"
	"net/netip"
	"net/url"
	"strings"
)

// GUIDLen is the length of a GUID in its canonical 8-4-4-4-12 form.
const GUIDLen = 36

// GUID reports whether s is exactly a GUID in 8-4-4-4-12 hexadecimal form
// (either case): no braces, no urn:uuid: prefix, no other length. It does
// not ask for an RFC 4122 version or variant: the IDs Partner Center
// documents have neither.
func GUID(s string) bool {
	if len(s) != GUIDLen {
		return false
	}
	for i := 0; i < GUIDLen; i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// Endpoint checks an API endpoint or authority URL and returns it
// normalised (scheme and host lower case, no trailing slash): an absolute
// https URL, or http to a loopback host when allowInsecureLoopback is set;
// no user info, query or fragment. Its errors never repeat the URL, which
// may hold a password in its user info.
func Endpoint(endpoint string, allowInsecureLoopback bool) (*url.URL, error) {
	if endpoint == "" {
		return nil, errors.New("it is empty")
	}
	u, err := url.Parse(endpoint)
	if err != nil {
		return nil, errors.New("it is not a URL")
	}
	if u.Host == "" || u.Opaque != "" {
		return nil, errors.New("it is not an absolute URL")
	}
	if !HostPort(u) {
		return nil, errors.New("its host is empty or its port is not a number")
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" || u.ForceQuery {
		return nil, errors.New("it must not carry user info, a query or a fragment")
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
	case "http":
		if !allowInsecureLoopback {
			return nil, errors.New("it is plain http; tokens are only sent over https")
		}
		if !Loopback(u.Hostname()) {
			return nil, errors.New("it is plain http to a host that is not loopback (only localhost, 127.0.0.0/8 and ::1 may be)")
		}
	default:
		return nil, errors.New("it must use https")
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Host = strings.ToLower(u.Host)
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// HostPort reports whether u names a host, and a numeric port when it
// names one at all: "https://:443" and "https://host:" are refused (the
// first would dial the local machine).
func HostPort(u *url.URL) bool {
	if u.Hostname() == "" {
		return false
	}
	if !strings.Contains(strings.TrimPrefix(u.Host, "["+u.Hostname()+"]"), ":") {
		return true
	}
	_, port, err := net.SplitHostPort(u.Host)
	if err != nil || port == "" {
		return false
	}
	for i := 0; i < len(port); i++ {
		if port[i] < '0' || port[i] > '9' {
			return false
		}
	}
	return true
}

// Loopback reports whether host is "localhost" or a loopback IP address
// (127.0.0.0/8, ::1, or either mapped into IPv6), without a zone.
func Loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Zone() == "" && ip.Unmap().IsLoopback()
}

// Redact returns raw with any user info removed, for messages; a value
// that does not parse is not shown at all.
func Redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User = nil
	return u.String()
}
