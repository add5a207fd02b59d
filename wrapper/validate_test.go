package wrapper

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
)

func TestCustomerIDChecks(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, jsonHandler(http.StatusOK, `{}`))
	c := ts.client(nil)
	long := strings.Repeat("x", 500)
	bad := []string{
		"",
		"../x",
		"..%2F..%2Fdomains",
		"%2F",
		"aaaabbbb-0000-cccc-1111-dddd2222eee/",
		"{aaaabbbb-0000-cccc-1111-dddd2222eeee}",
		"urn:uuid:aaaabbbb-0000-cccc-1111-dddd2222eeee",
		"aaaabbbb0000cccc1111dddd2222eeee",
		"aaaabbbb-0000-cccc-1111-dddd2222eeeee",
		"aaaabbbb-0000-cccc-1111-dddd2222eee",
		" aaaabbbb-0000-cccc-1111-dddd2222eee",
		"gaaabbbb-0000-cccc-1111-dddd2222eeee",
		"aaaabbbb_0000-cccc-1111-dddd2222eeee",
		"aaaabbbb-0000-cccc-1111-dddd2222ee\xe9",
		"aaaabbbb-0000-cccc-1111-dddd2222eee\n",
		long,
	}
	ctx := testCtx(t)
	for _, id := range bad {
		calls := map[string]func() error{
			"GetCustomer": func() error { _, err := c.GetCustomer(ctx, id, nil); return err },
			"GetCustomerCustomDomains": func() error {
				_, err := c.GetCustomerCustomDomains(ctx, id, nil)
				return err
			},
			"GetCustomerOrganization": func() error {
				_, err := c.GetCustomerOrganization(ctx, id, nil)
				return err
			},
			"GetCustomerCompanyProfile": func() error {
				_, err := c.GetCustomerCompanyProfile(ctx, id, nil)
				return err
			},
			"GetCustomerBillingProfile": func() error {
				_, err := c.GetCustomerBillingProfile(ctx, id, nil)
				return err
			},
			"UpdateCustomerBillingProfile": func() error {
				_, err := c.UpdateCustomerBillingProfile(ctx, id, CustomerBillingProfile{}, &UpdateCustomerBillingProfileOptions{ETag: "1"})
				return err
			},
		}
		for name, call := range calls {
			err := call()
			if !errors.Is(err, ErrInvalidInput) {
				t.Errorf("%s(%q): err = %v, want ErrInvalidInput", name, id, err)
				continue
			}
			msg := err.Error()
			if strings.ContainsAny(msg, "\n\r") {
				t.Errorf("%s(%q): error is not one line: %q", name, id, msg)
			}
			if id != "" && !strings.Contains(msg, `"`) {
				t.Errorf("%s(%q): error does not quote the value: %s", name, id, msg)
			}
			if len(msg) > 300 {
				t.Errorf("%s: error not truncated (%d bytes)", name, len(msg))
			}
		}
	}
	if n := len(ts.requests()); n != 0 {
		t.Errorf("bad IDs reached the network: %d requests", n)
	}
}

func TestCustomerIDAccepted(t *testing.T) {
	t.Parallel()
	for _, id := range []string{testCustomerID, "AAAABBBB-0000-CCCC-1111-DDDD2222EEEE", "0b4ad2fd-5e6c-4a2f-9a8e-1c2d3e4f5a6b"} {
		if _, err := parseCustomerID(id); err != nil {
			t.Errorf("parseCustomerID(%q) = %v", id, err)
		}
	}
}

func TestCheckDomain(t *testing.T) {
	t.Parallel()
	label63 := strings.Repeat("a", 63)
	tests := []struct {
		domain string
		ok     bool
	}{
		{"contoso.onmicrosoft.com", true},
		{"a", true},
		{"xn--bcher-kva.example", true},
		{"a-b.c-d.e", true},
		{label63 + ".com", true},
		{strings.Repeat("a.", 126) + "a", true}, // 253 characters
		{"", false},
		{strings.Repeat("a.", 127) + "a", false}, // 255 characters
		{strings.Repeat("a", 64) + ".com", false},
		{"-contoso.com", false},
		{"contoso-.com", false},
		{"contoso..com", false},
		{".contoso.com", false},
		{"contoso.com.", false},
		{"contoso.com/../x", false},
		{"contoso%2Ecom", false},
		{"con toso.com", false},
		{"bücher.example", false},
		{"contoso.com\r\n", false},
	}
	for _, tt := range tests {
		err := check.InputDomain(tt.domain)
		if (err == nil) != tt.ok {
			t.Errorf("check.InputDomain(%q) = %v, want ok %v", tt.domain, err, tt.ok)
		}
		if err != nil && !errors.Is(err, ErrInvalidInput) {
			t.Errorf("check.InputDomain(%q) = %v, not ErrInvalidInput", tt.domain, err)
		}
	}
}

func TestQuoteAndOneLine(t *testing.T) {
	t.Parallel()
	if got := scrub.Quote(strings.Repeat("é", 100)); !strings.HasSuffix(got, `"...`) || len(got) > scrub.MaxQuoted+8 {
		t.Errorf("quote of a long value = %q", got)
	}
	if got := scrub.Quote("a\nb"); got != `"a\nb"` {
		t.Errorf("quote = %q", got)
	}
	if got := scrub.OneLine("a\r\n  b\tc\x00d", 100); got != "a b c d" {
		t.Errorf("oneLine = %q", got)
	}
	if got := scrub.OneLine(strings.Repeat("x", 50), 10); got != "xxxxxxxxxx..." {
		t.Errorf("oneLine truncation = %q", got)
	}
}

func TestQuoteETag(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, want string
		ok       bool
	}{
		{"-4242348048554929329", `"-4242348048554929329"`, true},
		{`"abc"`, `"abc"`, true},
		{`W/"abc"`, `W/"abc"`, true},
		{"", "", false},
		{`ab"c`, "", false},
		{"abc\r\nX: 1", "", false},
	}
	for _, tt := range tests {
		got, err := quoteETag(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("quoteETag(%q) = %q, %v", tt.in, got, err)
		}
		if err != nil && !errors.Is(err, ErrInvalidInput) {
			t.Errorf("quoteETag(%q) error not ErrInvalidInput", tt.in)
		}
	}
}
