package nextlink

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/errs"
)

// resolver is the Resolver of a client whose endpoint is
// https://pc.example/api (version v1).
func resolver(t *testing.T, endpoint string) *Resolver {
	t.Helper()
	e, err := url.Parse(endpoint)
	if err != nil {
		t.Fatal(err)
	}
	base := *e
	base.Path = e.Path + "/v1"
	return &Resolver{Endpoint: e, Base: &base, BasePath: base.Path + "/", Version: "v1"}
}

func TestResolve(t *testing.T) {
	t.Parallel()
	r := resolver(t, "https://pc.example/api")
	tests := []struct{ link, want string }{
		{"/customers?size=2", "https://pc.example/api/v1/customers?size=2"},
		{"  /customers  ", "https://pc.example/api/v1/customers"},
		{"/v1/customers", "https://pc.example/api/v1/customers"},
		{"/api/v1/customers", "https://pc.example/api/v1/customers"},
		{"customers", "https://pc.example/api/v1/customers"},
		{"v1/customers", "https://pc.example/api/v1/customers"},
		{"/v1/v1/customers", "https://pc.example/api/v1/customers"},
		{"/api/v1/v1/customers?x=1", "https://pc.example/api/v1/customers?x=1"},
		{"/v1", "https://pc.example/api/v1/"},
		{"/v1x/customers", "https://pc.example/api/v1/v1x/customers"},
		{"https://pc.example/api/v1/customers?seekOperation=Next", "https://pc.example/api/v1/customers?seekOperation=Next"},
		{"HTTPS://PC.EXAMPLE/v1/customers", "https://pc.example/api/v1/customers"},
		{"https://pc.example:443/v1/customers", "https://pc.example/api/v1/customers"},
		{"/customers?filter=%7B%22Field%22%3A%22x%22%7D#frag", "https://pc.example/api/v1/customers?filter=%7B%22Field%22%3A%22x%22%7D"},
		{"/customers/a%2Fb", "https://pc.example/api/v1/customers/a%2Fb"},
		{"/customers?q=a b<c>\"d\\e^f`g{h|i}jk\u00e9", "https://pc.example/api/v1/customers?q=a%20b%3Cc%3E%22d%5Ce%5Ef%60g%7Bh%7Ci%7Djk%C3%A9"},
		{"/customers?q=%41~!$&'()*+,;=:@/?", "https://pc.example/api/v1/customers?q=%41~!$&'()*+,;=:@/?"},
	}
	for _, tt := range tests {
		u, err := r.Resolve(tt.link)
		if err != nil {
			t.Errorf("Resolve(%q): %v", tt.link, err)
			continue
		}
		if u.String() != tt.want {
			t.Errorf("Resolve(%q) = %s, want %s", tt.link, u, tt.want)
		}
	}
	if r.Base.String() != "https://pc.example/api/v1" {
		t.Errorf("Resolve changed the base: %s", r.Base)
	}
}

func TestResolveRefuses(t *testing.T) {
	t.Parallel()
	r := resolver(t, "https://pc.example/api")
	for _, link := range []string{
		"https://evil.example/v1/customers",
		"//evil.example/v1/customers",
		"http://pc.example/api/v1/customers",
		"https://pc.example:444/v1/customers",
		"https://pc.example:80/v1/customers",
		"https://pc.example:x/v1/customers",
		"https://user@pc.example/v1/customers",
		"https://user:pass@pc.example/v1/customers",
		"https:opaque",
		"mailto:a@pc.example",
		"/v1/../admin",
		"/v1/%2e%2e/admin",
		"/v1/.%2E/x",
		"/customers/a%2f..%2fb",
		"/customers/..\\admin",
		"/customers/./x",
		".",
		"%zz",
		"/customers/%zz",
		"/customers\x00",
	} {
		u, err := r.Resolve(link)
		if !errors.Is(err, errs.ErrInvalidInput) {
			t.Errorf("Resolve(%q) = %v, %v; want ErrInvalidInput", link, u, err)
			continue
		}
		if strings.Contains(err.Error(), "evil") || strings.Contains(err.Error(), "pass") {
			t.Errorf("Resolve(%q): the error repeats the link: %v", link, err)
		}
	}
}

// TestSameOriginPorts: the default port written out is the same origin,
// for http as for https; another port is not.
func TestSameOriginPorts(t *testing.T) {
	t.Parallel()
	parse := func(s string) *url.URL { u, _ := url.Parse(s); return u }
	tests := []struct {
		u, endpoint string
		want        bool
	}{
		{"https://pc.example/x", "https://pc.example", true},
		{"https://pc.example:443/x", "https://pc.example", true},
		{"https://pc.example/x", "https://pc.example:443", true},
		{"https://pc.example:80/x", "https://pc.example", false},
		{"http://127.0.0.1:80/x", "http://127.0.0.1", true},
		{"http://127.0.0.1/x", "http://127.0.0.1:80", true},
		{"http://127.0.0.1:443/x", "http://127.0.0.1", false},
		{"HTTP://127.0.0.1/x", "http://127.0.0.1", true},
		{"http://127.0.0.1:8080/x", "http://127.0.0.1:8080", true},
		{"http://127.0.0.1:8081/x", "http://127.0.0.1:8080", false},
		{"https://pc.example/x", "http://pc.example", false},
		{"https://other.example/x", "https://pc.example", false},
	}
	for _, tt := range tests {
		if got := sameOrigin(parse(tt.u), parse(tt.endpoint)); got != tt.want {
			t.Errorf("sameOrigin(%s, %s) = %v, want %v", tt.u, tt.endpoint, got, tt.want)
		}
	}
	// Through Resolve, on a loopback http endpoint with a port.
	r := resolver(t, "http://127.0.0.1:8080")
	if u, err := r.Resolve("http://127.0.0.1:8080/v1/customers"); err != nil || u.String() != "http://127.0.0.1:8080/v1/customers" {
		t.Errorf("same port: %v, %v", u, err)
	}
	if _, err := r.Resolve("http://127.0.0.1/v1/customers"); err == nil {
		t.Error("the default port passed for another")
	}
}

func TestHasDotSegment(t *testing.T) {
	t.Parallel()
	tests := map[string]bool{
		"customers/x":     false,
		"customers/.x":    false,
		"customers/..x":   false,
		"customers/...":   false,
		".":               true,
		"..":              true,
		"a/./b":           true,
		"a/../b":          true,
		"a/%2e%2E/b":      true,
		"a/%2e/b":         true,
		"a%2f..%2fb":      true,
		"a%2F.%2Fb":       true,
		"a\\..\\b":        true,
		"a%5c..%5cb":      true,
		"a/%zz/..":        true,
		"a/%zz/b":         false,
		"":                false,
		"customers?x=../": false,
	}
	for in, want := range tests {
		if got := HasDotSegment(in); got != want {
			t.Errorf("HasDotSegment(%q) = %v, want %v", in, got, want)
		}
	}
}

func TestEscapeQuery(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"":                       "",
		"a=1&b=2":                "a=1&b=2",
		"a=%20%zz":               "a=%20%zz",
		" ":                      "%20",
		"a b":                    "a%20b",
		"\x00\x1f\x7f\xff":       "%00%1F%7F%FF",
		"<>\"\\^`{|}":            "%3C%3E%22%5C%5E%60%7B%7C%7D",
		"x=é":                    "x=%C3%A9",
		"!$&'()*+,;=:@/?~-._":    "!$&'()*+,;=:@/?~-._",
		"tail\x01":               "tail%01",
		"a\x21\x7e\x20":          "a!~%20",
		"0123456789ABCDEFabcdef": "0123456789ABCDEFabcdef",
	}
	for in, want := range tests {
		if got := escapeQuery(in); got != want {
			t.Errorf("escapeQuery(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSetEscapedPath(t *testing.T) {
	t.Parallel()
	var u url.URL
	if err := setEscapedPath(&u, "/a%2Fb/c"); err != nil || u.Path != "/a/b/c" || u.RawPath != "/a%2Fb/c" || u.EscapedPath() != "/a%2Fb/c" {
		t.Errorf("escaped slash: %v, Path %q RawPath %q", err, u.Path, u.RawPath)
	}
	if err := setEscapedPath(&u, "/plain/path"); err != nil || u.Path != "/plain/path" || u.RawPath != "" {
		t.Errorf("plain: %v, Path %q RawPath %q", err, u.Path, u.RawPath)
	}
	if err := setEscapedPath(&u, "/bad%zz"); err == nil {
		t.Error("a bad escape was accepted")
	}
}

func sp(s string) *string { return &s }

// ctxKey marks the context a request must carry.
type ctxKey struct{}

func TestRequest(t *testing.T) {
	t.Parallel()
	r := resolver(t, "https://pc.example/api")
	ctx := context.WithValue(context.Background(), ctxKey{}, "mine")
	link := &gen.Link{
		URI: sp("/customers?size=2"),
		// Headers left out come first: the one allowed after them is kept.
		Headers: []gen.KeyValuePair{
			{Key: nil, Value: sp("x")},
			{Key: sp(""), Value: sp("x")},
			{Key: sp("X-HTTP-Method-Override"), Value: sp("DELETE")},
			{Key: sp("Authorization"), Value: sp("Bearer evil")},
			{Key: sp("Forwarded"), Value: sp("for=evil")},
			{Key: sp("MS-ContinuationToken"), Value: sp("tok\tafter-tab")},
		},
	}
	req, err := r.Request(ctx, link)
	if err != nil {
		t.Fatal(err)
	}
	if req.Method != http.MethodGet || req.URL.String() != "https://pc.example/api/v1/customers?size=2" || req.Context() != ctx {
		t.Errorf("request = %s %s", req.Method, req.URL)
	}
	if len(req.Header) != 1 || req.Header.Get("MS-ContinuationToken") != "tok\tafter-tab" {
		t.Errorf("headers = %v, want only MS-ContinuationToken", req.Header)
	}
	for _, m := range []string{"", "GET", "get"} {
		l := &gen.Link{URI: sp("/customers"), Method: sp(m)}
		if _, err := r.Request(ctx, l); err != nil {
			t.Errorf("method %q: %v", m, err)
		}
	}
	if _, err := r.Request(ctx, &gen.Link{URI: sp("/customers")}); err != nil {
		t.Errorf("no method: %v", err)
	}
	// An empty value is sent empty; a missing one too.
	l := &gen.Link{URI: sp("/customers"), Headers: []gen.KeyValuePair{{Key: sp("ms-continuationtoken")}}}
	if req, err := r.Request(ctx, l); err != nil || len(req.Header["Ms-Continuationtoken"]) != 1 || req.Header.Get("MS-ContinuationToken") != "" {
		t.Errorf("no value: %v, %v", err, req.Header)
	}

	refused := []*gen.Link{
		{URI: sp("/customers"), Method: sp("POST")},
		{URI: sp("/customers"), Method: sp("DELETE")},
		{URI: sp("https://evil.example/customers")},
		{URI: sp("/customers"), Headers: []gen.KeyValuePair{{Key: sp("MS-ContinuationToken"), Value: sp("a\r\nX-Evil: 1")}}},
		{URI: sp("/customers"), Headers: []gen.KeyValuePair{{Key: sp("MS-ContinuationToken"), Value: sp("a\x7f")}}},
		{URI: sp("/customers"), Headers: []gen.KeyValuePair{{Key: sp("MS-ContinuationToken"), Value: sp("a\x1f")}}},
		{URI: sp("/customers"), Headers: []gen.KeyValuePair{{Key: sp("MS-ContinuationToken"), Value: sp("\nX-Evil: 1")}}},
		{URI: sp("/customers"), Headers: []gen.KeyValuePair{{Key: sp("MS-ContinuationToken"), Value: sp(strings.Repeat("t", maxLinkHeaderValue+1))}}},
	}
	for _, l := range refused {
		if _, err := r.Request(ctx, l); !errors.Is(err, errs.ErrInvalidInput) {
			t.Errorf("link %+v: err = %v, want ErrInvalidInput", *l, err)
		}
	}
	long := &gen.Link{URI: sp("/customers"), Headers: []gen.KeyValuePair{{Key: sp("MS-ContinuationToken"), Value: sp(strings.Repeat("t", maxLinkHeaderValue))}}}
	if _, err := r.Request(ctx, long); err != nil {
		t.Errorf("a value of the longest allowed length: %v", err)
	}
	// A link that resolves but that net/http cannot send.
	var nilCtx context.Context
	if _, err := r.Request(nilCtx, &gen.Link{URI: sp("/customers")}); !errors.Is(err, errs.ErrInvalidInput) {
		t.Errorf("nil context: %v", err)
	}
}

func TestNext(t *testing.T) {
	t.Parallel()
	if Next(nil) != nil || Next(&gen.ResourceLinks{}) != nil {
		t.Error("no links, a next link")
	}
	for _, uri := range []*string{nil, sp(""), sp("  \t")} {
		if Next(&gen.ResourceLinks{Next: &gen.Link{URI: uri}}) != nil {
			t.Errorf("uri %v: a next link", uri)
		}
	}
	l := &gen.Link{URI: sp("/customers?seek=1")}
	if Next(&gen.ResourceLinks{Next: l}) != l {
		t.Error("a next link was lost")
	}
}

func TestGuardFollow(t *testing.T) {
	t.Parallel()
	req := func(uri, token string) *http.Request {
		r, _ := http.NewRequest(http.MethodGet, uri, nil)
		if token != "" {
			r.Header.Set("MS-ContinuationToken", token)
		}
		return r
	}
	g := Guard{Op: "listCustomers"}
	steps := []struct {
		req  *http.Request
		loop bool
	}{
		{req("https://pc.example/v1/customers?page=2", ""), false},
		{req("https://pc.example/v1/customers?page=3", ""), false},
		{req("https://pc.example/v1/customers?page=2", ""), true}, // A -> B -> A
		{req("https://pc.example/v1/customers", "t1"), false},
		{req("https://pc.example/v1/customers", "t2"), false},
		{req("https://pc.example/v1/customers?other", "t1"), true}, // the token came back
		// A URL once followed with a token is another key than the same URL
		// without one, and a token that reads like a URL another than it.
		{req("https://pc.example/v1/customers", ""), false},
		{req("https://pc.example/v1/x", "https://pc.example/v1/customers"), false},
	}
	for i, s := range steps {
		err := g.Follow(s.req)
		if got := errors.Is(err, errs.ErrPagingLoop); got != s.loop {
			t.Errorf("step %d (%s, %q): loop %v, want %v (%v)", i, s.req.URL, s.req.Header.Get("MS-ContinuationToken"), got, s.loop, err)
		}
		if err != nil && !strings.Contains(err.Error(), "listCustomers") {
			t.Errorf("step %d: the error does not name the operation: %v", i, err)
		}
	}
}

// TestGuardLoops: a loop of links is caught whatever its length and
// wherever it starts: at once when its first link comes back within
// recentLinks links, and within about twice the pages before the cycle
// plus its length when it is longer; distinct links never are.
func TestGuardLoops(t *testing.T) {
	t.Parallel()
	link := func(i int) *http.Request {
		r, _ := http.NewRequest(http.MethodGet, "https://pc.example/v1/customers", nil)
		r.Header.Set("MS-ContinuationToken", fmt.Sprintf("token-%d", i))
		return r
	}
	for _, tt := range []struct{ before, cycle int }{
		{0, 1}, {0, 2}, {5, 3}, {0, recentLinks}, {10, recentLinks}, {0, recentLinks + 1}, {3, 100}, {200, 150}, {1000, 1000}, {0, 5000},
	} {
		g := Guard{Op: "listCustomers"}
		steps := 0
		var err error
		for ; err == nil && steps < 100_000; steps++ {
			i := steps
			if i >= tt.before {
				i = tt.before + (i-tt.before)%tt.cycle
			}
			err = g.Follow(link(i))
		}
		if !errors.Is(err, errs.ErrPagingLoop) {
			t.Errorf("%d links then a cycle of %d: no loop found in %d links (%v)", tt.before, tt.cycle, steps, err)
			continue
		}
		first := tt.before + tt.cycle + 1 // the first link that comes back, counted from 1
		switch {
		case steps < first:
			t.Errorf("%d links then a cycle of %d: a loop found at link %d, before any link came back", tt.before, tt.cycle, steps)
		case tt.cycle <= recentLinks && steps != first:
			t.Errorf("%d links then a cycle of %d: loop found at link %d, want %d (the first link that came back)", tt.before, tt.cycle, steps, first)
		case steps > 2*max(tt.before, tt.cycle)+tt.cycle+2:
			t.Errorf("%d links then a cycle of %d: loop found only at link %d", tt.before, tt.cycle, steps)
		}
	}
	g := Guard{}
	for i := range 20_000 {
		if err := g.Follow(link(i)); err != nil {
			t.Fatalf("distinct link %d: %v", i, err)
		}
	}
}

// TestGuardBrentSchedule pins when a long cycle is found: the key kept
// for comparison is taken at links 1, 2, 3, 5, 9, 17, 33, 65, 129, ... and
// compared with the links up to the next one taken, so that a cycle of
// 100 links (longer than recentLinks) is found at link 229, where the key
// taken at link 129 comes back; the key taken at link 65 would have come
// back only at link 165, after it was replaced.
func TestGuardBrentSchedule(t *testing.T) {
	t.Parallel()
	g := Guard{}
	for i := 1; ; i++ {
		r, _ := http.NewRequest(http.MethodGet, "https://pc.example/v1/customers", nil)
		r.Header.Set("MS-ContinuationToken", fmt.Sprintf("token-%d", (i-1)%100))
		if err := g.Follow(r); err != nil {
			if i != 229 {
				t.Errorf("a cycle of 100 found at link %d, want 229", i)
			}
			return
		}
		if i > 1000 {
			t.Fatal("a cycle of 100 not found in 1,000 links")
		}
	}
}

func TestGuardPage(t *testing.T) {
	t.Parallel()
	var g Guard
	// Empty pages with a next link: the third in a row ends the listing.
	for i := range 2 {
		if err := g.Page(0, true); err != nil {
			t.Fatalf("empty page %d ended the listing: %v", i+1, err)
		}
	}
	if err := g.Page(0, true); !errors.Is(err, errs.ErrPagingLoop) || !strings.Contains(err.Error(), "3 empty pages") {
		t.Errorf("third empty page: %v", err)
	}
	// A page with items resets the count, and so does the last page.
	g = Guard{}
	for _, p := range []struct {
		items   int
		hasNext bool
	}{{0, true}, {0, true}, {1, true}, {0, true}, {0, true}, {0, false}, {0, true}, {0, true}} {
		if err := g.Page(p.items, p.hasNext); err != nil {
			t.Fatalf("page %+v: %v", p, err)
		}
	}
	if g.empty != 2 {
		t.Errorf("empty = %d, want 2", g.empty)
	}
	if err := g.Page(0, true); !errors.Is(err, errs.ErrPagingLoop) {
		t.Errorf("third empty page after a reset: %v", err)
	}
}

func TestIsControl(t *testing.T) {
	t.Parallel()
	for r, want := range map[rune]bool{0: true, '\n': true, 0x1f: true, '\t': false, ' ': false, 'a': false, 0x7e: false, 0x7f: true, 0x80: false} {
		if got := isControl(r); got != want {
			t.Errorf("isControl(%U) = %v, want %v", r, got, want)
		}
	}
}
