package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// maxServeCustomers is the largest --customers accepted by "fake serve".
const maxServeCustomers = 1_000_000

// fakeURLPrefix starts the line "fake serve" prints once it listens.
const fakeURLPrefix = "fake-url "

// serveOptions are the flags of "fake serve".
type serveOptions struct {
	addr                 string
	plainHTTP            bool
	noAuth               bool
	certFile             string
	urlFile              string
	recordFile           string
	violationsFile       string
	customers            int
	users                int
	organizationAsObject bool
	nextLinkForm         string
	bom                  bool
	duration             time.Duration
	faults               stringList
}

// stringList is a flag that may be repeated.
type stringList []string

func (l *stringList) String() string { return strings.Join(*l, " ") }

// Set adds one occurrence of the flag.
func (l *stringList) Set(v string) error {
	*l = append(*l, v)
	return nil
}

// fakeCommand is the "fake" group.
func (a *app) fakeCommand() *command {
	group := &command{
		name:    "fake",
		summary: "run the embedded Partner Center fake for clients in any language",
		long: "Run the embedded Partner Center fake as a server of its own, so that clients\n" +
			"written in other languages (or generated from openapi.yaml) can be tested\n" +
			"against it without a partner tenant.",
		examples: []string{
			"partnercenter fake serve --cert-file fake.pem --url-file fake.url --duration 10m",
		},
	}
	return group.add(a.fakeServe())
}

// fakeServe is "fake serve".
func (a *app) fakeServe() *command {
	var o serveOptions
	cmd := &command{
		name:    "serve",
		summary: "serve the fake on loopback until interrupted or --duration ends",
		long: "Serve the in-memory Partner Center on a loopback address (127.0.0.1, ::1 or\n" +
			"localhost; never another interface) until SIGINT or SIGTERM, or until\n" +
			"--duration has passed. It holds the customers the spec documents plus\n" +
			"--customers generated ones (and, in every customer's tenant, the documented\n" +
			"users plus --users generated ones), checks every request against openapi.yaml and\n" +
			"answers like the service, errors included.\n" +
			"\n" +
			"As soon as it listens it prints one line on stdout:\n" +
			"  fake-url https://127.0.0.1:PORT\n" +
			"The URL is the base URL without the version: send requests to URL/v1/...\n" +
			"With --url-file the bare URL is also written to FILE (atomically, so a script\n" +
			"polling for the file never reads half of it).\n" +
			"\n" +
			"HTTPS is served with a self-signed certificate for 127.0.0.1, ::1 and\n" +
			"localhost, made for this run; --cert-file writes it as PEM for clients to\n" +
			"trust (Node: NODE_EXTRA_CA_CERTS=FILE; Python: SSL_CERT_FILE=FILE or\n" +
			"REQUESTS_CA_BUNDLE=FILE; curl: --cacert FILE). --http serves plain HTTP,\n" +
			"still on loopback only.\n" +
			"\n" +
			"Tokens: every operation needs \"Authorization: Bearer TOKEN\". The fake\n" +
			"accepts any non-empty TOKEN and never checks what it says; without one it\n" +
			"answers 401 (code 800001, WWW-Authenticate: Bearer). No sign-in happens.\n" +
			"Clients that rightly send no token over plain HTTP (this project's wrapper\n" +
			"with AllowInsecureHTTP, and partnercenter --endpoint http://...) need\n" +
			"--http --no-auth, which accepts requests without a token. Never give the\n" +
			"fake a real token: any string will do.\n" +
			"\n" +
			"Connecting to it, over HTTPS (fake serve --cert-file fake.pem --url-file fake.url):\n" +
			"  partnercenter  PARTNERCENTER_ACCESS_TOKEN=x partnercenter --endpoint URL\n" +
			"                 --ca-file fake.pem customer list\n" +
			"  Go wrapper     wrapper.StaticTokenCredential(\"x\", time.Time{}), Cloud\n" +
			"                 wrapper.CustomCloud(URL, \"https://fake.partnercenter.invalid\", \"\"),\n" +
			"                 a Transport whose RootCAs hold fake.pem\n" +
			"  other clients  base URL URL/v1, \"Authorization: Bearer x\", trust fake.pem\n" +
			"and over plain HTTP (fake serve --http --no-auth --url-file fake.url):\n" +
			"  partnercenter  partnercenter --endpoint URL customer list (no token sent)\n" +
			"  Go wrapper     ClientOptions{AllowInsecureHTTP: true} and any credential\n" +
			"                 (it is never asked for a token)\n" +
			"  other clients  base URL URL/v1, with or without a token\n" +
			"State lives as long as the server: a customer one client creates, every\n" +
			"later request sees, until the server stops.\n" +
			"\n" +
			"The fake says no instead of guessing: a query parameter the operation does\n" +
			"not declare, a filter that is not the documented JSON document, a path or\n" +
			"method the spec does not have get 400, 404 or 405 with an ApiFault body whose\n" +
			"description names the mistake. Such refusals are the spec violations that\n" +
			"--violations reports, with any answer of the fake's own that broke the spec.\n" +
			"\n" +
			"At exit it writes --record and --violations (JSON lines, the most recent\n" +
			"10000 requests at most) and prints a summary line on stderr. Both files are\n" +
			"created with mode 0600 (an existing file is replaced), and neither holds a\n" +
			"credential: the values of the headers Authorization, Proxy-Authorization,\n" +
			"Cookie, X-Ms-Authorization-Auxiliary and of any header or query parameter\n" +
			"whose name contains auth, token, secret, key, cookie, password, passwd,\n" +
			"credential, signature or session (in any case), and of the query parameters\n" +
			"code, sig, pass and pwd, are replaced by REDACTED (an authorization scheme is\n" +
			"kept: \"Bearer REDACTED\"). That covers access_token, token, code,\n" +
			"client_secret, refresh_token, sig, signature, key, password and the like.",
		examples: []string{
			"partnercenter fake serve",
			"partnercenter fake serve --cert-file /tmp/fake.pem --url-file /tmp/fake.url --record /tmp/requests.jsonl --violations /tmp/violations.jsonl",
			"partnercenter fake serve --http --addr 127.0.0.1:8443 --customers 500 --duration 5m",
			"partnercenter fake serve --http --no-auth --url-file /tmp/fake.url",
			"partnercenter fake serve --fault fail-next=2:503@getCustomer --fault throttle=100/1m --fault latency=50ms",
			"partnercenter fake serve --organization-as-object --next-link-form versioned --bom",
		},
		footer: serveFooter,
	}
	cmd.setFlags = func(fs *flag.FlagSet) {
		o = serveOptions{addr: fake.DefaultAddr, nextLinkForm: fake.LinkUnversioned.String()}
		fs.StringVar(&o.addr, "addr", o.addr, "listen on `HOST:PORT`, a loopback address (port 0: any free port)")
		fs.BoolVar(&o.plainHTTP, "http", false, "serve plain HTTP instead of HTTPS (on loopback only, like HTTPS)")
		fs.BoolVar(&o.noAuth, "no-auth", false, "accept requests without a bearer token (needs --http; for clients that send none over plain HTTP)")
		fs.StringVar(&o.certFile, "cert-file", "", "write the server's PEM certificate to `FILE` (HTTPS only)")
		fs.StringVar(&o.urlFile, "url-file", "", "write the base URL to `FILE` once listening")
		fs.StringVar(&o.recordFile, "record", "", "at exit, write the recorded requests to `FILE` as JSON lines")
		fs.StringVar(&o.violationsFile, "violations", "", "at exit, write the spec violations to `FILE` as JSON lines (empty when none)")
		fs.IntVar(&o.customers, "customers", 0, "`N` generated customers on top of the documented ones")
		fs.IntVar(&o.users, "users", 0, "`N` generated users in every customer's tenant on top of the documented ones (paging through users)")
		fs.BoolVar(&o.organizationAsObject, "organization-as-object", false, "answer the organization as one object instead of a one-element array")
		fs.StringVar(&o.nextLinkForm, "next-link-form", o.nextLinkForm, "links.next.uri `FORM`: unversioned (/customers?...) or versioned (/v1/...)")
		fs.BoolVar(&o.bom, "bom", false, "put a UTF-8 byte-order mark before every answer body")
		fs.DurationVar(&o.duration, "duration", 0, "stop after `DURATION`, e.g. 30s or 10m (default: until interrupted)")
		fs.Var(&o.faults, "fault", "inject `SPEC` (repeatable; see Faults below)")
	}
	cmd.run = func(ctx context.Context, _ []string) error {
		return a.serveFake(ctx, cmd, o)
	}
	return cmd
}

// serveFooter documents the fault specs of "fake serve".
const serveFooter = `Faults (--fault SPEC, repeatable; SPEC is KIND[=ARGS][@TARGET]):
  fail-next=N:STATUS[:RETRY]   answer the next N requests with STATUS and an
                               ApiFault body (429: the throttling body and
                               Retry-After 1); RETRY (e.g. 2s) sets Retry-After
  refuse=N:REFUSAL             answer the next N requests with a refusal of the
                               spec's x-refusals, e.g. refuse=1:MFARequired
                               (401, code 900421) or refuse=1:NoRelationship
  throttle=N/PERIOD[:RETRY]    allow N requests per PERIOD (e.g. 100/1m), answer
                               the rest 429 with Retry-After: the real wait, or RETRY
  latency=DURATION             delay every request by DURATION
  html-gateway=N:STATUS        the next N answers are a gateway's HTML page
                               (STATUS 502, 503 or 504)
  empty-gateway=N:STATUS       the next N answers have STATUS and no body
  oversized-error=N:STATUS     the next N answers are ApiFaults of 4 MiB
  drop-connection=N            close the connection of the next N requests
  truncate=N                   cut the next N answer bodies in half
  wrong-content-type=N         label the next N answer bodies text/plain
  retry-after-date             send Retry-After as an HTTP date
  @TARGET limits a fault to an operation ID (getCustomer, listCustomers, ...)
  or, when it starts with "/", to a path prefix (/v1/customers). Counted
  faults hit requests in the order given.

Files written at exit:
  --record      one JSON object per request: time, method, path, query and
                header (credentials redacted, see above: Authorization as
                "Bearer REDACTED"), operation, status, fault (injected
                faults), refusal (why it was refused); mode 0600
  --violations  one JSON object per violation: kind ("refused-request" or
                "fake-error"), message, and for a request its time, method,
                path, query (credentials redacted), operation and status;
                mode 0600
`

// serveFake runs "fake serve" until ctx ends or the duration passes.
func (a *app) serveFake(ctx context.Context, cmd *command, o serveOptions) error {
	opts, err := o.fakeOptions(cmd)
	if err != nil {
		return err
	}
	faults := make([]func(*fake.Faults), 0, len(o.faults))
	for _, spec := range o.faults {
		f, err := parseFault(spec)
		if err != nil {
			return newUsageError(cmd, "invalid --fault %q: %v", spec, err)
		}
		faults = append(faults, f)
	}

	srv, err := fake.NewServer(opts)
	if err != nil {
		return fmt.Errorf("starting the fake: %w", err)
	}
	closed := false
	defer func() {
		if !closed {
			srv.Close()
		}
	}()
	if o.bom {
		srv.Faults().BOM(true)
	}
	for _, f := range faults {
		f(srv.Faults())
	}
	if o.certFile != "" {
		if err := writeFileAtomic(o.certFile, srv.CertificatePEM(), 0o644); err != nil {
			return fmt.Errorf("writing --cert-file: %w", err)
		}
	}
	if o.urlFile != "" {
		if err := writeFileAtomic(o.urlFile, []byte(srv.URL()+"\n"), 0o644); err != nil {
			return fmt.Errorf("writing --url-file: %w", err)
		}
	}
	if _, err := fmt.Fprintln(a.stdout, fakeURLPrefix+srv.URL()); err != nil {
		return err
	}
	if f, ok := a.stdout.(interface{ Flush() error }); ok {
		_ = f.Flush()
	}

	var deadline <-chan time.Time
	if o.duration > 0 {
		t := time.NewTimer(o.duration)
		defer t.Stop()
		deadline = t.C
	}
	select {
	case <-ctx.Done():
	case <-deadline:
	}
	srv.Close()
	closed = true
	return a.writeServeResults(srv, o)
}

// fakeOptions checks the flags and turns them into the fake's options.
func (o serveOptions) fakeOptions(cmd *command) (*fake.Options, error) {
	if err := fake.CheckLoopbackAddr(o.addr); err != nil {
		return nil, newUsageError(cmd, "invalid --addr: %v", err)
	}
	if o.customers < 0 || o.customers > maxServeCustomers {
		return nil, newUsageError(cmd, "invalid --customers %d: must be between 0 and %d", o.customers, maxServeCustomers)
	}
	if o.users < 0 || o.users > fake.MaxExtraUsers {
		return nil, newUsageError(cmd, "invalid --users %d: must be between 0 and %d", o.users, fake.MaxExtraUsers)
	}
	if o.duration < 0 {
		return nil, newUsageError(cmd, "invalid --duration %s: must not be negative", o.duration)
	}
	if o.plainHTTP && o.certFile != "" {
		return nil, newUsageError(cmd, "--cert-file needs HTTPS: drop --http or --cert-file")
	}
	if o.noAuth && !o.plainHTTP {
		return nil, newUsageError(cmd, "--no-auth needs --http: over HTTPS, clients send any bearer token")
	}
	var form fake.LinkForm
	switch o.nextLinkForm {
	case fake.LinkUnversioned.String():
		form = fake.LinkUnversioned
	case fake.LinkVersioned.String():
		form = fake.LinkVersioned
	default:
		return nil, newUsageError(cmd, "invalid --next-link-form %q: use unversioned or versioned", o.nextLinkForm)
	}
	return &fake.Options{
		Addr:                 o.addr,
		PlainHTTP:            o.plainHTTP,
		NoAuth:               o.noAuth,
		FreshCertificate:     true, // other programs will trust it
		ExtraCustomers:       o.customers,
		ExtraUsers:           o.users,
		NextLinkForm:         form,
		OrganizationAsObject: o.organizationAsObject,
		ValidateResponses:    true,
	}, nil
}

// violation is one line of the --violations file.
type violation struct {
	Kind      string     `json:"kind"`
	Message   string     `json:"message"`
	Time      *time.Time `json:"time,omitempty"`
	Method    string     `json:"method,omitempty"`
	Path      string     `json:"path,omitempty"`
	Query     string     `json:"query,omitempty"`
	Operation string     `json:"operation,omitempty"`
	Status    int        `json:"status,omitempty"`
}

// Kinds of violation.
const (
	violationRefused   = "refused-request"
	violationFakeError = "fake-error"
)

// violations lists what broke the spec during the run: requests the fake
// refused, then the fake's own failures.
func violations(reqs []fake.RecordedRequest, errs []error) []violation {
	var out []violation
	for _, r := range reqs {
		if r.Refusal == "" {
			continue
		}
		at := r.Time
		out = append(out, violation{Kind: violationRefused, Message: r.Refusal, Time: &at, Method: r.Method,
			Path: r.Path, Query: r.RawQuery, Operation: r.Operation, Status: r.Status})
	}
	for _, err := range errs {
		out = append(out, violation{Kind: violationFakeError, Message: err.Error()})
	}
	return out
}

// writeServeResults writes the --record and --violations files of a
// stopped server and prints the summary line.
func (a *app) writeServeResults(srv *fake.Server, o serveOptions) error {
	reqs := srv.Requests()
	found := violations(reqs, srv.Errors())
	var errs []error
	if o.recordFile != "" {
		if err := writeJSONLines(o.recordFile, reqs); err != nil {
			errs = append(errs, fmt.Errorf("writing --record: %w", err))
		}
	}
	if o.violationsFile != "" {
		if err := writeJSONLines(o.violationsFile, found); err != nil {
			errs = append(errs, fmt.Errorf("writing --violations: %w", err))
		}
	}
	_, err := fmt.Fprintf(a.stderr, "fake served %d requests, %d violations\n", srv.RequestCount(), len(found))
	errs = append(errs, err)
	return errors.Join(errs...)
}

// writeJSONLines writes one JSON document per item to path, atomically,
// readable by its owner only: a recording of requests is nobody else's
// business, credentials redacted or not.
func writeJSONLines[T any](path string, items []T) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for i := range items {
		if err := enc.Encode(&items[i]); err != nil {
			return err
		}
	}
	return writeFileAtomic(path, b.Bytes(), 0o600)
}

// writeFileAtomic writes data to a temporary file beside path, with mode
// perm, and renames it into place, so that a reader sees either no file or
// all of it. A file already at path is replaced, its mode with it.
func writeFileAtomic(path string, data []byte, perm os.FileMode) (err error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = os.Remove(f.Name())
		}
	}()
	if _, err = f.Write(data); err != nil {
		_ = f.Close()
		return err
	}
	if err = f.Chmod(perm); err != nil {
		_ = f.Close()
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), path)
}
