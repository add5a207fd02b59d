package scrub

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaxQuoted is how many bytes of a bad value an error message quotes.
const MaxQuoted = 64

// MaxDescription caps a service description quoted in an error; the
// service documents at most 1024 characters.
const MaxDescription = 1024

// quote returns s quoted for an error message, cut to MaxQuoted bytes (on a
// rune boundary) with "..." when longer.
func Quote(s string) string {
	if len(s) <= MaxQuoted {
		return strconv.Quote(s)
	}
	cut := MaxQuoted
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strconv.Quote(s[:cut]) + "..."
}

// oneLine turns s into a single line of printable text of at most max
// bytes: control characters and runs of white space become one space.
func OneLine(s string, max int) string {
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == utf8.RuneError || unicode.IsSpace(r) || !unicode.IsPrint(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			if b.Len()+1 > max {
				break
			}
			b.WriteByte(' ')
			space = false
		}
		if b.Len()+utf8.RuneLen(r) > max {
			b.WriteString("...")
			break
		}
		b.WriteRune(r)
	}
	return b.String()
}
