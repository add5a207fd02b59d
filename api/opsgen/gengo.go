package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"os"
	"path/filepath"
	"reflect"
	"strings"
)

// genGo is what the wrapper generator reads of gen/gen.go, the code
// oapi-codegen wrote: the Go names and types it chose, so that the
// wrapper's code uses them rather than guessing oapi-codegen's naming.
type genGo struct {
	fset *token.FileSet
	// types maps a declared type's name to its declaration.
	types map[string]*ast.TypeSpec
	// docs maps a declared type's name to its doc comment text.
	docs map[string]string
	// consts maps a type name to its constants, in source order.
	consts map[string][]string
	// methods maps a method of *Client to its parameters.
	methods map[string][]*ast.Field
}

// readGenGo parses the Go files of package gen (gen.go, which
// oapi-codegen writes, and operations.go, which holds the constants of the
// open enumerations), without its tests.
func readGenGo(dir string) (*genGo, error) {
	fset := token.NewFileSet()
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	g := &genGo{fset: fset, types: map[string]*ast.TypeSpec{}, docs: map[string]string{},
		consts: map[string][]string{}, methods: map[string][]*ast.Field{}}
	for _, e := range entries { // sorted by name
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.ParseComments)
		if err != nil {
			return nil, err
		}
		g.add(f)
	}
	if len(g.methods) == 0 {
		return nil, fmt.Errorf("%s: no package gen with a Client", dir)
	}
	return g, nil
}

// add reads the declarations of one file.
func (g *genGo) add(f *ast.File) {
	for _, d := range f.Decls {
		switch d := d.(type) {
		case *ast.GenDecl:
			for _, s := range d.Specs {
				switch s := s.(type) {
				case *ast.TypeSpec:
					g.types[s.Name.Name] = s
					doc := s.Doc
					if doc == nil {
						doc = d.Doc
					}
					if doc != nil {
						g.docs[s.Name.Name] = doc.Text()
					}
				case *ast.ValueSpec:
					if d.Tok != token.CONST || s.Type == nil {
						continue
					}
					if id, ok := s.Type.(*ast.Ident); ok {
						for _, n := range s.Names {
							g.consts[id.Name] = append(g.consts[id.Name], n.Name)
						}
					}
				}
			}
		case *ast.FuncDecl:
			if d.Recv == nil || len(d.Recv.List) != 1 {
				continue
			}
			if star, ok := d.Recv.List[0].Type.(*ast.StarExpr); ok {
				if id, ok := star.X.(*ast.Ident); ok && id.Name == "Client" {
					g.methods[d.Name.Name] = d.Type.Params.List
				}
			}
		}
	}
}

// expr prints a type expression as source.
func (g *genGo) expr(e ast.Expr) string {
	var b bytes.Buffer
	_ = printer.Fprint(&b, g.fset, e)
	return b.String()
}

// resolve follows type aliases (type A = B) declared in gen.go and
// returns the final type expression as source, and whether it names a
// type declared in gen.go (a model or an enum) rather than a basic or
// imported one.
func (g *genGo) resolve(name string) (string, bool) {
	for i := 0; i < 10; i++ {
		ts, ok := g.types[name]
		if !ok {
			return name, false
		}
		if !ts.Assign.IsValid() {
			return name, true
		}
		next := g.expr(ts.Type)
		if strings.ContainsAny(next, ".[]*{") {
			return next, false
		}
		name = next
	}
	return name, false
}

// field is a field of a struct declared in gen.go.
type field struct {
	name, typ, tag string
}

// structFields returns the fields of struct type name, with the name the
// json tag gives each.
func (g *genGo) structFields(name string) ([]field, error) {
	ts, ok := g.types[name]
	if !ok {
		return nil, fmt.Errorf("gen.go declares no type %s", name)
	}
	st, ok := ts.Type.(*ast.StructType)
	if !ok {
		return nil, fmt.Errorf("gen.go: %s is not a struct", name)
	}
	var out []field
	for _, f := range st.Fields.List {
		tag := ""
		if f.Tag != nil {
			tag = reflect.StructTag(strings.Trim(f.Tag.Value, "`")).Get("json")
			tag, _, _ = strings.Cut(tag, ",")
		}
		for _, n := range f.Names {
			out = append(out, field{name: n.Name, typ: g.expr(f.Type), tag: tag})
		}
	}
	return out, nil
}

// docText returns the doc comment of a gen.go type without the type name
// oapi-codegen puts first ("Customer A customer ..."), on one line.
func (g *genGo) docText(name string) string {
	d := strings.Join(strings.Fields(g.docs[name]), " ")
	d = strings.TrimPrefix(d, name+" ")
	return d
}
