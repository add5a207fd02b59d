package wrapper

// zz_generated.go holds, from openapi.yaml and the code oapi-codegen wrote
// into gen/gen.go: every operation's options type, the Client method of
// every operation without behaviour of its own (x-go-custom marks the
// others, whose methods are in the hand-written file of their tag), the
// sentinel errors of the refusals (x-refusals), and the models and
// enumeration values of gen re-exported. api/wrapper-gen.yaml holds the
// few Go-only choices.
//go:generate go run ../api/opsgen -spec ../openapi.yaml -gen ../gen -config ../api/wrapper-gen.yaml -wrapper zz_generated.go
