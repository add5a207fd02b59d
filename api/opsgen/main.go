// Command opsgen writes gen/operations.go: per-operation facts that live in
// openapi.yaml as vendor extensions (x-gdap-roles, x-auth-modes, x-clouds,
// answers holding an x-ms-secret property), with each operation's ID,
// method and path, the known values of open enumerations (x-ms-enum
// with modelAsString), and a base-URL constant per server (named after the
// first cloud of the server's x-clouds), turned into Go at generate time. The
// wrapper reads them from there, so no program that imports it parses the
// spec at run time. gen/generate.go runs it through go generate; a test in
// api/ keeps the output equal to the spec.
//
// Usage: go run ../api/opsgen -spec ../openapi.yaml -out operations.go
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/getkin/kin-openapi/openapi3"
)

func main() {
	specPath := flag.String("spec", "../openapi.yaml", "the OpenAPI document")
	out := flag.String("out", "operations.go", "the Go file to write")
	pkg := flag.String("package", "gen", "the Go package name")
	wrapperOut := flag.String("wrapper", "", "write the wrapper's generated file here instead (needs -gen and -config)")
	genDir := flag.String("gen", "../gen", "with -wrapper: the directory of package gen (gen.go, operations.go)")
	config := flag.String("config", "../api/wrapper-gen.yaml", "with -wrapper: the wrapper generator's configuration")
	flag.Parse()
	var err error
	if *wrapperOut != "" {
		var doc *openapi3.T
		if doc, err = openapi3.NewLoader().LoadFromFile(*specPath); err == nil {
			err = generateWrapper(doc, *genDir, *config, *wrapperOut)
		}
	} else {
		err = run(*specPath, *out, *pkg)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "opsgen:", err)
		os.Exit(1)
	}
}

// operation is what the generated table holds for one operation.
type operation struct {
	id, method, path string
	gdap, auth       []string
	clouds           []string
	secretAnswer     bool
}

func run(specPath, out, pkg string) error {
	doc, err := openapi3.NewLoader().LoadFromFile(specPath)
	if err != nil {
		return err
	}
	var ops []operation
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			if op.OperationID == "" {
				return fmt.Errorf("%s %s has no operationId", method, path)
			}
			o := operation{id: op.OperationID, method: method, path: path}
			if o.gdap, err = stringList(op.Extensions, "x-gdap-roles", true); err != nil {
				return fmt.Errorf("%s: %w", o.id, err)
			}
			if o.auth, err = stringList(op.Extensions, "x-auth-modes", true); err != nil {
				return fmt.Errorf("%s: %w", o.id, err)
			}
			if o.clouds, err = stringList(op.Extensions, "x-clouds", false); err != nil {
				return fmt.Errorf("%s: %w", o.id, err)
			}
			o.secretAnswer = answersSecret(op)
			ops = append(ops, o)
		}
	}
	sort.Slice(ops, func(i, j int) bool { return ops[i].id < ops[j].id })
	enums, err := openEnums(doc)
	if err != nil {
		return err
	}
	servers, err := serverList(doc)
	if err != nil {
		return err
	}
	refusals, err := readRefusals(doc)
	if err != nil {
		return err
	}
	src, err := render(pkg, ops, enums, servers, refusals)
	if err != nil {
		return err
	}
	return os.WriteFile(out, src, 0o644)
}

// openEnum is a string schema whose known values are listed in x-ms-enum
// with modelAsString: the service may send others, so the schema declares
// no enum (a generator would reject new values), and Go gets the known ones
// as constants.
type openEnum struct {
	schema string
	values []enumValue
}

type enumValue struct{ value, description string }

// openEnums reads the x-ms-enum lists of the component schemas.
func openEnums(doc *openapi3.T) ([]openEnum, error) {
	var out []openEnum
	for name, ref := range doc.Components.Schemas {
		ext, ok := ref.Value.Extensions["x-ms-enum"].(map[string]any)
		if !ok {
			continue
		}
		if asString, _ := ext["modelAsString"].(bool); !asString {
			return nil, fmt.Errorf("schema %s: x-ms-enum without modelAsString: true (use enum for a closed list)", name)
		}
		list, _ := ext["values"].([]any)
		e := openEnum{schema: name}
		for _, v := range list {
			m, _ := v.(map[string]any)
			value, _ := m["value"].(string)
			desc, _ := m["description"].(string)
			if value == "" || !isIdent(value) {
				return nil, fmt.Errorf("schema %s: x-ms-enum value %v is not a plain name", name, m["value"])
			}
			e.values = append(e.values, enumValue{value: value, description: strings.TrimSpace(desc)})
		}
		if len(e.values) == 0 {
			return nil, fmt.Errorf("schema %s: x-ms-enum lists no values", name)
		}
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].schema < out[j].schema })
	return out, nil
}

// server is one entry of the document's servers list.
type server struct {
	url, description string
	clouds           []string
}

// knownClouds are the cloud names of x-clouds (the info description of
// openapi.yaml defines them).
var knownClouds = map[string]bool{"public": true, "china": true, "usgov": true}

// serverList reads the servers in document order. Each must be a plain URL
// (no variables: a constant cannot hold them) and carry x-clouds, the clouds
// it serves; the first names its constant. Every known cloud is served by
// exactly one server.
func serverList(doc *openapi3.T) ([]server, error) {
	var out []server
	servedBy := map[string]string{}
	for _, s := range doc.Servers {
		if len(s.Variables) != 0 || strings.Contains(s.URL, "{") {
			return nil, fmt.Errorf("server %s: variables are not supported", s.URL)
		}
		clouds, err := stringList(s.Extensions, "x-clouds", true)
		if err != nil {
			return nil, fmt.Errorf("server %s: %w", s.URL, err)
		}
		if len(clouds) == 0 {
			return nil, fmt.Errorf("server %s: x-clouds is empty", s.URL)
		}
		for _, c := range clouds {
			if !knownClouds[c] {
				return nil, fmt.Errorf("server %s: x-clouds names unknown cloud %q", s.URL, c)
			}
			if other, dup := servedBy[c]; dup {
				return nil, fmt.Errorf("cloud %s is served by both %s and %s", c, other, s.URL)
			}
			servedBy[c] = s.URL
		}
		out = append(out, server{url: s.URL, description: strings.Join(strings.Fields(s.Description), " "), clouds: clouds})
	}
	for c := range knownClouds {
		if _, ok := servedBy[c]; !ok {
			return nil, fmt.Errorf("no server lists cloud %s in x-clouds", c)
		}
	}
	return out, nil
}

// wrapComment writes text as // comment lines of at most about 76 columns.
func wrapComment(b *bytes.Buffer, indent, text string) {
	line := ""
	for _, w := range strings.Fields(text) {
		if line != "" && len(line)+1+len(w) > 74 {
			fmt.Fprintf(b, "%s// %s\n", indent, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += w
	}
	if line != "" {
		fmt.Fprintf(b, "%s// %s\n", indent, line)
	}
}

// isIdent reports whether s can follow a Go identifier as is.
func isIdent(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return false
		}
	}
	return true
}

// answersSecret reports whether a successful answer of op holds a property
// marked x-ms-secret (such as a new administrator's password).
func answersSecret(op *openapi3.Operation) bool {
	if op.Responses == nil {
		return false
	}
	seen := map[*openapi3.Schema]bool{}
	for status, r := range op.Responses.Map() {
		if !strings.HasPrefix(status, "2") || r.Value == nil {
			continue
		}
		for _, mt := range r.Value.Content {
			if holdsSecret(mt.Schema, seen) {
				return true
			}
		}
	}
	return false
}

// holdsSecret walks a schema for a property marked x-ms-secret.
func holdsSecret(ref *openapi3.SchemaRef, seen map[*openapi3.Schema]bool) bool {
	if ref == nil || ref.Value == nil || seen[ref.Value] {
		return false
	}
	s := ref.Value
	seen[s] = true
	if secret, _ := s.Extensions["x-ms-secret"].(bool); secret {
		return true
	}
	for _, p := range s.Properties {
		if holdsSecret(p, seen) {
			return true
		}
	}
	for _, l := range [][]*openapi3.SchemaRef{s.AllOf, s.OneOf, s.AnyOf} {
		for _, x := range l {
			if holdsSecret(x, seen) {
				return true
			}
		}
	}
	return holdsSecret(s.Items, seen) || holdsSecret(s.AdditionalProperties.Schema, seen)
}

// stringList reads an extension holding a list of strings.
func stringList(ext map[string]any, name string, required bool) ([]string, error) {
	v, ok := ext[name]
	if !ok {
		if required {
			return nil, fmt.Errorf("no %s", name)
		}
		return nil, nil
	}
	list, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("%s is not a list", name)
	}
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, ok := x.(string)
		if !ok || s == "" {
			return nil, fmt.Errorf("%s holds %v, want non-empty strings", name, x)
		}
		out = append(out, s)
	}
	return out, nil
}

// goName turns an operationId such as "getCustomer" into "GetCustomer".
func goName(id string) string {
	r := []rune(id)
	r[0] = unicode.ToUpper(r[0])
	return string(r)
}

func quoted(l []string) []string {
	q := make([]string, len(l))
	for i, s := range l {
		q[i] = strconv.Quote(s)
	}
	return q
}

func quoteList(l []string) string {
	if l == nil {
		return "nil"
	}
	return "[]string{" + strings.Join(quoted(l), ", ") + "}"
}

func render(pkg string, ops []operation, enums []openEnum, servers []server, refusals []refusal) ([]byte, error) {
	var b bytes.Buffer
	fmt.Fprintf(&b, "// Code generated by api/opsgen from openapi.yaml. DO NOT EDIT.\n\npackage %s\n\n", pkg)
	b.WriteString("// The base URLs of the API, one per server of the OpenAPI document, each\n" +
		"// named after the first cloud its x-clouds lists. Pass one to\n" +
		"// NewClientWithResponses or NewClient.\nconst (\n")
	for i, s := range servers {
		if i > 0 {
			b.WriteString("\n")
		}
		name := "Server" + goName(s.clouds[0])
		clouds := "cloud " + s.clouds[0]
		if n := len(s.clouds); n > 1 {
			clouds = "clouds " + strings.Join(s.clouds[:n-1], ", ") + " and " + s.clouds[n-1]
		}
		wrapComment(&b, "\t", fmt.Sprintf("%s is the base URL of the %s (x-clouds). %s", name, clouds, s.description))
		fmt.Fprintf(&b, "\t%s = %q\n", name, s.url)
	}
	b.WriteString(")\n\n")
	b.WriteString("// ServerForCloud returns the base URL of the API in the named cloud:\n" +
		"// \"public\", \"china\" or \"usgov\", as the servers' x-clouds list them.\n" +
		"func ServerForCloud(cloud string) (string, bool) {\n\tswitch cloud {\n")
	for _, s := range servers {
		fmt.Fprintf(&b, "\tcase %s:\n\t\treturn Server%s, true\n", strings.Join(quoted(s.clouds), ", "), goName(s.clouds[0]))
	}
	b.WriteString("\t}\n\treturn \"\", false\n}\n\n")
	b.WriteString("// Operation IDs of the OpenAPI document.\nconst (\n")
	for _, o := range ops {
		fmt.Fprintf(&b, "\t// Operation%s is the operationId of %s %s.\n\tOperation%s = %q\n", goName(o.id), o.method, o.path, goName(o.id), o.id)
	}
	b.WriteString(")\n\n")
	b.WriteString(`// OperationInfo holds what the OpenAPI document says about one operation
// beyond its parameters and bodies, from its vendor extensions.
type OperationInfo struct {
	// ID is the operationId.
	ID string
	// Method is the HTTP method, upper case.
	Method string
	// Path is the path template, relative to the versioned server URL.
	Path string
	// GDAPRoles lists the Entra ID roles (x-gdap-roles) of which a partner
	// needs one under granular delegated admin privileges; empty when the
	// reference pages name none.
	GDAPRoles []string
	// AuthModes lists the kinds of token the operation accepts
	// (x-auth-modes): "app-only", "app+user".
	AuthModes []string
	// Clouds lists the clouds the operation exists in (x-clouds); empty
	// means every cloud.
	Clouds []string
	// SecretAnswer is set when a successful answer holds a property marked
	// x-ms-secret (such as a new administrator's password): no part of
	// such an answer may be shown in an error.
	SecretAnswer bool
}

// operations is sorted by ID.
var operations = [...]OperationInfo{
`)
	for _, o := range ops {
		fmt.Fprintf(&b, "\t{ID: %q, Method: %q, Path: %q, GDAPRoles: %s, AuthModes: %s, Clouds: %s, SecretAnswer: %t},\n",
			o.id, o.method, o.path, quoteList(o.gdap), quoteList(o.auth), quoteList(o.clouds), o.secretAnswer)
	}
	b.WriteString("}\n\n")
	for _, e := range enums {
		fmt.Fprintf(&b, "// The known values of %s (x-ms-enum). The service may send others:\n// keep them as they come.\nconst (\n", e.schema)
		for _, v := range e.values {
			if v.description != "" {
				fmt.Fprintf(&b, "\t// %s%s: %s\n", e.schema, goName(v.value), strings.ReplaceAll(v.description, "\n", " "))
			}
			fmt.Fprintf(&b, "\t%s%s %s = %q\n", e.schema, goName(v.value), e.schema, v.value)
		}
		b.WriteString(")\n\n")
		fmt.Fprintf(&b, "// Known%s reports whether v is a documented value of %s.\nfunc Known%s(v string) bool {\n\tswitch v {\n\tcase ", e.schema, e.schema, e.schema)
		for i, v := range e.values {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "%s%s", e.schema, goName(v.value))
		}
		b.WriteString(":\n\t\treturn true\n\t}\n\treturn false\n}\n\n")
	}
	renderRefusals(&b, refusals)
	b.WriteString(`// LookupOperation returns the facts of the operation with the given ID.
// The slices are copies the caller may keep.
func LookupOperation(id string) (OperationInfo, bool) {
	lo, hi := 0, len(operations)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if operations[m].ID < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(operations) && operations[lo].ID == id {
		return operations[lo].clone(), true
	}
	return OperationInfo{}, false
}

// Operations returns every operation of the document, sorted by ID.
func Operations() []OperationInfo {
	out := make([]OperationInfo, len(operations))
	for i := range operations {
		out[i] = operations[i].clone()
	}
	return out
}

func (o OperationInfo) clone() OperationInfo {
	o.GDAPRoles = append([]string(nil), o.GDAPRoles...)
	o.AuthModes = append([]string(nil), o.AuthModes...)
	o.Clouds = append([]string(nil), o.Clouds...)
	return o
}
`)
	return format.Source(b.Bytes())
}
