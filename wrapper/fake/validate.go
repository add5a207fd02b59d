package fake

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/partnercenter-go/partnercenter/gen"
)

// apiVersion is the path segment in front of every operation.
const apiVersion = "v1"

// maxRequestBody bounds the request bodies the fake reads.
const maxRequestBody = 1 << 20

// customerIDParam is the name of the customer ID path parameter.
const customerIDParam = "customerTenantId"

// errInvalidCustomerID is the answer for a customer ID that is not a GUID.
var errInvalidCustomerID = &apiError{status: http.StatusBadRequest, code: codeInvalidCustomerID, description: "The customer id is invalid."}

// match is the outcome of matching a request against the spec.
type match struct {
	route       *routers.Route
	params      map[string]string
	operation   string        // operationId, "" when no operation matched
	unversioned string        // the path without the version segment
	err         *apiError     // answer when no operation matched
	routed      *http.Request // the request with the version-free path
}

// customerKey is the customer the request is about, for per-customer
// throttling; "" for partner-wide operations.
func (m match) customerKey() string {
	return strings.ToLower(m.params[customerIDParam])
}

// route matches r against the spec. The spec's paths are version-free, so
// the "/v1" segment is taken off first; a path without it, or with it twice,
// matches nothing.
func (s *Server) route(r *http.Request) match {
	rest, ok := strings.CutPrefix(r.URL.Path, "/"+apiVersion+"/")
	// Only canonical paths name an operation: no empty, "." or ".."
	// segments and no trailing slash.
	if !ok || path.Clean(r.URL.Path) != r.URL.Path {
		return match{unversioned: r.URL.Path, err: notFoundPath(r.URL.Path)}
	}
	m := match{unversioned: "/" + rest}
	routed := r.Clone(r.Context())
	u := *r.URL
	u.Path, u.RawPath = m.unversioned, ""
	routed.URL = &u
	routed.Body = http.NoBody
	route, params, err := s.spec.router.FindRoute(routed)
	if err != nil {
		m.err = notFoundPath(r.URL.Path)
		if allowed := s.allowedMethods(routed); len(allowed) > 0 {
			m.err = &apiError{status: http.StatusMethodNotAllowed, code: codeInvalidInput,
				description: fmt.Sprintf("The method %s is not allowed on %s; use %s.", r.Method, r.URL.Path, strings.Join(allowed, " or ")),
				allow:       strings.Join(allowed, ", ")}
		}
		return m
	}
	m.route, m.params, m.routed = route, params, routed
	if route.Operation != nil {
		m.operation = route.Operation.OperationID
	}
	return m
}

// allowedMethods lists the methods the spec has for the path of r.
func (s *Server) allowedMethods(r *http.Request) []string {
	var allowed []string
	probe := *r
	for _, method := range []string{http.MethodGet, http.MethodHead, http.MethodPut, http.MethodPost, http.MethodPatch, http.MethodDelete} {
		if method == r.Method {
			continue
		}
		probe.Method = method
		if _, _, err := s.spec.router.FindRoute(&probe); err == nil {
			allowed = append(allowed, method)
		}
	}
	return allowed
}

// notFoundPath is the answer for a path the API does not have.
func notFoundPath(path string) *apiError {
	return &apiError{status: http.StatusNotFound, code: codeNotFound,
		description: fmt.Sprintf("No operation is found at %s.", truncateUTF8(path, 200))}
}

// validateRequest checks r against its operation in the spec, bearer token
// included, and returns what it read from the query string. It reads the
// body and puts it back on r for the handler.
func (s *Server) validateRequest(ctx context.Context, r *http.Request, m match) (checkedQuery, *apiError) {
	var query checkedQuery
	var body []byte
	if r.Body != nil && r.Body != http.NoBody {
		var err error
		body, err = io.ReadAll(io.LimitReader(r.Body, maxRequestBody+1))
		if err != nil {
			return query, invalidInput("Invalid request input: the request body could not be read.")
		}
		if len(body) > maxRequestBody {
			return query, invalidInput("Invalid request input: the request body is larger than %d bytes.", maxRequestBody)
		}
	}
	reset := func(req *http.Request, body []byte) {
		req.Body = io.NopCloser(bytes.NewReader(body))
		req.ContentLength = int64(len(body))
		req.GetBody = nil
	}
	// The service reads JSON property names without regard to case and
	// treats null as absent (the reference pages send PascalCase names and
	// nulls); the spec is written in camelCase, so the check sees the body
	// the way the service does. The handler decodes the body as sent, which
	// encoding/json matches without regard to case too.
	reset(m.routed, normalizeJSONBody(body))

	authErr := s.auth.check(r)
	if authErr == nil && m.route.Operation != nil {
		// Checked before kin-openapi, which would ignore unknown parameters
		// and decode the filter with less telling errors.
		var qErr *apiError
		var pathParams openapi3.Parameters
		if m.route.PathItem != nil {
			pathParams = m.route.PathItem.Parameters
		}
		if query, qErr = checkQuery(r.URL.RawQuery, m.route.Operation, pathParams); qErr != nil {
			reset(r, body)
			return query, qErr
		}
	}
	input := &openapi3filter.RequestValidationInput{
		Request:    m.routed,
		PathParams: m.params,
		Route:      m.route,
		Options: &openapi3filter.Options{
			AuthenticationFunc: func(context.Context, *openapi3filter.AuthenticationInput) error {
				if authErr != nil {
					return authErr
				}
				return nil
			},
		},
	}
	err := openapi3filter.ValidateRequest(ctx, input)
	reset(r, body)
	if err == nil {
		return query, nil
	}
	return query, requestFault(err, authErr)
}

// requestFault turns a validation error into the Partner Center answer.
func requestFault(err error, authErr *apiError) *apiError {
	var secErr *openapi3filter.SecurityRequirementsError
	if errors.As(err, &secErr) {
		if authErr != nil {
			return authErr
		}
		return errTokenMissing
	}
	var reqErr *openapi3filter.RequestError
	if !errors.As(err, &reqErr) {
		return invalidInput("Invalid request input: %s", firstLine(err.Error()))
	}
	reason := reqErr.Reason
	var schemaErr *openapi3.SchemaError
	switch {
	case errors.As(reqErr.Err, &schemaErr):
		reason = schemaErr.Reason
		if field := schemaErr.JSONPointer(); len(field) > 0 {
			reason = "field " + strings.Join(field, ".") + ": " + reason
		}
	case reqErr.Err != nil:
		reason = firstLine(reqErr.Err.Error())
	}
	switch {
	case reqErr.Parameter != nil && reqErr.Parameter.Name == customerIDParam:
		return errInvalidCustomerID
	case reqErr.Parameter != nil:
		return invalidInput("Invalid request input: %s parameter %s: %s", reqErr.Parameter.In, reqErr.Parameter.Name, reason)
	case reqErr.RequestBody != nil:
		return invalidInput("Invalid request input: request body: %s", reason)
	default:
		return invalidInput("Invalid request input: %s", reason)
	}
}

// paramError answers the generated router's parameter errors. The spec
// check runs first and catches these, so this is a safety net.
func (s *Server) paramError(w http.ResponseWriter, _ *http.Request, err error) {
	var formatErr *gen.InvalidParamFormatError
	if errors.As(err, &formatErr) && formatErr.ParamName == customerIDParam {
		refuse(w, errInvalidCustomerID)
		return
	}
	refuse(w, invalidInput("Invalid request input: %s", firstLine(err.Error())))
}

// responseError writes errors returned by the handlers: an *apiError as
// itself, anything else as a 500 recorded in Errors.
func (s *Server) responseError(w http.ResponseWriter, r *http.Request, err error) {
	var apiErr *apiError
	if errors.As(err, &apiErr) {
		// Input that breaks the spec is a refusal of the request (recorded
		// as a violation); a refusal the spec documents (x-refusals, such as
		// SubscriptionSuspended) answers a valid request and is not.
		if apiErr.code == codeInvalidInput || apiErr.code == codeInvalidCustomerID {
			refuse(w, apiErr)
			return
		}
		apiErr.write(w)
		return
	}
	s.recordError(fmt.Errorf("fake: %s %s: handler failed: %w", r.Method, r.URL.Path, err))
	newAPIError(http.StatusInternalServerError).write(w)
}

// validateResponse checks a buffered handler answer against the spec.
func (s *Server) validateResponse(ctx context.Context, m match, resp *bufferedResponse) error {
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request:    m.routed,
			PathParams: m.params,
			Route:      m.route,
		},
		Status:  resp.status,
		Header:  resp.header,
		Options: &openapi3filter.Options{IncludeResponseStatus: true},
	}
	input.SetBodyBytes(resp.body.Bytes())
	return openapi3filter.ValidateResponse(ctx, input)
}

// normalizeJSONBody rewrites a JSON document the way the service reads it:
// object keys with a capital first letter followed by a lowercase one
// ("CompanyProfile", "Id") get a lowercase first letter, and members whose
// value is null are dropped. Anything that is not a JSON object or array, or
// does not parse, is returned unchanged for the spec check to judge.
func normalizeJSONBody(body []byte) []byte {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 || (trimmed[0] != '{' && trimmed[0] != '[') {
		return body
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil || dec.More() {
		return body
	}
	out, err := json.Marshal(normalizeJSONValue(v, 0))
	if err != nil {
		return body
	}
	return out
}

// maxNormalizeDepth bounds the recursion of normalizeJSONValue; deeper
// values are kept as they are.
const maxNormalizeDepth = 64

// normalizeJSONValue applies normalizeJSONBody's rules to a decoded value.
func normalizeJSONValue(v any, depth int) any {
	if depth > maxNormalizeDepth {
		return v
	}
	switch x := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, val := range x {
			if val == nil {
				continue
			}
			key := camelKey(k)
			if _, clash := x[key]; clash && key != k {
				key = k // both spellings present: keep each as sent
			}
			out[key] = normalizeJSONValue(val, depth+1)
		}
		return out
	case []any:
		for i, e := range x {
			x[i] = normalizeJSONValue(e, depth+1)
		}
		return x
	default:
		return v
	}
}

// camelKey lowercases the first letter of a PascalCase key such as
// "AddressLine1"; keys such as "MS-RequestId" (a second capital) or "X" (a
// single letter) stay as they are.
func camelKey(k string) string {
	if len(k) < 2 || k[0] < 'A' || k[0] > 'Z' || k[1] < 'a' || k[1] > 'z' {
		return k
	}
	return string(k[0]+('a'-'A')) + k[1:]
}

// firstLine returns s up to its first line break, at most 300 bytes.
func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return truncateUTF8(strings.TrimSpace(s), 300)
}
