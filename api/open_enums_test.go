package api_test

import (
	"bytes"
	"encoding/json"
	"sort"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

// openEnumName returns the x-ms-enum name of a schema that is an open
// enumeration, or "".
func openEnumName(s *openapi3.SchemaRef) string {
	if s == nil || s.Value == nil {
		return ""
	}
	ext, ok := s.Value.Extensions["x-ms-enum"].(map[string]any)
	if !ok {
		return ""
	}
	name, _ := ext["name"].(string)
	return name
}

// blank returns an empty value of schema s that plantUnknown can fill:
// "" for an open enumeration, an object or a one-element list of them.
func blank(s *openapi3.SchemaRef) any {
	switch {
	case s == nil || s.Value == nil:
		return nil
	case openEnumName(s) != "":
		return ""
	case s.Value.Type.Is("object") && len(s.Value.Properties) > 0:
		return map[string]any{}
	case s.Value.Type.Is("array") && s.Value.Items != nil:
		if b := blank(s.Value.Items); b != nil {
			return []any{b}
		}
	}
	return nil
}

// plantUnknown walks v along its schema and replaces the value of every
// open enumeration with a value the spec does not list, recording which
// enumerations it reached and the values it planted.
func plantUnknown(s *openapi3.SchemaRef, v any, reached map[string]bool, planted *[]string, depth int) any {
	if s == nil || s.Value == nil || depth > 20 {
		return v
	}
	if name := openEnumName(s); name != "" {
		if _, ok := v.(string); ok {
			reached[name] = true
			nv := "NotYetDocumented" + name
			*planted = append(*planted, nv)
			return nv
		}
		return v
	}
	switch x := v.(type) {
	case map[string]any:
		for k, p := range s.Value.Properties {
			pv, ok := x[k]
			if !ok {
				// A property the example leaves out: give it a value, so
				// that every open enumeration below it is reached too.
				pv = blank(p)
			}
			if pv != nil {
				x[k] = plantUnknown(p, pv, reached, planted, depth+1)
			}
		}
	case []any:
		for i := range x {
			x[i] = plantUnknown(s.Value.Items, x[i], reached, planted, depth+1)
		}
	}
	return v
}

// TestUnknownEnumValuesDecode: every answer example of the spec, with each
// open enumeration's value replaced by one the spec does not list, decodes
// into the generated Go type (which the wrapper re-exports) without error
// and keeps the new value; every open enumeration of the document is
// reached by at least one example. Open enumerations are plain strings
// with x-ms-enum, so every generator that reads the spec decodes them the
// same way (TestSpecIsPortable keeps them free of enum).
func TestUnknownEnumValuesDecode(t *testing.T) {
	doc := loadSpec(t)
	all := map[string]bool{}
	for _, s := range doc.Components.Schemas {
		if name := openEnumName(s); name != "" {
			all[name] = false
		}
	}
	reached := map[string]bool{}
	for _, ex := range collectExamples(doc) {
		if !strings.Contains(ex.where, " 20") || strings.Contains(ex.where, " header ") {
			continue // answers only
		}
		raw, err := json.Marshal(ex.value)
		if err != nil {
			t.Fatal(err)
		}
		var v any
		if err := json.Unmarshal(raw, &v); err != nil {
			t.Fatal(err)
		}
		var planted []string
		v = plantUnknown(ex.schema, v, reached, &planted, 0)
		if len(planted) == 0 {
			continue
		}
		newValue, ok := goTypes[refName(ex.schema)]
		if !ok {
			t.Errorf("%s: no generated type registered for schema %q", ex.where, refName(ex.schema))
			continue
		}
		body, _ := json.Marshal(v)
		target := newValue()
		if err := json.Unmarshal(body, target); err != nil {
			t.Errorf("%s: an unknown enumeration value does not decode into %T: %v", ex.where, target, err)
			continue
		}
		again, _ := json.Marshal(target)
		for _, p := range planted {
			if !bytes.Contains(again, []byte(`"`+p+`"`)) {
				t.Errorf("%s: the unknown value %s was lost in %T", ex.where, p, target)
			}
		}
	}
	var missed []string
	for name := range all {
		if !reached[name] {
			missed = append(missed, name)
		}
	}
	sort.Strings(missed)
	if len(missed) > 0 {
		t.Errorf("no answer example holds the open enumerations %v: add one, or this test proves nothing about them", missed)
	}
}
