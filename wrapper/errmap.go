package wrapper

import (
	"bytes"
	"encoding/json"
	"html"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// maxExcerpt is how much of a non-JSON error body a ResponseError keeps.
const maxExcerpt = 200

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
	e := &ResponseError{
		StatusCode:    resp.StatusCode,
		Operation:     op,
		CorrelationID: resp.Header.Get(headerCorrelationID),
		RequestID:     resp.Header.Get(headerRequestID),
	}
	if r := resp.Request; r != nil {
		e.Method = r.Method
		if r.URL != nil {
			e.Path = r.URL.Path
		}
		if e.CorrelationID == "" {
			e.CorrelationID = r.Header.Get(headerCorrelationID)
		}
		if e.RequestID == "" {
			e.RequestID = r.Header.Get(headerRequestID)
		}
	}
	e.CorrelationID = oneLine(e.CorrelationID, 64)
	e.RequestID = oneLine(e.RequestID, 64)
	body, _ := runtime.Payload(resp) // a failed read leaves what was read, or nothing
	if tok := requestToken(resp); len(tok) >= 8 {
		// Should the service ever echo the token, drop it before anything
		// is parsed or cut short.
		body = bytes.ReplaceAll(body, []byte(tok), []byte("REDACTED"))
	}
	parseErrorBody(e, body)
	if e.Description == "" {
		e.Description = http.StatusText(resp.StatusCode)
	}
	e.RetryAfter = retryAfter(resp.Header.Get("Retry-After"), time.Now())
	if e.RetryAfter == 0 && resp.StatusCode == http.StatusTooManyRequests {
		e.RetryAfter = retryAfterFromMessage(e.Description)
	}
	if resp.StatusCode == http.StatusForbidden {
		e.GDAPRoles = gdapRoles(op)
	}
	return e
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
// of any other body.
func parseErrorBody(e *ResponseError, body []byte) {
	body = bytes.TrimSpace(trimBOM(body))
	if len(body) == 0 {
		return
	}
	var eb errorBody
	if body[0] == '{' && json.Unmarshal(body, &eb) == nil {
		e.Code = rawText(eb.Code)
		e.Data = eb.Data
		if eb.Source != nil {
			e.Source = oneLine(*eb.Source, 128)
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
					e.Code = rawText(ne.Code)
				}
				if e.Description == "" {
					e.Description = ne.Message
				}
			} else if e.Description == "" {
				e.Description = rawText(eb.Error)
			}
		}
		e.Description = oneLine(e.Description, maxDescriptionLen)
		return
	}
	e.Description = excerpt(body)
}

// rawText renders a JSON scalar as text: a string without its quotes, a
// number as written; other values as compact JSON on one line.
func rawText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return ""
	}
	if raw[0] == '"' {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			return oneLine(s, 128)
		}
	}
	return oneLine(string(raw), 128)
}

// excerpt reduces a non-JSON body (often a gateway's HTML page) to a short
// line of text: tags removed, entities decoded, white space collapsed.
func excerpt(body []byte) string {
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
	return oneLine(html.UnescapeString(b.String()), maxExcerpt)
}

// retryAfter parses a Retry-After value: seconds, or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n <= 0 || n > 24*3600 {
			return 0
		}
		return time.Duration(n) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d.Round(time.Second)
		}
	}
	return 0
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
