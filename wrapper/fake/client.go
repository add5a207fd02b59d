package fake

import (
	"github.com/partnercenter-go/partnercenter/wrapper"
)

// Audience is the token audience of the fake cloud. It is under the
// reserved .invalid domain, so a token asked for it can never be a real
// Partner Center token.
const Audience = "https://fake.partnercenter.invalid"

// Cloud describes the fake as a wrapper.Cloud: Endpoint is URL(), Audience
// is the fake audience.
func (s *Server) Cloud() wrapper.Cloud {
	return wrapper.Cloud{
		Name:          "fake",
		Endpoint:      s.URL(),
		Audience:      Audience,
		AuthorityHost: "https://login.partnercenter.invalid/",
	}
}

// NewClient returns a wrapper.Client wired to the fake: opts.Cloud is
// replaced by Cloud(), opts.Transport defaults to HTTPClient(), and tokens
// come from Credential(). opts may be nil; it is not modified.
func (s *Server) NewClient(opts *wrapper.ClientOptions) (*wrapper.Client, error) {
	var o wrapper.ClientOptions
	if opts != nil {
		o = *opts
	}
	o.Cloud = s.Cloud()
	if o.Transport == nil {
		o.Transport = s.HTTPClient()
	}
	return wrapper.NewClient(s.cred, &o)
}
