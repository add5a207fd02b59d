package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/oapi-codegen/oapi-codegen/v2/pkg/codegen"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/")

// TestGolden runs the generator over testdata/mini.yaml, a small spec with
// one operation of every kind (plain with options, x-go-items, x-go-pages,
// x-go-custom with a refusal and a secret answer, an open enumeration), and
// compares what it writes with testdata/*.golden: a change of the
// generator shows in review as a change of these files. Run
// `go test ./api/opsgen -update` to rewrite them.
func TestGolden(t *testing.T) {
	doc, err := openapi3.NewLoader().LoadFromFile("testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src, err := codegen.Generate(doc, codegen.Configuration{
		PackageName:   "gen",
		Generate:      codegen.GenerateOptions{Models: true, Client: true},
		Compatibility: codegen.CompatibilityOptions{AlwaysPrefixEnumValues: true},
		OutputOptions: codegen.OutputOptions{PreferSkipOptionalPointerOnContainerTypes: true,
			NameNormalizer: "ToCamelCaseWithInitialisms", AdditionalInitialisms: []string{"MS"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "gen.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := run("testdata/mini.yaml", filepath.Join(dir, "operations.go"), "gen"); err != nil {
		t.Fatal(err)
	}
	if err := generateWrapper(doc, dir, "testdata/wrapper-gen.yaml", filepath.Join(dir, "zz_generated.go")); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"operations.go", "zz_generated.go"} {
		got, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", f+".golden")
		if *update {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test ./api/opsgen -update to write it)", err)
		}
		if string(got) != string(want) {
			t.Errorf("%s differs from %s: the generator's output changed; review it and run go test ./api/opsgen -update", f, golden)
		}
	}
}
