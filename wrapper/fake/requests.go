package fake

import (
	"net/http"
	"strings"
	"sync"
	"time"
)

// DefaultMaxRecordedRequests is how many requests a Server keeps when
// Options.MaxRecordedRequests is zero.
const DefaultMaxRecordedRequests = 10000

// redacted replaces credentials in recorded headers.
const redacted = "REDACTED"

// RecordedRequest is a request the fake received, as Server.Requests
// reports it. The JSON names are those of the tags, for programs outside Go
// that read a recording.
type RecordedRequest struct {
	// Time is when the request arrived.
	Time time.Time `json:"time"`
	// Method is the HTTP method.
	Method string `json:"method"`
	// Path is the URL path as sent, with the version segment.
	Path string `json:"path"`
	// RawQuery is the query string as sent, without "?", with the value of
	// every credential parameter (access_token, code, client_secret, sig,
	// ...: see credentialNameParts and credentialQueryNames) replaced by
	// REDACTED.
	RawQuery string `json:"query,omitempty"`
	// Header holds the request headers, with the value of every credential
	// header (Authorization, Proxy-Authorization, Cookie,
	// X-Ms-Authorization-Auxiliary, and any header whose name contains auth,
	// token, secret, key, cookie, password, passwd, credential, signature or
	// session, in any case) replaced: by "Scheme REDACTED" when it starts
	// with an authorization scheme ("Bearer REDACTED"), else by REDACTED.
	Header http.Header `json:"header"`
	// Operation is the spec's operationId, such as "getCustomer", or "" when
	// the path and method match no operation.
	Operation string `json:"operation,omitempty"`
	// Status is the status answered; 0 while the request is being served or
	// when no answer was sent (dropped connection, client gone).
	Status int `json:"status"`
	// Fault names the injected faults, comma-separated, or "" for none:
	// fail, throttle, html-gateway, empty-gateway, oversized-error,
	// drop-connection, drop-after-commit, truncate, wrong-content-type, bom, latency.
	Fault string `json:"fault,omitempty"`
	// Refusal is why the fake refused the request as breaking the spec (the
	// description of its 400, 401 for a missing token, or 404 and 405 for a
	// path or method the spec does not have), or "" when it did not. An
	// injected fault is never a refusal.
	Refusal string `json:"refusal,omitempty"`
}

// recorder keeps the most recent requests.
type recorder struct {
	mu    sync.Mutex
	max   int
	base  uint64 // sequence number of reqs[0]
	reqs  []RecordedRequest
	total uint64
}

// add records r's arrival and returns its sequence number.
func (rc *recorder) add(r *http.Request, operation string, at time.Time) uint64 {
	rec := RecordedRequest{
		Time:      at,
		Method:    r.Method,
		Path:      r.URL.Path,
		RawQuery:  redactQuery(r.URL.RawQuery),
		Header:    redactHeader(r.Header),
		Operation: operation,
	}
	rc.mu.Lock()
	defer rc.mu.Unlock()
	seq := rc.total
	rc.total++
	if rc.max <= 0 {
		rc.base = rc.total
		return seq
	}
	if len(rc.reqs) >= rc.max {
		drop := max(1, rc.max/10)
		rc.reqs = append(rc.reqs[:0], rc.reqs[drop:]...)
		rc.base += uint64(drop)
	}
	rc.reqs = append(rc.reqs, rec)
	return seq
}

// finish stores the outcome of request seq.
func (rc *recorder) finish(seq uint64, status int, faults []string, refusal string) {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	if seq < rc.base || seq-rc.base >= uint64(len(rc.reqs)) {
		return
	}
	rec := &rc.reqs[seq-rc.base]
	rec.Status = status
	rec.Fault = strings.Join(faults, ",")
	rec.Refusal = refusal
}

// count returns how many requests were added.
func (rc *recorder) count() uint64 {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return rc.total
}

// snapshot copies the recorded requests, oldest first.
func (rc *recorder) snapshot() []RecordedRequest {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	out := make([]RecordedRequest, len(rc.reqs))
	for i, r := range rc.reqs {
		r.Header = r.Header.Clone()
		out[i] = r
	}
	return out
}

// reset forgets the recorded requests.
func (rc *recorder) reset() {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	rc.base += uint64(len(rc.reqs))
	rc.reqs = nil
}
