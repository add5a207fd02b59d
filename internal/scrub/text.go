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

// Line is the one way text from an answer reaches an error, a log line,
// a progress report or a terminal: every secret is replaced (String: the
// request's token, and a new password when the answer holds one, in any
// of the forms an echo may take), then the text becomes one printable line
// of at most max bytes (OneLine). Scrubbing comes first: a secret cut
// short is no longer found.
func Line(s string, max int, secrets ...string) string {
	return OneLine(String(s, secrets...), max)
}

// QuoteLine is Line quoted for an error message, as Quote quotes it (cut
// to MaxQuoted bytes).
func QuoteLine(s string, secrets ...string) string {
	return Quote(Line(s, MaxDescription, secrets...))
}

// Quote returns s quoted for an error message, cut to MaxQuoted bytes (on a
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

// OneLine turns s into a single line of printable text of at most max
// bytes: terminal escape sequences are dropped whole (see
// StripTerminalEscapes), and control, format (bidirectional overrides,
// zero-width) and other unprintable characters and runs of white space
// become one space.
func OneLine(s string, max int) string {
	s = StripTerminalEscapes(s)
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

// StripTerminalEscapes drops the terminal escape sequences of s whole: CSI
// (ESC [ ... final byte, such as the colour ESC [ 31 m, or its one-byte C1
// form U+009B), OSC (ESC ] ... ended by BEL or ST, such as a hyperlink or
// a window title; U+009D), the string sequences DCS, SOS, PM and APC
// (ended by ST) and the two-byte ESC sequences. An unterminated sequence
// runs to the end of s, as a terminal would read it. Other control
// characters are left to the caller.
func StripTerminalEscapes(s string) string {
	if !strings.ContainsRune(s, 0x1b) && strings.IndexFunc(s, isC1Introducer) < 0 {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		kind := rune(0) // the sequence r starts: '[', ']', 'P' (a string), 'E' (two bytes), 0 none
		next := i + size
		switch {
		case r == 0x1b && next < len(s):
			switch c := s[next]; {
			case c == '[':
				kind = '['
			case c == ']':
				kind = ']'
			case c == 'P' || c == 'X' || c == '^' || c == '_':
				kind = 'P'
			case c >= 0x20 && c <= 0x7e:
				kind = 'E'
			}
			if kind != 0 {
				next++
			}
		case r == 0x1b:
			kind = 'E' // a lone ESC at the end
		case r == 0x9b:
			kind = '['
		case r == 0x9d:
			kind = ']'
		case r == 0x90 || r == 0x98 || r == 0x9e || r == 0x9f:
			kind = 'P'
		}
		switch kind {
		case 0:
			b.WriteString(s[i:next])
			i = next
			continue
		case 'E':
			i = next
			continue
		case '[':
			// Parameter bytes (0x30-0x3f) and intermediate bytes
			// (0x20-0x2f), taken in any order, then one final byte.
			for next < len(s) && s[next] >= 0x20 && s[next] <= 0x3f {
				next++
			}
			if next < len(s) && s[next] >= 0x40 && s[next] <= 0x7e {
				next++
			}
			i = next
			continue
		}
		// OSC and the string sequences end at ST (ESC \ or U+009C); OSC
		// also at BEL.
		for next < len(s) {
			if kind == ']' && s[next] == 0x07 {
				next++
				break
			}
			if s[next] == 0x1b && next+1 < len(s) && s[next+1] == '\\' {
				next += 2
				break
			}
			if strings.HasPrefix(s[next:], "\u009c") {
				next += len("\u009c")
				break
			}
			next++
		}
		i = next
	}
	return b.String()
}

// isC1Introducer reports the C1 controls that start a sequence: CSI, OSC,
// DCS, SOS, PM and APC.
func isC1Introducer(r rune) bool {
	switch r {
	case 0x9b, 0x9d, 0x90, 0x98, 0x9e, 0x9f:
		return true
	}
	return false
}
