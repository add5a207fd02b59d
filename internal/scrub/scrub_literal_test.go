package scrub

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"testing/iotest"
)

// The secrets of these tests, and every form of them below, are spelled out
// by hand: no input or expected output is computed with the package's own
// encoders (Forms, lowerHex, jsonEscape), so that a broken encoder cannot
// break the test that should catch it as well.
//
// secret holds every character the encodings treat differently ('/', '+',
// '<', '>', '&', '=', '*'), and its escapes use every hex letter A to F
// (%2F %2B %3C %3E %26 %3D %2A).
const secret = `a/b+c<d>&e=f*g`

// quoted holds a quote, a backslash and a space: JSON escapes the first
// two, URL escaping writes the space as "+" (query) or "%20" (path).
const quoted = `p"q\r s`

// scrubCase is one echo of a secret: the text as an answer may carry it,
// and the text once scrubbed.
type scrubCase struct {
	name, secret, in, want string
}

// documentedForms are the forms SECURITY.md says are scrubbed: literal,
// URL-encoded (query and path escaping, upper and lower-case hex) and
// JSON-escaped (plain, with Go's \u003c-style HTML escapes, with escaped
// slashes).
var documentedForms = []scrubCase{
	{"raw", secret, "x a/b+c<d>&e=f*g y", "x REDACTED y"},
	{"query, upper-case hex", secret, "x a%2Fb%2Bc%3Cd%3E%26e%3Df%2Ag y", "x REDACTED y"},
	{"query, lower-case hex", secret, "x a%2fb%2bc%3cd%3e%26e%3df%2ag y", "x REDACTED y"},
	{"path, upper-case hex", secret, "x a%2Fb+c%3Cd%3E&e=f%2Ag y", "x REDACTED y"},
	{"path, lower-case hex", secret, "x a%2fb+c%3cd%3e&e=f%2ag y", "x REDACTED y"},
	{"JSON, Go's HTML escapes", secret, `x a/b+c\u003cd\u003e\u0026e=f*g y`, "x REDACTED y"},
	{"JSON, escaped slashes", secret, `x a\/b+c<d>&e=f*g y`, "x REDACTED y"},
	// Lower-casing touches the hex digits of the escapes only, never the
	// secret's own capitals.
	{"capitals, query, lower-case hex", "Tok/EN+Z", "x Tok%2fEN%2bZ y", "x REDACTED y"},
	{"capitals, query, upper-case hex", "Tok/EN+Z", "x Tok%2FEN%2BZ y", "x REDACTED y"},
	{"quoted: raw", quoted, `x p"q\r s y`, "x REDACTED y"},
	{"quoted: JSON", quoted, `x p\"q\\r s y`, "x REDACTED y"},
	{"quoted: query, space as +", quoted, "x p%22q%5Cr+s y", "x REDACTED y"},
	{"quoted: query, lower-case hex, space as +", quoted, "x p%22q%5cr+s y", "x REDACTED y"},
	{"quoted: query or path, space as %20", quoted, "x p%22q%5Cr%20s y", "x REDACTED y"},
	{"quoted: lower-case hex, space as %20", quoted, "x p%22q%5cr%20s y", "x REDACTED y"},
	// In context: an error body, a query string, a header value, twice.
	{"in a JSON error body", secret, `{"description":"token a\/b+c<d>&e=f*g is invalid"}`, `{"description":"token REDACTED is invalid"}`},
	{"in a query", secret, "GET /v1/customers?token=a%2Fb%2Bc%3Cd%3E%26e%3Df%2Ag&x=1", "GET /v1/customers?token=REDACTED&x=1"},
	{"twice, two forms", secret, "a/b+c<d>&e=f*g,a%2fb%2bc%3cd%3e%26e%3df%2ag", "REDACTED,REDACTED"},
	{"whole text", secret, "a/b+c<d>&e=f*g", "REDACTED"},
	{"no secret", secret, "nothing to see: a/b+c<d>&e=f", "nothing to see: a/b+c<d>&e=f"},
}

// otherEncoders are echoes in the forms of other encoders and in mixed
// case, which SECURITY.md's "URL-encoded" and "JSON-escaped" cover.
var otherEncoders = []scrubCase{
	// Mixed-case percent escapes: a server may lower-case some hex digits
	// and not others. Issue 18 adds them.
	{"query, mixed-case hex", secret, "x a%2fb%2Bc%3cd%3E%26e%3Df%2ag y", "x REDACTED y"},
	{"path, mixed-case hex", secret, "x a%2Fb+c%3cd%3E&e=f%2ag y", "x REDACTED y"},
	// Upper-case \u escapes (System.Text.Json's default encoder writes
	// "\u003C", and escapes '+' too), and escaped slashes together with
	// the HTML escapes.
	{"JSON, upper-case \\u escapes", secret, `x a/b\u002Bc\u003Cd\u003E\u0026e=f*g y`, "x REDACTED y"},
	{"JSON, escaped slashes and HTML escapes", secret, `x a\/b+c\u003cd\u003e\u0026e=f*g y`, "x REDACTED y"},
}

// base64Echoes are the secret base64 and base64url encoded, alone or
// inside a longer encoded text (where the characters next to it also hold
// bits of the bytes around it, so only those made of the secret's own bits
// are replaced). The encodings were worked out outside Go (Python's base64
// module), the slices by hand.
var base64Echoes = []scrubCase{
	// base64 of "a/b+c<d>&e=f*g": "YS9iK2M8ZD4mZT1mKmc=".
	{"base64", secret, "x YS9iK2M8ZD4mZT1mKmc= y", "x REDACTED y"},
	{"base64, unpadded", secret, "x YS9iK2M8ZD4mZT1mKmc y", "x REDACTED y"},
	// "a/b+c<d>&e=f??>" is "YS9iK2M8ZD4mZT1mPz8+" in base64 and
	// "YS9iK2M8ZD4mZT1mPz8-" in base64url.
	{"base64 with '+'", `a/b+c<d>&e=f??>`, "x YS9iK2M8ZD4mZT1mPz8+ y", "x REDACTED y"},
	{"base64url", `a/b+c<d>&e=f??>`, "x YS9iK2M8ZD4mZT1mPz8- y", "x REDACTED y"},
	// From 8 bytes on: base64("p4ss/w0r") = "cDRzcy93MHI=".
	{"base64 of an 8-byte secret", "p4ss/w0r", "x cDRzcy93MHI= y", "x REDACTED y"},
	// Inside a longer text, at each of the three starts modulo 3:
	// base64("Bearer a/b+c<d>&e=f*g") = "QmVhcmVyIGEvYitjPGQ+JmU9Zipn": the
	// secret starts at byte 7, its own characters run from 10 to the end.
	{"base64, after 7 bytes", secret, "Authorization: QmVhcmVyIGEvYitjPGQ+JmU9Zipn", "Authorization: QmVhcmVyIGREDACTED"},
	// base64("x:a/b+c<d>&e=f*g end") = "eDphL2IrYzxkPiZlPWYqZyBlbmQ=":
	// characters 3 to 20 are the secret's.
	{"base64, after 2 bytes", secret, "x eDphL2IrYzxkPiZlPWYqZyBlbmQ= y", "x eDpREDACTEDyBlbmQ= y"},
	// base64url("aba/b+c<d>&e=f??>!") = "YWJhL2IrYzxkPiZlPWY_Pz4h":
	// characters 3 to 21.
	{"base64url, after 2 bytes", `a/b+c<d>&e=f??>`, "x YWJhL2IrYzxkPiZlPWY_Pz4h y", "x YWJREDACTED4h y"},
	// base64("Bearer a/b+c<d>&e=f??> end") = "QmVhcmVyIGEvYitjPGQ+JmU9Zj8/PiBlbmQ=".
	{"base64, after 7 bytes, text after", `a/b+c<d>&e=f??>`, "QmVhcmVyIGEvYitjPGQ+JmU9Zj8/PiBlbmQ=", "QmVhcmVyIGREDACTEDiBlbmQ="},
}

// unscrubbedEncodings are forms SECURITY.md leaves to the caller ("Echoes
// in other encodings": reversed, hex, ..., and base64 of a secret shorter
// than 8 bytes): they come back as they are. A test, so that the page and
// the code cannot drift apart unnoticed.
var unscrubbedEncodings = []scrubCase{
	{"reversed", secret, "x g*f=e&>d<c+b/a y", "x g*f=e&>d<c+b/a y"},
	// hex of "a/b+c<d>&e=f*g".
	{"hex", secret, "x 612f622b633c643e26653d662a67 y", "x 612f622b633c643e26653d662a67 y"},
	// base64 of the 7-byte "s3cr/t!" is "czNjci90IQ==".
	{"base64 of a 7-byte secret", "s3cr/t!", "x czNjci90IQ== y", "x czNjci90IQ== y"},
}

// scrubAll runs a table through String, the streaming reader (one byte
// per read, so that every form is split across reads), a header value and
// the status line.
func scrubAll(t *testing.T, tests []scrubCase) {
	t.Helper()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := String(tt.in, tt.secret); got != tt.want {
				t.Errorf("String(%q) = %q, want %q", tt.in, got, tt.want)
			}
			r := NewReader(iotest.OneByteReader(strings.NewReader(tt.in)), Forms(tt.secret))
			if got, err := io.ReadAll(r); err != nil || string(got) != tt.want {
				t.Errorf("NewReader(%q), a byte a read: %q, %v; want %q", tt.in, got, err, tt.want)
			}
			resp := &http.Response{Status: "400 " + tt.in, Header: http.Header{"X-Echo": {tt.in}}}
			Response(resp, Forms(tt.secret))
			if got := resp.Header.Get("X-Echo"); got != tt.want {
				t.Errorf("header: %q, want %q", got, tt.want)
			}
			if resp.Status != "400 "+tt.want {
				t.Errorf("status: %q, want %q", resp.Status, "400 "+tt.want)
			}
		})
	}
}

func TestDocumentedFormsAreScrubbed(t *testing.T) {
	t.Parallel()
	scrubAll(t, documentedForms)
}

func TestOtherEncodersAndMixedCase(t *testing.T) {
	t.Parallel()
	scrubAll(t, otherEncoders)
}

func TestBase64EchoesAreScrubbed(t *testing.T) {
	t.Parallel()
	scrubAll(t, base64Echoes)
}

func TestOtherEncodingsAreLeftAsTheyAre(t *testing.T) {
	t.Parallel()
	scrubAll(t, unscrubbedEncodings)
}

func TestShortSecretsAreNotScrubbed(t *testing.T) {
	t.Parallel()
	if got := String("abc and abc", "abc"); got != "abc and abc" {
		t.Errorf("a 3-byte secret was scrubbed: %q", got)
	}
	if got := String("abcd and abcd", "abcd"); got != "REDACTED and REDACTED" {
		t.Errorf("a 4-byte secret: %q", got)
	}
	// A 3-byte secret whose escaped form is 5 bytes is not scrubbed either.
	if got := String("a%2Fb a/b", "a/b"); got != "a%2Fb a/b" {
		t.Errorf("a 3-byte secret's escaped form was scrubbed: %q", got)
	}
	if got := String("abc, wxyz, WXYZ", "abc", "", "wxyz"); got != "abc, REDACTED, WXYZ" {
		t.Errorf("short and empty secrets among others: %q", got)
	}
}

// TestLongestFormFirst: a secret that contains another is replaced whole,
// not as REDACTED followed by the rest of it.
func TestLongestFormFirst(t *testing.T) {
	t.Parallel()
	if got := String("x abcdefgh y", "abcd", "abcdefgh"); got != "x REDACTED y" {
		t.Errorf("got %q", got)
	}
	if got := String("x abcdefgh y", "abcdefgh", "abcd"); got != "x REDACTED y" {
		t.Errorf("got %q", got)
	}
	if got := String("x efghabcd y", "abcd", "efghabcd"); got != "x REDACTED y" {
		t.Errorf("got %q", got)
	}
}

func TestWithFormsNone(t *testing.T) {
	t.Parallel()
	if got := WithForms("a/b+c<d>&e=f*g", nil); got != "a/b+c<d>&e=f*g" {
		t.Errorf("no forms: %q", got)
	}
}

func TestResponseHeaderNamesAndNoForms(t *testing.T) {
	t.Parallel()
	resp := &http.Response{Status: "200 OK", Header: http.Header{
		"X-Abcd1234": {"v"},
		"X-Plain":    {"abcd1234", "ok"},
	}}
	Response(resp, Forms("abcd1234", "Abcd1234"))
	if _, ok := resp.Header["X-Abcd1234"]; ok {
		t.Error("a header named after the secret kept its name")
	}
	renamed := "X-" + Redacted // not canonical: the scrubbed name is kept as it came out
	if got := resp.Header[renamed]; len(got) != 1 || got[0] != "v" {
		t.Errorf("renamed header = %q (headers %v)", got, resp.Header)
	}
	if got := resp.Header["X-Plain"]; len(got) != 2 || got[0] != "REDACTED" || got[1] != "ok" {
		t.Errorf("X-Plain = %q", got)
	}
	if len(resp.Header) != 2 {
		t.Errorf("headers = %v", resp.Header)
	}
	// Without forms nothing changes.
	resp = &http.Response{Status: "200 abcd1234", Header: http.Header{"X-Plain": {"abcd1234"}}}
	Response(resp, nil)
	if resp.Status != "200 abcd1234" || resp.Header.Get("X-Plain") != "abcd1234" {
		t.Errorf("changed without forms: %q %v", resp.Status, resp.Header)
	}
}

// timeoutError is a net.Error that timed out.
type timeoutError struct{ msg string }

func (e *timeoutError) Error() string   { return e.msg }
func (e *timeoutError) Timeout() bool   { return true }
func (e *timeoutError) Temporary() bool { return false }

// nonRetriable is an error azcore does not retry.
type nonRetriable struct{ msg string }

func (e *nonRetriable) Error() string { return e.msg }
func (*nonRetriable) NonRetriable()   {}

func TestError(t *testing.T) {
	t.Parallel()
	forms := Forms("a/b+c")
	if Error(nil, forms) != nil {
		t.Error("Error(nil) is not nil")
	}
	clean := errors.New("no secret here")
	if got := Error(clean, forms); got != clean {
		t.Errorf("an error without a secret was replaced: %v", got)
	}
	dirty := errors.New("bad header a/b+c")
	if got := Error(dirty, nil); got != dirty {
		t.Errorf("no forms: %v", got)
	}

	err := Error(&timeoutError{"read tcp: token a%2Fb%2Bc: i/o timeout"}, forms)
	if err.Error() != "read tcp: token REDACTED: i/o timeout" {
		t.Errorf("text = %q", err.Error())
	}
	var to interface{ Timeout() bool }
	if !errors.As(err, &to) || !to.Timeout() {
		t.Error("a scrubbed timeout does not say Timeout")
	}
	var nr interface{ NonRetriable() }
	if errors.As(err, &nr) {
		t.Error("a scrubbed retriable error became NonRetriable")
	}
	if errors.Unwrap(err) != nil {
		t.Error("the scrubbed error hands out the original")
	}

	err = Error(errors.New("plain a/b+c"), forms)
	if errors.As(err, &to) && to.Timeout() {
		t.Error("an error that is no timeout says Timeout")
	}

	wrapped := Error(errorsJoin(context.Canceled, "canceled: a/b+c"), forms)
	if !errors.Is(wrapped, context.Canceled) || errors.Is(wrapped, io.EOF) {
		t.Errorf("errors.Is through the scrubbed error: %v", wrapped)
	}
	if wrapped.Error() != "canceled: REDACTED" {
		t.Errorf("text = %q", wrapped.Error())
	}

	err = Error(&nonRetriable{"too large: a/b+c"}, forms)
	if !errors.As(err, &nr) {
		t.Error("a scrubbed NonRetriable error is retriable")
	}
	if err.Error() != "too large: REDACTED" {
		t.Errorf("text = %q", err.Error())
	}
}

// errorsJoin wraps target with a message of its own.
func errorsJoin(target error, msg string) error { return &wrapErr{msg: msg, err: target} }

type wrapErr struct {
	msg string
	err error
}

func (e *wrapErr) Error() string { return e.msg }
func (e *wrapErr) Unwrap() error { return e.err }

func TestContextSecrets(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	if ContextSecrets(ctx) {
		t.Error("a bare context carries secrets")
	}
	req, _ := http.NewRequestWithContext(WithSecrets(ctx, "refresh-1", "secret-2"), http.MethodGet, "https://example.test/", nil)
	if !ContextSecrets(req.Context()) {
		t.Error("WithSecrets is not seen")
	}
	req.Header.Set("Authorization", "Bearer tok-123")
	if got := strings.Join(RequestSecrets(req), ","); got != "tok-123,refresh-1,secret-2" {
		t.Errorf("RequestSecrets = %q", got)
	}
	bare, _ := http.NewRequest(http.MethodGet, "https://example.test/", nil)
	bare.Header.Set("Authorization", "Basic abc")
	if got := RequestSecrets(bare); len(got) != 0 {
		t.Errorf("RequestSecrets without a bearer token = %q", got)
	}
	bare.Header.Set("Authorization", "Bearer ")
	if got := RequestSecrets(bare); len(got) != 0 {
		t.Errorf("RequestSecrets with an empty bearer token = %q", got)
	}
}

// TestReaderAcrossReads: a form split across reads of every size is
// found, the text around it kept byte for byte, and a read error passed
// on after the text before it.
func TestReaderAcrossReads(t *testing.T) {
	t.Parallel()
	in := strings.Repeat("x", 100) + "a%2fb%2bc%3cd%3e%26e%3df%2ag" + strings.Repeat("y", 50000) + "a/b+c<d>&e=f*g" + "zz"
	want := strings.Repeat("x", 100) + "REDACTED" + strings.Repeat("y", 50000) + "REDACTED" + "zz"
	for _, chunk := range []int{1, 2, 7, 13, 64, 4096, 40000, 1 << 20} {
		r := NewReader(&chunkReader{s: in, n: chunk}, Forms(secret))
		got, err := readIn(r, chunk)
		if err != nil || got != want {
			t.Errorf("chunks of %d: %d bytes, err %v; want %d bytes", chunk, len(got), err, len(want))
		}
	}
	boom := errors.New("boom")
	r := NewReader(io.MultiReader(strings.NewReader("head a/b+c<d>&e=f*g tail"), iotest.ErrReader(boom)), Forms(secret))
	got, err := io.ReadAll(r)
	if string(got) != "head REDACTED tail" || !errors.Is(err, boom) {
		t.Errorf("read error: %q, %v", got, err)
	}
	// Without forms the stream is copied as it is.
	got, err = io.ReadAll(NewReader(strings.NewReader("a/b+c<d>&e=f*g"), nil))
	if string(got) != "a/b+c<d>&e=f*g" || err != nil {
		t.Errorf("no forms: %q, %v", got, err)
	}
	// Two forms in one read, the shorter one first in the text.
	got, _ = io.ReadAll(NewReader(strings.NewReader("1 abcd 2 abcdefgh 3"), Forms("abcdefgh", "abcd")))
	if string(got) != "1 REDACTED 2 REDACTED 3" {
		t.Errorf("two forms: %q", got)
	}
	// Forms in list order: the first found at the very start, the second
	// later; both go.
	got, _ = io.ReadAll(NewReader(strings.NewReader("abcd and efgh"), Forms("abcd", "efgh")))
	if string(got) != "REDACTED and REDACTED" {
		t.Errorf("first form at the start: %q", got)
	}
	// Overlapping forms at the same place: the longer one wins.
	got, _ = io.ReadAll(NewReader(strings.NewReader("1 abcdefgh 2"), Forms("abcd", "abcdefgh")))
	if string(got) != "1 REDACTED 2" {
		t.Errorf("overlapping forms: %q", got)
	}
}

// TestReaderStreams: the scrubber hands out what it has read (less the
// tail a form could still start in) without waiting for the end of the
// stream: a body is scrubbed as it streams, in bounded memory.
func TestReaderStreams(t *testing.T) {
	t.Parallel()
	src := &countingReader{}
	r := NewReader(src, Forms(secret))
	buf := make([]byte, 10)
	n, err := r.Read(buf)
	if err != nil || n != 10 || string(buf) != "xxxxxxxxxx" {
		t.Fatalf("first read: %d, %v, %q", n, err, buf[:n])
	}
	if src.reads > 2 {
		t.Errorf("the first 10 bytes took %d reads of the source: the scrubber waits for more than a form's length", src.reads)
	}
}

// countingReader is an endless stream of 'x' that counts its reads and
// fails past 100 of them.
type countingReader struct{ reads int }

func (c *countingReader) Read(p []byte) (int, error) {
	c.reads++
	if c.reads > 100 {
		return 0, errors.New("read on and on: the scrubber does not stream")
	}
	for i := range p {
		p[i] = 'x'
	}
	return len(p), nil
}

// readIn reads r to its end with a buffer of size n.
func readIn(r io.Reader, n int) (string, error) {
	var b strings.Builder
	buf := make([]byte, n)
	for {
		m, err := r.Read(buf)
		b.Write(buf[:m])
		if err == io.EOF {
			return b.String(), nil
		}
		if err != nil {
			return b.String(), err
		}
	}
}

// chunkReader returns at most n bytes of s a read.
type chunkReader struct {
	s string
	n int
}

func (c *chunkReader) Read(p []byte) (int, error) {
	if c.s == "" {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), c.n)], c.s)
	c.s = c.s[n:]
	return n, nil
}

// TestFormsList spells out every form of secret, in the order and the
// case (a to f upper-cased) Forms gives them: longest first. The base64
// ones were worked out with Python's base64 module: the whole encoding,
// padded and not, then for a secret starting 0, 1 and 2 bytes into a
// longer text the characters made of its own bits only.
func TestFormsList(t *testing.T) {
	t.Parallel()
	want := []string{
		`A/B\u002BC\u003CD\u003E\u0026E=F*g`, // .NET's encoder
		`A\/B+C\u003CD\u003E\u0026E=F*g`,     // HTML escapes, escaped slashes
		`A/B+C\u003CD\u003E\u0026E=F*g`,      // HTML escapes
		"A%2FB%2BC%3CD%3E%26E%3DF%2Ag",       // query
		"A%2FB+C%3CD%3E&E=F%2Ag",             // path
		"YS9iK2M8ZD4mZT1mKmC=",               // base64, padded
		"YS9iK2M8ZD4mZT1mKmC",                // base64, not padded
		"YS9iK2M8ZD4mZT1mKm",                 // base64, inside a text, at 0 mod 3
		"EvYitjPGQ+JmU9Zipn",                 // base64 at 1 mod 3
		"hL2IrYzxkPiZlPWYqZ",                 // base64 (and base64url) at 2 mod 3
		"EvYitjPGQ-JmU9Zipn",                 // base64url at 1 mod 3
		`A\/B+C<D>&E=F*g`,                    // escaped slashes
		"A/B+C<D>&E=F*g",                     // raw
	}
	if got := Forms(secret); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("Forms(%q) =\n%s\nwant\n%s", secret, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	// Below 8 bytes, no base64 form; a secret no encoding changes has one.
	if got := Forms("s3cr3tz"); len(got) != 1 || got[0] != "s3Cr3tz" {
		t.Errorf(`Forms("s3cr3tz") = %q`, got)
	}
	if got := Forms(); got != nil {
		t.Errorf("Forms() = %q", got)
	}
}
