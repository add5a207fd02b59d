// Package scrub keeps secrets out of text that comes from an answer: it
// finds a secret (an access or refresh token, a client secret) in the forms
// an echo of it may take and replaces it, in strings, headers, errors and
// streams, and it turns server text into one printable line before it is
// quoted.
package scrub

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net"
	"net/http"
	"net/url"
	"sort"
	"strings"
)

// Redacted replaces a secret found in text from the service.
const Redacted = "REDACTED"

// MinSecretLen is the shortest secret scrubbed from text: shorter values
// would match ordinary words.
const MinSecretLen = 4

// secretsKey is the context key of WithSecrets.
type secretsKey struct{}

// WithSecrets returns a context whose requests have secrets (besides the
// bearer token of their Authorization header) scrubbed by the guarded transport
// from the answer's status, headers and error text.
func WithSecrets(ctx context.Context, secrets ...string) context.Context {
	return context.WithValue(ctx, secretsKey{}, secrets)
}

// ContextSecrets reports whether ctx carries secrets of WithSecrets.
func ContextSecrets(ctx context.Context) bool {
	_, ok := ctx.Value(secretsKey{}).([]string)
	return ok
}

// RequestSecrets returns the bearer token of req and the secrets of its
// context.
func RequestSecrets(req *http.Request) []string {
	var out []string
	if tok, ok := strings.CutPrefix(req.Header.Get("Authorization"), "Bearer "); ok && tok != "" {
		out = append(out, tok)
	}
	if s, ok := req.Context().Value(secretsKey{}).([]string); ok {
		out = append(out, s...)
	}
	return out
}

// Forms returns each secret of at least MinSecretLen bytes together
// with the forms an echo of it may take: URL query and path escaped, JSON
// escaped (with and without Go's HTML escapes and escaped slashes, and as
// .NET's encoder writes it), and, for a secret of minBase64Secret bytes or
// more, base64 and base64url encoded (whole, or inside a longer encoded
// text: base64Forms).
// Longest first, without duplicates, in the case canon gives: String,
// WithForms, Response, Error and NewReader match the hex digits of
// escapes whatever their case, mixed within one echo too, so no lower-case
// or mixed form need be listed.
func Forms(secrets ...string) []string {
	var out []string
	add := func(v string) {
		if len(v) < MinSecretLen {
			return
		}
		v = canon(v)
		for _, o := range out {
			if o == v {
				return
			}
		}
		out = append(out, v)
	}
	for _, s := range secrets {
		if len(s) < MinSecretLen {
			continue
		}
		add(s)
		q := url.QueryEscape(s)
		add(q)
		add(strings.ReplaceAll(q, "+", "%20"))
		add(url.PathEscape(s))
		j := jsonEscape(s, false)
		add(j)
		h := jsonEscape(s, true)
		add(h)
		add(strings.ReplaceAll(j, "/", `\/`))
		add(strings.ReplaceAll(h, "/", `\/`))
		// .NET's default encoder (System.Text.Json) also escapes + ' and `.
		add(strings.NewReplacer("+", `\u002B`, "'", `\u0027`, "`", `\u0060`).Replace(h))
		if len(s) >= minBase64Secret {
			for _, enc := range []*base64.Encoding{base64.StdEncoding, base64.URLEncoding} {
				base64Forms(s, enc, add)
			}
		}
	}
	if len(out) > 1 {
		sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	}
	return out
}

// minBase64Secret is the length from which a secret's base64 forms are
// scrubbed too: the part of a shorter one's encoding that no byte around
// it changes is a handful of characters, which ordinary text holds by
// chance. Tokens, client secrets and passwords are longer.
const minBase64Secret = 8

// base64Forms adds the echoes of secret s in enc's alphabet: its whole
// encoding, padded and not, and, for a secret inside a longer encoded text
// (a "Basic" credential, a token inside an encoded JSON document), the
// characters of its encoding that no byte around it changes. Base64 writes
// three bytes as four characters, so those characters depend on where the
// secret starts modulo 3; for each of the three starts, they run from the
// first character made only of the secret's bits to the last one (the
// technique GitHub Actions uses to mask secrets in logs).
func base64Forms(s string, enc *base64.Encoding, add func(string)) {
	add(enc.EncodeToString([]byte(s)))
	raw := enc.WithPadding(base64.NoPadding)
	add(raw.EncodeToString([]byte(s)))
	b := make([]byte, 2+len(s))
	for shift := 0; shift < 3; shift++ {
		copy(b[shift:], s)
		e := raw.EncodeToString(b[:shift+len(s)])
		add(e[(8*shift+5)/6 : 8*(shift+len(s))/6])
	}
}

// canon returns s with the letters a to f upper-cased, the case in which
// texts and forms are compared: the hex digits of an escape ("%2f" and
// "%2F", "\u003c" and "\u003C") then match whatever their case, mixed
// within one echo too, without listing 2^n forms. The other letters keep
// their case; a text that differs from a secret only in the case of a to
// f is taken for an echo of it, which errs on the safe side. The result
// has the length of s, byte for byte, so a match found in canon(s) is at
// the same place in s; s itself is returned (without a copy) when it has
// no lower-case a to f.
func canon(s string) string {
	i := strings.IndexFunc(s, func(r rune) bool { return 'a' <= r && r <= 'f' })
	if i < 0 {
		return s
	}
	b := []byte(s)
	canonInPlace(b[i:])
	return string(b)
}

// canonInPlace upper-cases the letters a to f of b, as canon does. It
// looks at one byte at a time, so a stream can be made canonical piece by
// piece.
func canonInPlace(b []byte) {
	for i, c := range b {
		if 'a' <= c && c <= 'f' {
			b[i] = c - 'a' + 'A'
		}
	}
}

// jsonEscape returns s as it appears inside a JSON string; html adds the
// \u003c-style escapes of <, > and & that Go's encoder writes.
func jsonEscape(s string, html bool) string {
	const hex = "0123456789abcdef"
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || html && (r == '<' || r == '>' || r == '&') || r == '\u2028' || r == '\u2029':
			b.WriteString(`\u`)
			b.WriteByte(hex[r>>12&15])
			b.WriteByte(hex[r>>8&15])
			b.WriteByte(hex[r>>4&15])
			b.WriteByte(hex[r&15])
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// String replaces every secret found in s, in any of the forms Forms
// lists. Scrub before cutting text short: a cut secret is no longer found.
func String(s string, secrets ...string) string {
	return WithForms(s, Forms(secrets...))
}

// WithForms replaces each of forms (as Forms returns them) in s, in any
// case of the letters a to f (see canon). It allocates only when it finds
// one.
func WithForms(s string, forms []string) string {
	for _, f := range forms {
		i := indexCanon(s, f)
		if i < 0 {
			continue
		}
		var b strings.Builder
		for ; i >= 0; i = indexCanon(s, f) {
			b.WriteString(s[:i])
			b.WriteString(Redacted)
			s = s[i+len(f):]
		}
		b.WriteString(s)
		s = b.String()
	}
	return s
}

// indexCanon returns the index of the first instance of f (in the case
// canon gives) in s, compared in that case, or -1. It finds candidates
// with strings.Index on the longest run of f that canon leaves alone
// (no letter A to F), so that it is as quick as a plain search.
func indexCanon(s, f string) int {
	if len(f) == 0 || len(f) > len(s) {
		return -1
	}
	// The anchor: the longest run of f without the letters A to F.
	off, n := 0, 0
	for i := 0; i < len(f); {
		j := i
		for j < len(f) && (f[j] < 'A' || f[j] > 'F') {
			j++
		}
		if j-i > n {
			off, n = i, j-i
		}
		i = j + 1
	}
	anchor := f[off : off+n]
	for pos := off; pos <= len(s)-(len(f)-off); {
		k := 0
		if n > 0 {
			k = strings.Index(s[pos:], anchor)
			if k < 0 {
				return -1
			}
		}
		start := pos + k - off
		if start+len(f) > len(s) {
			return -1
		}
		if equalCanon(s[start:start+len(f)], f) {
			return start
		}
		pos += k + 1
	}
	return -1
}

// equalCanon reports whether s in the case canon gives is f.
func equalCanon(s, f string) bool {
	for i := 0; i < len(f); i++ {
		c := s[i]
		if 'a' <= c && c <= 'f' {
			c = c - 'a' + 'A'
		}
		if c != f[i] {
			return false
		}
	}
	return true
}

// Response replaces forms in the status line and in every header
// name and value of resp, before anything above the transport (azcore's
// log, its CAE challenge parser, the error mapping) reads them.
func Response(resp *http.Response, forms []string) {
	if len(forms) == 0 {
		return
	}
	resp.Status = WithForms(resp.Status, forms)
	for k, vs := range resp.Header {
		ck := WithForms(k, forms)
		for i, v := range vs {
			vs[i] = WithForms(v, forms)
		}
		if ck != k {
			delete(resp.Header, k)
			resp.Header[ck] = vs
		}
	}
}

// Error returns err, or when its text holds one of forms an error
// with the text scrubbed. The replacement hides the original (whose text
// holds the secret) but keeps what callers and the retry policy test for.
func Error(err error, forms []string) error {
	if err == nil || len(forms) == 0 {
		return err
	}
	msg := err.Error()
	clean := WithForms(msg, forms)
	if clean == msg {
		return err
	}
	var nr interface{ NonRetriable() }
	if errors.As(err, &nr) {
		// azcore must still see that the original is not to be retried.
		return &nonRetriableScrubbed{scrubbedError{msg: clean, err: err}}
	}
	return &scrubbedError{msg: clean, err: err}
}

// nonRetriableScrubbed is a scrubbedError whose original told azcore's
// retry policy not to retry.
type nonRetriableScrubbed struct{ scrubbedError }

// NonRetriable tells azcore not to retry.
func (*nonRetriableScrubbed) NonRetriable() {}

// scrubbedError is an error whose text had a secret replaced.
type scrubbedError struct {
	msg string
	err error
}

func (e *scrubbedError) Error() string { return e.msg }

// Is matches what the original matched (context, EOF, size and redirect
// errors, ...): errors.Is compares identities and reveals no text. There
// is no Unwrap, so errors.As cannot hand out the original, whose text
// holds the secret.
func (e *scrubbedError) Is(target error) bool { return errors.Is(e.err, target) }

// Timeout reports whether the original was a network timeout.
func (e *scrubbedError) Timeout() bool {
	var ne net.Error
	return errors.As(e.err, &ne) && ne.Timeout()
}

// scrubReader copies a stream with every form replaced, holding back the
// last len(longest form)-1 bytes until more arrive, so that a secret split
// across reads is still found.
type scrubReader struct {
	r     io.Reader
	forms [][]byte
	keep  int
	tmp   []byte
	buf   []byte // read, not yet released
	out   []byte // scrubbed, not yet returned
	obuf  []byte // backing array of out, reused
	cbuf  []byte // buf with its escapes in canonical case (see canon)
	err   error
}

// NewReader returns a scrubReader over r.
func NewReader(r io.Reader, forms []string) io.Reader {
	s := &scrubReader{r: r}
	for _, f := range forms {
		if f == "" { // as WithForms: an empty form matches nothing
			continue
		}
		s.forms = append(s.forms, []byte(f))
		s.keep = max(s.keep, len(f)-1)
	}
	return s
}

func (s *scrubReader) Read(p []byte) (int, error) {
	for len(s.out) == 0 {
		if s.err != nil {
			if len(s.buf) == 0 {
				return 0, s.err
			}
			s.release(len(s.buf))
			continue
		}
		if s.tmp == nil {
			s.tmp = make([]byte, 32<<10)
		}
		n, err := s.r.Read(s.tmp)
		s.buf = append(s.buf, s.tmp[:n]...)
		from := len(s.cbuf)
		s.cbuf = append(s.cbuf, s.tmp[:n]...)
		canonInPlace(s.cbuf[from:])
		s.err = err
		if err == nil && len(s.buf) > s.keep {
			s.release(len(s.buf) - s.keep)
		}
	}
	n := copy(p, s.out)
	s.out = s.out[n:]
	return n, nil
}

// release moves the bytes of buf before cut to out, scrubbed: a form that
// starts before cut is replaced whole (it ends within buf, since buf holds
// keep bytes beyond cut).
func (s *scrubReader) release(cut int) {
	out := s.obuf[:0]
	buf := s.buf
	cbuf := s.cbuf // buf in canonical case, where the forms are looked for
	for {
		idx, flen := -1, 0
		for _, f := range s.forms {
			if i := bytes.Index(cbuf, f); i >= 0 && i < cut && (idx < 0 || i < idx || i == idx && len(f) > flen) {
				idx, flen = i, len(f)
			}
		}
		if idx < 0 {
			break
		}
		out = append(out, buf[:idx]...)
		out = append(out, Redacted...)
		buf, cbuf = buf[idx+flen:], cbuf[idx+flen:]
		cut = max(cut-idx-flen, 0)
	}
	out = append(out, buf[:cut]...)
	s.out, s.obuf = out, out
	s.buf = s.buf[:copy(s.buf, buf[cut:])]
	s.cbuf = s.cbuf[:copy(s.cbuf, cbuf[cut:])]
}
