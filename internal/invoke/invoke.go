// Package invoke is the one path every operation of the client takes: the
// call's IDs and span, the request the generated client builds, sent
// through the pipeline, and the answer read by the generated parser or
// turned into an error. The errors themselves are the wrapper's
// (wrapper.ResponseError), built through the Runtime's functions.
package invoke

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/tracing"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/pipeline"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

// Span attributes naming the IDs of a call, for support requests.
const (
	AttrRequestID     = "partnercenter.request_id"
	AttrCorrelationID = "partnercenter.correlation_id"
)

// Causes of a malformed answer.
var (
	ErrNotJSON   = errors.New("the body is not the JSON the operation answers with")
	ErrEmptyBody = errors.New("the body is empty")
	ErrNullBody  = errors.New("the body is null")
)

// Send sends one operation's request through the generated client,
// applying edit (which sets the call's IDs) to the request it builds.
type Send func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error)

// Runtime is what every call of one client shares.
type Runtime struct {
	// Tracer opens the operation's span.
	Tracer tracing.Tracer
	// Refused builds the error of an answer the operation does not accept.
	Refused func(op string, resp *http.Response) error
	// Malformed builds the error of a 2xx answer that cannot be used.
	Malformed func(op string, resp *http.Response, body []byte, cause error) error
	// Unavailable refuses, before any request, an operation the client's
	// cloud lacks; nil lets every operation through.
	Unavailable func(op string) error
}

// Call is one call's settings.
type Call struct {
	// Op is the operationId.
	Op string
	// CorrelationID is the caller's MS-CorrelationId; "" takes the
	// context's (WithCorrelationID), else one made up for the call.
	CorrelationID string
	// ValidateMFA sends ValidateMfa: true.
	ValidateMFA bool
	// OK accepts a status; nil accepts any 2xx.
	OK func(status int) bool
	// EmptyOK hands a success answer without a body to the parser instead
	// of calling it malformed.
	EmptyOK bool
}

// Created is the Call.OK of an operation whose success is a 201.
func Created(status int) bool { return status == http.StatusCreated }

// correlationKey is the context key of WithCorrelationID.
type correlationKey struct{}

// WithCorrelationID returns a context whose calls send id as
// MS-CorrelationId (unless their Call names one).
func WithCorrelationID(ctx context.Context, id string) context.Context {
	return context.WithValue(ctx, correlationKey{}, id)
}

// ContextCorrelationID returns the ID WithCorrelationID set, if any.
func ContextCorrelationID(ctx context.Context) string {
	id, _ := ctx.Value(correlationKey{}).(string)
	return id
}

// Do runs one call: it refuses an operation of another cloud and a
// malformed correlation ID before any request; makes up the call's
// MS-RequestId, which every try shares, when a span needs it (the
// pipeline's per-call policy makes up what is missing otherwise); opens
// the span (named after the operationId, carrying both IDs; each try is a
// child HTTP span); sends; and reads the answer with parse. An answer
// call.OK refuses becomes rt.Refused's error; a 2xx the parser cannot
// read, or whose body is empty or JSON null, rt.Malformed's.
func Do[R any](ctx context.Context, rt *Runtime, call Call, send Send, parse func(*http.Response) (R, error)) (_ R, _ *http.Response, err error) {
	var zero R
	op := call.Op
	if rt.Unavailable != nil {
		if err := rt.Unavailable(op); err != nil {
			return zero, nil, err
		}
	}
	corr := call.CorrelationID
	what := "correlation ID"
	if corr == "" {
		corr, what = ContextCorrelationID(ctx), "correlation ID (from the context)"
	}
	if corr != "" {
		if err := check.InputGUID(what, corr); err != nil {
			return zero, nil, err
		}
	}
	edit := gen.RequestEditorFn(keepHeaders)
	if rt.Tracer.Enabled() {
		reqID, newCorr := pipeline.NewIDs()
		if corr == "" {
			corr = newCorr
		}
		edit = setHeaders(reqID, corr, call.ValidateMFA)
		var end func(error)
		ctx, end = runtime.StartSpan(ctx, op, rt.Tracer, &runtime.StartSpanOptions{
			Kind: tracing.SpanKindInternal,
			Attributes: []tracing.Attribute{
				{Key: AttrRequestID, Value: reqID},
				{Key: AttrCorrelationID, Value: corr},
			},
		})
		defer func() { end(err) }()
	} else if corr != "" || call.ValidateMFA {
		edit = setHeaders("", corr, call.ValidateMFA)
	}
	resp, err := send(ctx, edit)
	if err != nil {
		var wait *pipeline.WaitPastDeadline
		if resp != nil && errors.As(err, &wait) {
			// The answer's wait does not fit in the context's deadline: its
			// error (with RetryAfter) lets the caller schedule the retry.
			defer transport.Drain(resp)
			return zero, resp, rt.Refused(op, resp)
		}
		return zero, nil, fmt.Errorf("partnercenter: %s: %w", op, err)
	}
	success := resp.StatusCode >= 200 && resp.StatusCode <= 299
	if call.OK == nil && !success || call.OK != nil && !call.OK(resp.StatusCode) {
		defer transport.Drain(resp)
		return zero, resp, rt.Refused(op, resp)
	}
	body := transport.Payload(resp)
	if !success {
		// An error status the operation reads itself (the older address
		// validation's 400): a body the parser cannot read is the error it
		// is, not a malformed success.
		r, err := parse(resp)
		if err != nil {
			return zero, resp, rt.Refused(op, resp)
		}
		return r, resp, nil
	}
	switch t := bytes.TrimSpace(body); {
	case len(t) == 0 && !call.EmptyOK && resp.Request != nil && resp.Request.Method != http.MethodHead && resp.StatusCode != http.StatusNoContent:
		return zero, resp, rt.Malformed(op, resp, body, ErrEmptyBody)
	case bytes.Equal(t, []byte("null")):
		return zero, resp, rt.Malformed(op, resp, body, ErrNullBody)
	}
	r, err := parse(resp)
	if err != nil {
		return zero, resp, rt.Malformed(op, resp, body, fmt.Errorf("decoding the JSON: %w", err))
	}
	return r, resp, nil
}

// JSON runs a call whose success answer is JSON and returns it, got from
// the generated response by answer (its JSON200 or JSON201).
func JSON[T, R any](ctx context.Context, rt *Runtime, call Call, send Send, parse func(*http.Response) (R, error), answer func(R) *T) (*T, error) {
	r, resp, err := Do(ctx, rt, call, send, parse)
	if err != nil {
		return nil, err
	}
	v := answer(r)
	if v == nil {
		return nil, rt.Malformed(call.Op, resp, transport.Payload(resp), ErrNotJSON)
	}
	transport.Release(resp)
	return v, nil
}

// The ValidateMfa header.
var (
	canonValidateMFA = http.CanonicalHeaderKey("ValidateMfa")
	validateMFATrue  = []string{"true"}
)

// keepHeaders is the request editor of a call whose IDs the pipeline
// makes up.
func keepHeaders(context.Context, *http.Request) error { return nil }

// setHeaders returns a request editor that sends the given MS-RequestId
// and MS-CorrelationId (unless empty) and, with mfa, ValidateMfa: true.
func setHeaders(reqID, corr string, mfa bool) gen.RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		if reqID != "" {
			req.Header[pipeline.CanonRequestID] = []string{reqID}
		}
		if corr != "" {
			req.Header[pipeline.CanonCorrelationID] = []string{corr}
		}
		if mfa {
			req.Header[canonValidateMFA] = validateMFATrue
		}
		return nil
	}
}

// Answer is what an error reports of the request an answer is to.
type Answer struct{ CorrelationID, RequestID, Method, Path string }

// Answered returns the method and path of the request resp answers, and
// the IDs as the service answered them, else as the request sent them. An
// ID that is not a GUID is not taken: a header is the server's to fill,
// and could carry anything.
func Answered(resp *http.Response) Answer {
	a := Answer{CorrelationID: guidOrEmpty(resp.Header.Get(pipeline.HeaderCorrelationID)),
		RequestID: guidOrEmpty(resp.Header.Get(pipeline.HeaderRequestID))}
	if r := resp.Request; r != nil {
		a.Method = r.Method
		if r.URL != nil {
			// A next link's path is the service's text.
			a.Path = scrub.Line(r.URL.Path, maxQuotedPath, scrub.RequestSecrets(r)...)
		}
		if a.CorrelationID == "" {
			a.CorrelationID = guidOrEmpty(r.Header.Get(pipeline.HeaderCorrelationID))
		}
		if a.RequestID == "" {
			a.RequestID = guidOrEmpty(r.Header.Get(pipeline.HeaderRequestID))
		}
	}
	return a
}

// guidOrEmpty returns s when it is a GUID, else "".
func guidOrEmpty(s string) string {
	s = strings.TrimSpace(s)
	if check.GUID(s) {
		return s
	}
	return ""
}

// maxQuotedPath caps Answer.Path.
const maxQuotedPath = 2048

// AnswerSecrets returns the secrets of the request resp answers, which the
// answer may echo: its bearer token and those of its context
// (scrub.WithSecrets, such as a password an earlier answer handed out).
func AnswerSecrets(resp *http.Response) []string {
	if resp.Request == nil {
		return nil
	}
	return scrub.RequestSecrets(resp.Request)
}

// RequestToken returns the bearer token of the request resp answers.
func RequestToken(resp *http.Response) string {
	if resp.Request == nil {
		return ""
	}
	tok, _ := strings.CutPrefix(resp.Request.Header.Get("Authorization"), "Bearer ")
	return tok
}
