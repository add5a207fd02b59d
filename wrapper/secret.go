package wrapper

import (
	"fmt"
	"io"
	"log/slog"
)

// redacted is what a Secret shows of itself.
const redacted = "REDACTED"

// Secret holds a value the service gave out once and that must not be
// shown by accident, such as the first administrator's password of a new
// customer. Printing it with any fmt verb, encoding it as JSON or text, or
// logging it with log/slog gives "REDACTED"; only Reveal returns the value.
//
// The value sits behind a pointer, so that even a struct printed by
// reflection (a Secret inside an unexported field, which fmt cannot ask to
// format itself) shows an address and not the value. The zero Secret is
// empty.
type Secret struct {
	v *secretValue
}

// secretValue is the boxed value of a Secret.
type secretValue struct{ s string }

// NewSecret returns a Secret holding s.
func NewSecret(s string) Secret {
	if s == "" {
		return Secret{}
	}
	return Secret{v: &secretValue{s: s}}
}

// Reveal returns the value. Call it only where the value is meant to go,
// such as a password manager or a terminal the user asked to show it on.
func (s Secret) Reveal() string {
	if s.v == nil {
		return ""
	}
	return s.v.s
}

// IsZero reports whether the Secret is empty.
func (s Secret) IsZero() bool { return s.v == nil || s.v.s == "" }

// String returns "REDACTED", or "" for an empty Secret.
func (s Secret) String() string {
	if s.IsZero() {
		return ""
	}
	return redacted
}

// GoString is what %#v prints: the type and "REDACTED".
func (s Secret) GoString() string { return "wrapper.Secret(" + fmt.Sprintf("%q", s.String()) + ")" }

// Format implements fmt.Formatter, so that every verb (%v, %+v, %s, %q,
// %x, ...) prints the redacted form.
func (s Secret) Format(f fmt.State, verb rune) {
	switch verb {
	case 'v':
		if f.Flag('#') {
			_, _ = io.WriteString(f, s.GoString())
			return
		}
	case 'q':
		_, _ = fmt.Fprintf(f, "%q", s.String())
		return
	}
	_, _ = io.WriteString(f, s.String())
}

// MarshalJSON encodes the redacted form, "REDACTED" (or "" when empty):
// a JSON document made from a result never holds the value.
func (s Secret) MarshalJSON() ([]byte, error) {
	return []byte(`"` + s.String() + `"`), nil
}

// MarshalText encodes the redacted form, for encoders that use
// encoding.TextMarshaler.
func (s Secret) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// LogValue implements slog.LogValuer: structured logs get the redacted
// form.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.String()) }
