package main

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
)

// refusal is one entry of an x-refusals list: an answer with a meaning of
// its own, which the wrapper turns into a sentinel error (Err + name) and
// the fake answers with.
type refusal struct {
	name, op, code, description, hint string
	status                            int
	documented                        bool
}

// readRefusals reads the document's x-refusals (op "") and every
// operation's. Names are unique in the document; every entry has a
// status, a code, documented and a description. An operation's entry must
// match one of its declared answers (the status is listed, and an example
// of it carries the code), so that other generators see the refusal too.
func readRefusals(doc *openapi3.T) ([]refusal, error) {
	var out []refusal
	seen := map[string]string{}
	add := func(where, op string, ext map[string]any, answers *openapi3.Responses) error {
		raw, ok := ext["x-refusals"]
		if !ok {
			return nil
		}
		list, ok := raw.([]any)
		if !ok {
			return fmt.Errorf("%s: x-refusals is not a list", where)
		}
		for i, x := range list {
			m, ok := x.(map[string]any)
			if !ok {
				return fmt.Errorf("%s: x-refusals[%d] is not an object", where, i)
			}
			r := refusal{op: op}
			r.name, _ = m["error"].(string)
			r.code, _ = m["code"].(string)
			r.description, _ = m["description"].(string)
			r.hint, _ = m["hint"].(string)
			status, _ := m["status"].(float64)
			r.status = int(status)
			doc, hasDoc := m["documented"].(bool)
			r.documented = doc
			switch {
			case r.name == "" || !isIdent(r.name) || !unicode.IsUpper([]rune(r.name)[0]):
				return fmt.Errorf("%s: x-refusals[%d]: error %q is not a PascalCase name", where, i, r.name)
			case seen[r.name] != "":
				return fmt.Errorf("%s: refusal %s is also declared by %s", where, r.name, seen[r.name])
			case r.status < 400 || r.status > 599 || float64(r.status) != status:
				return fmt.Errorf("%s: refusal %s: status %v is not an error status", where, r.name, m["status"])
			case r.code == "" || strings.ContainsAny(r.code, " \t\n"):
				return fmt.Errorf("%s: refusal %s: code must be a non-empty string", where, r.name)
			case !hasDoc:
				return fmt.Errorf("%s: refusal %s: documented must be true or false", where, r.name)
			case strings.TrimSpace(r.description) == "":
				return fmt.Errorf("%s: refusal %s has no description", where, r.name)
			}
			if answers != nil {
				if err := declaredAnswer(answers, r); err != nil {
					return fmt.Errorf("%s: refusal %s: %w", where, r.name, err)
				}
			}
			r.description = strings.Join(strings.Fields(r.description), " ")
			r.hint = strings.Join(strings.Fields(r.hint), " ")
			seen[r.name] = where
			out = append(out, r)
		}
		return nil
	}
	if err := add("the document", "", doc.Extensions, nil); err != nil {
		return nil, err
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if err := add(method+" "+path, op.OperationID, op.Extensions, op.Responses); err != nil {
				return nil, err
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out, nil
}

// declaredAnswer checks that answers list r's status with an example whose
// code is r's.
func declaredAnswer(answers *openapi3.Responses, r refusal) error {
	ref := answers.Status(r.status)
	if ref == nil || ref.Value == nil {
		return fmt.Errorf("the operation declares no %d answer", r.status)
	}
	for _, mt := range ref.Value.Content {
		for _, ex := range mt.Examples {
			if ex.Value == nil {
				continue
			}
			if v, ok := ex.Value.Value.(map[string]any); ok && fmt.Sprint(v["code"]) == r.code {
				return nil
			}
		}
	}
	return fmt.Errorf("no example of the %d answer carries code %s", r.status, r.code)
}

// renderRefusals writes the refusal table of gen/operations.go.
func renderRefusals(b *bytes.Buffer, refusals []refusal) {
	b.WriteString(`// Refusal is an answer the OpenAPI document gives a meaning of its own
// (x-refusals): an operation's (or, with Operation empty, any
// operation's) answer with one HTTP status and Partner Center error code.
type Refusal struct {
	// Name names the refusal, such as "DomainTaken"; the wrapper's sentinel
	// error is Err + Name.
	Name string
	// Operation is the operationId, "" for a refusal of every operation.
	Operation string
	// Status is the HTTP status of the answer.
	Status int
	// Code is the Partner Center error code of the answer, as text.
	Code string
	// Documented is true when a reference page documents the status and
	// code for the operation, false when the mapping is inferred (the
	// Description says from what).
	Documented bool
	// Description says what the refusal means.
	Description string
	// Hint says what to do about it, when the document says.
	Hint string
}

// The names of the refusals, for LookupRefusal.
const (
`)
	for _, r := range refusals {
		fmt.Fprintf(b, "\tRefusal%s = %q\n", r.name, r.name)
	}
	b.WriteString(")\n\n// refusals is sorted by Name.\nvar refusals = [...]Refusal{\n")
	for _, r := range refusals {
		fmt.Fprintf(b, "\t{Name: %q, Operation: %q, Status: %d, Code: %q, Documented: %t, Description: %s, Hint: %s},\n",
			r.name, r.op, r.status, r.code, r.documented, strconv.Quote(r.description), strconv.Quote(r.hint))
	}
	b.WriteString(`}

// LookupRefusal returns the refusal called name.
func LookupRefusal(name string) (Refusal, bool) {
	for _, r := range refusals {
		if r.Name == name {
			return r, true
		}
	}
	return Refusal{}, false
}

// MatchRefusal returns the refusal that an answer of operation op with
// the given status and code is: the operation's own, else one of every
// operation's.
func MatchRefusal(op string, status int, code string) (Refusal, bool) {
	var any Refusal
	found := false
	for _, r := range refusals {
		if r.Status != status || r.Code != code {
			continue
		}
		if r.Operation == op {
			return r, true
		}
		if r.Operation == "" && !found {
			any, found = r, true
		}
	}
	return any, found
}

// Refusals returns every refusal of the document, sorted by Name.
func Refusals() []Refusal { return append([]Refusal(nil), refusals[:]...) }

`)
}
