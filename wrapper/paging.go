package wrapper

import (
	"context"
	"iter"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/nextlink"
)

// listing is one listing of a paged operation (customers, users, role
// members): its first page's request, then the pages its next links point
// to, each through the generated parser. All pages share one
// MS-CorrelationId; next links are resolved under the client's base and
// the listing ends with ErrPagingLoop when they loop.
type listing[Pg any, T any, R jsonResult[Pg]] struct {
	c     *Client
	op    string
	co    CallOptions
	first sendFunc
	parse func(*http.Response) (R, error)
	items func(*Pg) []T
	links func(*Pg) *ResourceLinks
	err   error // the options' error, reported by the first fetch
	guard nextlink.Guard
}

// newListing returns the listing of operation op; err is the options'
// error, if any.
func newListing[Pg any, T any, R jsonResult[Pg]](c *Client, op string, co CallOptions, err error, first sendFunc,
	parse func(*http.Response) (R, error), items func(*Pg) []T, links func(*Pg) *ResourceLinks) *listing[Pg, T, R] {
	return &listing[Pg, T, R]{c: c, op: op, co: co, err: err, first: first, parse: parse, items: items, links: links,
		guard: nextlink.Guard{Op: op}}
}

// next returns the page's links.next, or nil.
func (l *listing[Pg, T, R]) next(page *Pg) *Link {
	if page == nil {
		return nil
	}
	return nextlink.Next(l.links(page))
}

// fetch gets the first page (next == nil) or the page next points to.
func (l *listing[Pg, T, R]) fetch(ctx context.Context, next *Link) (Pg, error) {
	var zero Pg
	if l.err != nil {
		return zero, l.err
	}
	if l.co.CorrelationID == "" {
		if id, ok := correlationFromContext(ctx); !ok || id == "" {
			l.co.CorrelationID = uuid.NewString() // one for every page
		}
	}
	send := l.first
	if next != nil {
		req, err := l.c.links.Request(ctx, next)
		if err != nil {
			return zero, err
		}
		if err := l.guard.Follow(req); err != nil {
			return zero, err
		}
		send = func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
			if err := edit(ctx, req); err != nil {
				return nil, err
			}
			return l.c.doer.Do(req.WithContext(ctx))
		}
	}
	page, err := call[Pg](ctx, l.c, l.op, l.co, send, l.parse)
	if err != nil {
		return zero, err
	}
	if err := l.guard.Page(len(l.items(page)), l.next(page) != nil); err != nil {
		return zero, err
	}
	return *page, nil
}

// all iterates over the items of every page, fetching one page at a time.
// An error is yielded once and ends the iteration; breaking out of the
// loop fetches no further page.
func (l *listing[Pg, T, R]) all(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		var next *Link
		for first := true; first || next != nil; first = false {
			page, err := l.fetch(ctx, next)
			if err != nil {
				yield(zero, err)
				return
			}
			next = l.next(&page)
			items := l.items(&page)
			for i := range items {
				if !yield(items[i], nil) {
					return
				}
			}
		}
	}
}

// pager returns an azcore pager over the pages.
func (l *listing[Pg, T, R]) pager() *runtime.Pager[Pg] {
	return runtime.NewPager(runtime.PagingHandler[Pg]{
		More: func(page Pg) bool { return l.next(&page) != nil },
		Fetcher: func(ctx context.Context, cur *Pg) (Pg, error) {
			var next *Link
			if cur != nil {
				next = l.next(cur)
			}
			return l.fetch(ctx, next)
		},
	})
}
