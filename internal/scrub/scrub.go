// Package scrub keeps secrets out of text that comes from an answer: it
// finds a secret (an access or refresh token, a client secret) in the forms
// an echo of it may take and replaces it, in strings, headers, errors and
// streams, and it turns server text into one printable line before it is
// quoted.
package scrub

import (
	"bytes"
	"context"
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
// with the forms an echo of it may take: URL query and path escaped (upper
// and lower-case hex), and JSON escaped (with and without Go's HTML escapes
// and escaped slashes). Longest first, without duplicates.
func Forms(secrets ...string) []string {
	var out []string
	add := func(v string) {
		if len(v) < MinSecretLen {
			return
		}
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
		add(lowerHex(q))
		p := url.PathEscape(s)
		add(p)
		add(lowerHex(p))
		j := jsonEscape(s, false)
		add(j)
		add(jsonEscape(s, true))
		add(strings.ReplaceAll(j, "/", `\/`))
	}
	if len(out) > 1 {
		sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	}
	return out
}

// lowerHex lower-cases the hex digits of the percent escapes in s.
func lowerHex(s string) string {
	if !strings.Contains(s, "%") {
		return s
	}
	b := []byte(s)
	for i := 0; i+2 < len(b); i++ {
		if b[i] == '%' {
			b[i+1] = toLowerASCII(b[i+1])
			b[i+2] = toLowerASCII(b[i+2])
		}
	}
	return string(b)
}

func toLowerASCII(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
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

// WithForms replaces each of forms (as Forms returns them) in s.
func WithForms(s string, forms []string) string {
	for _, f := range forms {
		if strings.Contains(s, f) {
			s = strings.ReplaceAll(s, f, Redacted)
		}
	}
	return s
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
	err   error
}

// NewReader returns a scrubReader over r.
func NewReader(r io.Reader, forms []string) io.Reader {
	s := &scrubReader{r: r}
	for _, f := range forms {
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
	for {
		idx, flen := -1, 0
		for _, f := range s.forms {
			if i := bytes.Index(buf, f); i >= 0 && i < cut && (idx < 0 || i < idx || i == idx && len(f) > flen) {
				idx, flen = i, len(f)
			}
		}
		if idx < 0 {
			break
		}
		out = append(out, buf[:idx]...)
		out = append(out, Redacted...)
		buf = buf[idx+flen:]
		cut = max(cut-idx-flen, 0)
	}
	out = append(out, buf[:cut]...)
	s.out, s.obuf = out, out
	s.buf = s.buf[:copy(s.buf, buf[cut:])]
}
