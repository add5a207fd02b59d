// Package spec embeds openapi.yaml, a byte-for-byte copy of
// ../../openapi.yaml (as written, without the Go overlay) that go generate
// writes with ../../api/copyspec, for the fake's request validation and the
// spec tooling: GetSpec parses it with kin-openapi. Do not edit the copy;
// change ../../openapi.yaml and run `go generate ./...`.
//
// Client code does not need it: package gen and the wrapper carry what they
// need of the spec as generated Go, and import no spec parser.
package spec

//go:generate go run ../../api/copyspec -from ../../openapi.yaml -to openapi.yaml
