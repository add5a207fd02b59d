package check

import (
	"crypto/rand"
	"fmt"
	"math/big"
	"net/url"
	"strings"

	"github.com/partnercenter-go/partnercenter/internal/errs"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
)

// Input checks that refuse a value before any request, with an error
// wrapping errs.ErrInvalidInput (wrapper.ErrInvalidInput) that names the
// value.

// ExampleGUID shows the expected form in error messages.
const ExampleGUID = "aaaabbbb-0000-cccc-1111-dddd2222eeee"

// InputGUID returns an errs.ErrInvalidInput error naming what and the bad value
// unless s is a GUID.
func InputGUID(what, s string) error {
	if GUID(s) {
		return nil
	}
	if s == "" {
		return fmt.Errorf("%w: empty %s (want a GUID such as %s)", errs.ErrInvalidInput, what, ExampleGUID)
	}
	return fmt.Errorf("%w: %s %s is not a GUID (want 36 characters such as %s)", errs.ErrInvalidInput, what, scrub.Quote(s), ExampleGUID)
}

// InputDomain checks a DNS name: 1 to 253 characters, dot-separated labels
// of 1 to 63 letters, digits or hyphens, no label starting or ending with a
// hyphen, no trailing dot. Internationalized names must be given in their
// xn-- (punycode) form.
func InputDomain(d string) error {
	if d == "" {
		return fmt.Errorf("%w: empty domain name", errs.ErrInvalidInput)
	}
	if len(d) > 253 {
		return fmt.Errorf("%w: domain name %s is longer than 253 characters", errs.ErrInvalidInput, scrub.Quote(d))
	}
	for label := range strings.SplitSeq(d, ".") {
		if label == "" {
			return fmt.Errorf("%w: domain name %s has an empty label", errs.ErrInvalidInput, scrub.Quote(d))
		}
		if len(label) > 63 {
			return fmt.Errorf("%w: domain name %s has a label longer than 63 characters", errs.ErrInvalidInput, scrub.Quote(d))
		}
		if label[0] == '-' || label[len(label)-1] == '-' {
			return fmt.Errorf("%w: domain name %s has a label starting or ending with a hyphen", errs.ErrInvalidInput, scrub.Quote(d))
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return fmt.Errorf("%w: domain name %s may only hold letters, digits, hyphens and dots (use the xn-- form for international names)", errs.ErrInvalidInput, scrub.Quote(d))
			}
		}
	}
	return nil
}

// InputHeader refuses option values that cannot be sent in a header.
func InputHeader(what, v string) error {
	if len(v) > 256 {
		return fmt.Errorf("%w: %s is longer than 256 characters", errs.ErrInvalidInput, what)
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 || c == 0x7f {
			return fmt.Errorf("%w: %s %s holds a control character", errs.ErrInvalidInput, what, scrub.Quote(v))
		}
	}
	return nil
}

// InputCountry checks a two-letter ISO country code.
func InputCountry(what, cc string) error {
	if len(cc) != 2 || !isLetter(cc[0]) || !isLetter(cc[1]) {
		return fmt.Errorf("%w: %s %s is not a two-letter country code such as US", errs.ErrInvalidInput, what, scrub.Quote(cc))
	}
	return nil
}

// isLetter reports whether b is an ASCII letter.
func isLetter(b byte) bool { return b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' }

// InputEndpoint checks an endpoint (what names it in errors) with the
// shared rule (check.Endpoint): an absolute https URL, or http on a
// loopback host when allowInsecure is set; no query, fragment or user
// info. Error messages never repeat user info.
func InputEndpoint(what, endpoint string, allowInsecure bool) (*url.URL, error) {
	u, err := Endpoint(endpoint, allowInsecure)
	if err != nil {
		return nil, fmt.Errorf("%w: %s %s: %v", errs.ErrInvalidInput, what, scrub.Quote(Redact(endpoint)), err)
	}
	return u, nil
}

// NewPassword makes up a password of 16 characters from upper and
// lower-case letters, digits and symbols, with at least one of each, as
// Entra ID's complexity rules want.
func NewPassword() string {
	const (
		upper  = "ABCDEFGHJKLMNPQRSTUVWXYZ"
		lower  = "abcdefghijkmnopqrstuvwxyz"
		digits = "23456789"
		symbol = "!#$%*+-=?@^_"
	)
	sets := []string{upper, lower, digits, symbol}
	pick := func(n int) int { // uniform in [0, n), from crypto/rand
		v, _ := rand.Int(rand.Reader, big.NewInt(int64(n))) // never fails (Go 1.24+)
		return int(v.Int64())
	}
	b := make([]byte, 16)
	for i := range b {
		set := sets[i%len(sets)]
		b[i] = set[pick(len(set))]
	}
	for i := len(b) - 1; i > 0; i-- { // Fisher-Yates
		j := pick(i + 1)
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}

// Version accepts a single, plain path segment such as "v1" or
// "v2.1-preview".
func Version(v string) bool {
	if v == "" || len(v) > 32 || v == "." || v == ".." {
		return false
	}
	for _, r := range v {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-_", r)) {
			return false
		}
	}
	return true
}
