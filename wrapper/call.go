package wrapper

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/partnercenter-go/partnercenter/internal/invoke"
)

// The wrapper's side of the call runtime (internal/invoke): its errors
// and the helpers the generated and hand-written methods call.

// sendFunc sends one operation's request through the generated client.
type sendFunc = invoke.Send

// jsonResult is a generated response whose success answer is JSON200.
type jsonResult[T any] interface{ GetJSON200() *T }

// created201 is a generated response whose success answer is JSON201.
type created201[T any] interface{ GetJSON201() *T }

// errNotJSON is the cause of a malformed answer whose body is not JSON.
var errNotJSON = invoke.ErrNotJSON

// newRuntime builds the call runtime of c.
func (c *Client) newRuntime() {
	c.rt.Refused = func(op string, resp *http.Response) error { return newResponseError(op, resp) }
	c.rt.Malformed = func(op string, resp *http.Response, body []byte, cause error) error {
		return newMalformedError(op, resp, body, cause)
	}
	if len(c.unavailable) > 0 {
		c.rt.Unavailable = c.notInCloud
	}
}

// call runs an operation whose success is a 200 with a JSON body.
func call[T any, R jsonResult[T]](ctx context.Context, c *Client, op string, co CallOptions, send sendFunc, parse func(*http.Response) (R, error)) (*T, error) {
	return invoke.JSON(ctx, &c.rt, co.call(op), send, parse, R.GetJSON200)
}

// callCreated runs an operation whose success is a 201 with a JSON body.
func callCreated[T any, R created201[T]](ctx context.Context, c *Client, op string, co CallOptions, send sendFunc, parse func(*http.Response) (R, error)) (*T, error) {
	cl := co.call(op)
	cl.OK = invoke.Created // (a function literal here would allocate on every call: the function is generic)
	return invoke.JSON(ctx, &c.rt, cl, send, parse, R.GetJSON201)
}

// invokeWith runs an operation and returns the parsed answer and the
// response: ok accepts a status (nil: any 2xx); with emptyOK a success
// without a body is no error.
func invokeWith[R any](ctx context.Context, c *Client, op string, co CallOptions, send sendFunc, parse func(*http.Response) (R, error), ok func(status int) bool, emptyOK bool) (R, *http.Response, error) {
	cl := co.call(op)
	cl.OK, cl.EmptyOK = ok, emptyOK
	return invoke.Do(ctx, &c.rt, cl, send, parse)
}

// call returns the invoke.Call of operation op with these options.
func (co CallOptions) call(op string) invoke.Call {
	return invoke.Call{Op: op, CorrelationID: co.CorrelationID, ValidateMFA: co.ValidateMFA}
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
