package scrub

import (
	"io"
	"strings"
	"testing"
	"time"
)

// scriptedReader hands out its chunks one a read, then io.EOF.
type scriptedReader struct{ chunks []string }

func (r *scriptedReader) Read(p []byte) (int, error) {
	if len(r.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.chunks[0])
	r.chunks[0] = r.chunks[0][n:]
	if r.chunks[0] == "" {
		r.chunks = r.chunks[1:]
	}
	return n, nil
}

// reads returns what each Read of r gives, with a buffer of 64 bytes,
// up to io.EOF.
func reads(t *testing.T, r io.Reader) []string {
	t.Helper()
	var got []string
	buf := make([]byte, 64)
	for range 20 {
		n, err := r.Read(buf)
		if err == io.EOF {
			if n != 0 {
				t.Errorf("io.EOF with %d bytes", n)
			}
			return got
		}
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		got = append(got, string(buf[:n]))
	}
	t.Fatalf("no io.EOF after 20 reads: %q", got)
	return nil
}

// TestReaderHoldsBackOnlyATail: each Read hands out all it has read but
// the last len(longest form)-1 bytes, which a form could still start in
// (a body streams as it comes, not a few bytes late). A form that starts
// before that tail is replaced at once, whole, and what follows it waits
// for the next Read; a form that starts in the tail waits whole.
func TestReaderHoldsBackOnlyATail(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		forms  []string
		chunks []string
		want   []string
	}{
		{
			// One 4-byte form: 3 bytes are held back.
			name:   "tail of 3",
			forms:  []string{"WXYZ"},
			chunks: []string{"0123456789", "QQ", "RR"},
			want:   []string{"0123456", "78", "9Q", "QRR"},
		},
		{
			name:   "tail of 7, the longest form's",
			forms:  []string{"WXYZ", "LONGFORM"},
			chunks: []string{"0123456789", "abcdefgh"},
			want:   []string{"012", "3456789a", "bcdefgh"},
		},
		{
			// The short form starts right where the tail starts: it is
			// held back whole and replaced with the rest.
			name:   "a short form at the start of the tail",
			forms:  []string{"LONGFORM", "WXYZ"},
			chunks: []string{"01WXYZ789"},
			want:   []string{"01", "REDACTED789"},
		},
		{
			// One byte earlier it is replaced at once.
			name:   "a short form before the tail",
			forms:  []string{"LONGFORM", "WXYZ"},
			chunks: []string{"0WXYZ6789"},
			want:   []string{"0REDACTED", "6789"},
		},
		{
			name:   "a form split across reads",
			forms:  []string{"WXYZ"},
			chunks: []string{"01W", "XY", "Z56789"},
			want:   []string{"01", "REDACTED56", "789"},
		},
	}
	for _, tt := range tests {
		r := NewReader(&scriptedReader{chunks: append([]string(nil), tt.chunks...)}, tt.forms)
		got := reads(t, r)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s: reads %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestReaderFormsInAnyOrder: the reader replaces the form that starts
// first in the text whatever the order of the forms it is given (Forms
// sorts them longest first; NewReader does not count on it), and of two
// forms at the same place the longer.
func TestReaderFormsInAnyOrder(t *testing.T) {
	t.Parallel()
	tests := []struct {
		forms    []string
		in, want string
	}{
		{[]string{"ABCD", "wxyz1234"}, "1 abcd 2 wxyz1234 3", "1 REDACTED 2 REDACTED 3"},
		{[]string{"wxyz1234", "ABCD"}, "1 abcd 2 wxyz1234 3", "1 REDACTED 2 REDACTED 3"},
		{[]string{"ABCD", "wxyz1234"}, "1 wxyz1234 2 abcd 3", "1 REDACTED 2 REDACTED 3"},
		{[]string{"wxyz", "wxyz1234"}, "1 wxyz1234 2 wxyz 3", "1 REDACTED 2 REDACTED 3"},
		{[]string{"wxyz1234", "wxyz"}, "1 wxyz1234 2 wxyz 3", "1 REDACTED 2 REDACTED 3"},
		{[]string{"ABCD", "xyz1", "wxyz1234"}, "1 xyz1 abcd wxyz1234 3", "1 REDACTED REDACTED REDACTED 3"},
	}
	for _, tt := range tests {
		got, err := io.ReadAll(NewReader(strings.NewReader(tt.in), tt.forms))
		if err != nil || string(got) != tt.want {
			t.Errorf("forms %q, %q: %q, %v; want %q", tt.forms, tt.in, got, err, tt.want)
		}
	}
}

// TestReaderIgnoresEmptyForm: an empty form (which Forms never gives, but
// a caller may pass) matches nothing, as in WithForms; the reader once
// looped on it for ever.
func TestReaderIgnoresEmptyForm(t *testing.T) {
	t.Parallel()
	done := make(chan string, 1)
	go func() {
		b, _ := io.ReadAll(NewReader(strings.NewReader("x tok-1234 y"), []string{"", "tok-1234"}))
		done <- string(b)
	}()
	select {
	case got := <-done:
		if got != "x REDACTED y" {
			t.Errorf("got %q, want %q", got, "x REDACTED y")
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the reader did not end with an empty form")
	}
}
