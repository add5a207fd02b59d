package scrub

import (
	"strings"
	"testing"
)

func TestQuote(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"", `""`},
		{"a\nb", `"a\nb"`},
		{strings.Repeat("x", 64), `"` + strings.Repeat("x", 64) + `"`},
		{strings.Repeat("x", 65), `"` + strings.Repeat("x", 64) + `"...`},
		// 'é' is two bytes: 63 x and an 'é' would end at byte 65, so the
		// cut falls back to the rune's start.
		{strings.Repeat("x", 63) + "éz", `"` + strings.Repeat("x", 63) + `"...`},
		{strings.Repeat("é", 40), `"` + strings.Repeat("é", 32) + `"...`},
		// Not UTF-8: no rune starts in the first 64 bytes.
		{strings.Repeat("\x80", 70), `""...`},
	}
	for _, tt := range tests {
		if got := Quote(tt.in); got != tt.want {
			t.Errorf("Quote(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestOneLine(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		max  int
		want string
	}{
		{"a\r\n  b\tc\x00d", 100, "a b c d"},
		{"  lead and trail  ", 100, "lead and trail"},
		{"\x1b[31mred\u202e", 100, "red"},
		{"bad \xff byte", 100, "bad byte"},
		{strings.Repeat("x", 10), 10, strings.Repeat("x", 10)},
		{strings.Repeat("x", 11), 10, strings.Repeat("x", 10) + "..."},
		{strings.Repeat("x", 14), 10, strings.Repeat("x", 10) + "..."},
		{strings.Repeat("x", 10) + " y z", 10, strings.Repeat("x", 10)},
		// A space that would make the line longer than max is left out.
		{strings.Repeat("x", 10) + " y", 10, strings.Repeat("x", 10)},
		{strings.Repeat("x", 9) + " y", 10, strings.Repeat("x", 9) + " ..."},
		{strings.Repeat("x", 8) + " y", 10, strings.Repeat("x", 8) + " y"},
		{strings.Repeat("x", 8) + " yz", 10, strings.Repeat("x", 8) + " y..."},
		// A rune is never cut.
		{strings.Repeat("x", 9) + "é", 10, strings.Repeat("x", 9) + "..."},
		{strings.Repeat("x", 8) + "é", 10, strings.Repeat("x", 8) + "é"},
		{"", 10, ""},
	}
	for _, tt := range tests {
		if got := OneLine(tt.in, tt.max); got != tt.want {
			t.Errorf("OneLine(%q, %d) = %q, want %q", tt.in, tt.max, got, tt.want)
		}
	}
}
