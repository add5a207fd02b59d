package wrapper

import (
	"fmt"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"

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
