package wrapper

import (
	"net/http"

	"github.com/partnercenter-go/partnercenter/internal/invoke"
)

// listing is one listing of a paged operation (customers, users, role
// members): see invoke.Listing.
type listing[Pg, T any, R jsonResult[Pg]] = invoke.Listing[Pg, T, R]

// newListing returns the listing of operation op; err is the options'
// error, if any.
func newListing[Pg, T any, R jsonResult[Pg]](c *Client, op string, co CallOptions, err error, first sendFunc,
	parse func(*http.Response) (R, error), items func(*Pg) []T, links func(*Pg) *ResourceLinks) *listing[Pg, T, R] {
	return &listing[Pg, T, R]{RT: &c.rt, Call: co.call(op), First: first, Parse: parse, Answer: R.GetJSON200,
		Items: items, Links: links, Resolver: &c.links, Doer: c.doer, Err: err}
}
