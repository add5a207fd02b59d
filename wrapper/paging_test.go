package wrapper

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

// pagingServers answer listings that never end.
func pagingServers() map[string]http.HandlerFunc {
	item := `{"id":"` + testCustomerID + `"}`
	return map[string]http.HandlerFunc{
		// A -> B -> A -> ...: continuation tokens that cycle.
		"tokens cycle": func(w http.ResponseWriter, r *http.Request) {
			next := "b"
			if r.Header.Get("MS-ContinuationToken") == "b" {
				next = "a"
			}
			jsonHandler(http.StatusOK, `{"items":[`+item+`],"links":{"next":{"uri":"/customers?seekOperation=Next","headers":[{"key":"MS-ContinuationToken","value":"`+next+`"}]}}}`)(w, r)
		},
		// Links without tokens, cycling between two URLs.
		"links cycle": func(w http.ResponseWriter, r *http.Request) {
			next := "/customers?page=b"
			if r.URL.Query().Get("page") == "b" {
				next = "/customers?page=a"
			}
			jsonHandler(http.StatusOK, `{"items":[`+item+`],"links":{"next":{"uri":"`+next+`"}}}`)(w, r)
		},
		// Empty pages, each with a new link.
		"empty pages": func() http.HandlerFunc {
			var n atomic.Int32
			return func(w http.ResponseWriter, r *http.Request) {
				jsonHandler(http.StatusOK, fmt.Sprintf(`{"items":[],"links":{"next":{"uri":"/customers?seekOperation=Next","headers":[{"key":"MS-ContinuationToken","value":"t%d"}]}}}`, n.Add(1)))(w, r)
			}
		}(),
	}
}

// TestListingsEnd: next links or continuation tokens that come back, and
// a run of empty pages that each point further, end the listing with
// ErrPagingLoop, in the iterator and in the pager, after a handful of
// requests.
func TestListingsEnd(t *testing.T) {
	t.Parallel()
	for name, h := range pagingServers() {
		ts := newTestServer(t, h)
		c := ts.client(nil)
		var iterErr error
		items := 0
		for _, err := range c.ListCustomers(testCtx(t), nil) {
			if err != nil {
				iterErr = err
				break
			}
			if items++; items > 100 {
				break
			}
		}
		if !errors.Is(iterErr, ErrPagingLoop) {
			t.Errorf("%s: iterator ended with %v after %d items, want ErrPagingLoop", name, iterErr, items)
		}
		iterReqs := len(ts.requests())
		p := c.NewListCustomersPager(nil)
		var pagerErr error
		for pages := 0; p.More() && pages < 100; pages++ {
			if _, pagerErr = p.NextPage(testCtx(t)); pagerErr != nil {
				break
			}
		}
		if !errors.Is(pagerErr, ErrPagingLoop) {
			t.Errorf("%s: pager ended with %v, want ErrPagingLoop", name, pagerErr)
		}
		if iterReqs > 4 || len(ts.requests())-iterReqs > 4 {
			t.Errorf("%s: %d and %d requests before the loop was seen", name, iterReqs, len(ts.requests())-iterReqs)
		}
	}
}

// TestEmptyPagesThenItems: fewer empty pages in a row than the limit,
// then items, is a listing like any other.
func TestEmptyPagesThenItems(t *testing.T) {
	t.Parallel()
	var n atomic.Int32
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		i := n.Add(1)
		switch {
		case i == 7:
			jsonHandler(http.StatusOK, `{"items":[{"id":"`+testCustomerID+`"}]}`)(w, r)
		case i%3 == 0:
			jsonHandler(http.StatusOK, fmt.Sprintf(`{"items":[{"id":"`+testCustomerID+`"}],"links":{"next":{"uri":"/customers","headers":[{"key":"MS-ContinuationToken","value":"t%d"}]}}}`, i))(w, r)
		default:
			jsonHandler(http.StatusOK, fmt.Sprintf(`{"items":[],"links":{"next":{"uri":"/customers","headers":[{"key":"MS-ContinuationToken","value":"t%d"}]}}}`, i))(w, r)
		}
	})
	items := 0
	for _, err := range ts.client(nil).ListCustomers(testCtx(t), nil) {
		if err != nil {
			t.Fatal(err)
		}
		items++
	}
	if items != 3 {
		t.Errorf("items = %d, want 3", items)
	}
}

// TestNextLinkDefaultPort: a next link to the endpoint's host with its
// scheme's default port written out is the same origin; another port, an
// empty or a non-numeric one is not.
func TestNextLinkDefaultPort(t *testing.T) {
	t.Parallel()
	c, err := NewClient(StaticTokenCredential(testToken, time.Time{}), &ClientOptions{ClientOptions: azcore.ClientOptions{Cloud: CustomCloud("https://pc.example.com/pc", "https://pc.example.com", "https://login.example/")}})
	if err != nil {
		t.Fatal(err)
	}
	for link, ok := range map[string]bool{
		"https://pc.example.com:443/pc/v1/customers?x=1": true,
		"https://PC.example.com/pc/v1/customers?x=1":     true,
		"https://pc.example.com:444/pc/v1/customers":     false,
		"https://pc.example.com:/pc/v1/customers":        false,
		"http://pc.example.com:443/pc/v1/customers":      false,
		"https://pc.example.com.evil:443/pc/v1/x":        false,
	} {
		u, err := c.links.Resolve(link)
		if ok && (err != nil || !strings.HasPrefix(u.String(), "https://pc.example.com/pc/v1/customers")) {
			t.Errorf("%s: %v, %v; want it accepted", link, u, err)
		}
		if !ok && !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: %v, %v; want it refused", link, u, err)
		}
	}
}

// TestDomainCheckForeignNotFound: a 404 that is a gateway's HTML page is
// an error, not "available"; Partner Center's own 404 still means free.
func TestDomainCheckForeignNotFound(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "gateway") {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
		}
		w.WriteHeader(http.StatusNotFound)
	})
	c := ts.client(nil)
	free, err := c.CheckDomainAvailability(testCtx(t), "gateway.example.com", nil)
	var re *ResponseError
	if free || !errors.As(err, &re) || !errors.Is(err, ErrNotFound) {
		t.Errorf("HTML 404: available %v, err %v; want a ResponseError", free, err)
	}
	if free, err := c.CheckDomainAvailability(testCtx(t), "free.example.com", nil); !free || err != nil {
		t.Errorf("Partner Center 404: available %v, err %v", free, err)
	}
}
