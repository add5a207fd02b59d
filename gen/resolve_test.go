package gen

import (
	"net/url"
	"testing"
)

// TestResolveOperationPath: resolveOperationPath (api/templates/client.tmpl)
// gives what serverURL.Parse gives, field by field, whether it puts the URL
// together itself or falls back to parsing.
func TestResolveOperationPath(t *testing.T) {
	servers := []string{
		"https://api.partnercenter.microsoft.com/v1/", "https://127.0.0.1:8443/prefix/v1/", "https://user@h/v1/",
		"https://h/", "https://h", "https://h/v1", "https://h/a/../v1/", "https://h/a%20b/v1/", "https://h/v1/?q=1#f",
		"https://h/.well-known/", "https://h/v1.0/",
	}
	paths := []string{
		"/customers", "/customers/aaaabbbb-0000-cccc-1111-dddd2222eeee/users/0b4ad2fd-5e6c-4a2f-9a8e-1c2d3e4f5a6b",
		"/domains/contoso.onmicrosoft.com", "/customers/a%2Fb", "/customers/..", "/customers/../x", "/customers/./x",
		"/customers//users", "/customers/.hidden", "/customers/a.b", "/a b", "/validations/addresses", "customers", "",
		"/customers/x?y", "/customers/~x_y-z", "/countryvalidationrules/US",
	}
	for _, server := range servers {
		s, err := url.Parse(server)
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range paths {
			ref := p
			if p != "" && p[0] == '/' {
				ref = "." + p
			}
			want, wantErr := s.Parse(ref)
			got, err := resolveOperationPath(s, p)
			if (err != nil) != (wantErr != nil) {
				t.Errorf("%s + %q: error %v, want %v", server, p, err, wantErr)
				continue
			}
			if err == nil && *got != *want {
				t.Errorf("%s + %q: %#v, want %#v", server, p, *got, *want)
			}
		}
	}
}
