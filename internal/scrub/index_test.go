package scrub

import (
	"math"
	"strings"
	"testing"
	"time"
	"unsafe"
)

// TestFormsOrder: Forms lists the longest form first and keeps forms of
// the same length in the order they are made (raw, query, query with
// %20, path, JSON, .NET), so that its result is the same from one call to
// the next. "ab c+" has two 7-byte forms: the query form (space as '+')
// and the path form (space as %20, '+' kept).
func TestFormsOrder(t *testing.T) {
	t.Parallel()
	want := []string{
		`AB C\u002B`, // .NET's JSON encoder: 10 bytes
		"AB%20C%2B",  // query, space as %20: 9
		"AB+C%2B",    // query: 7
		"AB%20C+",    // path: 7
		"AB C+",      // raw: 5
	}
	got := Forms("ab c+")
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("Forms(%q) = %q, want %q", "ab c+", got, want)
	}
	if got := Forms("wxyz"); len(got) != 1 || got[0] != "wxyz" {
		t.Errorf("Forms(%q) = %q", "wxyz", got)
	}
	if got := Forms(); len(got) != 0 {
		t.Errorf("Forms() = %q", got)
	}
}

// TestCanonKeepsTextWithoutLowerHex: canon hands back s itself, not a
// copy, when s has no letter a to f (its comment promises it; Forms calls
// it on every form), and a canonical copy otherwise.
func TestCanonKeepsTextWithoutLowerHex(t *testing.T) {
	t.Parallel()
	for _, s := range []string{"WXYZ%2F1234", "ABCDEF", "xyz/+<>", "g-z G-Z 0-9"} {
		got := canon(s)
		if got != s {
			t.Errorf("canon(%q) = %q", s, got)
		}
		if unsafe.StringData(got) != unsafe.StringData(s) {
			t.Errorf("canon(%q) made a copy", s)
		}
	}
	tests := []struct{ in, want string }{
		{"abcdef", "ABCDEF"},
		{"xyz%2f%3c", "xyz%2F%3C"},
		{"g a f z `", "g A F z `"},
		{"AbCdEf", "ABCDEF"},
	}
	for _, tt := range tests {
		if got := canon(tt.in); got != tt.want {
			t.Errorf("canon(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestIndexCanon: the first place where s, in canonical case, holds f;
// -1 for an empty f (WithForms would otherwise replace an empty form
// forever) and for an f longer than s.
func TestIndexCanon(t *testing.T) {
	t.Parallel()
	tests := []struct {
		s, f string
		want int
	}{
		{"abc", "", -1},
		{"", "", -1},
		{"ab", "ABC", -1},
		{"abc", "ABC", 0},
		{"xxfaceFACE", "FACE", 2},
		{"x%2fy x%2Fy", "x%2Fy", 0},
		{"..x%2Fy", "x%2Fy", 2},
		{"x%2 x%2Fy", "x%2Fy", 4},
		// The anchor (the longest run without A to F, "-xyz-") is found
		// twice; only the second has the rest of the form around it.
		{"1 abc-xyz- 2 ABC-xyz-DEF", "ABC-xyz-DEF", 13},
		{"1 abc-xyz-def", "ABC-xyz-DEF", 2},
		{"abc-xyz-deg", "ABC-xyz-DEF", -1},
		// The anchor starts 3 bytes into the form: one at byte 2 of the
		// text has no room for the form before it.
		{"bc-xyz-defg", "ABC-xyz-DEF", -1},
	}
	for _, tt := range tests {
		if got := indexCanon(tt.s, tt.f); got != tt.want {
			t.Errorf("indexCanon(%q, %q) = %d, want %d", tt.s, tt.f, got, tt.want)
		}
	}
}

// TestIndexCanonSearchesForItsAnchor: indexCanon finds its candidates
// with strings.Index on the longest run of the form without the letters
// A to F (its anchor), as its comment says, rather than by comparing the
// form at every position of the text. On this text of near misses (a
// megabyte of 'x', and a form of 8192 'x' then "yAB") a comparison at
// every position takes some 8·10⁹ steps; the anchored search is one
// strings.Index for the 8193 bytes before "AB", which finds nothing. The
// test times that one strings.Index and allows indexCanon a hundred times
// as long, and 200 ms, three times over before it fails: a slow or busy
// machine slows both alike.
//
// Not parallel: the package's parallel tests wait until it is done.
func TestIndexCanonSearchesForItsAnchor(t *testing.T) {
	text := strings.Repeat("x", 1<<20)
	form := strings.Repeat("x", 8192) + "yAB"
	anchor := strings.Repeat("x", 8192) + "y"
	ref := time.Duration(math.MaxInt64)
	for range 3 {
		start := time.Now()
		if i := strings.Index(text, anchor); i != -1 {
			t.Fatalf("strings.Index = %d", i)
		}
		ref = min(ref, time.Since(start))
	}
	budget := 100*ref + 200*time.Millisecond
	for range 3 {
		done := make(chan int, 1)
		start := time.Now()
		go func() { done <- indexCanon(text, form) }()
		select {
		case i := <-done:
			if i != -1 {
				t.Fatalf("indexCanon = %d, want -1", i)
			}
			if time.Since(start) <= budget {
				return
			}
		case <-time.After(budget):
			// Left running: a slow search is what the test reports.
		}
	}
	t.Errorf("indexCanon over %d bytes took longer than %v (100 times one strings.Index, %v, and 200 ms) three times: it compares the form at every position rather than searching for its anchor", len(text), budget, ref)
}
