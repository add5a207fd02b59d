package gen_test

import (
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/google/uuid"
	"github.com/oapi-codegen/runtime"

	"github.com/partnercenter-go/partnercenter/gen"
)

// doerFunc is a gen.HttpRequestDoer made of a function.
type doerFunc func(*http.Request) (*http.Response, error)

func (f doerFunc) Do(req *http.Request) (*http.Response, error) { return f(req) }

// ctxKey is a context key of the tests.
type ctxKey struct{}

// TestRequestBuilders: the request builders (api/templates/client.tmpl)
// write UUID path parameters as the runtime styles them, resolve paths
// against whichever server they are given (the parsed server URL is
// cached), and the Client methods make their requests with the call's
// context.
func TestRequestBuilders(t *testing.T) {
	style := func(name string, id uuid.UUID) string {
		s, err := runtime.StyleParamWithOptions("simple", false, name, id, runtime.StyleParamOptions{ParamLocation: runtime.ParamLocationPath, Type: "string", Format: "uuid"})
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	servers := []string{"https://api.partnercenter.microsoft.com/v1/", "https://127.0.0.1:8443/prefix/v1/"}
	for i := range 6 {
		server := servers[i%2]
		cid, uid := uuid.New(), uuid.New()
		req, err := gen.NewDeleteCustomerUserRequest(server, cid, uid, nil)
		if err != nil {
			t.Fatal(err)
		}
		want := server + "customers/" + style("customerTenantId", cid) + "/users/" + style("userId", uid)
		if got := req.URL.String(); got != want || req.Method != http.MethodDelete || req.Context() != context.Background() {
			t.Errorf("%s %s (context %v), want DELETE %s", req.Method, got, req.Context(), want)
		}
	}

	ctx := context.WithValue(context.Background(), ctxKey{}, "call")
	var seen *http.Request
	c, err := gen.NewClient(servers[0], gen.WithHTTPClient(doerFunc(func(req *http.Request) (*http.Response, error) {
		seen = req
		return &http.Response{StatusCode: http.StatusNoContent, Body: http.NoBody, Header: http.Header{}}, nil
	})))
	if err != nil {
		t.Fatal(err)
	}
	cid := uuid.New()
	for name, call := range map[string]func() (*http.Response, error){
		"GetCustomer": func() (*http.Response, error) { return c.GetCustomer(ctx, cid, nil) },
		"UpdateCustomerUser": func() (*http.Response, error) {
			name := "Ada"
			return c.UpdateCustomerUser(ctx, cid, cid, nil, gen.CustomerUserUpdate{DisplayName: &name})
		},
	} {
		seen = nil
		if _, err := call(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if seen == nil || seen.Context().Value(ctxKey{}) != "call" {
			t.Errorf("%s: the request does not carry the call's context", name)
		}
		if name != "UpdateCustomerUser" {
			continue
		}
		if seen.Header.Get("Content-Type") != "application/json" || seen.ContentLength <= 0 || seen.GetBody == nil {
			t.Errorf("%s: Content-Type %q, length %d, GetBody set %v", name, seen.Header.Get("Content-Type"), seen.ContentLength, seen.GetBody != nil)
		}
		// The body is seekable (azcore rewinds it without a copy) and
		// holds the JSON, as GetBody's copy does.
		if _, ok := seen.Body.(io.ReadSeekCloser); !ok {
			t.Errorf("%s: body %T is not seekable", name, seen.Body)
		}
		body, _ := io.ReadAll(seen.Body)
		again, _ := seen.GetBody()
		copied, _ := io.ReadAll(again)
		if string(body) != `{"displayName":"Ada"}` || string(copied) != string(body) || int64(len(body)) != seen.ContentLength {
			t.Errorf("%s: body %q, GetBody's %q, length %d", name, body, copied, seen.ContentLength)
		}
	}
}
