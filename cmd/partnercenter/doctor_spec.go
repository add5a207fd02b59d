package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/partnercenter-go/partnercenter/gen/spec"
)

// How doctor compares a live answer with openapi.yaml: kin-openapi's
// response validation against the embedded spec (documented status,
// headers, schema), and a walk of the body along the schema for what the
// validation lets pass: properties the spec does not name (it allows
// additional properties) and enumeration values outside its lists
// (enum, and the known values of an open x-ms-enum).

// Limits that keep a hostile or huge answer from making the report long.
const (
	maxWalkDepth = 64
	maxFindings  = 50 // of each kind, per operation
	maxValueLen  = 64 // of an unknown enumeration value quoted
)

// specDiff is how one answer differs from the spec. Paths are JSON paths
// in which every array index is written [] (a listing's items share them).
type specDiff struct {
	// UndocumentedStatus is set when the spec lists no such status (nor a
	// default) for the operation.
	UndocumentedStatus bool `json:"undocumentedStatus,omitempty"`
	// UnknownFields are properties the spec's schema does not have.
	UnknownFields []string `json:"unknownFields,omitempty"`
	// UnknownValues are enumeration values outside the spec's list.
	UnknownValues []unknownValue `json:"unknownValues,omitempty"`
	// Violations are the other breaches of the schema that kin-openapi
	// found (missing required properties, wrong types, ...), or a body
	// that is not JSON.
	Violations []string `json:"violations,omitempty"`
}

// unknownValue is an enumeration value the spec does not list.
type unknownValue struct {
	Path  string `json:"path"`
	Value string `json:"value"`
	// Open is set for an x-ms-enum with modelAsString: the spec lets the
	// service send other values, but does not document this one.
	Open bool `json:"open,omitempty"`
	// Known are the values the spec lists.
	Known []string `json:"known"`
}

// empty reports whether the answer matched the spec.
func (d *specDiff) empty() bool {
	return !d.UndocumentedStatus && len(d.UnknownFields) == 0 && len(d.UnknownValues) == 0 && len(d.Violations) == 0
}

// count is the number of differences.
func (d *specDiff) count() int {
	n := len(d.UnknownFields) + len(d.UnknownValues) + len(d.Violations)
	if d.UndocumentedStatus {
		n++
	}
	return n
}

// specCheck compares answers with the embedded spec.
type specCheck struct {
	doc    *openapi3.T
	routes map[string]*routers.Route // by operationId
}

// newSpecCheck parses the embedded spec.
func newSpecCheck() (*specCheck, error) {
	doc, err := spec.GetSpec()
	if err != nil {
		return nil, fmt.Errorf("reading the embedded openapi.yaml: %w", err)
	}
	s := &specCheck{doc: doc, routes: map[string]*routers.Route{}}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			s.routes[op.OperationID] = &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: op}
		}
	}
	return s, nil
}

// compare checks one recorded answer of operation op.
func (s *specCheck) compare(ctx context.Context, op string, ans *answer) specDiff {
	var d specDiff
	route := s.routes[op]
	if route == nil || ans == nil {
		return d
	}
	resp := route.Operation.Responses.Status(ans.status)
	if resp == nil {
		resp = route.Operation.Responses.Default()
	}
	if resp == nil {
		d.UndocumentedStatus = true
		return d
	}
	body := bytes.TrimPrefix(ans.body, []byte("\xEF\xBB\xBF"))

	req, _ := http.NewRequestWithContext(ctx, ans.method, "https://doctor.invalid"+ans.path, nil)
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: req, Route: route},
		Status:                 ans.status,
		Header:                 ans.header,
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	input.SetBodyBytes(body)
	if err := openapi3filter.ValidateResponse(ctx, input); err != nil {
		d.Violations = schemaViolations(err)
	}

	media := resp.Value.Content.Get(ans.header.Get("Content-Type"))
	if media == nil || media.Schema == nil || len(bytes.TrimSpace(body)) == 0 {
		return d
	}
	var v any
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	if dec.Decode(&v) != nil {
		return d // kin-openapi said so already
	}
	w := &walker{d: &d, seen: map[string]bool{}}
	w.walk(v, media.Schema.Value, "", 0)
	return d
}

// schemaViolations flattens kin-openapi's error into one line per problem,
// leaving out the enumeration errors that the walk reports with the
// values and lists.
func schemaViolations(err error) []string {
	var out []string
	var visit func(err error, prefix string)
	visit = func(err error, prefix string) {
		if len(out) >= maxFindings {
			return
		}
		var multi openapi3.MultiError
		var re *openapi3filter.ResponseError
		var se *openapi3.SchemaError
		switch {
		case errors.As(err, &multi):
			for _, e := range multi {
				visit(e, prefix)
			}
		case errors.As(err, &se):
			if se.SchemaField == "enum" {
				return
			}
			path := strings.Join(se.JSONPointer(), ".")
			if path == "" {
				path = "(body)"
			}
			out = append(out, prefix+indexless(path)+": "+oneLine(se.Reason, 200))
		case errors.As(err, &re):
			if re.Err == nil {
				out = append(out, prefix+oneLine(re.Reason, 200))
				return
			}
			visit(re.Err, prefix)
		default:
			out = append(out, prefix+oneLine(err.Error(), 200))
		}
	}
	visit(err, "")
	slices.Sort(out)
	return slices.Compact(out)
}

// indexless writes the array indices of a dotted path as [].
func indexless(path string) string {
	parts := strings.Split(path, ".")
	var b strings.Builder
	for i, p := range parts {
		if _, err := strconv.Atoi(p); err == nil {
			b.WriteString("[]")
			continue
		}
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(p)
	}
	return b.String()
}

// walker walks a decoded answer along its schema.
type walker struct {
	d    *specDiff
	seen map[string]bool
}

// walk records the unknown properties and enumeration values of v, at
// path, against schema s.
func (w *walker) walk(v any, s *openapi3.Schema, path string, depth int) {
	if s == nil || v == nil || depth > maxWalkDepth {
		return
	}
	switch x := v.(type) {
	case map[string]any:
		props, additional, open := properties(s, 0)
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			p := join(path, k)
			switch ps, ok := props[k]; {
			case ok:
				w.walk(x[k], ps, p, depth+1)
			case additional != nil:
				w.walk(x[k], additional, p, depth+1)
			case !open:
				w.unknownField(p)
			}
		}
	case []any:
		items := itemsOf(s, 0)
		for _, e := range x {
			w.walk(e, items, path+"[]", depth+1)
		}
	case string:
		known, isOpen := enumValues(s)
		if len(known) > 0 && !slices.Contains(known, x) {
			w.unknownValue(path, x, known, isOpen)
		}
	}
}

func (w *walker) unknownField(path string) {
	if w.seen["f"+path] || len(w.d.UnknownFields) >= maxFindings {
		return
	}
	w.seen["f"+path] = true
	w.d.UnknownFields = append(w.d.UnknownFields, oneLine(path, 200))
}

func (w *walker) unknownValue(path, v string, known []string, open bool) {
	if open && v == "" {
		return // an empty value of an open list says "none" (the spec's own examples send it)
	}
	key := "v" + path + "\x00" + v
	if w.seen[key] || len(w.d.UnknownValues) >= maxFindings {
		return
	}
	w.seen[key] = true
	w.d.UnknownValues = append(w.d.UnknownValues, unknownValue{Path: oneLine(path, 200), Value: oneLine(v, maxValueLen), Open: open, Known: known})
}

// properties returns the properties of object schema s (with those of its
// allOf, oneOf and anyOf schemas), the schema of additional properties,
// and whether any property is allowed without a schema.
func properties(s *openapi3.Schema, depth int) (map[string]*openapi3.Schema, *openapi3.Schema, bool) {
	props := map[string]*openapi3.Schema{}
	var additional *openapi3.Schema
	open := false
	if depth > 8 {
		return props, nil, true
	}
	for name, ref := range s.Properties {
		if ref != nil {
			props[name] = ref.Value
		}
	}
	if ap := s.AdditionalProperties; ap.Schema != nil {
		additional = ap.Schema.Value
	} else if ap.Has != nil && *ap.Has {
		open = true
	}
	for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, ref := range group {
			if ref == nil || ref.Value == nil {
				continue
			}
			p, a, o := properties(ref.Value, depth+1)
			for k, v := range p {
				if _, ok := props[k]; !ok {
					props[k] = v
				}
			}
			if additional == nil {
				additional = a
			}
			open = open || o
		}
	}
	// A schema that names no property at all (a free-form object, or no
	// type) says nothing about the members.
	if len(props) == 0 && additional == nil {
		open = true
	}
	return props, additional, open
}

// itemsOf returns the schema of the items of array schema s.
func itemsOf(s *openapi3.Schema, depth int) *openapi3.Schema {
	if s.Items != nil {
		return s.Items.Value
	}
	if depth > 8 {
		return nil
	}
	for _, group := range []openapi3.SchemaRefs{s.AllOf, s.OneOf, s.AnyOf} {
		for _, ref := range group {
			if ref != nil && ref.Value != nil {
				if it := itemsOf(ref.Value, depth+1); it != nil {
					return it
				}
			}
		}
	}
	return nil
}

// enumValues returns the values schema s lists for a string: its enum
// (closed), else the values of its x-ms-enum (open when modelAsString).
func enumValues(s *openapi3.Schema) (known []string, open bool) {
	for _, v := range s.Enum {
		if str, ok := v.(string); ok {
			known = append(known, str)
		}
	}
	if len(known) > 0 {
		return known, false
	}
	ext, ok := s.Extensions["x-ms-enum"].(map[string]any)
	if !ok {
		return nil, false
	}
	values, _ := ext["values"].([]any)
	for _, v := range values {
		if m, ok := v.(map[string]any); ok {
			if str, ok := m["value"].(string); ok {
				known = append(known, str)
			}
		}
	}
	open, _ = ext["modelAsString"].(bool)
	return known, open
}
