package main

import (
	"bytes"
	"encoding"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strconv"
	"strings"

	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/wrapper"
)

// Input files are checked as a whole: every unknown field and every value
// of the wrong type is reported with its JSON path, with the problems the
// body checks (internal/check) find in what could be read, in one answer.
// encoding/json stops at the first of them.

// maxInputDepth bounds how deep decodeInput walks a document.
const maxInputDepth = 64

// inputFileError is an input file refused before any request, with every
// problem found in it.
type inputFileError struct {
	path string
	err  *check.InputError
}

func (e *inputFileError) Error() string { return e.path + ": " + e.err.Error() }
func (e *inputFileError) Unwrap() error { return e.err }

// decodeNewCustomer decodes a create request and checks it: every syntax,
// unknown-field and type problem of the document, then (when the document
// could be read) the problems check.NewCustomer finds, leaving out those
// at a path that already has a problem. The error is an *inputFileError.
func decodeNewCustomer(path string, data []byte) (wrapper.NewCustomer, error) {
	var nc wrapper.NewCustomer
	problems, read := decodeInput(data, &nc)
	if len(problems) == 0 {
		return nc, nil
	}
	for _, p := range check.NewCustomer(&nc) {
		if !read {
			break
		}
		if !coveredBy(p.Path, problems) {
			problems = append(problems, p)
		}
	}
	return nc, &inputFileError{path: path, err: &check.InputError{Problems: problems}}
}

// coveredBy reports whether path is, or lies under or above, the path of
// one of problems.
func coveredBy(path string, problems check.Problems) bool {
	for _, p := range problems {
		if path == p.Path || strings.HasPrefix(path, p.Path+".") || strings.HasPrefix(p.Path, path+".") {
			return true
		}
	}
	return false
}

// decodeInput decodes the JSON document data into v (a pointer) as far as
// it can and returns every problem: a syntax error (alone, with its line
// and column), more than one document, unknown fields and values whose
// JSON type does not fit (names matched as encoding/json does, exactly or
// else ignoring case; null fits everything). A UTF-8 byte-order mark is
// skipped. read reports whether the document could be parsed at all.
func decodeInput(data []byte, v any) (problems check.Problems, read bool) {
	data = bytes.TrimPrefix(data, []byte("\xEF\xBB\xBF"))
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var doc any
	if err := dec.Decode(&doc); err != nil {
		return check.Problems{{Path: "", Message: syntaxMessage(data, err)}}, false
	}
	var p check.Problems
	if _, err := dec.Token(); err == nil {
		p = append(p, check.Problem{Path: "", Message: "more than one JSON document"})
	}
	walkInput(doc, reflect.TypeOf(v).Elem(), "", 0, &p)
	if err := json.Unmarshal(data, v); err != nil && len(p) == 0 {
		// A mismatch the walk did not foresee: report encoding/json's own.
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			p = append(p, check.Problem{Path: te.Field, Message: "want " + te.Type.String() + ", got a JSON " + te.Value})
		} else {
			p = append(p, check.Problem{Path: "", Message: err.Error()})
		}
	}
	return p, true
}

// syntaxMessage describes a document that is not JSON, with the line and
// column of the mistake when encoding/json gives its offset.
func syntaxMessage(data []byte, err error) string {
	var se *json.SyntaxError
	switch {
	case errors.Is(err, io.EOF):
		return "the file is empty: want a JSON object"
	case errors.Is(err, io.ErrUnexpectedEOF):
		return "not JSON: the document ends too early"
	case !errors.As(err, &se):
		return "not JSON: " + err.Error()
	}
	// Offset counts the bytes read, the offending one included.
	before := data[:min(int(se.Offset), len(data))]
	line := bytes.Count(before, []byte("\n")) + 1
	col := len(before) - bytes.LastIndexByte(before, '\n') - 1
	return fmt.Sprintf("not JSON: line %d, column %d: %v", line, col, se)
}

// Types with their own decoding are checked by decoding the value.
var (
	jsonUnmarshaler = reflect.TypeFor[json.Unmarshaler]()
	textUnmarshaler = reflect.TypeFor[encoding.TextUnmarshaler]()
)

// walkInput checks the decoded JSON value v against the Go type t, adding
// a problem at path for each unknown field and each value of a JSON type t
// cannot hold.
func walkInput(v any, t reflect.Type, path string, depth int, p *check.Problems) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if v == nil || depth > maxInputDepth {
		return
	}
	wrong := func(want string) {
		*p = append(*p, check.Problem{Path: path, Message: "want " + want + ", got " + jsonKind(v)})
	}
	if pt := reflect.PointerTo(t); pt.Implements(jsonUnmarshaler) || pt.Implements(textUnmarshaler) && t.Kind() != reflect.String {
		raw, _ := json.Marshal(v)
		if err := json.Unmarshal(raw, reflect.New(t).Interface()); err != nil {
			*p = append(*p, check.Problem{Path: path, Message: "cannot be read: " + err.Error()})
		}
		return
	}
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := v.(map[string]any)
		if !ok {
			wrong("an object")
			return
		}
		fields := jsonFields(t)
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		for _, k := range keys {
			f, ok := fields[k]
			if !ok {
				for name, ff := range fields {
					if strings.EqualFold(name, k) {
						f, ok, k = ff, true, name
						break
					}
				}
			}
			if !ok {
				msg := "unknown field"
				if near := nearest(k, fields); near != "" {
					msg += " (did you mean " + near + "?)"
				}
				*p = append(*p, check.Problem{Path: join(path, k), Message: msg})
				continue
			}
			walkInput(obj[k], f, join(path, k), depth+1, p)
		}
	case reflect.Map:
		obj, ok := v.(map[string]any)
		if !ok {
			wrong("an object")
			return
		}
		for k, e := range obj {
			walkInput(e, t.Elem(), join(path, k), depth+1, p)
		}
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() == reflect.Uint8 {
			if _, ok := v.(string); !ok {
				wrong("a base64 string")
			}
			return
		}
		arr, ok := v.([]any)
		if !ok {
			wrong("an array")
			return
		}
		for i, e := range arr {
			walkInput(e, t.Elem(), path+"["+strconv.Itoa(i)+"]", depth+1, p)
		}
	case reflect.String:
		if _, ok := v.(string); !ok {
			wrong("a string")
		}
	case reflect.Bool:
		if _, ok := v.(bool); !ok {
			wrong("true or false")
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		n, ok := v.(json.Number)
		if !ok {
			wrong("a number")
		} else if _, err := strconv.ParseInt(n.String(), 10, t.Bits()); err != nil {
			wrong(fmt.Sprintf("a whole number of %d bits", t.Bits()))
		}
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		n, ok := v.(json.Number)
		if !ok {
			wrong("a number")
		} else if _, err := strconv.ParseUint(n.String(), 10, t.Bits()); err != nil {
			wrong("a whole number of at least 0")
		}
	case reflect.Float32, reflect.Float64:
		if _, ok := v.(json.Number); !ok {
			wrong("a number")
		}
	}
}

// jsonFields maps the JSON names of struct t's fields (those of embedded
// structs without a name of their own included) to their types.
func jsonFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := range t.NumField() {
		f := t.Field(i)
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, _, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			ft := f.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				for n, typ := range jsonFields(ft) {
					if _, ok := out[n]; !ok {
						out[n] = typ
					}
				}
				continue
			}
		}
		if !f.IsExported() {
			continue
		}
		if name == "" {
			name = f.Name
		}
		out[name] = f.Type
	}
	return out
}

// nearest returns the field name closest to the unknown name k, when a
// typo (at most two edits, counted without regard to case) separates
// them; "" otherwise.
func nearest(k string, fields map[string]reflect.Type) string {
	best, bestDist := "", 3
	for name := range fields {
		if d := editDistance(strings.ToLower(k), strings.ToLower(name)); d < bestDist || d == bestDist && name < best {
			best, bestDist = name, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance of a and b, in bytes; it gives
// up (returning 99) on names longer than 64 bytes.
func editDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 99
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// join appends a member name to a JSON path.
func join(path, name string) string {
	if path == "" {
		return name
	}
	return path + "." + name
}

// jsonKind names the JSON type of a decoded value.
func jsonKind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	case string:
		return "a string"
	case json.Number:
		return "a number"
	case bool:
		return "true or false"
	}
	return "null"
}
