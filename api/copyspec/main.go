// Command copyspec copies a file byte for byte: go generate runs it to put
// openapi.yaml into gen/spec/, which embeds it (gen/spec/generate.go). A
// plain copy keeps a spec change as small in gen/spec as in openapi.yaml,
// and, unlike a shell cp, runs wherever Go does. It writes only when the
// copy differs, so an unchanged spec leaves the file untouched.
//
// Usage: go run ../../api/copyspec -from ../../openapi.yaml -to openapi.yaml
package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
)

func main() {
	from := flag.String("from", "", "the file to copy")
	to := flag.String("to", "", "the copy to write")
	flag.Parse()
	if *from == "" || *to == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: copyspec -from FILE -to FILE")
		os.Exit(2)
	}
	if err := run(*from, *to); err != nil {
		fmt.Fprintln(os.Stderr, "copyspec:", err)
		os.Exit(1)
	}
}

func run(from, to string) error {
	data, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	old, err := os.ReadFile(to)
	if err == nil && bytes.Equal(old, data) {
		return nil
	}
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return os.WriteFile(to, data, 0o644)
}
