// Package docscheck_test checks what the project's documents say about its
// tests: a test that SECURITY.md or another page names as the proof of a
// claim must exist, so that renaming or deleting it shows.
package docscheck_test

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// pages are the documents, relative to the module root, whose test names
// are checked. CHANGELOG.md is history: it may name a test that has gone.
var pages = []string{"SECURITY.md", "README.md", "CONTRIBUTING.md", "docs", "api/README.md"}

var testName = regexp.MustCompile(`\b(?:Test|Fuzz|Benchmark)[A-Z][A-Za-z0-9_]*\b`)

func TestNamedTestsExist(t *testing.T) {
	root := filepath.Join("..", "..")
	defined := map[string]bool{}
	funcDecl := regexp.MustCompile(`(?m)^func ((?:Test|Fuzz|Benchmark)[A-Z][A-Za-z0-9_]*)\(`)
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			switch d.Name() {
			case "build", "node_modules", ".git", "testdata":
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(path, "_test.go") {
			return nil
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range funcDecl.FindAllSubmatch(b, -1) {
			defined[string(m[1])] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(defined) < 100 {
		t.Fatalf("found only %d tests: is the module root %s?", len(defined), root)
	}
	checked := 0
	for _, p := range pages {
		err := filepath.WalkDir(filepath.Join(root, p), func(path string, d fs.DirEntry, err error) error {
			if os.IsNotExist(err) {
				return nil
			}
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".md") {
				return err
			}
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			checked++
			// An example on the page declares its own (README's "using
			// the fake in your tests").
			own := map[string]bool{}
			for _, m := range funcDecl.FindAllSubmatch(b, -1) {
				own[string(m[1])] = true
			}
			for _, name := range testName.FindAllString(string(b), -1) {
				if !defined[name] && !own[name] {
					t.Errorf("%s names %s, which no _test.go file defines", path, name)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked < 2 {
		t.Fatalf("read only %d pages", checked)
	}
}
