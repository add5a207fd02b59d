package wrapper

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/nextlink"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
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
	guard     nextlink.Guard // ends a listing that loops
}

// newLister checks the options of a listing.
func (c *Client) newLister(opts *ListCustomersOptions) (*lister, error) {
	var o ListCustomersOptions
	if opts != nil {
		o = *opts
	}
	l := &lister{c: c, call: o.CallOptions, guard: nextlink.Guard{Op: gen.OperationListCustomers}}
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
			return nil, fmt.Errorf("%w: search field %s (want CompanyName, Domain, IndirectReseller or IndirectCloudSolutionProvider)", ErrInvalidInput, scrub.Quote(string(f.Field)))
		}
		if !f.Operator.Valid() {
			return nil, fmt.Errorf("%w: search operator %s (want starts_with)", ErrInvalidInput, scrub.Quote(string(f.Operator)))
		}
		if strings.TrimSpace(f.Value) == "" {
			return nil, fmt.Errorf("%w: empty search value", ErrInvalidInput)
		}
		l.params.Filter = &f
	}
	if o.CorrelationID != "" {
		if err := check.InputGUID("correlation ID", o.CorrelationID); err != nil {
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
		req, err := l.c.links.Request(ctx, next)
		if err != nil {
			return CustomerCollection{}, err
		}
		if err := l.guard.Follow(req); err != nil {
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
	if err := l.guard.Page(len(page.Items), nextLink(page) != nil); err != nil {
		return CustomerCollection{}, err
	}
	return *page, nil
}

// nextLink returns the page's links.next, or nil when it has none.
func nextLink(page *CustomerCollection) *Link {
	if page == nil {
		return nil
	}
	return nextlink.Next(page.Links)
}
