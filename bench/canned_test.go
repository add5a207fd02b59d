package bench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// benchToken is the bearer token the benchmarks' clients send. It is a
// made-up value: nothing here ever talks to Entra ID or Partner Center.
const benchToken = "bench-token-not-a-secret"

// contentTypeJSON is the Content-Type of the canned answers, as the fake
// (and the service) send it.
const contentTypeJSON = "application/json; charset=utf-8"

// cannedServer is a loopback TLS server that answers with bodies prepared
// in advance, so that a request costs the server little more than
// net/http's own work and the client's share of a benchmark stands out:
//
//	GET    /v1/customers/{id}                 the customer (200)
//	GET    /v1/customers?size=...             a page of customers (200)
//	POST   /v1/customers                      a created customer (201)
//	PATCH  /v1/customers/{id}/users/{userId}  an updated user (200)
//	DELETE /v1/customers/{id}/users/{userId}  nothing (204)
//
// The answers other than the customers' are the fake's (opAnswers). It
// speaks HTTP/1.1 only, as the fake does, and counts the connections it
// accepts.
type cannedServer struct {
	srv     *httptest.Server
	bodies  *customerBodies
	answers *opAnswers // nil: customers only
	conns   atomic.Int64
}

// customerBodies are the answers of a cannedServer.
type customerBodies struct {
	ids  []string          // in the order the fake lists them
	byID map[string][]byte // lower-case ID -> body
}

// newCustomerBodies prepares n customers: the documented one, as the fake
// serves it, and copies of it (with the ID replaced) for the fake's
// generated IDs 0..n-2.
func newCustomerBodies(tb testing.TB, n int) *customerBodies {
	tb.Helper()
	cb, err := buildCustomerBodies(n)
	if err != nil {
		tb.Fatal(err)
	}
	return cb
}

// buildCustomerBodies does the work of newCustomerBodies; the canned child
// process, which has no testing.TB, calls it directly.
func buildCustomerBodies(n int) (*customerBodies, error) {
	doc, err := documentedCustomer()
	if err != nil {
		return nil, err
	}
	cb := &customerBodies{ids: make([]string, 0, n), byID: make(map[string][]byte, n)}
	cb.add(fake.DocumentedCustomerID, doc)
	for i := range n - 1 {
		id := fake.GeneratedCustomerID(i)
		cb.add(id, bytes.ReplaceAll(doc, []byte(fake.DocumentedCustomerID), []byte(id)))
	}
	return cb, nil
}

// add adds one customer.
func (cb *customerBodies) add(id string, body []byte) {
	cb.ids = append(cb.ids, id)
	cb.byID[strings.ToLower(id)] = body
}

// newCannedServer starts a server answering with bodies (and, unless it
// is nil, answers); it is closed when tb ends (or earlier by the caller).
func newCannedServer(tb testing.TB, bodies *customerBodies, answers *opAnswers) *cannedServer {
	tb.Helper()
	cs := startCannedServer(bodies, answers)
	tb.Cleanup(cs.srv.Close)
	return cs
}

// startCannedServer starts a server answering with bodies (and, unless
// it is nil, answers); the caller closes it (cs.srv.Close).
func startCannedServer(bodies *customerBodies, answers *opAnswers) *cannedServer {
	cs := &cannedServer{bodies: bodies, answers: answers}
	cs.srv = httptest.NewUnstartedServer(http.HandlerFunc(cs.serve))
	cs.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	cs.srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			cs.conns.Add(1)
		}
	}
	cs.srv.StartTLS()
	return cs
}

// URL is the server's base URL, without the API version.
func (cs *cannedServer) URL() string { return cs.srv.URL }

// Client returns an HTTP client that trusts the server's certificate.
func (cs *cannedServer) Client() *http.Client { return cs.srv.Client() }

// Conns returns the number of connections accepted so far.
func (cs *cannedServer) Conns() int64 { return cs.conns.Load() }

// serve answers one request: 401 without a bearer token, 404 for an
// unknown path or customer, else the answer (see cannedServer) with the
// IDs echoed as the service does. A request body is read to its end.
func (cs *cannedServer) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
		http.Error(w, `{"code":800001,"description":"Unauthorized"}`, http.StatusUnauthorized)
		return
	}
	_, _ = io.Copy(io.Discard, r.Body)
	status, body := cs.answer(r)
	if status == 0 {
		http.Error(w, `{"code":60003,"description":"Tenant not found."}`, http.StatusNotFound)
		return
	}
	if v := r.Header.Get("MS-RequestId"); v != "" {
		h.Set("MS-RequestId", v)
	}
	if v := r.Header.Get("MS-CorrelationId"); v != "" {
		h.Set("MS-CorrelationId", v)
	}
	if body == nil {
		w.WriteHeader(status)
		return
	}
	h.Set("Content-Type", contentTypeJSON)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// answer returns the status and body of the answer to r; status 0 when
// there is none.
func (cs *cannedServer) answer(r *http.Request) (status int, body []byte) {
	rest, ok := strings.CutPrefix(r.URL.Path, "/v1/customers")
	if !ok {
		return 0, nil
	}
	if id, ok := strings.CutPrefix(rest, "/"); ok && !strings.Contains(id, "/") {
		if body := cs.bodies.byID[strings.ToLower(id)]; body != nil && r.Method == http.MethodGet {
			return http.StatusOK, body
		}
		return 0, nil
	}
	a := cs.answers
	if a == nil {
		return 0, nil
	}
	switch {
	case rest == "" && r.Method == http.MethodGet:
		return http.StatusOK, a.page
	case rest == "" && r.Method == http.MethodPost:
		return http.StatusCreated, a.created
	case strings.Contains(rest, "/users/") && r.Method == http.MethodPatch:
		return http.StatusOK, a.user
	case strings.Contains(rest, "/users/") && r.Method == http.MethodDelete:
		return http.StatusNoContent, nil
	}
	return 0, nil
}

var (
	documentedOnce sync.Once
	documentedBody []byte
	documentedErr  error
)

// documentedCustomer returns the documented customer exactly as the fake
// serves it, fetched once per process.
func documentedCustomer() ([]byte, error) {
	documentedOnce.Do(func() {
		documentedBody, documentedErr = fetchDocumented()
	})
	return documentedBody, documentedErr
}

// fetchDocumented asks a fresh fake for the documented customer.
func fetchDocumented() ([]byte, error) {
	s, err := fake.NewServer(nil)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	return askFake(s, http.MethodGet, "/v1/customers/"+fake.DocumentedCustomerID, nil, http.StatusOK)
}

// askFake sends one request to the fake s, with a bearer token and, with
// a body, JSON content, and returns the body of the answer, which must
// have status want.
func askFake(s *fake.Server, method, path string, body any, want int) ([]byte, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, s.URL()+path, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+benchToken)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := s.HTTPClient().Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != want {
		return nil, fmt.Errorf("fake answered %s %s with %d, want %d: %s", method, path, resp.StatusCode, want, answer)
	}
	return answer, nil
}

// opAnswers are the answers of the canned server beyond single customers,
// as the fake gives them (see cannedServer).
type opAnswers struct {
	created []byte // createCustomer's 201: the customer, with the administrator's password
	user    []byte // updateCustomerUser's 200
	page    []byte // listCustomers' first page of opPageSize customers
}

// opPageSize is the length of the listing page the canned server serves.
const opPageSize = 20

// The user the operation benchmarks update and delete: a generated user of
// the documented customer.
var opUserID = fake.GeneratedUserID(0)

var (
	opAnswersOnce sync.Once
	opAnswersSet  *opAnswers
	opAnswersErr  error
)

// operationAnswers returns the answers, asked of a fresh fake once per
// process.
func operationAnswers() (*opAnswers, error) {
	opAnswersOnce.Do(func() {
		opAnswersSet, opAnswersErr = fetchOperationAnswers()
	})
	return opAnswersSet, opAnswersErr
}

// fetchOperationAnswers asks a fresh fake (with opPageSize generated
// customers and one generated user) for the answers: it creates
// benchNewCustomer, renames opUserID and lists the first page.
func fetchOperationAnswers() (*opAnswers, error) {
	s, err := fake.NewServer(&fake.Options{ExtraCustomers: opPageSize, ExtraUsers: 1})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	var a opAnswers
	if a.created, err = askFake(s, http.MethodPost, "/v1/customers", benchNewCustomer(), http.StatusCreated); err != nil {
		return nil, err
	}
	userPath := "/v1/customers/" + fake.DocumentedCustomerID + "/users/" + opUserID
	if a.user, err = askFake(s, http.MethodPatch, userPath, benchUserUpdate, http.StatusOK); err != nil {
		return nil, err
	}
	if a.page, err = askFake(s, http.MethodGet, "/v1/customers?size="+strconv.Itoa(opPageSize), nil, http.StatusOK); err != nil {
		return nil, err
	}
	if _, err := askFake(s, http.MethodDelete, userPath, nil, http.StatusNoContent); err != nil {
		return nil, err
	}
	return &a, nil
}
