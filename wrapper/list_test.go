package wrapper

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
)

// pagedHandler serves total customers in pages of size, with next links
// built by form: "unversioned" (/customers?...), "versioned"
// (/v1/customers?...), "prefixed" (/pc/v1/customers?...), "relative"
// (customers?...) or "absolute" (https://same-host/pc/v1/customers?...).
func pagedHandler(t *testing.T, total, size int, form string, self *string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != testPrefix+"/v1/customers" {
			t.Errorf("page request path %q", r.URL.Path)
		}
		start := 0
		if tok := r.Header.Get("MS-ContinuationToken"); tok != "" {
			if r.URL.Query().Get("seekOperation") != "Next" {
				t.Errorf("next page without seekOperation=Next: %s", r.URL.RawQuery)
			}
			n, err := strconv.Atoi(strings.TrimPrefix(tok, "pos-"))
			if err != nil {
				t.Errorf("continuation token %q", tok)
			}
			start = n
		}
		end := min(start+size, total)
		page := CustomerCollection{Items: []Customer{}}
		for i := start; i < end; i++ {
			id := fmt.Sprintf("00000000-0000-0000-0000-%012d", i)
			page.Items = append(page.Items, Customer{ID: &id})
		}
		count := int32(len(page.Items))
		page.TotalCount = &count
		if end < total {
			q := "size=" + strconv.Itoa(size) + "&seekOperation=Next"
			var uri string
			switch form {
			case "unversioned":
				uri = "/customers?" + q
			case "versioned":
				uri = "/v1/customers?" + q
			case "prefixed":
				uri = testPrefix + "/v1/customers?" + q
			case "relative":
				uri = "customers?" + q
			case "absolute":
				uri = *self + testPrefix + "/v1/customers?" + q
			}
			k, v, get := "MS-ContinuationToken", "pos-"+strconv.Itoa(end), "GET"
			page.Links = &ResourceLinks{Next: &Link{URI: &uri, Method: &get, Headers: []KeyValuePair{{Key: &k, Value: &v}}}}
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(page)
	}
}

func TestListCustomersFollowsNextLinks(t *testing.T) {
	t.Parallel()
	for _, form := range []string{"unversioned", "versioned", "prefixed", "relative", "absolute"} {
		t.Run(form, func(t *testing.T) {
			t.Parallel()
			var self string
			ts := newTestServer(t, pagedHandler(t, 7, 3, form, &self))
			self = ts.srv.URL
			c := ts.client(nil)
			var ids []string
			for cu, err := range c.ListCustomers(testCtx(t), &ListCustomersOptions{PageSize: 3}) {
				if err != nil {
					t.Fatalf("after %d customers: %v", len(ids), err)
				}
				ids = append(ids, *cu.ID)
			}
			if len(ids) != 7 || ids[6] != "00000000-0000-0000-0000-000000000006" {
				t.Errorf("customers = %v", ids)
			}
			reqs := ts.requests()
			if len(reqs) != 3 {
				t.Fatalf("pages = %d, want 3", len(reqs))
			}
			if reqs[0].Query != "size=3" || reqs[0].Header.Get("MS-ContinuationToken") != "" {
				t.Errorf("first page query %q", reqs[0].Query)
			}
			corr := reqs[0].Header.Get("MS-CorrelationId")
			ids2 := map[string]bool{}
			for _, r := range reqs {
				if strings.Contains(r.Path, "/v1/v1") || strings.Contains(r.Path, "//") {
					t.Errorf("malformed path %q", r.Path)
				}
				if r.Header.Get("MS-CorrelationId") != corr {
					t.Errorf("pages of one listing use different correlation IDs")
				}
				ids2[r.Header.Get("MS-RequestId")] = true
			}
			if len(ids2) != 3 {
				t.Errorf("pages share request IDs: %v", ids2)
			}
			if got := reqs[1].Header.Get("MS-ContinuationToken"); got != "pos-3" {
				t.Errorf("second page token %q", got)
			}
		})
	}
}

func TestListCustomersBreakStopsFetching(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, pagedHandler(t, 100, 10, "unversioned", nil))
	n := 0
	for _, err := range ts.client(nil).ListCustomers(testCtx(t), &ListCustomersOptions{PageSize: 10}) {
		if err != nil {
			t.Fatal(err)
		}
		n++
		if n == 12 {
			break
		}
	}
	if got := len(ts.requests()); got != 2 {
		t.Errorf("pages fetched = %d, want 2 (the loop broke in the second page)", got)
	}
}

func TestListCustomersErrorYieldedOnce(t *testing.T) {
	t.Parallel()
	var calls atomic.Int32
	good := pagedHandler(t, 10, 5, "unversioned", nil)
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		if calls.Add(1) == 1 {
			good(w, r)
			return
		}
		jsonHandler(http.StatusUnauthorized, `{"code":800001,"description":"Partner token missing."}`)(w, r)
	})
	var items, errs int
	var last error
	for _, err := range ts.client(nil).ListCustomers(testCtx(t), &ListCustomersOptions{PageSize: 5}) {
		if err != nil {
			errs++
			last = err
			continue // a well-behaved iterator ends anyway
		}
		items++
	}
	if items != 5 || errs != 1 || !errors.Is(last, ErrUnauthorized) {
		t.Errorf("items %d, errors %d, last %v", items, errs, last)
	}
}

func TestForeignNextLinkRefused(t *testing.T) {
	t.Parallel()
	var foreignHits atomic.Int32
	foreign := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { foreignHits.Add(1) }))
	defer foreign.Close()
	foreignURL, _ := url.Parse(foreign.URL)

	for name, uri := range map[string]string{
		"other host":         foreign.URL + "/v1/customers?seekOperation=Next",
		"protocol relative":  "//" + foreignURL.Host + "/v1/customers?seekOperation=Next",
		"other scheme":       "http://SELF/pc/v1/customers",
		"other port":         "https://127.0.0.1:1/pc/v1/customers",
		"user info":          "https://user@SELF/pc/v1/customers",
		"dot segments":       "/v1/../../admin?x=1",
		"encoded dot":        "/v1/%2e%2e/admin",
		"half-encoded dot":   "/v1/.%2E/admin",
		"encoded slash dots": "/customers/x%2f..%2f..%2fadmin",
		"javascript":         "javascript:alert(1)",
		"control characters": "/customers\x00?x",
	} {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			var ts *testServer
			ts = newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
				host := strings.TrimPrefix(ts.srv.URL, "https://")
				u := strings.ReplaceAll(uri, "SELF", host)
				jsonHandler(http.StatusOK, `{"items":[{"id":"`+testCustomerID+`"}],"links":{"next":{"uri":`+jsonString(u)+`,"method":"GET","headers":[{"key":"MS-ContinuationToken","value":"t"}]}}}`)(w, r)
			})
			var got []error
			n := 0
			for _, err := range ts.client(nil).ListCustomers(testCtx(t), nil) {
				if err != nil {
					got = append(got, err)
				} else {
					n++
				}
			}
			if n != 1 || len(got) != 1 || !errors.Is(got[0], ErrInvalidInput) {
				t.Fatalf("items %d, errors %v; want 1 item then ErrInvalidInput", n, got)
			}
			assertNoToken(t, "error", got[0].Error())
			if len(ts.requests()) != 1 {
				t.Errorf("requests to the API = %d, want 1", len(ts.requests()))
			}
		})
	}
	if foreignHits.Load() != 0 {
		t.Errorf("the foreign host received %d requests", foreignHits.Load())
	}
}

func TestNextLinkHeadersAndMethod(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		link    string
		wantErr bool
		check   func(t *testing.T, r recorded)
	}{
		{name: "pipeline owns sensitive headers", link: `{"uri":"/customers?seekOperation=Next","headers":[{"key":"Authorization","value":"Bearer evil"},{"key":"MS-RequestId","value":"x"},{"key":"Host","value":"evil.test"},{"key":"ms-continuationtoken","value":"abc"}]}`,
			check: func(t *testing.T, r recorded) {
				if r.Header.Get("MS-ContinuationToken") != "abc" || r.Header.Get("MS-RequestId") == "x" {
					t.Errorf("headers = %v", r.Header)
				}
			}},
		{name: "no method means GET", link: `{"uri":"/customers?seekOperation=Next"}`},
		{name: "POST refused", link: `{"uri":"/customers","method":"POST"}`, wantErr: true},
		// Only the headers the service documents for paging are forwarded
		// (an allow-list): any other, well-formed or not, is left out.
		{name: "undocumented headers left out", link: `{"uri":"/customers","headers":[{"key":"Bad Header","value":"x"},{"key":"X-HTTP-Method-Override","value":"DELETE"},{"key":"Forwarded","value":"for=evil"},{"key":"X-Forwarded-Host","value":"evil.test"},{"key":"MS-ContinuationToken","value":"t1"}]}`,
			check: func(t *testing.T, r recorded) {
				for _, h := range []string{"Bad Header", "X-Http-Method-Override", "Forwarded", "X-Forwarded-Host"} {
					if v := r.Header.Get(h); v != "" {
						t.Errorf("%s = %q was forwarded", h, v)
					}
				}
				if r.Header.Get("MS-ContinuationToken") != "t1" {
					t.Errorf("MS-ContinuationToken = %q", r.Header.Get("MS-ContinuationToken"))
				}
			}},
		{name: "header injection", link: `{"uri":"/customers","headers":[{"key":"MS-ContinuationToken","value":"a\r\nX-Evil: 1"}]}`, wantErr: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			ts := newTestServer(t, sequence(
				jsonHandler(http.StatusOK, `{"items":[],"links":{"next":`+tt.link+`}}`),
				jsonHandler(http.StatusOK, `{"items":[]}`),
			))
			var errs []error
			for _, err := range ts.client(nil).ListCustomers(testCtx(t), nil) {
				errs = append(errs, err)
			}
			if tt.wantErr {
				if len(errs) != 1 || !errors.Is(errs[0], ErrInvalidInput) || len(ts.requests()) != 1 {
					t.Errorf("errors %v, requests %d", errs, len(ts.requests()))
				}
				return
			}
			if len(errs) != 0 || len(ts.requests()) != 2 {
				t.Fatalf("errors %v, requests %d", errs, len(ts.requests()))
			}
			if tt.check != nil {
				tt.check(t, ts.requests()[1])
			}
		})
	}
}

func TestNextLinkLoopIsStopped(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, jsonHandler(http.StatusOK, `{"items":[{"id":"`+testCustomerID+`"}],"links":{"next":{"uri":"/customers?seekOperation=Next","headers":[{"key":"MS-ContinuationToken","value":"same"}]}}}`))
	var errs int
	n := 0
	for _, err := range ts.client(nil).ListCustomers(testCtx(t), nil) {
		if err != nil {
			errs++
		} else {
			n++
		}
		if n > 10 {
			t.Fatal("endless listing")
		}
	}
	if errs != 1 || len(ts.requests()) != 2 {
		t.Errorf("errors %d, requests %d", errs, len(ts.requests()))
	}
}

func TestSearch(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, jsonHandler(http.StatusOK, `{"totalCount":1,"items":[{"id":"0b4ad2fd-5e6c-4a2f-9a8e-1c2d3e4f5a6b","companyProfile":{"companyName":"Contoso"}}]}`))
	c := ts.client(nil)
	opts := &ListCustomersOptions{Filter: &CustomerSearchFilter{Field: CustomerSearchFilterFieldCompanyName, Value: "Cont"}}
	n := 0
	for cu, err := range c.ListCustomers(testCtx(t), opts) {
		if err != nil {
			t.Fatal(err)
		}
		if *cu.CompanyProfile.CompanyName != "Contoso" {
			t.Errorf("customer %+v", cu)
		}
		n++
	}
	if n != 1 {
		t.Errorf("results = %d", n)
	}
	q, err := url.ParseQuery(ts.requests()[0].Query)
	if err != nil {
		t.Fatal(err)
	}
	if q.Get("size") != "0" {
		t.Errorf("search size = %q, want 0", q.Get("size"))
	}
	var f CustomerSearchFilter
	if err := json.Unmarshal([]byte(q.Get("filter")), &f); err != nil || f.Field != "CompanyName" || f.Value != "Cont" || f.Operator != "starts_with" {
		t.Errorf("filter = %q (%v)", q.Get("filter"), err)
	}
	if opts.Filter.Operator != "" {
		t.Errorf("ListCustomers changed the caller's filter")
	}

	for name, bad := range map[string]*ListCustomersOptions{
		"field":    {Filter: &CustomerSearchFilter{Field: "Name", Value: "x"}},
		"operator": {Filter: &CustomerSearchFilter{Field: CustomerSearchFilterFieldDomain, Operator: "equals", Value: "x"}},
		"value":    {Filter: &CustomerSearchFilter{Field: CustomerSearchFilterFieldDomain, Value: "  "}},
		"size":     {PageSize: -1},
	} {
		for _, err := range c.ListCustomers(testCtx(t), bad) {
			if !errors.Is(err, ErrInvalidInput) {
				t.Errorf("%s: err = %v", name, err)
			}
		}
	}
	if len(ts.requests()) != 1 {
		t.Errorf("invalid searches reached the network")
	}
}

func TestListCustomersPager(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, pagedHandler(t, 5, 2, "versioned", nil))
	pager := ts.client(nil).NewListCustomersPager(&ListCustomersOptions{PageSize: 2})
	var sizes []int
	for pager.More() {
		page, err := pager.NextPage(testCtx(t))
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page.Items))
	}
	if fmt.Sprint(sizes) != "[2 2 1]" {
		t.Errorf("page sizes = %v", sizes)
	}

	bad := ts.client(nil).NewListCustomersPager(&ListCustomersOptions{PageSize: -5})
	if !bad.More() {
		t.Fatal("a pager starts with More() true")
	}
	if _, err := bad.NextPage(context.Background()); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("invalid options: err = %v", err)
	}
	if bad.More() {
		t.Errorf("a failed pager still has more")
	}
}

func TestResolveNext(t *testing.T) {
	t.Parallel()
	c, err := NewClient(StaticTokenCredential(testToken, time.Time{}), &ClientOptions{ClientOptions: azcore.ClientOptions{Cloud: CustomCloud("https://pc.example/api", "a", "")}})
	if err != nil {
		t.Fatal(err)
	}
	tests := map[string]string{
		"/customers?size=2&seekOperation=Next":          "https://pc.example/api/v1/customers?size=2&seekOperation=Next",
		"/v1/customers?size=2&seekOperation=Next":       "https://pc.example/api/v1/customers?size=2&seekOperation=Next",
		"/api/v1/customers?seekOperation=Next":          "https://pc.example/api/v1/customers?seekOperation=Next",
		"customers?seekOperation=Next":                  "https://pc.example/api/v1/customers?seekOperation=Next",
		"https://PC.example/api/v1/customers?x=1":       "https://pc.example/api/v1/customers?x=1",
		"/customers?filter=%7B%22Field%22%3A%22x%22%7D": "https://pc.example/api/v1/customers?filter=%7B%22Field%22%3A%22x%22%7D",
		"/v1/customers/a%2Fb":                           "https://pc.example/api/v1/customers/a%2Fb",
		"v1/customers?seekOperation=Next":               "https://pc.example/api/v1/customers?seekOperation=Next",
		"/v1/v1/customers?seekOperation=Next":           "https://pc.example/api/v1/customers?seekOperation=Next",
		"/api/v1/v1/v1/customers":                       "https://pc.example/api/v1/customers",
		"/customers?a b=é&c=%41|x":                      "https://pc.example/api/v1/customers?a%20b=%C3%A9&c=%41%7Cx",
		"/customers? #frag":                             "https://pc.example/api/v1/customers?%20",
	}
	for in, want := range tests {
		u, err := c.links.Resolve(in)
		if err != nil || u.String() != want {
			t.Errorf("resolveNext(%q) = %v, %v; want %s", in, u, err, want)
		}
	}
}

// jsonString encodes s as a JSON string.
func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// TestNextLinkErrorsNeverRepeatTheLink: a hostile server may put the token
// (which it received) into a next link it knows will be refused; the error
// that refuses it does not repeat the link.
func TestNextLinkErrorsNeverRepeatTheLink(t *testing.T) {
	t.Parallel()
	for name, link := range map[string]string{
		"foreign host":  `{"uri":"https://evil.example/customers?t=` + testToken + `"}`,
		"token as host": `{"uri":"https://` + testToken + `.evil.example/"}`,
		"dot segments":  `{"uri":"/v1/../` + testToken + `"}`,
		"method":        `{"uri":"/customers?seekOperation=Next","method":"` + testToken + `"}`,
		"bad escape":    `{"uri":"/customers/%zz` + testToken + `"}`,
	} {
		ts := newTestServer(t, jsonHandler(http.StatusOK, `{"totalCount":1,"items":[{"id":"`+testCustomerID+`"}],"links":{"next":`+link+`}}`))
		var err error
		for _, e := range ts.client(nil).ListCustomers(testCtx(t), nil) {
			if e != nil {
				err = e
			}
		}
		if !errors.Is(err, ErrInvalidInput) {
			t.Errorf("%s: err = %v, want ErrInvalidInput", name, err)
			continue
		}
		assertNoToken(t, name, err.Error())
	}
}
