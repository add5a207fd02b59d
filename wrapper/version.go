package wrapper

import "runtime"

// Version is the version of this library, sent in the User-Agent header.
const Version = "0.1.0"

// moduleName names this library in the User-Agent header.
const moduleName = "partnercenter-go"

// userAgent is computed once: "partnercenter-go/0.1.0 (go1.26.0; linux/amd64)".
var userAgent = moduleName + "/" + Version + " (" + runtime.Version() + "; " + runtime.GOOS + "/" + runtime.GOARCH + ")"
