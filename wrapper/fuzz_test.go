package wrapper

import (
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The fuzz targets run their seeds with go test; run them longer with
// go test -fuzz=FuzzX ./wrapper/.

func FuzzParseCustomerID(f *testing.F) {
	for _, s := range []string{testCustomerID, "", "../x", "%2F", "{" + testCustomerID + "}", "urn:uuid:" + testCustomerID, strings.Repeat("a", 36)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		id, err := parseCustomerID(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("error %v does not wrap ErrInvalidInput", err)
			}
			return
		}
		if !strings.EqualFold(id.String(), s) {
			t.Fatalf("accepted %q as %s", s, id)
		}
	})
}

func FuzzCheckDomain(f *testing.F) {
	for _, s := range []string{"contoso.onmicrosoft.com", "", "-a.com", "a..b", "a/b", "xn--bcher-kva.example"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if err := checkDomain(s); err == nil && (strings.ContainsAny(s, "/%?#\\ ") || len(s) > 253) {
			t.Fatalf("accepted %q", s)
		}
	})
}

func FuzzResolveNext(f *testing.F) {
	c, err := NewClient(StaticTokenCredential(testToken, time.Time{}), &ClientOptions{Cloud: Cloud{Endpoint: "https://pc.example/api", Audience: "a"}})
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range []string{"/customers?size=2", "/v1/customers", "/api/v1/customers", "https://evil.example/v1/customers", "//evil.example/x", "/v1/../x", "customers"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		u, err := c.resolveNext(s)
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) {
				t.Fatalf("error %v does not wrap ErrInvalidInput", err)
			}
			return
		}
		if u.Scheme != "https" || u.Host != "pc.example" || u.User != nil {
			t.Fatalf("resolveNext(%q) left the endpoint: %s", s, u)
		}
		if !strings.HasPrefix(u.EscapedPath(), "/api/v1/") {
			t.Fatalf("resolveNext(%q) = %s, outside the base", s, u)
		}
	})
}

func FuzzErrorBody(f *testing.F) {
	for _, s := range []string{`{"code":20002,"description":"x"}`, `{"statusCode":429,"message":"Try again in 5 seconds."}`, `<html>x</html>`, "\xEF\xBB\xBF{}", `{"error":{"code":1}}`, `{"code":{"a":[1]}}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		e := &ResponseError{StatusCode: http.StatusBadRequest}
		parseErrorBody(e, []byte(body))
		msg := e.Error()
		if strings.ContainsAny(msg, "\r\n") {
			t.Fatalf("Error() is not one line: %q", msg)
		}
		_ = retryAfterFromMessage(e.Description)
	})
}
