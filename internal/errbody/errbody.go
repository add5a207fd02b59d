// Package errbody reads what an error answer says: the Partner Center
// ApiFault, the 429 body and a gateway's {"error": ...} shapes, with a
// short scrubbed excerpt of any other body. Every text it returns has the
// request's secrets replaced (see package scrub) before anything is cut.
package errbody

import (
	"bytes"
	"encoding/json"
	"html"
	"strconv"
	"strings"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
)

// MaxExcerpt is how much of a non-JSON error body a fault keeps.
const MaxExcerpt = 200

// Fault is what an error body says.
type Fault struct {
	// Code is the Partner Center error code as text (the service sends a
	// number or a string).
	Code string
	// Description is the service's message, on one line, or an excerpt of
	// a body that is not JSON.
	Description string
	// Data holds further details, if any.
	Data []any
	// Source is the component that answered, such as "PartnerFD".
	Source string
}

// errorBody covers the error shapes seen from Partner Center and the
// gateways in front of it: ApiFault {code, description, data, source},
// the 429 body {statusCode, message}, and {"error": {code, message}}.
type errorBody struct {
	Code        json.RawMessage `json:"code"`
	Description *string         `json:"description"`
	Data        []any           `json:"data"`
	Source      *string         `json:"source"`
	StatusCode  json.RawMessage `json:"statusCode"`
	Message     *string         `json:"message"`
	Error       json.RawMessage `json:"error"`
}

// nestedError is the {"error": {...}} shape.
type nestedError struct {
	Code    json.RawMessage `json:"code"`
	Message string          `json:"message"`
}

// Parse reads a JSON error body, or keeps a short excerpt
// of any other body. Should the service ever echo secret (the request's
// token), it is replaced in the raw body and again in every decoded text
// (where JSON or HTML escapes could have hidden it) before anything is cut
// short.
func Parse(body []byte, secrets ...string) (f Fault) {
	e := &f
	body = bytes.TrimSpace(TrimBOM(body))
	if len(body) == 0 {
		return
	}
	forms := scrub.Forms(secrets...)
	if len(forms) > 0 {
		body = []byte(scrub.WithForms(string(body), forms))
	}
	var eb errorBody
	if body[0] == '{' && (json.Unmarshal(body, &eb) == nil || salvageErrorBody(body, &eb)) {
		e.Code = rawText(eb.Code, secrets)
		e.Data = scrubData(eb.Data, secrets)
		if eb.Source != nil {
			e.Source = scrub.Line(*eb.Source, 128, secrets...)
		}
		switch {
		case eb.Description != nil:
			e.Description = *eb.Description
		case eb.Message != nil:
			e.Description = *eb.Message
		}
		if len(eb.Error) > 0 {
			var ne nestedError
			if json.Unmarshal(eb.Error, &ne) == nil {
				if e.Code == "" {
					e.Code = rawText(ne.Code, secrets)
				}
				if e.Description == "" {
					e.Description = ne.Message
				}
			} else if e.Description == "" {
				e.Description = rawText(eb.Error, secrets)
			}
		}
		if e.Description == "" && !json.Valid(body) {
			// A body cut at the error-body cap: keep its start.
			e.Description = Excerpt(body, secrets)
		}
		e.Description = scrub.Line(e.Description, scrub.MaxDescription, secrets...)
		return
	}
	e.Description = Excerpt(body, secrets)
	return
}

// WaitFromBody reads the wait out of a 429 body's message ("Try again in
// 57 seconds"), zero when it names none.
func WaitFromBody(body []byte) time.Duration {
	return WaitFromMessage(Parse(body).Description) // only a number is taken: no secrets to scrub
}

// salvageErrorBody reads the complete top-level fields of a JSON object
// that was cut short (an error body longer than the error-body cap), so that the
// code and source before the cut survive. It reports whether any field did.
func salvageErrorBody(body []byte, eb *errorBody) bool {
	dec := json.NewDecoder(bytes.NewReader(body))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return false
	}
	fields := map[string]json.RawMessage{}
	for dec.More() {
		t, err := dec.Token()
		key, ok := t.(string)
		if err != nil || !ok {
			break
		}
		var v json.RawMessage
		if dec.Decode(&v) != nil {
			break
		}
		fields[key] = v
	}
	if len(fields) == 0 {
		return false
	}
	b, err := json.Marshal(fields)
	return err == nil && json.Unmarshal(b, eb) == nil
}

// scrubData returns data with secret replaced in every string and key.
func scrubData(data []any, secrets []string) []any {
	if len(secrets) == 0 {
		return data
	}
	for i, v := range data {
		data[i] = scrubValue(v, secrets)
	}
	return data
}

// scrubValue replaces secret in a decoded JSON value.
func scrubValue(v any, secrets []string) any {
	switch x := v.(type) {
	case string:
		return scrub.String(x, secrets...)
	case []any:
		for i := range x {
			x[i] = scrubValue(x[i], secrets)
		}
		return x
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			out[scrub.String(k, secrets...)] = scrubValue(val, secrets)
		}
		return out
	}
	return v
}

// rawText renders a JSON scalar as text: a string without its quotes, a
// number as written; other values as compact JSON on one line.
func rawText(raw json.RawMessage, secrets []string) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return ""
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return scrub.Line(s, 128, secrets...)
		}
	}
	return scrub.Line(string(raw), 128, secrets...)
}

// Excerpt reduces a non-JSON body (often a gateway's HTML page) to a short
// line of text: tags removed, entities decoded, secret replaced, white space
// collapsed.
func Excerpt(body []byte, secrets []string) string {
	// Scrub before cutting: a secret cut in two is no longer found.
	if forms := scrub.Forms(secrets...); len(forms) > 0 {
		body = []byte(scrub.WithForms(string(body), forms))
	}
	if len(body) > 4*MaxExcerpt*4 {
		body = body[:4*MaxExcerpt*4]
	}
	var b strings.Builder
	inTag := false
	for _, c := range string(body) {
		switch {
		case c == '<':
			inTag = true
		case c == '>' && inTag:
			inTag = false
			b.WriteByte(' ')
		case !inTag:
			b.WriteRune(c)
		}
	}
	return scrub.Line(html.UnescapeString(b.String()), MaxExcerpt, secrets...)
}

// WaitFromMessage reads the wait out of the 429 body's text, such as
// "Rate limit is exceeded. Try again in 57 seconds.".
func WaitFromMessage(msg string) time.Duration {
	i := strings.Index(strings.ToLower(msg), "try again in ")
	if i < 0 {
		return 0
	}
	rest := msg[i+len("try again in "):]
	j := 0
	for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
		j++
	}
	if j == 0 || j > 6 || !strings.HasPrefix(strings.TrimSpace(rest[j:]), "second") {
		return 0
	}
	n, _ := strconv.Atoi(rest[:j])
	return time.Duration(n) * time.Second
}

// TrimBOM drops a leading UTF-8 byte-order mark.
func TrimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}

// LegacyAddress reads the answer address validation gave before June 2021
// for an address that did not verify: a 400 with code 2007 whose
// description holds, as HTML-escaped JSON, the reason and the corrected
// address. ok is false for any other body.
func LegacyAddress(body []byte) (reason string, corrected *gen.Address, ok bool) {
	var outer struct {
		Code        json.RawMessage `json:"code"`
		Description string          `json:"description"`
	}
	if json.Unmarshal(TrimBOM(body), &outer) != nil || strings.Trim(string(outer.Code), `"`) != "2007" {
		return "", nil, false
	}
	var inner struct {
		Reason    string `json:"reason"`
		Corrected *struct {
			Country      string `json:"country"`
			Region       string `json:"region"`
			City         string `json:"city"`
			AddressLine1 string `json:"address_line1"`
			AddressLine2 string `json:"address_line2"`
			PostalCode   string `json:"postal_code"`
		} `json:"corrected_address"`
	}
	if json.Unmarshal([]byte(outer.Description), &inner) != nil {
		return "", nil, false
	}
	if ca := inner.Corrected; ca != nil {
		corrected = &gen.Address{Country: nonEmpty(ca.Country), State: nonEmpty(ca.Region), City: nonEmpty(ca.City),
			AddressLine1: nonEmpty(ca.AddressLine1), AddressLine2: nonEmpty(ca.AddressLine2), PostalCode: nonEmpty(ca.PostalCode)}
	}
	return html.UnescapeString(inner.Reason), corrected, true
}

// nonEmpty returns a pointer to s, or nil for "".
func nonEmpty(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
