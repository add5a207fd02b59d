package wrapper

import (
	"fmt"
	"net/url"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"

	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
)

// ServiceName identifies Partner Center in an azcore cloud.Configuration.
// Importing this package registers it in azcore's cloud.AzurePublic,
// cloud.AzureChina and cloud.AzureGovernment, so that one configuration
// sets up both azidentity (its authority host) and this client (the API
// endpoint and token audience):
//
//	opts := azcore.ClientOptions{Cloud: cloud.AzureChina}
//	cred, _ := azidentity.NewClientSecretCredential(tenant, app, secret, &azidentity.ClientSecretCredentialOptions{ClientOptions: opts})
//	client, _ := wrapper.NewClient(cred, &wrapper.ClientOptions{ClientOptions: opts})
const ServiceName cloud.ServiceName = "partnercenter"

// The API hosts and token audiences of the clouds Partner Center runs in.
// The US Government cloud uses the public API host and audience; only its
// token authority differs.
const (
	publicEndpoint = "https://api.partnercenter.microsoft.com"
	chinaEndpoint  = "https://partner.partnercenterapi.microsoftonline.cn"
)

func init() {
	cloud.AzurePublic.Services[ServiceName] = cloud.ServiceConfiguration{Endpoint: publicEndpoint, Audience: publicEndpoint}
	cloud.AzureChina.Services[ServiceName] = cloud.ServiceConfiguration{Endpoint: chinaEndpoint, Audience: chinaEndpoint}
	cloud.AzureGovernment.Services[ServiceName] = cloud.ServiceConfiguration{Endpoint: publicEndpoint, Audience: publicEndpoint}
}

// CloudByName returns azcore's configuration of the named cloud: "public",
// "china" or "usgov" (case-insensitive; "global", "21vianet" and
// "usgovernment" are accepted too). Any other name is an error wrapping
// ErrInvalidInput. The configuration carries Partner Center's endpoint and
// audience under ServiceName.
func CloudByName(name string) (cloud.Configuration, error) {
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "public", "global", "worldwide":
		return cloud.AzurePublic, nil
	case "china", "21vianet":
		return cloud.AzureChina, nil
	case "usgov", "usgovernment":
		return cloud.AzureGovernment, nil
	}
	return cloud.Configuration{}, fmt.Errorf("%w: unknown cloud %s (want public, china or usgov)", ErrInvalidInput, scrub.Quote(name))
}

// CustomCloud returns a configuration for a Partner Center deployment of
// the caller's choice, such as a local mock or a proxy: endpoint is the
// API's base URL without the version segment (it may carry a path
// prefix), audience the token audience (the scope asked for is
// audience + "/.default"), authorityHost the Entra ID authority that
// issues its tokens (empty means azcore's default, the public one).
func CustomCloud(endpoint, audience, authorityHost string) cloud.Configuration {
	return cloud.Configuration{
		ActiveDirectoryAuthorityHost: authorityHost,
		Services: map[cloud.ServiceName]cloud.ServiceConfiguration{
			ServiceName: {Endpoint: endpoint, Audience: audience},
		},
	}
}

// cloudNameOf names azcore's configuration cfg by its authority: "public"
// (also for the zero value), "china" or "usgov"; "" for a custom
// configuration, whose deployment only the caller knows.
func cloudNameOf(cfg cloud.Configuration) string {
	if isZeroCloud(cfg) {
		return "public"
	}
	host := strings.TrimRight(strings.ToLower(cfg.ActiveDirectoryAuthorityHost), "/")
	for name, c := range map[string]cloud.Configuration{"public": cloud.AzurePublic, "china": cloud.AzureChina, "usgov": cloud.AzureGovernment} {
		if host == strings.TrimRight(strings.ToLower(c.ActiveDirectoryAuthorityHost), "/") &&
			cfg.Services[ServiceName] == c.Services[ServiceName] {
			return name
		}
	}
	return ""
}

// isZeroCloud reports whether c was left unset.
func isZeroCloud(c cloud.Configuration) bool {
	return c.ActiveDirectoryAuthorityHost == "" && len(c.Services) == 0
}

// partnerCenterService returns Partner Center's entry of c (the public
// cloud when c is unset).
func partnerCenterService(c cloud.Configuration) (cloud.ServiceConfiguration, error) {
	if isZeroCloud(c) {
		c = cloud.AzurePublic
	}
	svc, ok := c.Services[ServiceName]
	if !ok || svc.Endpoint == "" || svc.Audience == "" {
		return svc, fmt.Errorf("%w: the cloud configuration has no Partner Center Endpoint and Audience (Services[wrapper.ServiceName]); use cloud.AzurePublic, cloud.AzureChina, cloud.AzureGovernment, CloudByName or CustomCloud", ErrInvalidInput)
	}
	return svc, nil
}

// scopeOf returns the OAuth scope for an audience.
func scopeOf(audience string) string {
	return strings.TrimRight(audience, "/") + "/.default"
}

// parseEndpoint checks an endpoint (what names it in errors) with the
// shared rule (check.Endpoint): an absolute https URL, or http on a
// loopback host when allowInsecure is set; no query, fragment or user
// info. Error messages never repeat user info.
func parseEndpoint(what, endpoint string, allowInsecure bool) (*url.URL, error) {
	u, err := check.Endpoint(endpoint, allowInsecure)
	if err != nil {
		return nil, fmt.Errorf("%w: %s %s: %v", ErrInvalidInput, what, scrub.Quote(check.Redact(endpoint)), err)
	}
	return u, nil
}
