package fake

import (
	"fmt"
	"net/http"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The fake answers a refusal (x-refusals in the spec) the way the spec
// documents it: status and code from gen's refusal table, description (and
// the extended shape's errorName) from the spec's example of that answer.
// No refusal code is written in the fake's Go.

// refusal returns the answer to refusal name (a gen.RefusalXxx) from
// operation op.
func refusal(op, name string) *apiError {
	r, ok := gen.LookupRefusal(name)
	if !ok {
		return &apiError{status: http.StatusInternalServerError, code: codeUnexpected, description: "The fake knows no refusal " + name + "."}
	}
	e := &apiError{status: r.Status, code: r.Code, description: r.Description}
	s, err := loadSpec()
	if err != nil {
		return e
	}
	if ex, ok := s.faults[faultKey{op, r.Status, r.Code}]; ok {
		e.description, e.errorName = ex.description, ex.errorName
	} else if ex, ok := s.faults[faultKey{"", r.Status, r.Code}]; ok {
		e.description, e.errorName = ex.description, ex.errorName
	}
	return e
}

// documented returns an error answer the spec documents by example but not
// as a refusal, such as 404 with 60002 for an unknown user: status and code
// as given, the description of the spec's example of that answer for
// operation op (or, failing that, of the shared answers or of another
// operation).
func documented(op string, status int, code string) *apiError {
	e := &apiError{status: status, code: code, description: http.StatusText(status) + "."}
	s, err := loadSpec()
	if err != nil {
		return e
	}
	if ex, ok := s.faults[faultKey{op, status, code}]; ok {
		e.description = ex.description
		return e
	}
	if ex, ok := s.faults[faultKey{"", status, code}]; ok {
		e.description = ex.description
		return e
	}
	first := ""
	for k, ex := range s.faults {
		if k.status == status && k.code == code && (first == "" || k.op < first) {
			first, e.description = k.op, ex.description
		}
	}
	return e
}

// faultKey finds a documented error answer: an operation ("" for the shared
// components/responses), a status and a code.
type faultKey struct {
	op     string
	status int
	code   string
}

// faultExample is what an example of an error answer says.
type faultExample struct{ description, errorName string }

// readFaults indexes the examples of the error answers of every operation
// and of components/responses.
func readFaults(doc *openapi3.T) map[faultKey]faultExample {
	out := map[faultKey]faultExample{}
	add := func(op string, status int, resp *openapi3.Response) {
		if resp == nil {
			return
		}
		for _, mt := range resp.Content {
			for _, ex := range mt.Examples {
				v, ok := ex.Value.Value.(map[string]any)
				if !ok || v["code"] == nil {
					continue
				}
				f := faultExample{}
				f.description, _ = v["description"].(string)
				f.errorName, _ = v["errorName"].(string)
				out[faultKey{op, status, fmt.Sprint(v["code"])}] = f
			}
		}
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for code, ref := range op.Responses.Map() {
				var status int
				if _, err := fmt.Sscanf(code, "%d", &status); err == nil && ref.Value != nil {
					add(op.OperationID, status, ref.Value)
				}
			}
		}
	}
	for name, ref := range doc.Components.Responses {
		if status, ok := componentStatus[name]; ok {
			add("", status, ref.Value)
		}
	}
	return out
}

// componentStatus gives the status of the shared error answers.
var componentStatus = map[string]int{
	"Forbidden": http.StatusForbidden, "Conflict": http.StatusConflict, "Unauthorized": http.StatusUnauthorized,
}
