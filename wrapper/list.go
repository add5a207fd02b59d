package wrapper

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
)

// ListCustomers returns an iterator over the partner's customers, or over
// the result of a search when opts.Filter is set. It fetches one page at a
// time, following each page's links.next (with the headers the link
// carries, such as MS-ContinuationToken) until there is none. An error is
// yielded once and ends the iteration; breaking out of the loop stops it
// without fetching further pages. Every page request is a read and is
// retried; all pages of one listing share one MS-CorrelationId.
//
// A next link that points to another scheme or host is refused with
// ErrInvalidInput before anything is sent, so the token never follows it.
func (c *Client) ListCustomers(ctx context.Context, opts *ListCustomersOptions) iter.Seq2[Customer, error] {
	return func(yield func(Customer, error) bool) {
		l, err := c.newLister(opts)
		if err != nil {
			yield(Customer{}, err)
			return
		}
		var next *Link
		for first := true; first || next != nil; first = false {
			page, err := l.fetch(ctx, next)
			if err != nil {
				yield(Customer{}, err)
				return
			}
			next = nextLink(&page)
			for i := range page.Items {
				if !yield(page.Items[i], nil) {
					return
				}
			}
		}
	}
}

// NewListCustomersPager returns an azcore pager over the pages of the
// listing (or search) ListCustomers iterates over, for callers that want
// whole pages:
//
//	for pager.More() {
//		page, err := pager.NextPage(ctx)
//		...
//	}
//
// Invalid options surface as the error of the first NextPage.
func (c *Client) NewListCustomersPager(opts *ListCustomersOptions) *runtime.Pager[CustomerCollection] {
	l, lerr := c.newLister(opts)
	return runtime.NewPager(runtime.PagingHandler[CustomerCollection]{
		More: func(page CustomerCollection) bool {
			return nextLink(&page) != nil
		},
		Fetcher: func(ctx context.Context, cur *CustomerCollection) (CustomerCollection, error) {
			if lerr != nil {
				return CustomerCollection{}, lerr
			}
			var next *Link
			if cur != nil {
				next = nextLink(cur)
			}
			return l.fetch(ctx, next)
		},
	})
}

// lister holds the state of one listing.
type lister struct {
	c      *Client
	params gen.ListCustomersParams
	// call carries the listing's MS-CorrelationId, shared by all its pages:
	// the option's, else the context's (see correlationFor), else one made
	// up for the listing.
	call      CallOptions
	generated string
	guard     pageGuard // ends a listing that loops (paging.go)
}

// newLister checks the options of a listing.
func (c *Client) newLister(opts *ListCustomersOptions) (*lister, error) {
	var o ListCustomersOptions
	if opts != nil {
		o = *opts
	}
	l := &lister{c: c, call: o.CallOptions}
	if o.PageSize < 0 || o.PageSize > 1<<31-1 {
		return nil, fmt.Errorf("%w: page size %d out of range", ErrInvalidInput, o.PageSize)
	}
	if o.PageSize > 0 || o.Filter != nil {
		size := int32(o.PageSize)
		l.params.Size = &size
	}
	if o.Filter != nil {
		f := *o.Filter
		if f.Operator == "" {
			f.Operator = CustomerSearchFilterOperatorStartsWith
		}
		if !f.Field.Valid() {
			return nil, fmt.Errorf("%w: search field %s (want CompanyName, Domain, IndirectReseller or IndirectCloudSolutionProvider)", ErrInvalidInput, quote(string(f.Field)))
		}
		if !f.Operator.Valid() {
			return nil, fmt.Errorf("%w: search operator %s (want starts_with)", ErrInvalidInput, quote(string(f.Operator)))
		}
		if strings.TrimSpace(f.Value) == "" {
			return nil, fmt.Errorf("%w: empty search value", ErrInvalidInput)
		}
		l.params.Filter = &f
	}
	if o.CorrelationID != "" {
		if err := checkGUID("correlation ID", o.CorrelationID); err != nil {
			return nil, err
		}
	}
	return l, nil
}

// correlationFor picks the CallOptions of a page request: every page of
// the listing carries the same MS-CorrelationId.
func (l *lister) correlationFor(ctx context.Context) CallOptions {
	if l.call.CorrelationID != "" {
		return l.call
	}
	if id, ok := correlationFromContext(ctx); ok && id != "" {
		return l.call // correlationID reads the context
	}
	if l.generated == "" {
		l.generated = uuid.NewString()
	}
	return CallOptions{CorrelationID: l.generated}
}

// fetch gets the first page (next == nil) or the page next points to.
func (l *lister) fetch(ctx context.Context, next *Link) (CustomerCollection, error) {
	var send sendFunc
	if next == nil {
		send = func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
			return l.c.raw.ListCustomers(ctx, &l.params, edit)
		}
	} else {
		req, err := l.c.nextRequest(ctx, next)
		if err != nil {
			return CustomerCollection{}, err
		}
		if err := l.guard.follow(req); err != nil {
			return CustomerCollection{}, err
		}
		send = func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
			if err := edit(ctx, req); err != nil {
				return nil, err
			}
			return l.c.doer.Do(req.WithContext(ctx))
		}
	}
	page, err := call[CustomerCollection](ctx, l.c, gen.OperationListCustomers, l.correlationFor(ctx), send, gen.ParseListCustomersResponse)
	if err != nil {
		return CustomerCollection{}, err
	}
	if err := l.guard.page(len(page.Items), nextLink(page) != nil); err != nil {
		return CustomerCollection{}, err
	}
	return *page, nil
}

// nextLink returns the page's links.next, or nil when it has none.
func nextLink(page *CustomerCollection) *Link {
	if page == nil || page.Links == nil || page.Links.Next == nil {
		return nil
	}
	n := page.Links.Next
	if n.URI == nil || strings.TrimSpace(*n.URI) == "" {
		return nil
	}
	return n
}

// nextRequest builds the request for a next link, refusing (with
// ErrInvalidInput, before any I/O) a link to another scheme or host, a
// method other than GET and headers that cannot or must not be sent. Its
// errors never repeat the link: a hostile server may have put the token in
// it.
func (c *Client) nextRequest(ctx context.Context, link *Link) (*http.Request, error) {
	if link.Method != nil && *link.Method != "" && !strings.EqualFold(*link.Method, http.MethodGet) {
		return nil, fmt.Errorf("%w: the next link's method is not GET", ErrInvalidInput)
	}
	u, err := c.resolveNext(*link.URI)
	if err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("%w: the next link is not a URL a request can go to", ErrInvalidInput)
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
			return nil, fmt.Errorf("%w: next link header %s holds a control character or is longer than %d bytes", ErrInvalidInput, key, maxLinkHeaderValue)
		}
		req.Header.Set(key, v)
	}
	return req, nil
}

// resolveNext turns a next link's uri into a URL under the client's
// versioned base. The uri may be "/customers?...", "/v1/customers?...",
// the base path itself ("/prefix/v1/customers?..."), relative
// ("customers?...") or absolute to the same scheme and host. The version
// segment is never doubled, even when the link itself repeats it.
func (c *Client) resolveNext(raw string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: the next link is not a URI", ErrInvalidInput)
	}
	if u.Scheme != "" || u.Host != "" || u.User != nil || u.Opaque != "" {
		if !sameOrigin(u, c.endpoint) || !check.HostPort(u) || u.User != nil || u.Opaque != "" {
			return nil, fmt.Errorf("%w: the next link leaves %s://%s; the token is only sent to the configured endpoint", ErrInvalidInput, c.endpoint.Scheme, c.endpoint.Host)
		}
	}
	p := u.EscapedPath()
	var rest string
	switch {
	case strings.HasPrefix(p, c.basePath):
		rest = p[len(c.basePath):]
	case strings.HasPrefix(p, "/"+c.version+"/"):
		rest = p[len(c.version)+2:]
	case strings.HasPrefix(p, "/"):
		rest = p[1:]
	default:
		rest = p
	}
	// A link that repeats the version ("/v1/v1/customers", or a relative
	// "v1/customers") still means the versioned base once: the version
	// segment is never doubled.
	for rest == c.version || strings.HasPrefix(rest, c.version+"/") {
		rest = strings.TrimPrefix(rest[len(c.version):], "/")
	}
	if hasDotSegment(rest) {
		return nil, fmt.Errorf("%w: the next link has dot segments", ErrInvalidInput)
	}
	out := *c.base
	if err := setEscapedPath(&out, c.base.EscapedPath()+"/"+rest); err != nil {
		return nil, fmt.Errorf("%w: the next link's path cannot be used: %v", ErrInvalidInput, err)
	}
	out.RawQuery = escapeQuery(u.RawQuery)
	out.Fragment = ""
	return &out, nil
}

// hasDotSegment reports whether an escaped path holds a "." or ".."
// segment, also once percent-decoded: ".%2e", "%2E." and "a%2f..%2fb" would
// climb out of the base on a server that decodes before resolving.
func hasDotSegment(escaped string) bool {
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
