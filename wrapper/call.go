package wrapper

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
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

// Span attributes naming the IDs of a call, for support requests.
const (
	attrRequestID     = "partnercenter.request_id"
	attrCorrelationID = "partnercenter.correlation_id"
)

// sendFunc sends one operation's request through the generated client,
// applying edit (which sets the call's IDs) to the request it builds.
type sendFunc func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error)

// jsonResult is a generated response whose success answer is JSON200.
type jsonResult[T any] interface{ GetJSON200() *T }

// call runs one operation whose success is a 200 with a JSON body and
// returns that body, decoded by the generated parser. See invoke.
func call[T any, R jsonResult[T]](ctx context.Context, c *Client, op string, co CallOptions, send sendFunc, parse func(*http.Response) (R, error)) (*T, error) {
	r, resp, err := invoke(ctx, c, op, co, send, parse, nil)
	if err != nil {
		return nil, err
	}
	v := r.GetJSON200()
	if v == nil {
		return nil, newMalformedError(op, resp, transport.Payload(resp), errNotJSON)
	}
	transport.Release(resp)
	return v, nil
}

// created201 is a generated response whose success answer is JSON201.
type created201[T any] interface{ GetJSON201() *T }

// callCreated runs one operation whose success is a 201 with a JSON body
// and returns that body, decoded by the generated parser. See invoke.
func callCreated[T any, R created201[T]](ctx context.Context, c *Client, op string, co CallOptions, send sendFunc, parse func(*http.Response) (R, error)) (*T, error) {
	r, resp, err := invoke(ctx, c, op, co, send, parse, func(status int) bool { return status == http.StatusCreated })
	if err != nil {
		return nil, err
	}
	v := r.GetJSON201()
	if v == nil {
		return nil, newMalformedError(op, resp, transport.Payload(resp), errNotJSON)
	}
	transport.Release(resp)
	return v, nil
}

// errNotJSON is the cause of a malformed answer whose body is not JSON.
var errNotJSON = errors.New("the body is not the JSON the operation answers with")

// errEmptyBody is the cause of a malformed answer without a body.
var errEmptyBody = errors.New("the body is empty")

// errNullBody is the cause of a malformed answer whose body is JSON null.
var errNullBody = errors.New("the body is null")

// invoke is the one path every operation takes. It resolves the call's
// MS-CorrelationId (CallOptions, else the context, else a new GUID) and
// makes up its MS-RequestId, which every try shares; opens the
// operation's span (named after the operationId and carrying both IDs;
// each try is a child HTTP span of it); sends the request built by the
// generated client through the pipeline; and turns the answer into the
// generated response type with the generated parser. An answer that ok
// does not accept (nil: any 2xx) becomes a *ResponseError; a 2xx the
// parser cannot read, or whose body is JSON null, a *ResponseError
// matching ErrMalformedResponse.
func invoke[R any](ctx context.Context, c *Client, op string, co CallOptions, send sendFunc, parse func(*http.Response) (R, error), ok func(status int) bool) (R, *http.Response, error) {
	return invokeWith(ctx, c, op, co, send, parse, ok, false)
}

// invokeWith is invoke; with emptyOK a success answer without a body is
// handed to parse instead of being malformed (the older address
// validation's empty 200).
func invokeWith[R any](ctx context.Context, c *Client, op string, co CallOptions, send sendFunc, parse func(*http.Response) (R, error), ok func(status int) bool, emptyOK bool) (_ R, _ *http.Response, err error) {
	var zero R
	if err := c.notInCloud(op); err != nil {
		return zero, nil, err
	}
	corr, err := correlationID(ctx, co)
	if err != nil {
		return zero, nil, err
	}
	// The pipeline's callPolicy makes up the IDs a request lacks; they are
	// made here only when the span needs them or the caller named the
	// correlation ID, which spares a plain call three allocations.
	edit := gen.RequestEditorFn(keepHeaders)
	if c.tracer.Enabled() {
		reqID, newCorr := pipeline.NewIDs()
		if corr == "" {
			corr = newCorr
		}
		edit = setIDs(reqID, corr)
		var end func(error)
		ctx, end = runtime.StartSpan(ctx, op, c.tracer, &runtime.StartSpanOptions{
			Kind: tracing.SpanKindInternal,
			Attributes: []tracing.Attribute{
				{Key: attrRequestID, Value: reqID},
				{Key: attrCorrelationID, Value: corr},
			},
		})
		defer func() { end(err) }()
	} else if corr != "" {
		edit = setIDs("", corr)
	}
	resp, err := send(ctx, edit)
	if err != nil {
		var wait *pipeline.WaitPastDeadline
		if resp != nil && errors.As(err, &wait) {
			// The answer's wait does not fit in the context's deadline: its
			// error (with RetryAfter) lets the caller schedule the retry.
			defer transport.Drain(resp)
			return zero, resp, newResponseError(op, resp)
		}
		return zero, nil, transportError(op, err)
	}
	success := resp.StatusCode >= 200 && resp.StatusCode <= 299
	if ok == nil && !success || ok != nil && !ok(resp.StatusCode) {
		defer transport.Drain(resp)
		return zero, resp, newResponseError(op, resp)
	}
	body := transport.Payload(resp)
	if !success {
		// An error status the operation reads itself (the older address
		// validation's 400): a body the parser cannot read is the error it
		// is, not a malformed success.
		r, err := parse(resp)
		if err != nil {
			return zero, resp, newResponseError(op, resp)
		}
		return r, resp, nil
	}
	switch t := bytes.TrimSpace(body); {
	case len(t) == 0 && !emptyOK && resp.Request != nil && resp.Request.Method != http.MethodHead && resp.StatusCode != http.StatusNoContent:
		return zero, resp, newMalformedError(op, resp, body, errEmptyBody)
	case bytes.Equal(t, []byte("null")):
		return zero, resp, newMalformedError(op, resp, body, errNullBody)
	}
	r, err := parse(resp)
	if err != nil {
		return zero, resp, newMalformedError(op, resp, body, fmt.Errorf("decoding the JSON: %w", err))
	}
	return r, resp, nil
}

// notInCloud returns the error refusing op, before any request, when the
// spec's x-clouds keeps it out of the client's cloud; nil otherwise.
func (c *Client) notInCloud(op string) error {
	clouds, ok := c.unavailable[op]
	if !ok {
		return nil
	}
	return fmt.Errorf("%w: %w: %s exists in the %s cloud only; this client is configured for %s",
		ErrInvalidInput, ErrNotInCloud, op, strings.Join(clouds, ", "), c.cloudName)
}

// keepHeaders is the request editor of a call whose IDs callPolicy makes up.
func keepHeaders(context.Context, *http.Request) error { return nil }

// setIDs returns a request editor that sends the given MS-RequestId (unless
// empty) and MS-CorrelationId.
func setIDs(reqID, corr string) gen.RequestEditorFn {
	return func(_ context.Context, req *http.Request) error {
		if reqID != "" {
			req.Header[pipeline.CanonRequestID] = []string{reqID}
		}
		req.Header[pipeline.CanonCorrelationID] = []string{corr}
		return nil
	}
}

// correlationID resolves the MS-CorrelationId of a call: the option, else
// the context's value, else "" (the caller makes one up).
func correlationID(ctx context.Context, co CallOptions) (string, error) {
	if co.CorrelationID != "" {
		return co.CorrelationID, check.InputGUID("correlation ID", co.CorrelationID)
	}
	if id, ok := correlationFromContext(ctx); ok && id != "" {
		return id, check.InputGUID("correlation ID (from the context)", id)
	}
	return "", nil
}

// callOptions returns the CallOptions embedded in a method's options, which
// may be nil.
func callOptions[T any, P interface {
	*T
	embedsCallOptions
}](opts P) CallOptions {
	if opts == nil {
		return CallOptions{}
	}
	return opts.callOptions()
}
