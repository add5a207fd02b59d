package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/pipeline"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
	"github.com/partnercenter-go/partnercenter/internal/transport"
	"github.com/partnercenter-go/partnercenter/wrapper"
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

// rawReads sends, through a pipeline built like the wrapper's (headers,
// retries, host guard, bearer token, scrubbing transport, and the
// recorder), the customer reads the wrapper has no method for yet; their
// answers are judged from the recorded status and body.
type rawReads struct {
	client *gen.ClientWithResponses
}

// newRawReads builds the pipeline for the client options and credential
// of the run.
func newRawReads(cred azcore.TokenCredential, opts *wrapper.ClientOptions, baseURL string) (*rawReads, error) {
	svc := opts.Cloud.Services[wrapper.ServiceName]
	endpoint, err := check.Endpoint(svc.Endpoint, opts.AllowInsecureHTTP)
	if err != nil {
		return nil, fmt.Errorf("endpoint: %w", err)
	}
	version := opts.APIVersion
	if version == "" {
		version = wrapper.DefaultAPIVersion
	}
	az, _, err := pipeline.New(pipeline.Options{
		Client: opts.ClientOptions, Credential: cred, Scope: strings.TrimRight(svc.Audience, "/") + "/.default",
		Endpoint: endpoint, BasePath: endpoint.Path + "/" + version + "/",
		Locale: opts.Locale, Application: opts.ApplicationName, MaxBody: opts.MaxResponseBody,
		Module: "partnercenter-go", Version: wrapper.Version,
	})
	if err != nil {
		return nil, err
	}
	c, err := gen.NewClientWithResponses(baseURL+"/", gen.WithHTTPClient(&pipeline.Doer{Pipeline: az.Pipeline()}))
	if err != nil {
		return nil, err
	}
	return &rawReads{client: c}, nil
}

// listCustomerUsers reads the first page of the customer's users.
// TODO(users): call wrapper.Client's method once the wrapper has one.
func (r *rawReads) listCustomerUsers(ctx context.Context, customerID string) error {
	id, err := uuid.Parse(customerID)
	if err != nil {
		return err
	}
	resp, err := r.client.ListCustomerUsersWithResponse(ctx, id, &gen.ListCustomerUsersParams{})
	if err != nil {
		return err
	}
	if resp.StatusCode()/100 == 2 {
		return nil
	}
	return rawError(gen.OperationListCustomerUsers, resp.HTTPResponse, resp.Body)
}

// rawError is the *wrapper.ResponseError of an answer outside 2xx that
// did not go through the wrapper: status, Partner Center code and
// description, the IDs, and for a 403 the GDAP roles of the spec.
func rawError(op string, resp *http.Response, body []byte) error {
	e := &wrapper.ResponseError{StatusCode: resp.StatusCode, Operation: op, Method: resp.Request.Method, Path: resp.Request.URL.Path,
		CorrelationID: resp.Header.Get("MS-CorrelationId"), RequestID: resp.Header.Get("MS-RequestId")}
	var fault struct {
		Code        json.RawMessage `json:"code"`
		Description string          `json:"description"`
	}
	if json.Unmarshal(bytes.TrimPrefix(body, []byte("\xEF\xBB\xBF")), &fault) == nil {
		e.Code = oneLine(strings.Trim(string(fault.Code), `"`), 32)
		e.Description = oneLine(fault.Description, 300)
	}
	if info, ok := gen.LookupOperation(op); ok && resp.StatusCode == http.StatusForbidden {
		e.GDAPRoles = info.GDAPRoles
	}
	return e
}
