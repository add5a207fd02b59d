package wrapper

import (
	"bytes"
	"encoding/json"
	"html"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
)

// maxExcerpt is how much of a non-JSON error body a ResponseError keeps.
const maxExcerpt = 200

// redactedText replaces a secret found in text from the service.
const redactedText = "REDACTED"

// minSecretLen is the shortest secret scrubbed from text: shorter values
// would match ordinary words.
const minSecretLen = 4

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

// newResponseError builds the error for a non-2xx answer. It reads at most
// maxErrorBody bytes of the body (cappedTransport enforces the cap) and
// keeps nothing of the request but its method and path.
func newResponseError(op string, resp *http.Response) *ResponseError {
	e := responseErrorBase(op, resp)
	body := payload(resp)
	parseErrorBody(e, body, requestToken(resp))
	if e.Description == "" {
		e.Description = http.StatusText(resp.StatusCode)
	}
	e.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), time.Now())
	if e.RetryAfter == 0 && resp.StatusCode == http.StatusTooManyRequests {
		e.RetryAfter = retryAfterFromMessage(e.Description)
	}
	if resp.StatusCode == http.StatusForbidden {
		if info, ok := gen.LookupOperation(op); ok {
			e.GDAPRoles = info.GDAPRoles
		}
	}
	return e
}

// newMalformedError builds the error for a 2xx answer whose body could not
// be used: it matches ErrMalformedResponse and carries cause in Err. The
// description names the content type and, for a body that is not JSON
// (such as an HTML page), a short excerpt of it.
func newMalformedError(op string, resp *http.Response, body []byte, cause error) *ResponseError {
	e := responseErrorBase(op, resp)
	e.Err = cause
	secrets := []string{requestToken(resp)}
	desc := "malformed answer"
	ct := resp.Header.Get("Content-Type")
	//lint:ignore SA1008 deliberately not canonical: no header on the wire can set it (see callPolicy)
	if served, ok := resp.Header[servedContentType]; ok && len(served) == 1 {
		ct = served[0]
	}
	if ct != "" {
		desc += " (Content-Type " + ct + ")"
	}
	desc += ": " + cause.Error()
	if info, _ := gen.LookupOperation(op); info.SecretAnswer {
		// The answer may hold a secret no scrubber knows (a new
		// administrator's password): none of it is shown, here or in the
		// span this error ends.
		desc += "; the body is not shown, as it may hold a secret (the operation may have been carried out)"
	} else if b := bytes.TrimSpace(trimBOM(body)); len(b) > 0 && b[0] != '{' && b[0] != '[' {
		desc += "; the body starts: " + excerpt(b, secrets)
	}
	e.Description = oneLine(scrub(desc, secrets...), maxDescriptionLen)
	return e
}

// responseErrorBase returns the error for resp with what every answer
// has: status, operation, method and path, and the IDs (as the service
// answered them, else as the request sent them). An ID that is not a GUID
// is not taken: a header is the server's to fill, and could carry anything.
func responseErrorBase(op string, resp *http.Response) *ResponseError {
	e := &ResponseError{
		StatusCode:    resp.StatusCode,
		Operation:     op,
		CorrelationID: guidOrEmpty(resp.Header.Get(headerCorrelationID)),
		RequestID:     guidOrEmpty(resp.Header.Get(headerRequestID)),
	}
	if r := resp.Request; r != nil {
		e.Method = r.Method
		if r.URL != nil {
			e.Path = r.URL.Path
		}
		if e.CorrelationID == "" {
			e.CorrelationID = guidOrEmpty(r.Header.Get(headerCorrelationID))
		}
		if e.RequestID == "" {
			e.RequestID = guidOrEmpty(r.Header.Get(headerRequestID))
		}
	}
	return e
}

// guidOrEmpty returns s when it is a GUID, else "".
func guidOrEmpty(s string) string {
	s = strings.TrimSpace(s)
	if isGUID(s) {
		return s
	}
	return ""
}

// requestToken returns the bearer token of the request resp answers.
func requestToken(resp *http.Response) string {
	if resp.Request == nil {
		return ""
	}
	tok, _ := strings.CutPrefix(resp.Request.Header.Get("Authorization"), "Bearer ")
	return tok
}

// parseErrorBody fills e from a JSON error body, or keeps a short excerpt
// of any other body. Should the service ever echo secret (the request's
// token), it is replaced in the raw body and again in every decoded text
// (where JSON or HTML escapes could have hidden it) before anything is cut
// short.
func parseErrorBody(e *ResponseError, body []byte, secrets ...string) {
	body = bytes.TrimSpace(trimBOM(body))
	if len(body) == 0 {
		return
	}
	forms := secretForms(secrets...)
	if len(forms) > 0 {
		body = []byte(scrubForms(string(body), forms))
	}
	var eb errorBody
	if body[0] == '{' && (json.Unmarshal(body, &eb) == nil || salvageErrorBody(body, &eb)) {
		e.Code = rawText(eb.Code, secrets)
		e.Data = scrubData(eb.Data, secrets)
		if eb.Source != nil {
			e.Source = oneLine(scrub(*eb.Source, secrets...), 128)
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
			// A body cut at maxErrorBody: keep its start.
			e.Description = excerpt(body, secrets)
		}
		e.Description = oneLine(scrub(e.Description, secrets...), maxDescriptionLen)
		return
	}
	e.Description = excerpt(body, secrets)
}

// salvageErrorBody reads the complete top-level fields of a JSON object
// that was cut short (an error body longer than maxErrorBody), so that the
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
		return scrub(x, secrets...)
	case []any:
		for i := range x {
			x[i] = scrubValue(x[i], secrets)
		}
		return x
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			out[scrub(k, secrets...)] = scrubValue(val, secrets)
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
			return oneLine(scrub(s, secrets...), 128)
		}
	}
	return oneLine(scrub(string(raw), secrets...), 128)
}

// excerpt reduces a non-JSON body (often a gateway's HTML page) to a short
// line of text: tags removed, entities decoded, secret replaced, white space
// collapsed.
func excerpt(body []byte, secrets []string) string {
	// Scrub before cutting: a secret cut in two is no longer found.
	if forms := secretForms(secrets...); len(forms) > 0 {
		body = []byte(scrubForms(string(body), forms))
	}
	if len(body) > 4*maxExcerpt*4 {
		body = body[:4*maxExcerpt*4]
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
	return oneLine(scrub(html.UnescapeString(b.String()), secrets...), maxExcerpt)
}

// retryAfter parses a Retry-After value: seconds, or an HTTP date in any
// form RFC 9110 allows (see parseRetryAfter). A wait too long to count is
// reported as maxRetryAfter, not dropped.
func retryAfter(v string, now time.Time) time.Duration {
	d, _ := parseRetryAfter(v, now)
	return d
}

// retryAfterFromMessage reads the wait out of the 429 body's text, such as
// "Rate limit is exceeded. Try again in 57 seconds.".
func retryAfterFromMessage(msg string) time.Duration {
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
