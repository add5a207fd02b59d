package check

import (
	"strings"
	"testing"
)

func TestGUID(t *testing.T) {
	for s, want := range map[string]bool{
		"aaaabbbb-0000-cccc-1111-dddd2222eeee":   true,
		"AAAABBBB-0000-CCCC-1111-DDDD2222EEEE":   true,
		"{aaaabbbb-0000-cccc-1111-dddd2222eeee}": false,
		"aaaabbbb0000cccc1111dddd2222eeee":       false,
		"aaaabbbb-0000-cccc-1111-dddd2222eeeg":   false,
		"aaaabbbb-0000-cccc-1111_dddd2222eeee":   false,
		"":                                       false,
		"../../partners/aaaa-bbbb-cccc-dddd-eee": false,
	} {
		if got := GUID(s); got != want {
			t.Errorf("GUID(%q) = %v", s, got)
		}
	}
}

func TestEndpoint(t *testing.T) {
	for _, tt := range []struct {
		in, want string
		insecure bool
		err      string
	}{
		{in: "https://API.example.com/pc/", want: "https://api.example.com/pc"},
		{in: "http://127.0.0.1:8080", insecure: true, want: "http://127.0.0.1:8080"},
		{in: "http://[::1]:8080", insecure: true, want: "http://[::1]:8080"},
		{in: "http://127.0.0.1:8080", err: "plain http"},
		{in: "http://example.com", insecure: true, err: "not loopback"},
		{in: "ftp://example.com", err: "https"},
		{in: "https://user:hunter2@example.com", err: "user info"},
		{in: "https://example.com?x=1", err: "query"},
		{in: "/relative", err: "absolute"},
		{in: "", err: "empty"},
		{in: "https://:443", err: "host is empty"},
		{in: "https://example.com:", err: "port"},
		{in: "https://example.com:x1", err: "not a URL"},
		{in: "https://exa mple.com/%zz", err: "not a URL"},
	} {
		u, err := Endpoint(tt.in, tt.insecure)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("Endpoint(%q) err = %v, want %q", tt.in, err, tt.err)
			}
			if err != nil && strings.Contains(err.Error(), "hunter2") {
				t.Errorf("Endpoint(%q) error repeats the password", tt.in)
			}
			continue
		}
		if err != nil || u.String() != tt.want {
			t.Errorf("Endpoint(%q) = %v, %v; want %s", tt.in, u, err, tt.want)
		}
	}
	if got := Redact("https://user:hunter2@example.com/x"); got != "https://example.com/x" {
		t.Errorf("Redact = %q", got)
	}
}
