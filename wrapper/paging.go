package wrapper

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/partnercenter-go/partnercenter/gen"
)

// ErrPagingLoop matches the error that ends a listing (iterator, pager and
// the command line) whose next links do not lead to an end: a next link or
// continuation token already followed in this listing, or maxEmptyPages
// empty pages in a row that each still point to a next one.
var ErrPagingLoop = errors.New("partnercenter: the listing's next links do not lead to an end")

// maxEmptyPages is how many empty pages in a row, each with a next link,
// end a listing with ErrPagingLoop.
const maxEmptyPages = 3

// linkHeaderAllowed are the headers a next link may carry to the request
// for the next page: those the service documents for paging. Any other
// header of the link is left out (an allow-list: a link cannot set
// X-HTTP-Method-Override, Forwarded or anything else the pipeline does not
// expect).
var linkHeaderAllowed = map[string]bool{
	"Ms-Continuationtoken": true,
}

// pageGuard follows one listing and ends it when it loops.
type pageGuard struct {
	followed map[[sha256.Size]byte]bool // next links (or their continuation tokens) followed
	empty    int                        // empty pages in a row
}

// follow records the request for a next page, and fails when its
// continuation token (or, without one, its URL) was followed before.
func (g *pageGuard) follow(req *http.Request) error {
	key := "token\n" + req.Header.Get("MS-ContinuationToken")
	if key == "token\n" {
		key = "url\n" + req.URL.String()
	}
	sum := sha256.Sum256([]byte(key))
	if g.followed == nil {
		g.followed = map[[sha256.Size]byte]bool{}
	}
	if g.followed[sum] {
		return fmt.Errorf("partnercenter: %s: %w: a next link or continuation token came back after it was followed", gen.OperationListCustomers, ErrPagingLoop)
	}
	g.followed[sum] = true
	return nil
}

// page records a page that was read, and fails at the maxEmptyPages-th
// empty page in a row that still has a next link.
func (g *pageGuard) page(items int, hasNext bool) error {
	if items > 0 || !hasNext {
		g.empty = 0
		return nil
	}
	g.empty++
	if g.empty >= maxEmptyPages {
		return fmt.Errorf("partnercenter: %s: %w: %d empty pages in a row, each with a next link", gen.OperationListCustomers, ErrPagingLoop, g.empty)
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
