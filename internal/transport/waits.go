package transport

import (
	"net/http"
	"strconv"
	"strings"
	"time"
)

// MaxRetryAfter is the longest wait the client reads from an answer; a
// longer one (or one too large to count) is taken as this. It is far past
// any MaxRetryDelay, so it ends the retries, and ResponseError.RetryAfter
// still reports a wait.
const MaxRetryAfter = 365 * 24 * time.Hour

// Headers that carry a wait.
const (
	headerRetryAfter        = "Retry-After"
	headerRetryAfterMS      = "Retry-After-Ms"
	headerXMSRetryAfterMS   = "X-Ms-Retry-After-Ms"
	retryAfterMSMaxDigits   = 18
	retryAfterSecsMaxDigits = 15
)

// NormaliseRetryAfter rewrites the wait of an answer as Retry-After in
// whole seconds, the only form azcore's retry policy reads correctly: an
// HTTP date in any form RFC 9110 allows (azcore reads only one), a number
// of seconds with white space or too large to count (azcore overflows or
// ignores it), or retry-after-ms headers (which azcore prefers, and would
// overflow on). A value that is none of these is dropped.
func NormaliseRetryAfter(h http.Header, now time.Time) {
	ms := ""
	for _, k := range []string{headerRetryAfterMS, headerXMSRetryAfterMS} {
		if v := strings.TrimSpace(h.Get(k)); v != "" && ms == "" {
			ms = v
		}
		h.Del(k)
	}
	v := h.Get(headerRetryAfter)
	if v == "" && ms != "" {
		if allDigits(ms) {
			d := MaxRetryAfter
			if len(ms) <= retryAfterMSMaxDigits {
				n, _ := strconv.ParseInt(ms, 10, 64)
				d = min(time.Duration(n)*time.Millisecond, MaxRetryAfter)
			}
			h.Set(headerRetryAfter, FormatSeconds(d))
		}
		return
	}
	if v == "" {
		return
	}
	d, ok := ParseRetryAfter(v, now)
	if !ok {
		h.Del(headerRetryAfter)
		return
	}
	h.Set(headerRetryAfter, FormatSeconds(d))
}

// FormatSeconds renders d as whole seconds, rounded up: the wait is never
// shortened.
func FormatSeconds(d time.Duration) string {
	return strconv.FormatInt(int64((d+time.Second-1)/time.Second), 10)
}

// ParseRetryAfter reads a Retry-After value: delay-seconds (digits only),
// or an HTTP date as IMF-fixdate, the obsolete RFC 850 form (two-digit
// year read as RFC 9110 says: never more than 50 years ahead) or asctime.
// A date in the past means no wait. ok is false for anything else.
func ParseRetryAfter(v string, now time.Time) (d time.Duration, ok bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if allDigits(v) {
		if len(v) > retryAfterSecsMaxDigits {
			return MaxRetryAfter, true
		}
		n, _ := strconv.ParseInt(v, 10, 64)
		return min(time.Duration(n)*time.Second, MaxRetryAfter), true
	}
	t, ok := parseHTTPDate(v, now)
	if !ok {
		return 0, false
	}
	d = t.Sub(now)
	if d < 0 {
		return 0, true
	}
	return min(d.Round(time.Second), MaxRetryAfter), true
}

// parseHTTPDate parses the three HTTP-date forms of RFC 9110, all in GMT.
func parseHTTPDate(v string, now time.Time) (time.Time, bool) {
	if t, err := time.Parse(http.TimeFormat, v); err == nil {
		return t, true
	}
	// rfc850-date: Sunday, 06-Nov-94 08:49:37 GMT. time.RFC850 accepts any
	// zone name; HTTP allows only GMT.
	if strings.HasSuffix(v, " GMT") {
		if t, err := time.Parse("Monday, 02-Jan-06 15:04:05 GMT", v); err == nil {
			year := now.Year() - now.Year()%100 + t.Year()%100
			if year > now.Year()+50 {
				year -= 100
			}
			return time.Date(year, t.Month(), t.Day(), t.Hour(), t.Minute(), t.Second(), 0, time.UTC), true
		}
	}
	// asctime-date: Sun Nov  6 08:49:37 1994 (two spaces before a one-digit day).
	if t, err := time.Parse(time.ANSIC, v); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// allDigits reports whether s is one or more ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// RetryAfter reads a Retry-After value: seconds, or an HTTP date in any
// form RFC 9110 allows (see ParseRetryAfter). A wait too long to count is
// reported as MaxRetryAfter, not dropped.
func RetryAfter(v string, now time.Time) time.Duration {
	d, _ := ParseRetryAfter(v, now)
	return d
}
