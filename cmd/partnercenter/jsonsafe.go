package main

import (
	"bytes"
	"strconv"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// escapeTerminalControls rewrites the JSON written to buf from start on so
// that it holds no character a terminal obeys rather than shows: DEL, the
// C1 controls (U+0080-U+009F, such as the one-byte CSI U+009B) and the
// invisible format characters (category Cf: the bidirectional overrides
// and isolates U+202A-U+202E and U+2066-U+2069, zero-width characters,
// ...) become \uXXXX escapes. encoding/json already escapes the C0
// controls (ESC as \u001b) but writes these as they are. Outside strings
// JSON text is ASCII, so every such character is inside a string, where
// the escape means the same character: a program decodes the text as the
// service sent it.
func escapeTerminalControls(buf *bytes.Buffer, start int) {
	out := buf.Bytes()[start:]
	i := bytes.IndexFunc(out, needsJSONEscape)
	if i < 0 {
		return
	}
	var b bytes.Buffer
	b.Grow(len(out) + 16)
	for len(out) > 0 {
		i := bytes.IndexFunc(out, needsJSONEscape)
		if i < 0 {
			b.Write(out)
			break
		}
		b.Write(out[:i])
		r, size := utf8.DecodeRune(out[i:])
		if r1, r2 := utf16.EncodeRune(r); r1 != utf8.RuneError {
			writeUEscape(&b, r1) // beyond the BMP (the tags U+E0001...): a surrogate pair
			writeUEscape(&b, r2)
		} else {
			writeUEscape(&b, r)
		}
		out = out[i+size:]
	}
	buf.Truncate(start)
	buf.Write(b.Bytes())
}

// writeUEscape writes the JSON escape \uXXXX of the UTF-16 code unit r.
func writeUEscape(b *bytes.Buffer, r rune) {
	b.WriteString(`\u`)
	hex := strconv.FormatInt(int64(r), 16)
	for n := len(hex); n < 4; n++ {
		b.WriteByte('0')
	}
	b.WriteString(hex)
}

// needsJSONEscape reports the characters escapeTerminalControls escapes.
func needsJSONEscape(r rune) bool {
	return r == 0x7f || r >= 0x80 && r <= 0x9f || r > 0x7f && unicode.Is(unicode.Cf, r)
}
