package bench

import (
	"bytes"
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

// cannedServer is a loopback TLS server that answers
// GET /v1/customers/{id} with a customer body prepared in advance, so that
// a request costs the server little more than net/http's own work and the
// client's share of a benchmark stands out. It speaks HTTP/1.1 only, as
// the fake does, and counts the connections it accepts.
type cannedServer struct {
	srv    *httptest.Server
	bodies *customerBodies
	conns  atomic.Int64
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

// newCannedServer starts a server answering with bodies; it is closed
// when tb ends (or earlier by the caller).
func newCannedServer(tb testing.TB, bodies *customerBodies) *cannedServer {
	tb.Helper()
	cs := startCannedServer(bodies)
	tb.Cleanup(cs.srv.Close)
	return cs
}

// startCannedServer starts a server answering with bodies; the caller
// closes it (cs.srv.Close).
func startCannedServer(bodies *customerBodies) *cannedServer {
	cs := &cannedServer{bodies: bodies}
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
// unknown path or customer, else the customer with the IDs echoed as the
// service does.
func (cs *cannedServer) serve(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
		http.Error(w, `{"code":800001,"description":"Unauthorized"}`, http.StatusUnauthorized)
		return
	}
	id, ok := strings.CutPrefix(r.URL.Path, "/v1/customers/")
	body := cs.bodies.byID[strings.ToLower(id)]
	if !ok || r.Method != http.MethodGet || body == nil {
		http.Error(w, `{"code":60003,"description":"Tenant not found."}`, http.StatusNotFound)
		return
	}
	if v := r.Header.Get("MS-RequestId"); v != "" {
		h.Set("MS-RequestId", v)
	}
	if v := r.Header.Get("MS-CorrelationId"); v != "" {
		h.Set("MS-CorrelationId", v)
	}
	h.Set("Content-Type", contentTypeJSON)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	_, _ = w.Write(body)
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
	req, err := http.NewRequest(http.MethodGet, s.URL()+"/v1/customers/"+fake.DocumentedCustomerID, nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Authorization", "Bearer "+benchToken)
	resp, err := s.HTTPClient().Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fake answered %d to the documented customer: %s", resp.StatusCode, body)
	}
	return body, nil
}
