package invoke

import (
	"context"
	"iter"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/nextlink"
)

// Listing is one listing of a paged operation: its first page's request,
// then the pages its next links point to, each read by the generated
// parser. All pages share one MS-CorrelationId; next links are resolved
// under the client's base (nextlink.Resolver) and the listing ends with
// errs.ErrPagingLoop when they loop.
type Listing[Pg, T, R any] struct {
	RT     *Runtime
	Call   Call
	First  Send
	Parse  func(*http.Response) (R, error)
	Answer func(R) *Pg
	Items  func(*Pg) []T
	Links  func(*Pg) *gen.ResourceLinks
	// Links resolves next links; Doer sends their requests through the
	// pipeline.
	Resolver *nextlink.Resolver
	Doer     interface {
		Do(*http.Request) (*http.Response, error)
	}
	// Err is the options' error, reported by the first fetch.
	Err   error
	guard nextlink.Guard
}

// next returns the page's links.next, or nil.
func (l *Listing[Pg, T, R]) next(page *Pg) *gen.Link {
	if page == nil {
		return nil
	}
	return nextlink.Next(l.Links(page))
}

// fetch gets the first page (next == nil) or the page next points to.
func (l *Listing[Pg, T, R]) fetch(ctx context.Context, next *gen.Link) (Pg, error) {
	var zero Pg
	if l.Err != nil {
		return zero, l.Err
	}
	l.guard.Op = l.Call.Op
	if l.Call.CorrelationID == "" && ContextCorrelationID(ctx) == "" {
		l.Call.CorrelationID = uuid.NewString() // one for every page
	}
	send := l.First
	if next != nil {
		req, err := l.Resolver.Request(ctx, next)
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
			return l.Doer.Do(req.WithContext(ctx))
		}
	}
	page, err := JSON(ctx, l.RT, l.Call, send, l.Parse, l.Answer)
	if err != nil {
		return zero, err
	}
	if err := l.guard.Page(len(l.Items(page)), l.next(page) != nil); err != nil {
		return zero, err
	}
	return *page, nil
}

// All iterates over the items of every page, fetching one page at a time.
// An error is yielded once and ends the iteration; breaking out of the
// loop fetches no further page.
func (l *Listing[Pg, T, R]) All(ctx context.Context) iter.Seq2[T, error] {
	return func(yield func(T, error) bool) {
		var zero T
		var next *gen.Link
		for first := true; first || next != nil; first = false {
			page, err := l.fetch(ctx, next)
			if err != nil {
				yield(zero, err)
				return
			}
			next = l.next(&page)
			items := l.Items(&page)
			for i := range items {
				if !yield(items[i], nil) {
					return
				}
			}
		}
	}
}

// Pager returns an azcore pager over the pages.
func (l *Listing[Pg, T, R]) Pager() *runtime.Pager[Pg] {
	return runtime.NewPager(runtime.PagingHandler[Pg]{
		More: func(page Pg) bool { return l.next(&page) != nil },
		Fetcher: func(ctx context.Context, cur *Pg) (Pg, error) {
			var next *gen.Link
			if cur != nil {
				next = l.next(cur)
			}
			return l.fetch(ctx, next)
		},
	})
}
