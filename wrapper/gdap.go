package wrapper

import (
	"slices"
	"sync"

	"github.com/partnercenter-go/partnercenter/gen"
)

// gdapExtension is the vendor extension of the OpenAPI document that lists
// the GDAP roles an operation needs.
const gdapExtension = "x-gdap-roles"

var (
	gdapOnce sync.Once
	gdapByOp map[string][]string
)

// gdapRoles returns the GDAP roles the spec lists for an operation ID. The
// embedded spec is read once, on first use.
func gdapRoles(operationID string) []string {
	gdapOnce.Do(func() {
		// The spec is embedded in the binary: failing to read it is a build
		// defect, and the error then simply names no roles.
		gdapByOp, _ = loadGDAPRoles()
	})
	return slices.Clone(gdapByOp[operationID])
}

// loadGDAPRoles reads x-gdap-roles of every operation in the embedded spec.
func loadGDAPRoles() (map[string][]string, error) {
	spec, err := gen.GetSpec()
	if err != nil {
		return nil, err
	}
	out := make(map[string][]string)
	if spec.Paths == nil {
		return out, nil
	}
	for _, item := range spec.Paths.Map() {
		for _, op := range item.Operations() {
			if op == nil || op.OperationID == "" {
				continue
			}
			out[op.OperationID] = stringList(op.Extensions[gdapExtension])
		}
	}
	return out, nil
}

// stringList converts a decoded JSON list of strings.
func stringList(v any) []string {
	switch l := v.(type) {
	case []string:
		return slices.Clone(l)
	case []any:
		out := make([]string, 0, len(l))
		for _, x := range l {
			if s, ok := x.(string); ok && s != "" {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}
