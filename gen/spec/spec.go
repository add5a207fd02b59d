package spec

import (
	"bytes"
	_ "embed"

	"github.com/getkin/kin-openapi/openapi3"
)

//go:embed openapi.yaml
var document []byte

// YAML returns the embedded document as written, in a slice of the
// caller's own.
func YAML() []byte { return bytes.Clone(document) }

// GetSpec parses the embedded document. Each call returns a new document
// that the caller may change. References outside the document are refused.
func GetSpec() (*openapi3.T, error) {
	return openapi3.NewLoader().LoadFromData(document)
}
