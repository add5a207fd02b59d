package wrapper

import (
	"bytes"
	"mime"
	"net/http"
	"strings"

	"github.com/partnercenter-go/partnercenter/internal/errbody"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

// foreignNotFound reports whether a 404 answer is plainly not Partner
// Center's own "no such resource": one labelled as anything but JSON (a
// gateway's or proxy's text/html page), or whose body is not JSON.
// Partner Center answers the domain check (HEAD) with no body, and its
// error bodies are JSON. CheckDomainAvailability reads a 404 as "the
// domain is free" only when this is false; otherwise the answer is an
// error, since a gateway that lost the route says nothing about the domain.
// The body, if any, stays readable (azcore buffers it).
func foreignNotFound(resp *http.Response) bool {
	if ct := resp.Header.Get("Content-Type"); ct != "" {
		mt, _, err := mime.ParseMediaType(ct)
		if err != nil {
			return true
		}
		if mt != "application/json" && mt != "text/json" && !strings.HasSuffix(mt, "+json") {
			return true
		}
	}
	b := bytes.TrimSpace(errbody.TrimBOM(transport.Payload(resp)))
	return len(b) > 0 && b[0] != '{' && b[0] != '['
}
