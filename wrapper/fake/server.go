package fake

import (
	"bytes"
	"crypto/rand"
	"crypto/tls"
	"encoding/pem"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/partnercenter-go/partnercenter/gen"
)

// IDs of the customers the spec documents, which every fake holds.
const (
	// DocumentedCustomerID is the customer of the get-customer reference
	// page, with its company and billing profiles, custom domain and the
	// organization of the organization reference page.
	DocumentedCustomerID = "aaaabbbb-0000-cccc-1111-dddd2222eeee"
	// ContosoCustomerID is the second customer of the list example,
	// "Contoso" with domain contoso.onmicrosoft.com.
	ContosoCustomerID = "0b4ad2fd-5e6c-4a2f-9a8e-1c2d3e4f5a6b"
)

// Options configures a Server. The zero value is a fake holding only the
// documented customers.
type Options struct {
	// ExtraCustomers is the number of generated customers beyond the
	// documented ones, for paging and search. Generated customers cost no
	// memory until one is changed; IDs, names and domains are deterministic
	// (see GeneratedCustomerID).
	ExtraCustomers int
	// ExtraUsers is the number of generated user accounts in every
	// customer's tenant beyond the documented ones, for paging through
	// users. Like generated customers they cost no memory until one is
	// changed; IDs, names and sign-in names are deterministic (see
	// GeneratedUserID).
	ExtraUsers int
	// NextLinkForm chooses how links.next.uri is written: LinkUnversioned
	// ("/customers?...", the default) or LinkVersioned ("/v1/customers?...").
	NextLinkForm LinkForm
	// ValidateResponses checks every answer of the handlers against the spec
	// too. An answer that breaks it is replaced by a 500 and reported by
	// Server.Errors. Tests should turn it on (NewTestServer does).
	ValidateResponses bool
	// OrganizationAsObject answers getCustomerOrganization with a single
	// object instead of the documented one-element array.
	OrganizationAsObject bool
	// LegacyAddressValidation answers validateAddress the way the service did
	// before June 2021: 200 with an empty body for an address that verifies,
	// 400 with code 2007 (the details and corrected address as a JSON
	// document in the description) for any other.
	LegacyAddressValidation bool
	// CountryRulesWrapped answers getCountryValidationRules in the 2021 form,
	// each list wrapped as {"value": [...]} under states, supportedLanguages,
	// supportedCultures and countryCallingCodes, instead of the current flat
	// ...List arrays.
	CountryRulesWrapped bool
	// MaxRecordedRequests bounds the requests kept for Server.Requests; zero
	// means DefaultMaxRecordedRequests, a negative value records nothing.
	MaxRecordedRequests int
	// Addr is the "HOST:PORT" to listen on; "" means DefaultAddr (an unused
	// port on 127.0.0.1). HOST must be loopback (see CheckLoopbackAddr):
	// the fake never listens on another interface.
	Addr string
	// PlainHTTP serves plain HTTP instead of HTTPS, for clients that cannot
	// be made to trust a certificate. Server.CertificatePEM is then nil.
	// Like every Server it listens on loopback only.
	PlainHTTP bool
	// NoAuth accepts requests that carry no bearer token (a request that
	// does carry one is checked as usual). It needs PlainHTTP: it is for
	// clients that rightly send no token over plain HTTP, such as the
	// wrapper with ClientOptions.AllowInsecureHTTP. Without it (the
	// default) a request without a token gets 401 with code 800001, over
	// HTTP as over HTTPS; over HTTPS any non-empty token will do.
	NoAuth bool
	// FreshCertificate serves HTTPS with a self-signed certificate made for
	// this server, for 127.0.0.1, ::1 and localhost, whose key never leaves
	// the process. By default every Server presents the certificate of
	// net/http/httptest, for 127.0.0.1 and ::1 only, whose key is public in
	// the Go sources. Turn it on whenever a program outside this process is
	// told to trust the certificate: trusting httptest's would trust
	// whatever anyone signs with that well-known key.
	FreshCertificate bool
}

// Server is an in-memory Partner Center customer API served over HTTPS on
// the loopback interface. Create it with NewServer or NewTestServer and
// Close it when done. A Server is safe for concurrent use.
type Server struct {
	opts     Options
	spec     *apiSpec
	store    *store
	mux      *http.ServeMux // the generated routes over the strict handlers
	ts       *httptest.Server
	auth     *authState
	faults   *faultState
	recorder *recorder
	cred     *Credential
	certPEM  []byte
	serverID string
	closing  chan struct{}
	close    sync.Once

	errMu sync.Mutex
	errs  []error
}

// NewServer starts a fake Partner Center on https://127.0.0.1 (or the
// loopback address of Options.Addr) with a self-signed certificate (see
// Options.FreshCertificate); HTTPClient and NewClient trust it, and
// CertificatePEM gives it to other programs. opts may be nil.
func NewServer(opts *Options) (*Server, error) {
	var o Options
	if opts != nil {
		o = *opts
	}
	if o.ExtraCustomers < 0 {
		return nil, fmt.Errorf("fake: ExtraCustomers is %d, want 0 or more", o.ExtraCustomers)
	}
	if o.ExtraUsers < 0 || o.ExtraUsers > MaxExtraUsers {
		return nil, fmt.Errorf("fake: ExtraUsers is %d, want 0 to %d", o.ExtraUsers, MaxExtraUsers)
	}
	if o.NextLinkForm != LinkUnversioned && o.NextLinkForm != LinkVersioned {
		return nil, fmt.Errorf("fake: unknown NextLinkForm %v", o.NextLinkForm)
	}
	if o.NoAuth && !o.PlainHTTP {
		return nil, fmt.Errorf("fake: NoAuth needs PlainHTTP: over HTTPS, clients send any bearer token")
	}
	if o.MaxRecordedRequests == 0 {
		o.MaxRecordedRequests = DefaultMaxRecordedRequests
	}
	spec, err := loadSpec()
	if err != nil {
		return nil, err
	}
	key := make([]byte, 32+4) // continuation token key, then server ID
	if _, err := rand.Read(key); err != nil {
		return nil, fmt.Errorf("fake: make token key: %w", err)
	}
	key, serverID := key[:32], key[32:]
	s := &Server{
		opts:     o,
		spec:     spec,
		store:    newStore(spec.seeds, o.ExtraCustomers, o.ExtraUsers),
		auth:     newAuthState(o.NoAuth),
		recorder: &recorder{max: o.MaxRecordedRequests},
		cred:     NewCredential("fake-partner-center-token"),
		serverID: fmt.Sprintf("fake-%x", serverID),
		closing:  make(chan struct{}),
	}
	s.faults = newFaultState(s.auth)
	strict := gen.NewStrictHandlerWithOptions(&api{store: s.store, opts: o, tokenKey: key}, nil, gen.StrictHTTPServerOptions{
		RequestErrorHandlerFunc: func(w http.ResponseWriter, _ *http.Request, err error) {
			refuse(w, invalidInput("Invalid request input: %s", firstLine(err.Error())))
		},
		ResponseErrorHandlerFunc: s.responseError,
	})
	s.mux = http.NewServeMux()
	gen.HandlerWithOptions(strict, gen.StdHTTPServerOptions{
		BaseURL:          "/" + apiVersion,
		BaseRouter:       s.mux,
		ErrorHandlerFunc: s.paramError,
	})
	ln, err := listen(o.Addr)
	if err != nil {
		return nil, err
	}
	s.ts = httptest.NewUnstartedServer(http.HandlerFunc(s.serveHTTP))
	_ = s.ts.Listener.Close() // httptest's own listener, replaced by the checked one
	s.ts.Listener = ln
	// Dropped connections and clients that go away make net/http log; the
	// fake's own failures go to Errors instead.
	s.ts.Config.ErrorLog = log.New(io.Discard, "", 0)
	if o.PlainHTTP {
		s.ts.Start()
		return s, nil
	}
	if o.FreshCertificate {
		cert, err := newCertificate()
		if err != nil {
			_ = ln.Close()
			return nil, err
		}
		s.ts.TLS = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	}
	s.ts.StartTLS()
	s.certPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: s.ts.Certificate().Raw})
	return s, nil
}

// NewTestServer starts a Server for a test: it turns on
// Options.ValidateResponses, closes the server when the test ends, and
// fails the test if the fake sent an answer that breaks the spec. opts may
// be nil.
func NewTestServer(t testing.TB, opts *Options) *Server {
	t.Helper()
	var o Options
	if opts != nil {
		o = *opts
	}
	o.ValidateResponses = true
	s, err := NewServer(&o)
	if err != nil {
		t.Fatalf("start fake Partner Center: %v", err)
	}
	t.Cleanup(func() {
		s.Close()
		for _, err := range s.Errors() {
			t.Errorf("fake Partner Center: %v", err)
		}
	})
	return s
}

// Close stops the server, dropping delayed requests, and waits for the
// requests being served. It is safe to call more than once.
func (s *Server) Close() {
	s.close.Do(func() {
		close(s.closing)
		s.ts.Close()
	})
}

// URL is the base URL of the server without the API version, such as
// "https://127.0.0.1:41234" ("http://..." with Options.PlainHTTP).
func (s *Server) URL() string { return s.ts.URL }

// CertificatePEM returns the server's self-signed certificate in PEM form,
// for clients outside this process to trust (for example through
// NODE_EXTRA_CA_CERTS or SSL_CERT_FILE); nil with Options.PlainHTTP. Give
// it to other programs only with Options.FreshCertificate.
func (s *Server) CertificatePEM() []byte { return bytes.Clone(s.certPEM) }

// HTTPClient returns a new HTTP client that trusts the server's certificate.
// Clients share one transport and its connections.
func (s *Server) HTTPClient() *http.Client {
	return &http.Client{Transport: s.ts.Client().Transport}
}

// Credential is the credential NewClient gives clients; use it to count
// token requests or make them fail.
func (s *Server) Credential() *Credential { return s.cred }

// Faults returns the fault injection controls of this server.
func (s *Server) Faults() *Faults { return &Faults{state: s.faults} }

// Requests returns the requests received so far, oldest first (at most
// Options.MaxRecordedRequests of the most recent ones).
func (s *Server) Requests() []RecordedRequest { return s.recorder.snapshot() }

// RequestCount returns how many requests the server has received, also
// those beyond Options.MaxRecordedRequests that Requests no longer holds.
func (s *Server) RequestCount() uint64 { return s.recorder.count() }

// RequestsFor returns the recorded requests for one operation, such as
// "getCustomer".
func (s *Server) RequestsFor(operation string) []RecordedRequest {
	var out []RecordedRequest
	for _, r := range s.recorder.snapshot() {
		if r.Operation == operation {
			out = append(out, r)
		}
	}
	return out
}

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() { s.recorder.reset() }

// Errors returns the fake's own failures so far: answers that broke the
// spec (with Options.ValidateResponses) and handler errors. A correct fake
// used correctly reports none.
func (s *Server) Errors() []error {
	s.errMu.Lock()
	defer s.errMu.Unlock()
	return append([]error(nil), s.errs...)
}

// recordError adds err to Errors.
func (s *Server) recordError(err error) {
	s.errMu.Lock()
	defer s.errMu.Unlock()
	s.errs = append(s.errs, err)
}

// callIDs are the request and correlation IDs of one call.
type callIDs struct {
	requestID, correlationID string
}
