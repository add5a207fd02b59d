package fake

import (
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"

	"github.com/partnercenter-go/partnercenter/wrapper"
)

// Audience is the token audience of the fake cloud. It is under the
// reserved .invalid domain, so a token asked for it can never be a real
// Partner Center token.
const Audience = "https://fake.partnercenter.invalid"

// AuthorityHost is the token authority of the fake cloud, also under
// .invalid: the fake's own Credential never calls it.
const AuthorityHost = "https://login.partnercenter.invalid/"

// Cloud describes the fake as an azcore cloud configuration: Partner
// Center's endpoint (wrapper.ServiceName) is URL(), its audience Audience.
func (s *Server) Cloud() cloud.Configuration {
	return wrapper.CustomCloud(s.URL(), Audience, AuthorityHost)
}

// NewClient returns a wrapper.Client wired to the fake: opts.Cloud is
// replaced by Cloud(), opts.Transport defaults to HTTPClient(), and tokens
// come from Credential(). With Options.PlainHTTP it sets
// AllowInsecureHTTP, so the client sends no token: the fake then needs
// Options.NoAuth. opts may be nil; it is not modified.
func (s *Server) NewClient(opts *wrapper.ClientOptions) (*wrapper.Client, error) {
	var o wrapper.ClientOptions
	if opts != nil {
		o = *opts
	}
	o.Cloud = s.Cloud()
	if s.opts.PlainHTTP {
		o.AllowInsecureHTTP = true
	}
	if o.Transport == nil {
		o.Transport = s.HTTPClient()
	}
	return wrapper.NewClient(s.cred, &o)
}
