package fake

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/partnercenter-go/partnercenter/gen"
)

// testToken is the bearer token raw-HTTP tests send.
const testToken = "test-token"

// reply is a response with its body read.
type reply struct {
	*http.Response
	body []byte
}

// request describes a raw HTTP call to the fake.
type request struct {
	method string
	path   string            // with the version segment and any query
	header map[string]string // extra headers; Authorization defaults to testToken
	body   any               // JSON-encoded when not nil; a []byte is sent as is
}

// do sends req to s and reads the answer.
func do(t testing.TB, s *Server, req request) reply {
	t.Helper()
	if req.method == "" {
		req.method = http.MethodGet
	}
	var body io.Reader
	switch b := req.body.(type) {
	case nil:
	case []byte:
		body = bytes.NewReader(b)
	default:
		raw, err := json.Marshal(b)
		if err != nil {
			t.Fatalf("encode body: %v", err)
		}
		body = bytes.NewReader(raw)
	}
	r, err := http.NewRequest(req.method, s.URL()+req.path, body)
	if err != nil {
		t.Fatalf("new request: %v", err)
	}
	if body != nil {
		r.Header.Set("Content-Type", "application/json")
	}
	r.Header.Set("Authorization", "Bearer "+testToken)
	for k, v := range req.header {
		if v == "" {
			r.Header.Del(k)
			continue
		}
		r.Header.Set(k, v)
	}
	resp, err := s.HTTPClient().Do(r)
	if err != nil {
		t.Fatalf("%s %s: %v", req.method, req.path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("read body of %s %s: %v", req.method, req.path, err)
	}
	return reply{Response: resp, body: raw}
}

// get is do for a plain GET.
func get(t testing.TB, s *Server, path string) reply {
	t.Helper()
	return do(t, s, request{path: path})
}

// decode unmarshals the reply body into v, failing the test on error.
func (r reply) decode(t testing.TB, v any) {
	t.Helper()
	if err := json.Unmarshal(r.body, v); err != nil {
		t.Fatalf("decode %q: %v", r.body, err)
	}
}

// wantStatus fails the test when the status differs.
func (r reply) wantStatus(t testing.TB, status int) {
	t.Helper()
	if r.StatusCode != status {
		t.Fatalf("%s %s: status %d, want %d; body %s", r.Request.Method, r.Request.URL.Path, r.StatusCode, status, r.body)
	}
}

// fault decodes an ApiFault reply and returns its code as text.
func (r reply) fault(t testing.TB) (code string, f gen.APIFault) {
	t.Helper()
	r.decode(t, &f)
	if !bytes.Contains(r.body, []byte(`"code"`)) {
		t.Fatalf("ApiFault without code: %s", r.body)
	}
	if n, err := f.Code.AsErrorCode0(); err == nil {
		return jsonNumber(n), f
	}
	s, err := f.Code.AsErrorCode1()
	if err != nil {
		t.Fatalf("ApiFault code is neither number nor string: %s", r.body)
	}
	return s, f
}

// wantFault checks status, code and the fixed ApiFault fields.
func (r reply) wantFault(t testing.TB, status int, code string) gen.APIFault {
	t.Helper()
	r.wantStatus(t, status)
	got, f := r.fault(t)
	if got != code {
		t.Errorf("code %s, want %s (body %s)", got, code, r.body)
	}
	if f.Source != faultSource || f.Data == nil || f.Description == "" {
		t.Errorf("ApiFault lacks source, data or description: %s", r.body)
	}
	return f
}

func jsonNumber(n int64) string {
	raw, _ := json.Marshal(n)
	return string(raw)
}

// customerPath is the versioned path of a customer resource.
func customerPath(id string, sub string) string {
	return "/v1/customers/" + id + sub
}

// filterQuery is the query value of a search filter.
func filterQuery(field gen.CustomerSearchFilterField, value string) string {
	raw, _ := json.Marshal(gen.CustomerSearchFilter{Field: field, Value: value, Operator: gen.CustomerSearchFilterOperatorStartsWith})
	return url.QueryEscape(string(raw))
}
