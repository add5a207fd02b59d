package wrapper

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/errbody"
	"github.com/partnercenter-go/partnercenter/internal/nextlink"
	"github.com/partnercenter-go/partnercenter/internal/pipeline"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

// The fuzz targets run their seeds with every go test; make fuzz runs each
// of them for a while (go test -fuzz=FuzzX ./wrapper/).

// fuzzToken is the bearer token of the requests the fuzz targets answer:
// no error built from an answer may contain it, however the answer hides
// it.
const fuzzToken = "eyJ0eXAi.fuzz-SECRET-token.c2lnbmF0dXJl"

func FuzzParseCustomerID(f *testing.F) {
	for _, s := range []string{testCustomerID, strings.ToUpper(testCustomerID), "", "../x", "%2F", "{" + testCustomerID + "}",
		"urn:uuid:" + testCustomerID, strings.Repeat("a", 36), testCustomerID + "\n", " " + testCustomerID,
		"aaaabbbb0000cccc1111dddd2222eeee", "aaaabbbb-0000-cccc-1111-dddd2222eeeg", "aaaabbbb-0000-cccc-1111_dddd2222eeee"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := parseCustomerID(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("error %v does not wrap ErrInvalidInput", err)
			}
			if strings.ContainsAny(err.Error(), "\r\n") {
				t.Fatalf("error is not one line: %q", err)
			}
			return
		}
		if len(s) != 36 || !strings.EqualFold(id.String(), s) {
			t.Fatalf("accepted %q (%d bytes) as %s", s, len(s), id)
		}
		again, err := parseCustomerID(id.String())
		if err != nil || again != id {
			t.Fatalf("%s does not round-trip: %v, %v", id, again, err)
		}
	})
}

func FuzzCheckDomain(f *testing.F) {
	for _, s := range []string{"contoso.onmicrosoft.com", "", "-a.com", "a..b", "a/b", "xn--bcher-kva.example", "a.b.", "A.COM",
		strings.Repeat("a", 63) + ".com", strings.Repeat("a", 64) + ".com", "a b.com", "a%2fb.com", "ünïcode.com"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		err := check.InputDomain(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("error %v does not wrap ErrInvalidInput", err)
			}
			return
		}
		// An accepted name is safe as one path segment.
		if strings.ContainsAny(s, "/%?#\\ ") || len(s) > 253 || strings.IndexFunc(s, isControlChar) >= 0 {
			t.Fatalf("accepted %q", s)
		}
	})
}

func FuzzResolveNext(f *testing.F) {
	c, err := NewClient(StaticTokenCredential(testToken, time.Time{}), &ClientOptions{ClientOptions: azcore.ClientOptions{Cloud: CustomCloud("https://pc.example/api", "a", "")}})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"/customers?size=2", "/v1/customers", "/api/v1/customers", "https://evil.example/v1/customers",
		"//evil.example/x", "/v1/../x", "customers", "v1/customers", "/v1/v1/customers", "/api/v1/v1/customers?x=1",
		"https://pc.example/api/v1/customers?seekOperation=Next", "http://pc.example/api/v1/customers", "https://user@pc.example/v1/x",
		"/v1/%2e%2e/admin", "/v1/.%2E/x", "/customers/a%2f..%2fb", "/customers?filter=%7B%22Field%22%3A%22x%22%7D#frag", "https://pc.example:444/v1/customers", "/v1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := c.links.Resolve(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("error %v does not wrap ErrInvalidInput", err)
			}
			return
		}
		if u.Scheme != "https" || u.Host != "pc.example" || u.User != nil || u.Opaque != "" || u.Fragment != "" {
			t.Fatalf("resolveNext(%q) left the endpoint: %s", s, u)
		}
		p := u.EscapedPath()
		if !strings.HasPrefix(p, "/api/v1/") {
			t.Fatalf("resolveNext(%q) = %s, outside the base", s, u)
		}
		if strings.HasPrefix(p, "/api/v1/v1/") || p == "/api/v1/v1" {
			t.Fatalf("resolveNext(%q) = %s doubles the version segment", s, u)
		}
		if nextlink.HasDotSegment(p) {
			t.Fatalf("resolveNext(%q) = %s has a dot segment", s, u)
		}
		// The result is stable: resolving it again changes nothing.
		again, err := c.links.Resolve(u.String())
		if err != nil || again.String() != u.String() {
			t.Fatalf("resolveNext(%q) = %s, but resolving that gives %v, %v", s, u, again, err)
		}
	})
}

// fuzzResponse is an answer with status and body to a GET carrying
// fuzzToken.
func fuzzResponse(status int, contentType string, body []byte) *http.Response {
	req, _ := http.NewRequest(http.MethodGet, "https://pc.example/v1/customers/"+testCustomerID, nil)
	req.Header.Set("Authorization", "Bearer "+fuzzToken)
	req.Header.Set(pipeline.HeaderRequestID, "11111111-2222-3333-4444-555555555555")
	h := http.Header{}
	h.Set("Content-Type", contentType)
	h.Set(pipeline.HeaderCorrelationID, "66666666-7777-8888-9999-000000000000")
	return &http.Response{StatusCode: status, Header: h, Body: io.NopCloser(bytes.NewReader(body)), Request: req}
}

// assertNoFuzzToken fails when any rendering of err holds fuzzToken.
func assertNoFuzzToken(t *testing.T, err error) {
	t.Helper()
	for _, s := range []string{err.Error(), fmt.Sprintf("%v", err), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err)} {
		if strings.Contains(s, fuzzToken) {
			t.Fatalf("the error shows the token: %s", s)
		}
	}
	var re *ResponseError
	if errors.As(err, &re) && strings.Contains(fmt.Sprintf("%v", re.Data), fuzzToken) {
		t.Fatalf("the error's data shows the token: %v", re.Data)
	}
}

func FuzzErrorBody(f *testing.F) {
	hidden := strings.ReplaceAll(fuzzToken, "e", `\u0065`) // the token, JSON-escaped
	for _, s := range []string{
		`{"code":20002,"description":"No relationship between caller and account.","data":[],"source":"PartnerFD"}`,
		`{"statusCode":429,"message":"Rate limit is exceeded. Try again in 5 seconds."}`,
		`<html><head><title>502 Bad Gateway</title></head><body>x</body></html>`, "\xEF\xBB\xBF{}", `{"error":{"code":1}}`,
		`{"code":{"a":[1]}}`, `{"code":800003,"description":"` + strings.Repeat("x", 3000), `null`, `[1,2]`, ``,
		`{"code":"` + fuzzToken + `","description":"bad token ` + fuzzToken + `","data":["` + fuzzToken + `",{"` + fuzzToken + `":1}],"source":"` + fuzzToken + `"}`,
		`{"description":"` + hidden + `","data":[{"k":"` + hidden + `"}],"error":{"code":"` + hidden + `"}}`,
		`{"error":{"code":1,"message":"` + hidden + `"}}`, `{"error":"` + hidden + `"}`,
		`<p>` + strings.ReplaceAll(fuzzToken, "S", "&#83;") + `</p>`, `<p>` + strings.ReplaceAll(fuzzToken, ".", "<br>.") + `</p>`,
		`{"code":1,"description":"` + strings.Repeat("y", 1000) + hidden + `"}`,
	} {
		f.Add(uint16(0), s)
	}
	f.Add(uint16(29), `{"statusCode":429,"message":"Try again in 999999999 seconds."}`)
	f.Fuzz(func(t *testing.T, status uint16, body string) {
		st := 400 + int(status)%200
		e := newResponseError(gen.OperationGetCustomer, fuzzResponse(st, "application/json", []byte(body)))
		assertNoFuzzToken(t, e)
		msg := e.Error()
		if strings.ContainsAny(msg, "\r\n") {
			t.Fatalf("Error() is not one line: %q", msg)
		}
		if e.StatusCode != st || e.RequestID != "11111111-2222-3333-4444-555555555555" || e.CorrelationID != "66666666-7777-8888-9999-000000000000" {
			t.Fatalf("status or IDs lost: %+v", e)
		}
		if len(e.Description) > scrub.MaxDescription+3 || len(e.Code) > 128+3 || len(e.Source) > 128+3 {
			t.Fatalf("unbounded fields: description %d, code %d, source %d bytes", len(e.Description), len(e.Code), len(e.Source))
		}
		if e.RetryAfter < 0 || e.RetryAfter > 24*time.Hour {
			t.Fatalf("RetryAfter %v", e.RetryAfter)
		}
		if c := categoryOf(st); c != nil && !errors.Is(e, c) {
			t.Fatalf("a %d error does not match %v", st, c)
		}
	})
}

// cannedTransport answers every request with status, contentType and body.
type cannedTransport struct {
	status      int
	contentType string
	body        []byte
}

func (c cannedTransport) Do(req *http.Request) (*http.Response, error) {
	h := http.Header{"Ms-Requestid": {"11111111-2222-3333-4444-555555555555"}, "Ms-Correlationid": {"66666666-7777-8888-9999-000000000000"}}
	if c.contentType != "" {
		h.Set("Content-Type", c.contentType)
	}
	return &http.Response{StatusCode: c.status, Header: h, Body: io.NopCloser(bytes.NewReader(c.body)), Request: req}, nil
}

// decodeThrough runs the body through the operations as the service's 200
// answer, on the real path: pipeline, quirks policy, generated request
// builders and parsers. It returns each operation's result as JSON, or its
// error.
func decodeThrough(t *testing.T, body []byte, contentType string) (map[string][]byte, map[string]error) {
	t.Helper()
	c, err := NewClient(StaticTokenCredential(fuzzToken, time.Time{}), &ClientOptions{ClientOptions: azcore.ClientOptions{
		Cloud:     CustomCloud("https://pc.example", "https://pc.test", ""),
		Transport: cannedTransport{status: http.StatusOK, contentType: contentType, body: body},
		Retry:     policy.RetryOptions{MaxRetries: -1},
	}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	results, errs := map[string][]byte{}, map[string]error{}
	keep := func(op string, v any, err error) {
		if err != nil {
			errs[op] = err
			return
		}
		b, merr := json.Marshal(v)
		if merr != nil {
			t.Fatalf("%s: the decoded result does not marshal: %v", op, merr)
		}
		results[op] = b
	}
	cu, err := c.GetCustomer(ctx, testCustomerID, nil)
	keep("getCustomer", cu, err)
	org, err := c.GetCustomerOrganization(ctx, testCustomerID, nil)
	keep("getCustomerOrganization", org, err)
	if err == nil {
		checkOrganizationShape(t, body, org)
	}
	doms, err := c.GetCustomerCustomDomains(ctx, testCustomerID, nil)
	keep("getCustomerCustomDomains", doms, err)
	bp, err := c.GetCustomerBillingProfile(ctx, testCustomerID, nil)
	keep("getCustomerBillingProfile", bp, err)
	page, err := c.NewListCustomersPager(nil).NextPage(ctx)
	keep("listCustomers", page, err)
	return results, errs
}

func FuzzDecodeCustomer(f *testing.F) {
	const bom = "\xEF\xBB\xBF"
	for _, s := range []string{
		customerJSON, bom + customerJSON, billingJSON, customerJSON[:len(customerJSON)/2],
		`{"totalCount":2,"items":[` + customerJSON + `,{"id":"0b4ad2fd-5e6c-4a2f-9a8e-1c2d3e4f5a6b","companyProfile":{"companyName":"Contoso"}}],` +
			`"links":{"next":{"uri":"/customers?size=2&seekOperation=Next","method":"GET","headers":[{"key":"MS-ContinuationToken","value":"abc"}]}},"attributes":{"objectType":"Collection"}}`,
		`[{"street":"1 Microsoft Way","city":"Redmond","state":"WA","postalCode":"98052","countryLetterCode":"US","displayName":"Contoso","technicalNotificationMails":["a@contoso.com"]}]`,
		`{"street":"1 Microsoft Way","countryLetterCode":"US","displayName":"Contoso"}`, `[]`, `null`, `[{}, {}, {}]`, bom + `[{"displayName":"x"}]`,
		`["contoso.onmicrosoft.com","contoso.com"]`, ``, ` `, bom, `<html><body>Sign in</body></html>`, `{"id":7}`, `{"tags":"x"}`,
		`{"id":"\ud800","companyProfile":null}`, `{"items":null,"links":{"next":null}}`, "{\"id\":\"a\xffb\"}", `{"ID":"x","Id":"y"}`,
		`{"relationshipToPartner":"not_a_relationship"}`, `{"totalCount":1e10}`, `[` + strings.Repeat(`[`, 200) + strings.Repeat(`]`, 200) + `]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		results, errs := decodeThrough(t, body, "application/json; charset=utf-8")
		// An answer that does not decode is a malformed *ResponseError
		// with the answer's status and IDs, and keeps the token out.
		for op, err := range errs {
			var re *ResponseError
			if !errors.As(err, &re) || !errors.Is(err, ErrMalformedResponse) || re.StatusCode != http.StatusOK || re.Err == nil ||
				re.RequestID != "11111111-2222-3333-4444-555555555555" || re.Operation != op {
				t.Fatalf("%s: err = %#v, want a malformed *ResponseError", op, err)
			}
			assertNoFuzzToken(t, err)
		}
		if len(results) == 0 {
			return
		}
		// The service's quirks change nothing: a leading BOM, or JSON
		// labelled as text, decodes to the same results.
		if !bytes.HasPrefix(body, []byte(bom)) {
			for _, variant := range []struct {
				body []byte
				ct   string
			}{{append([]byte(bom), body...), "application/json"}, {body, "text/plain"}} {
				again, _ := decodeThrough(t, variant.body, variant.ct)
				for op, first := range results {
					if startsLikeJSON(body) || variant.ct == "application/json" {
						if !bytes.Equal(again[op], first) {
							t.Fatalf("%s: %q (%s) gives %s, plain JSON gave %s", op, variant.body, variant.ct, again[op], first)
						}
					}
				}
			}
		}
		// Decoding is stable: what was decoded survives a round trip.
		for op, first := range results {
			again, errs := decodeThrough(t, first, "application/json")
			if errs[op] != nil || !bytes.Equal(again[op], first) {
				t.Fatalf("%s does not round-trip: %s gives %s (%v)", op, first, again[op], errs[op])
			}
		}
	})
}

// checkOrganizationShape checks that an object gives one organization, an
// array one per element and null none (as an empty, non-nil slice).
func checkOrganizationShape(t *testing.T, body []byte, items []CustomerOrganization) {
	t.Helper()
	b := bytes.TrimSpace(errbody.TrimBOM(body))
	switch b[0] {
	case '{':
		if len(items) != 1 {
			t.Fatalf("object %q gave %d organizations", body, len(items))
		}
	case '[':
		var elems []json.RawMessage
		if err := json.Unmarshal(b, &elems); err != nil || len(elems) != len(items) {
			t.Fatalf("array %q of %d gave %d organizations (%v)", body, len(elems), len(items), err)
		}
	default:
		t.Fatalf("%q decoded as an organization", body)
	}
}

// FuzzScrubReader: whatever the stream and however it is cut into reads,
// the streaming scrubber gives what scrubbing the whole text at once gives,
// and no secret survives it.
func FuzzScrubReader(f *testing.F) {
	f.Add([]byte("a"+testToken+"b"), uint8(1), "rt*SECRET!x")
	f.Add([]byte(url.QueryEscape("rt*SECRET!x")+strings.Repeat("z", 100)), uint8(7), "rt*SECRET!x")
	f.Add([]byte(`{"x":"`+jsonEscaped(`cs<SECRET>"&`)+`"}`), uint8(3), `cs<SECRET>"&`)
	f.Fuzz(func(t *testing.T, body []byte, chunk uint8, secret string) {
		forms := scrub.Forms(testToken, secret)
		want := scrub.WithForms(string(body), forms)
		r := scrub.NewReader(&chunkReader{b: body, n: int(chunk%64) + 1}, forms)
		got, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Fatalf("streamed %q, whole %q", got, want)
		}
	})
}

// chunkReader returns at most n bytes per read.
type chunkReader struct {
	b []byte
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if len(c.b) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), c.n)], c.b)
	c.b = c.b[n:]
	return n, nil
}

// FuzzParseRetryAfter: no value makes the wait negative or longer than
// transport.MaxRetryAfter, nor panics; what normaliseRetryAfter writes is whole
// seconds that read back the same.
func FuzzParseRetryAfter(f *testing.F) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, s := range []string{"57", " 3 ", "-5", "+5", "99999999999999999999", now.Format(http.TimeFormat),
		now.Format("Monday, 02-Jan-06 15:04:05 GMT"), now.Format(time.ANSIC), "Thursday, 01-Jan-70 00:00:00 GMT", "abc"} {
		f.Add(s, "")
	}
	f.Add("", "30000")
	f.Fuzz(func(t *testing.T, v, ms string) {
		d, ok := transport.ParseRetryAfter(v, now)
		if d < 0 || d > transport.MaxRetryAfter || !ok && d != 0 {
			t.Fatalf("transport.ParseRetryAfter(%q) = %v, %v", v, d, ok)
		}
		h := http.Header{}
		if v != "" && validHeaderValue(v) {
			h.Set("Retry-After", v)
		}
		if ms != "" && validHeaderValue(ms) {
			h.Set("Retry-After-Ms", ms)
		}
		transport.NormaliseRetryAfter(h, now)
		if out := h.Get("Retry-After"); out != "" {
			if !onlyDigits(out) {
				t.Fatalf("Retry-After %q normalised to %q", v, out)
			}
			if d2, ok := transport.ParseRetryAfter(out, now); !ok || d2 > transport.MaxRetryAfter {
				t.Fatalf("normalised %q reads back as %v, %v", out, d2, ok)
			}
		}
		if h.Get("Retry-After-Ms") != "" {
			t.Fatal("Retry-After-Ms survived")
		}
	})
}

// validHeaderValue reports whether v could arrive as a header value.
func validHeaderValue(v string) bool { return strings.IndexFunc(v, isControlChar) < 0 }

// FuzzScrubResponse: a token echoed anywhere in the status line or the
// headers, in any form secretForms knows, is gone once scrubResponse ran.
func FuzzScrubResponse(f *testing.F) {
	f.Add("200 OK", "MS-CV", "x%sy", uint8(0))
	f.Add("404 %s", "WWW-Authenticate", `Bearer claims="%s"`, uint8(1))
	f.Add("200 OK", "X-%s", "v", uint8(2))
	f.Fuzz(func(t *testing.T, status, name, value string, form uint8) {
		forms := scrub.Forms(testToken)
		echo := forms[int(form)%len(forms)]
		put := func(s string) string { return strings.ReplaceAll(s, "%s", echo) }
		resp := &http.Response{Status: put(status), Header: http.Header{}}
		resp.Header[put(name)] = []string{put(value), put(value + value)}
		scrub.Response(resp, forms)
		all := resp.Status
		for k, vs := range resp.Header {
			all += "\n" + k + ": " + strings.Join(vs, ", ")
		}
		for _, f := range forms {
			if strings.Contains(all, f) {
				t.Fatalf("%q survived in %q", f, all)
			}
		}
	})
}
