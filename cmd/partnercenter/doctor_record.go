package main

import (
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"

	"github.com/partnercenter-go/partnercenter/internal/scrub"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

// maxRecordedBody caps the body doctor keeps of one answer; the rest is
// not compared.
const maxRecordedBody = 4 << 20

// answer is one answer doctor recorded: never printed, only compared with
// the spec. Its body is scrubbed of the token.
type answer struct {
	method, path string
	status       int
	header       http.Header
	body         []byte
}

// recorder is the per-try policy (ClientOptions.PerRetryPolicies) through
// which doctor sees the raw answers. It refuses every request that is not
// a GET or HEAD, so doctor cannot change anything, and reads the facts of
// the first token sent (never the token itself).
type recorder struct {
	audience string // the audience the client asks tokens for
	now      func() time.Time

	mu      sync.Mutex
	answers []answer
	token   *tokenFacts
}

// readOnlyError is the refusal of a request that would write.
type readOnlyError struct{ method, path string }

func (e *readOnlyError) Error() string {
	return fmt.Sprintf("doctor only reads: it refused to send %s %s", e.method, e.path)
}

// NonRetriable tells azcore's retry policy not to try again.
func (*readOnlyError) NonRetriable() {}

// Do records one try.
func (r *recorder) Do(req *policy.Request) (*http.Response, error) {
	raw := req.Raw()
	if raw.Method != http.MethodGet && raw.Method != http.MethodHead {
		return nil, &readOnlyError{method: raw.Method, path: raw.URL.Path}
	}
	r.noteToken(raw.Header.Get("Authorization"))
	resp, err := req.Next()
	if err != nil || resp == nil {
		return resp, err
	}
	body := transport.Payload(resp)
	if len(body) > maxRecordedBody {
		body = body[:maxRecordedBody]
	}
	// The transport scrubbed the answer already; this copy is scrubbed
	// again, the pipeline's buffer going back to its pool.
	body = []byte(scrub.String(string(body), scrub.RequestSecrets(raw)...))
	h := resp.Header.Clone()
	r.mu.Lock()
	r.answers = append(r.answers, answer{method: raw.Method, path: raw.URL.Path, status: resp.StatusCode, header: h, body: body})
	r.mu.Unlock()
	return resp, nil
}

// noteToken reads the facts of the first bearer token sent.
func (r *recorder) noteToken(authorization string) {
	scheme, tok, ok := strings.Cut(authorization, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.token == nil {
		f := readToken(strings.TrimSpace(tok), r.audience, r.now())
		r.token = &f
	}
}

// mark returns the number of answers so far, for since.
func (r *recorder) mark() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	return len(r.answers)
}

// since returns the last answer recorded after mark m, with the number of
// tries recorded since (retries included); nil when none was.
func (r *recorder) since(m int) (*answer, int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if len(r.answers) <= m {
		return nil, 0
	}
	a := r.answers[len(r.answers)-1]
	return &a, len(r.answers) - m
}

// tokenFacts returns the facts of the token sent, if any was.
func (r *recorder) tokenFacts() tokenFacts {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.token == nil {
		return tokenFacts{}
	}
	return *r.token
}
