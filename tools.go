//go:build tools

// Package tools pins the tools the Makefile runs with `go run`, so that every
// machine uses the versions recorded in go.mod: the code generator behind
// go generate (oapi-codegen) and the mutation tester behind `make mutate`
// (gremlins).
package tools

import (
	_ "github.com/go-gremlins/gremlins/cmd/gremlins"
	_ "github.com/oapi-codegen/oapi-codegen/v2/cmd/oapi-codegen"
)
