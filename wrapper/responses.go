package wrapper

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"

	"github.com/partnercenter-go/partnercenter/gen"
)

// transportError wraps an error that left no answer to read (network,
// context, credential, refused request).
func transportError(op string, err error) error {
	return fmt.Errorf("partnercenter: %s: %w", op, err)
}

// finish ends a call: it wraps err, turns a non-2xx answer into a
// *ResponseError and decodes a 2xx JSON body into out. A 2xx body that
// cannot be decoded gives a *ResponseError matching ErrMalformedResponse,
// with the status and IDs of the answer.
func finish(op string, resp *http.Response, err error, out any) error {
	if err != nil {
		return transportError(op, err)
	}
	defer closeBody(resp)
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return newResponseError(op, resp)
	}
	// azcore's pipeline has read the body already, within the retry
	// policy: a body cut short by a dropped connection was retried there.
	body, err := runtime.Payload(resp)
	if err != nil {
		return fmt.Errorf("partnercenter: %s: reading the answer: %w", op, err)
	}
	if err := decodeJSON(body, out); err != nil {
		return newMalformedError(op, resp, body, err)
	}
	return nil
}

// errEmptyBody is the cause of a malformed answer without a body.
var errEmptyBody = errors.New("the body is empty")

// decodeJSON decodes body into out, skipping a leading UTF-8 BOM. The
// Content-Type is not checked: a JSON body labelled otherwise is accepted,
// and anything else fails to decode.
func decodeJSON(body []byte, out any) error {
	body = trimBOM(body)
	if len(bytes.TrimSpace(body)) == 0 {
		return errEmptyBody
	}
	if err := json.Unmarshal(body, out); err != nil {
		return fmt.Errorf("decoding the JSON: %w", err)
	}
	return nil
}

// closeBody drains what is left of a body (so the connection can be
// reused) and closes it.
func closeBody(resp *http.Response) {
	if resp != nil && resp.Body != nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
		_ = resp.Body.Close()
	}
}

// organizationResult accepts the organization answer as an array of
// objects or as a single object, through the generated oneOf type.
type organizationResult struct {
	items []CustomerOrganization
}

// UnmarshalJSON implements json.Unmarshaler: an array (or null) is taken
// as is, a single object becomes a one-element slice.
func (r *organizationResult) UnmarshalJSON(b []byte) error {
	var u gen.CustomerOrganizationResult
	if err := u.UnmarshalJSON(b); err != nil {
		return err
	}
	if list, err := u.AsCustomerOrganizationList(); err == nil {
		r.items = list
		if r.items == nil {
			r.items = []CustomerOrganization{}
		}
		return nil
	}
	one, err := u.AsCustomerOrganization()
	if err != nil {
		return errors.New("organization answer is neither an array nor an object")
	}
	r.items = []CustomerOrganization{one}
	return nil
}

// trimBOM drops a leading UTF-8 byte-order mark.
func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}
