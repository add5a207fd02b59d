package wrapper

import (
	"fmt"
	"strings"

	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/internal/check"
)

// guidLen is the length of a GUID in its canonical 8-4-4-4-12 form.
const guidLen = check.GUIDLen

// exampleGUID shows the expected form in error messages.
const exampleGUID = "aaaabbbb-0000-cccc-1111-dddd2222eeee"

// isGUID is the GUID rule the wrapper, the fake and the command line share.
func isGUID(s string) bool { return check.GUID(s) }

// checkGUID returns an ErrInvalidInput error naming what and the bad value
// unless s is a GUID.
func checkGUID(what, s string) error {
	if isGUID(s) {
		return nil
	}
	if s == "" {
		return fmt.Errorf("%w: empty %s (want a GUID such as %s)", ErrInvalidInput, what, exampleGUID)
	}
	return fmt.Errorf("%w: %s %s is not a GUID (want 36 characters such as %s)", ErrInvalidInput, what, quote(s), exampleGUID)
}

// parseCustomerID checks a customer tenant ID and parses it.
func parseCustomerID(s string) (uuid.UUID, error) {
	if err := checkGUID("customer ID", s); err != nil {
		return uuid.UUID{}, err
	}
	id, err := uuid.Parse(s)
	if err != nil { // unreachable after isGUID; kept so nothing panics
		return uuid.UUID{}, fmt.Errorf("%w: customer ID %s: %v", ErrInvalidInput, quote(s), err)
	}
	return id, nil
}

// checkDomain checks a DNS name: 1 to 253 characters, dot-separated labels
// of 1 to 63 letters, digits or hyphens, no label starting or ending with a
// hyphen, no trailing dot. Internationalized names must be given in their
// xn-- (punycode) form.
func checkDomain(d string) error {
	if d == "" {
		return fmt.Errorf("%w: empty domain name", ErrInvalidInput)
	}
	if len(d) > 253 {
		return fmt.Errorf("%w: domain name %s is longer than 253 characters", ErrInvalidInput, quote(d))
	}
	for label := range strings.SplitSeq(d, ".") {
		if label == "" {
			return fmt.Errorf("%w: domain name %s has an empty label", ErrInvalidInput, quote(d))
		}
		if len(label) > 63 {
			return fmt.Errorf("%w: domain name %s has a label longer than 63 characters", ErrInvalidInput, quote(d))
		}
		if label[0] == '-' || label[len(label)-1] == '-' {
			return fmt.Errorf("%w: domain name %s has a label starting or ending with a hyphen", ErrInvalidInput, quote(d))
		}
		for i := 0; i < len(label); i++ {
			c := label[i]
			if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
				return fmt.Errorf("%w: domain name %s may only hold letters, digits, hyphens and dots (use the xn-- form for international names)", ErrInvalidInput, quote(d))
			}
		}
	}
	return nil
}

// checkHeaderValue refuses option values that cannot be sent in a header.
func checkHeaderValue(what, v string) error {
	if len(v) > 256 {
		return fmt.Errorf("%w: %s is longer than 256 characters", ErrInvalidInput, what)
	}
	for i := 0; i < len(v); i++ {
		if c := v[i]; c < 0x20 || c == 0x7f {
			return fmt.Errorf("%w: %s %s holds a control character", ErrInvalidInput, what, quote(v))
		}
	}
	return nil
}
