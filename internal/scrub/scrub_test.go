package scrub

import (
	"io"
	"net/url"
	"strings"
	"testing"
	"testing/iotest"
)

// mixCase upper-cases the hex digits of every other percent or \u escape
// in s and lower-cases the rest: an echo whose escapes mix both cases.
func mixCase(s string) string {
	b := []byte(s)
	n := 0
	for i := 0; i < len(b); i++ {
		var digits int
		switch {
		case b[i] == '%' && i+2 < len(b):
			digits = 2
		case b[i] == '\\' && i+5 < len(b) && b[i+1] == 'u':
			digits, i = 4, i+1
		default:
			continue
		}
		for j := i + 1; j <= i+digits; j++ {
			if n%2 == 0 {
				b[j] = byte(strings.ToUpper(string(b[j]))[0])
			} else {
				b[j] = byte(strings.ToLower(string(b[j]))[0])
			}
		}
		n++
		i += digits
	}
	return string(b)
}

// TestMixedCaseEscapesAreFound: a secret echoed URL-encoded (query or path
// form) or JSON-escaped with upper and lower-case hex digits mixed in one
// echo is still found, in strings and in streams.
func TestMixedCaseEscapesAreFound(t *testing.T) {
	t.Parallel()
	const secret = "tok/with+odd?chars=&<and>more/slashes"
	echoes := map[string]string{
		"query": mixCase(url.QueryEscape(secret)),
		"path":  mixCase(url.PathEscape(secret)),
		"json":  mixCase(jsonEscape(secret, true)),
	}
	for name, echo := range echoes {
		if strings.ToUpper(echo) == echo || strings.ToLower(echo) == echo {
			t.Fatalf("%s: %q does not mix cases", name, echo)
		}
		text := "before " + echo + " after"
		if got := String(text, secret); strings.Contains(got, echo) || got != "before "+Redacted+" after" {
			t.Errorf("%s: String(%q) = %q", name, text, got)
		}
		r := NewReader(iotest.OneByteReader(strings.NewReader(text)), Forms(secret))
		got, err := io.ReadAll(r)
		if err != nil || string(got) != "before "+Redacted+" after" {
			t.Errorf("%s: the stream gives %q, %v", name, got, err)
		}
	}
}

// TestFoldedMatchAgreesWithCanonicalText: WithForms finds a form exactly
// where a search in the canonical text does, also next to escapes that
// are not the secret's ("%" right before a literal secret).
func TestFoldedMatchAgreesWithCanonicalText(t *testing.T) {
	t.Parallel()
	secrets := []string{"abcdef-secret", "FACE", "x/y+z", "deadBEEF%2fcafe"}
	texts := []string{
		"%abcdef-secret", "ABCDEF-SECRET", "aBcDeF-secret and abcdef-secret", "face Face FACE",
		"x%2Fy%2bz", "x%2fy%2Bz!", "deadbeef%2Fcafe", "DEADBEEF%252FCAFE", "no echo here", "",
	}
	for _, sec := range secrets {
		forms := Forms(sec)
		for _, text := range texts {
			want := text
			for _, f := range forms {
				// The reference: search the canonical text, cut the original.
				for {
					i := strings.Index(canon(want), f)
					if i < 0 {
						break
					}
					want = want[:i] + Redacted + want[i+len(f):]
				}
			}
			if got := WithForms(text, forms); got != want {
				t.Errorf("secret %q, text %q: WithForms = %q, want %q", sec, text, got, want)
			}
		}
	}
	if got := String("%abcdef-secret", "abcdef-secret"); got != "%"+Redacted {
		t.Errorf("a literal secret after a %%: %q", got)
	}
}

// TestLineScrubsThenMakesOneLine: Line replaces the secrets before it
// cuts (a secret at the cut is not left half shown) and gives one line of
// printable text without terminal escapes.
func TestLineScrubsThenMakesOneLine(t *testing.T) {
	t.Parallel()
	const secret = "line-SECRET-0123456789"
	text := strings.Repeat("x", 30) + " " + secret + "\n\x1b[31mred\x1b[0m\u202e"
	got := Line(text, 40, secret)
	if strings.Contains(got, secret[:8]) || strings.ContainsAny(got, "\n\x1b\u202e") || len(got) > 40+len("...") {
		t.Errorf("Line = %q", got)
	}
	if got := Line("a\x1b]8;;https://evil.example\x07link\x1b]8;;\x07 b", 100); got != "alink b" {
		t.Errorf("Line with an OSC hyperlink = %q", got)
	}
	if got := QuoteLine("id "+secret, secret); got != `"id `+Redacted+`"` {
		t.Errorf("QuoteLine = %s", got)
	}
}
