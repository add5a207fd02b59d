package fake

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/google/uuid"
	"github.com/partnercenter-go/partnercenter/gen"
)

// utf8BOM is the byte-order mark some Partner Center answers start with.
var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// serveHTTP is the fake's entry point. A request goes through: IDs and
// server headers, routing against the spec, recording, injected faults,
// the bearer token and spec checks, the generated handlers (into a buffer),
// the optional answer check, and the faults that alter answers.
func (s *Server) serveHTTP(w http.ResponseWriter, r *http.Request) {
	arrived := time.Now()
	ids := callIDsFor(r)
	h := w.Header()
	h.Set("MS-RequestId", ids.requestID)
	h.Set("MS-CorrelationId", ids.correlationID)
	h.Set("MS-ServerId", s.serverID)
	if cv := r.Header.Get("MS-CV"); cv != "" {
		h.Set("MS-CV", cv)
	}

	m := s.route(r)
	seq := s.recorder.add(r, m.operation, arrived)
	var out outcome
	finished := false
	defer func() {
		if !finished {
			s.recorder.finish(seq, out.status, out.faults, out.refusal)
		}
	}()
	out = s.serve(w, r, m)
	if out.drop {
		// Record first, so a client that sees the dropped connection
		// finds the request already recorded.
		s.recorder.finish(seq, out.status, out.faults, out.refusal)
		finished = true
		dropConnection(w)
	}
}

// outcome is what serve did with a request, for the recording.
type outcome struct {
	status  int      // the status sent, 0 for none
	faults  []string // the faults injected
	refusal string   // why the request was refused as breaking the spec
	drop    bool     // handled, but the caller must drop the connection instead of answering
}

// serve answers one request.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, m match) outcome {
	inj := s.faults.before(m.operation, r.URL.Path, m.unversioned, m.customerKey())
	var faults []string
	if inj.latency > 0 {
		faults = append(faults, "latency")
		if !s.sleep(r.Context(), inj.latency) {
			// The client gave up or the server is closing: send nothing.
			panic(http.ErrAbortHandler)
		}
	}
	if inj.fault != nil {
		faults = append(faults, inj.fault.kind.name())
		if inj.fault.kind == kindDrop {
			// Dropped by serveHTTP once recorded: a client that sees the
			// connection close then finds the request in the recording.
			return outcome{faults: faults, drop: true}
		}
		return outcome{status: s.inject(w, r, inj), faults: faults}
	}
	if inj.throttled {
		faults = append(faults, "throttle")
		setRetryAfter(w.Header(), inj.wait, inj.retryAfterDate)
		writeJSON(w, http.StatusTooManyRequests, throttleBody(inj.wait))
		return outcome{status: http.StatusTooManyRequests, faults: faults}
	}

	resp := newBufferedResponse()
	s.handle(resp, r, m)
	// The organization as a bare object is a quirk the service shows and the
	// spec does not describe: with OrganizationAsObject it is the point.
	quirk := s.opts.OrganizationAsObject && m.operation == gen.OperationGetCustomerOrganization
	if s.opts.ValidateResponses && m.route != nil && !quirk && !s.documentedDeviation(m, resp) {
		if err := s.validateResponse(r.Context(), m, resp); err != nil {
			s.recordError(fmt.Errorf("fake: answer %d to %s %s (%s) breaks the spec: %w",
				resp.status, r.Method, r.URL.Path, m.operation, err))
			resp = newBufferedResponse()
			newAPIError(http.StatusInternalServerError).
				withDescription("The fake Partner Center's answer broke the spec: " + firstLine(err.Error())).
				write(resp)
		}
	}
	if s.faults.dropAfterCommit(m.operation, r.URL.Path, m.unversioned) {
		return outcome{faults: append(faults, kindDropAfterCommit.name()), drop: true}
	}
	var post after
	if resp.body.Len() > 0 && r.Method != http.MethodHead {
		post = s.faults.afterHandled(m.operation, r.URL.Path, m.unversioned)
	}
	s.flush(w, r, resp, post)
	return outcome{status: resp.status, faults: append(faults, post.names()...), refusal: resp.refusal}
}

// handle runs the checks and the generated handler, writing into w.
func (s *Server) handle(w *bufferedResponse, r *http.Request, m match) {
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			s.recordError(fmt.Errorf("fake: %s %s panicked: %v", r.Method, r.URL.Path, v))
			w.reset()
			newAPIError(http.StatusInternalServerError).write(w)
		}
	}()
	if m.err != nil {
		refuse(w, m.err)
		return
	}
	query, apiErr := s.validateRequest(r.Context(), r, m)
	if apiErr != nil {
		if apiErr == errTokenExpired {
			// Expired by Faults.ExpireTokens: the client did nothing wrong.
			apiErr.write(w)
			return
		}
		refuse(w, apiErr)
		return
	}
	r = r.WithContext(context.WithValue(r.Context(), queryKey{}, query))
	if _, pattern := s.mux.Handler(r); pattern == "" {
		// The spec and the generated routes disagree on this path; answer
		// as for any unknown path rather than with net/http's text.
		refuse(w, notFoundPath(r.URL.Path))
		return
	}
	s.mux.ServeHTTP(w, r)
}

// flush sends a buffered answer, with the faults that alter it.
func (s *Server) flush(w http.ResponseWriter, r *http.Request, resp *bufferedResponse, post after) {
	h := w.Header()
	for k, v := range resp.header {
		h[k] = v
	}
	body := resp.body.Bytes()
	if r.Method == http.MethodHead {
		body = nil
		h.Del("Content-Type")
		h.Del("Content-Length")
	} else {
		if h.Get("Content-Type") == "application/json" {
			h.Set("Content-Type", contentTypeJSON)
		}
		if post.truncate {
			body = body[:len(body)/2]
		}
		if post.bom {
			body = append(append([]byte(nil), utf8BOM...), body...)
		}
		if post.wrongContentType {
			h.Set("Content-Type", "text/plain; charset=utf-8")
		}
		h.Set("Content-Length", strconv.Itoa(len(body)))
	}
	w.WriteHeader(resp.status)
	_, _ = w.Write(body)
}

// inject writes an injected fault and returns the status sent.
func (s *Server) inject(w http.ResponseWriter, r *http.Request, inj injection) int {
	f := inj.fault
	h := w.Header()
	switch f.kind {
	case kindHTMLGateway:
		text := fmt.Sprintf("%d %s", f.failure.Status, http.StatusText(f.failure.Status))
		page := "<!DOCTYPE html>\r\n<html><head><title>" + text + "</title></head><body><h1>" + text +
			"</h1><p>The gateway could not get an answer from the service. Try again later.</p></body></html>\r\n"
		h.Set("Content-Type", "text/html; charset=utf-8")
		h.Set("Content-Length", strconv.Itoa(len(page)))
		w.WriteHeader(f.failure.Status)
		_, _ = w.Write([]byte(page))
	case kindEmptyGateway:
		h.Set("Content-Length", "0")
		w.WriteHeader(f.failure.Status)
	case kindOversized:
		code, _ := defaultFault(f.failure.Status)
		e := &apiError{status: f.failure.Status, code: code}
		fault := e.body()
		fault.Description = strings.Repeat("x", f.size)
		writeJSON(w, f.failure.Status, fault)
	default: // kindFail
		fl := f.failure
		retryAfter := fl.RetryAfter
		if fl.OmitRetryAfter {
			retryAfter = 0
		} else if retryAfter == 0 && fl.Status == http.StatusTooManyRequests {
			retryAfter = time.Second
		}
		if retryAfter != 0 {
			setRetryAfter(h, retryAfter, inj.retryAfterDate)
		}
		if fl.Status == http.StatusTooManyRequests {
			writeJSON(w, fl.Status, throttleBody(retryAfter))
			break
		}
		e := newAPIError(fl.Status)
		if fl.Code != "" {
			e.code = fl.Code
		}
		if fl.Description != "" {
			e.description = fl.Description
		}
		e.codeAsString = fl.CodeAsString
		e.write(w)
	}
	return f.failure.Status
}

// dropConnection closes the client's connection without an answer.
func dropConnection(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

// documentedDeviation reports whether an answer departs from the spec in a
// way the reference pages document, so the answer check lets it pass: the
// empty 200 of the pre-2021 address validation.
func (s *Server) documentedDeviation(m match, resp *bufferedResponse) bool {
	return s.opts.LegacyAddressValidation && m.operation == "validateAddress" &&
		resp.status == http.StatusOK && resp.body.Len() == 0
}

// setRetryAfter sets Retry-After to d in whole seconds, or as an HTTP date.
func setRetryAfter(h http.Header, d time.Duration, asDate bool) {
	secs := retryAfterSeconds(d)
	if asDate {
		h.Set("Retry-After", time.Now().Add(time.Duration(secs)*time.Second).UTC().Format(http.TimeFormat))
		return
	}
	h.Set("Retry-After", strconv.Itoa(secs))
}

// sleep waits d and reports whether it did, rather than the client going
// away or the server closing.
func (s *Server) sleep(ctx context.Context, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	case <-s.closing:
		return false
	}
}

// callIDsFor takes the request and correlation IDs from r, making up the
// ones that are missing or not GUIDs.
func callIDsFor(r *http.Request) callIDs {
	pick := func(name string) string {
		if v := r.Header.Get(name); isGUID(v) {
			return v
		}
		return uuid.NewString()
	}
	return callIDs{requestID: pick("MS-RequestId"), correlationID: pick("MS-CorrelationId")}
}

// bufferedResponse collects a handler's answer so it can be checked and
// altered before it is sent.
type bufferedResponse struct {
	header  http.Header
	status  int
	wrote   bool
	body    bytes.Buffer
	refusal string // set by refuse
}

func newBufferedResponse() *bufferedResponse {
	return &bufferedResponse{header: http.Header{}, status: http.StatusOK}
}

// Header returns the answer's headers.
func (b *bufferedResponse) Header() http.Header { return b.header }

// WriteHeader sets the status; later calls are ignored, as net/http does.
func (b *bufferedResponse) WriteHeader(status int) {
	if !b.wrote {
		b.status, b.wrote = status, true
	}
}

// Write appends to the body.
func (b *bufferedResponse) Write(p []byte) (int, error) {
	b.WriteHeader(http.StatusOK)
	return b.body.Write(p)
}

// reset discards everything written so far.
func (b *bufferedResponse) reset() {
	b.header = http.Header{}
	b.status, b.wrote = http.StatusOK, false
	b.body.Reset()
	b.refusal = ""
}

// refuse answers with e a request that breaks the spec, noting the reason
// for RecordedRequest.Refusal when w is the fake's buffered answer.
func refuse(w http.ResponseWriter, e *apiError) {
	if b, ok := w.(*bufferedResponse); ok {
		b.refusal = e.description
	}
	e.write(w)
}
