// Package nextlink follows the next links of a listing safely: it
// resolves a link under the client's versioned base (refusing another
// origin, dot segments and odd methods before anything is sent), forwards
// only the headers the service documents for paging, and ends a listing
// whose links loop.
package nextlink

import (
	"context"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/errs"
)

// Resolver resolves the next links of one client.
type Resolver struct {
	// Endpoint is the API's base URL without the version.
	Endpoint *url.URL
	// Base is Endpoint + "/" + Version.
	Base *url.URL
	// BasePath is Base's path with a trailing slash.
	BasePath string
	// Version is the version segment, such as "v1".
	Version string
}

// Next returns links.next, or nil when there is none.
func Next(links *gen.ResourceLinks) *gen.Link {
	if links == nil || links.Next == nil {
		return nil
	}
	n := links.Next
	if n.URI == nil || strings.TrimSpace(*n.URI) == "" {
		return nil
	}
	return n
}

// Request builds the request for a next link, refusing (with
// errs.ErrInvalidInput, before any I/O) a link to another scheme or host, a
// method other than GET and headers that cannot or must not be sent. Its
// errors never repeat the link: a hostile server may have put the token in
// it.
func (r *Resolver) Request(ctx context.Context, link *gen.Link) (*http.Request, error) {
	if link.Method != nil && *link.Method != "" && !strings.EqualFold(*link.Method, http.MethodGet) {
		return nil, fmt.Errorf("%w: the next link's method is not GET", errs.ErrInvalidInput)
	}
	u, err := r.Resolve(*link.URI)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: the next link is not a URL a request can go to", errs.ErrInvalidInput)
	}
	for _, kv := range link.Headers {
		if kv.Key == nil || *kv.Key == "" {
			continue
		}
		key := http.CanonicalHeaderKey(*kv.Key)
		if !linkHeaderAllowed[key] {
			continue
		}
		var v string
		if kv.Value != nil {
			v = *kv.Value
		}
		if len(v) > maxLinkHeaderValue || strings.IndexFunc(v, isControl) >= 0 {
			return nil, fmt.Errorf("%w: next link header %s holds a control character or is longer than %d bytes", errs.ErrInvalidInput, key, maxLinkHeaderValue)
		}
		req.Header.Set(key, v)
	}
	return req, nil
}

// Resolve turns a next link's uri into a URL under the client's
// versioned base. The uri may be "/customers?...", "/v1/customers?...",
// the base path itself ("/prefix/v1/customers?..."), relative
// ("customers?...") or absolute to the same scheme and host. The version
// segment is never doubled, even when the link itself repeats it.
func (r *Resolver) Resolve(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: the next link is not a URI", errs.ErrInvalidInput)
	}
	if u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		if !sameOrigin(u, r.Endpoint) || !check.HostPort(u) || u.User != nil || u.Opaque != "" {
			return nil, fmt.Errorf("%w: the next link leaves %s://%s; the token is only sent to the configured endpoint", errs.ErrInvalidInput, r.Endpoint.Scheme, r.Endpoint.Host)
		}
	}
	p := u.EscapedPath()
	var rest string
	switch {
	case strings.HasPrefix(p, r.BasePath):
		rest = p[len(r.BasePath):]
	case strings.HasPrefix(p, "/"+r.Version+"/"):
		rest = p[len(r.Version)+2:]
	case strings.HasPrefix(p, "/"):
		rest = p[1:]
	default:
		rest = p
	}
	// A link that repeats the version ("/v1/v1/customers", or a relative
	// "v1/customers") still means the versioned base once: the version
	// segment is never doubled.
	for rest == r.Version || strings.HasPrefix(rest, r.Version+"/") {
		rest = strings.TrimPrefix(rest[len(r.Version):], "/")
	}
	if HasDotSegment(rest) {
		return nil, fmt.Errorf("%w: the next link has dot segments", errs.ErrInvalidInput)
	}
	out := *r.Base
	if err := setEscapedPath(&out, r.Base.EscapedPath()+"/"+rest); err != nil {
		return nil, fmt.Errorf("%w: the next link's path cannot be used: %v", errs.ErrInvalidInput, err)
	}
	out.RawQuery = escapeQuery(u.RawQuery)
	out.Fragment = ""
	return &out, nil
}

// HasDotSegment reports whether an escaped path holds a "." or ".."
// segment, also once percent-decoded: ".%2e", "%2E." and "a%2f..%2fb" would
// climb out of the base on a server that decodes before resolving.
func HasDotSegment(escaped string) bool {
	for seg := range strings.SplitSeq(escaped, "/") {
		dec, err := url.PathUnescape(seg)
		if err != nil {
			dec = seg
		}
		for part := range strings.SplitSeq(strings.ReplaceAll(dec, "\\", "/"), "/") {
			if part == "." || part == ".." {
				return true
			}
		}
	}
	return false
}

// escapeQuery percent-encodes the bytes a query may not carry as they are,
// which url.Parse lets through: space, non-ASCII, and the characters
// " < > \ ^ ` { | }. Everything else, escapes included, stays as the link
// has it, so that the request goes out valid and the link stays opaque.
func escapeQuery(q string) string {
	const hex = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(q); i++ {
		c := q[i]
		if c <= ' ' || c >= 0x7f || strings.IndexByte("<>\"\\^`{|}", c) >= 0 {
			if b.Len() == 0 {
				b.Grow(len(q) + 16)
				b.WriteString(q[:i])
			}
			b.WriteByte('%')
			b.WriteByte(hex[c>>4])
			b.WriteByte(hex[c&15])
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(c)
		}
	}
	if b.Len() == 0 {
		return q
	}
	return b.String()
}

// setEscapedPath sets u's path from its escaped form.
func setEscapedPath(u *url.URL, escaped string) error {
	p, err := url.PathUnescape(escaped)
	if err != nil {
		return err
	}
	u.Path = p
	u.RawPath = ""
	if u.EscapedPath() != escaped {
		u.RawPath = escaped
	}
	return nil
}

// maxLinkHeaderValue caps the value of a header copied from a next link.
const maxLinkHeaderValue = 8 << 10

// isControl reports control characters other than tab.
func isControl(r rune) bool {
	return r < 0x20 && r != '\t' || r == 0x7f
}

// maxEmptyPages is how many empty pages in a row, each with a next link,
// end a listing with errs.ErrPagingLoop.
const maxEmptyPages = 3

// linkHeaderAllowed are the headers a next link may carry to the request
// for the next page: those the service documents for paging. Any other
// header of the link is left out (an allow-list: a link cannot set
// X-HTTP-Method-Override, Forwarded or anything else the pipeline does not
// expect).
var linkHeaderAllowed = map[string]bool{
	"Ms-Continuationtoken": true,
}

// recentLinks is how many of the last next links followed Guard keeps: a
// link that comes back within that many pages ends the listing at once.
const recentLinks = 64

// Guard follows one listing and ends it when it loops, in memory that
// does not grow with the listing: it keeps the keys (SHA-256 of the
// continuation token or, without one, of the URL) of the last recentLinks
// links followed, and one more key found the way Brent's cycle detection
// finds it (a key kept from the step of each power of two, compared with
// every later key). A loop of up to recentLinks links is caught when its
// first link comes back; a longer one (links that repeat in a cycle of any
// length) is caught within about twice the pages before the cycle plus
// the cycle's length. A listing whose links never repeat is no loop: it
// ends when the service stops sending next links.
type Guard struct {
	// Op names the listing's operation in errors.
	Op     string
	recent *[recentLinks][sha256.Size]byte // ring of the last keys followed; nil before the first
	n      int                             // keys followed so far
	mark   [sha256.Size]byte               // Brent's: the key compared with later ones
	power  int                             // the steps until mark is taken again: a power of two, or 0 before the first key
	empty  int                             // empty pages in a row
}

// Follow records the request for a next page, and fails when its
// continuation token (or, without one, its URL) was followed before (see
// Guard for how far back).
func (g *Guard) Follow(req *http.Request) error {
	key := "token\n" + req.Header.Get("MS-ContinuationToken")
	if key == "token\n" {
		key = "url\n" + req.URL.String()
	}
	sum := sha256.Sum256([]byte(key))
	if g.recent == nil {
		g.recent = new([recentLinks][sha256.Size]byte)
	}
	loop := sum == g.mark // (before the first key, mark is zeros: no SHA-256 sum)
	for i := range min(g.n, recentLinks) {
		loop = loop || g.recent[i] == sum
	}
	if loop {
		return fmt.Errorf("partnercenter: %s: %w: a next link or continuation token came back after it was followed", g.Op, errs.ErrPagingLoop)
	}
	g.recent[g.n%recentLinks] = sum
	g.n++
	if g.n > g.power { // steps 1, 2, 3, 5, 9, 17, ... (a power of two, plus one)
		g.mark, g.power = sum, max(1, 2*g.power)
	}
	return nil
}

// Page records a page that was read, and fails at the maxEmptyPages-th
// empty page in a row that still has a next link.
func (g *Guard) Page(items int, hasNext bool) error {
	if items > 0 || !hasNext {
		g.empty = 0
		return nil
	}
	g.empty++
	if g.empty >= maxEmptyPages {
		return fmt.Errorf("partnercenter: %s: %w: %d empty pages in a row, each with a next link", g.Op, errs.ErrPagingLoop, g.empty)
	}
	return nil
}

// sameOrigin reports whether u (absolute) has the scheme, host and port of
// endpoint, an explicit default port (:443 for https, :80 for http) being
// the same as none.
func sameOrigin(u, endpoint *url.URL) bool {
	return strings.EqualFold(u.Scheme, endpoint.Scheme) &&
		strings.EqualFold(u.Hostname(), endpoint.Hostname()) &&
		effectivePort(u) == effectivePort(endpoint)
}

// effectivePort returns u's port, or its scheme's default.
func effectivePort(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	if strings.EqualFold(u.Scheme, "http") {
		return "80"
	}
	return "443"
}
