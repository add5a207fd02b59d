package scrub

import "testing"

// TestStripTerminalEscapes spells out, byte by byte, what each kind of
// sequence loses: the introducer, the bytes that belong to the sequence
// and its terminator, and nothing after it. The cases sit at the edges of
// each byte class (0x1f/0x20, 0x2f/0x30, 0x3f/0x40, 0x7e/0x7f), end the
// input inside a sequence, and use the C1 introducers as well as ESC.
func TestStripTerminalEscapes(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, in, want string }{
		{"no escape", "plain text", "plain text"},
		{"empty", "", ""},

		// CSI: ESC [, parameter and intermediate bytes 0x20-0x3f, one
		// final byte 0x40-0x7e.
		{"CSI colour", "\x1b[31mred\x1b[0m", "red"},
		{"CSI parameter 0x3f", "a\x1b[?25lb", "ab"},
		{"CSI parameter 0x30", "a\x1b[0Kb", "ab"},
		{"CSI intermediate 0x2f", "a\x1b[1/mb", "ab"},
		{"CSI intermediate 0x20 then final", "a\x1b[2 qb", "ab"},
		{"CSI intermediate 0x20 then a parameter", "a\x1b[ 1mb", "ab"},
		{"CSI intermediate 0x21", "a\x1b[!pb", "ab"},
		{"CSI final 0x40", "a\x1b[4@b", "ab"},
		{"CSI final 0x7e", "a\x1b[2~b", "ab"},
		{"CSI final right after the introducer", "a\x1b[Hb", "ab"},
		// A byte that is neither a parameter nor a final ends the
		// sequence without a final byte and is kept.
		{"CSI cut by 0x7f", "a\x1b[1\x7fb", "a\x7fb"},
		{"CSI cut by 0x1f", "a\x1b[\x1fmb", "a\x1fmb"},
		{"CSI cut by a tab", "a\x1b[1\tb", "a\tb"},
		{"CSI cut by a non-ASCII rune", "a\x1b[1éb", "aéb"},
		{"CSI unterminated at the end", "a\x1b[31", "a"},
		{"CSI introducer at the end", "a\x1b[", "a"},
		{"two CSI back to back", "\x1b[1m\x1b[31mx", "x"},

		// Two-byte ESC sequences: ESC and one byte 0x20-0x7e.
		{"ESC M", "a\x1bMb", "ab"},
		{"ESC 7", "a\x1b7b", "ab"},
		{"ESC 0x20", "a\x1b b", "ab"},
		{"ESC 0x7e", "a\x1b~b", "ab"},
		{"ESC backslash outside a string", "a\x1b\\b", "ab"},
		// ESC before a byte outside 0x20-0x7e is no sequence: it is left
		// to the caller (OneLine drops it as a control character).
		{"ESC 0x7f", "a\x1b\x7fb", "a\x1b\x7fb"},
		{"ESC 0x1f", "a\x1b\x1fb", "a\x1b\x1fb"},
		{"ESC newline", "a\x1b\nb", "a\x1b\nb"},
		{"ESC non-ASCII", "a\x1béb", "a\x1béb"},
		{"ESC ESC [", "a\x1b\x1b[31mb", "a\x1bb"},
		{"lone ESC at the end", "a\x1b", "a"},
		{"lone ESC", "\x1b", ""},

		// OSC: ESC ], ended by BEL or ST (ESC \ or U+009C).
		{"OSC title, BEL", "a\x1b]0;title\x07b", "ab"},
		{"OSC title, ESC \\", "a\x1b]0;title\x1b\\b", "ab"},
		{"OSC title, C1 ST", "a\x1b]0;title\u009cb", "ab"},
		{"OSC with a backslash inside", "a\x1b]0;C:\\dir\x07b", "ab"},
		{"OSC with a backslash right before ST", "a\x1b]0;C:\\\x1b\\b", "ab"},
		{"OSC hyperlink", "a\x1b]8;;https://x.test/\x1b\\link\x1b]8;;\x1b\\b", "alinkb"},
		{"OSC ends at the first terminator", "a\x1b]0;t\x07b\x07c", "ab\x07c"},
		// ESC followed by anything but a backslash does not end it.
		{"OSC with ESC X inside, unterminated", "a\x1b]0;t\x1bXb", "a"},
		{"OSC with ESC X inside", "a\x1b]0;t\x1bX\x07b", "ab"},
		{"OSC unterminated", "a\x1b]0;title", "a"},
		{"OSC with ESC as its last byte", "a\x1b]0;t\x1b", "a"},
		{"OSC introducer at the end", "a\x1b]", "a"},

		// DCS, SOS, PM and APC: ended by ST only, not by BEL.
		{"DCS", "a\x1bPq#0;2;0;0;0\x1b\\b", "ab"},
		{"SOS", "a\x1bXsos\x1b\\b", "ab"},
		{"PM", "a\x1b^pm\x1b\\b", "ab"},
		{"APC", "a\x1b_apc\x1b\\b", "ab"},
		{"APC, C1 ST", "a\x1b_apc\u009cb", "ab"},
		{"DCS ends at the first ST", "a\x1bPq\x1b\\b\x1b\\c", "abc"},
		{"DCS, BEL does not end it", "a\x1bPq\x07b", "a"},
		{"DCS, BEL then ST", "a\x1bPq\x07b\x1b\\c", "ac"},
		{"DCS with ESC as its last byte", "a\x1bPq\x1b", "a"},

		// The C1 introducers (two bytes in UTF-8 each).
		{"C1 CSI first", "\u009b31mred", "red"},
		{"C1 CSI inside", "x\u009b31my", "xy"},
		{"C1 CSI at the end", "a\u009b", "a"},
		{"C1 OSC, C1 ST", "a\u009d0;title\u009cb", "ab"},
		{"C1 OSC, BEL", "a\u009d0;title\x07b", "ab"},
		{"C1 DCS, ESC \\", "a\u0090q\x1b\\b", "ab"},
		{"C1 SOS", "a\u0098sos\u009cb", "ab"},
		{"C1 PM", "a\u009epm\u009cb", "ab"},
		{"C1 APC", "a\u009fapc\u009cb", "ab"},
		// Other C1 controls start no sequence: they are left to the caller.
		{"C1 NEL", "a\u0085b", "a\u0085b"},
		{"lone C1 ST", "a\u009cb", "a\u009cb"},
		// A lone 0x9b byte is not UTF-8, so no C1 CSI (OneLine turns the
		// invalid byte into a space).
		{"raw 0x9b byte", "a\x9b31mb", "a\x9b31mb"},
	}
	for _, tt := range tests {
		if got := StripTerminalEscapes(tt.in); got != tt.want {
			t.Errorf("%s: StripTerminalEscapes(%q) = %q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

// TestOneLineEscapes: OneLine drops the escape sequences whole and the
// control characters StripTerminalEscapes leaves become spaces.
func TestOneLineEscapes(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"\x1b[31mred\x1b[0m text", "red text"},
		{"a\x1b\x7fb", "a b"},
		{"a\x1b[1\tb", "a b"},
		{"a\x9b31mb", "a 31mb"},
		{"\x1b]0;title\x07\x1b[2J\x1b[Hhello", "hello"},
		{"\u009b2J\u009d0;t\u009cok", "ok"},
	}
	for _, tt := range tests {
		if got := OneLine(tt.in, 100); got != tt.want {
			t.Errorf("OneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
