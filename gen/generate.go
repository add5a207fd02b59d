// Package gen is generated from ../openapi.yaml: oapi-codegen writes gen.go
// (models, client, server interface) with the configuration in
// ../api/oapi-codegen.yaml (whose user templates in ../api/templates make
// the Parse...Response functions drop a leading UTF-8 byte-order mark and
// decode a body already in memory in place, and the request builders
// spare work on every call), and ../api/opsgen writes operations.go (each
// operation's ID, method, path and vendor extensions, and the known values
// of the open enumerations listed in x-ms-enum). Do not edit them by
// hand: change the spec or the configuration and run `go generate ./...`
// (or `make generate`).
//
// The package links no spec parser; the embedded spec is in package
// gen/spec, for the tools and the fake that need it.
package gen

//go:generate go run github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen -config ../api/oapi-codegen.yaml ../openapi.yaml
//go:generate go run ../api/opsgen -spec ../openapi.yaml -out operations.go
