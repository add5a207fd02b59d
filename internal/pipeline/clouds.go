package pipeline

import (
	"fmt"
	"strings"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/partnercenter-go/partnercenter/internal/errs"
)

// CloudName names azcore's configuration cfg by its authority: "public"
// (also for the zero value), "china" or "usgov"; "" for a custom
// configuration, whose deployment only the caller knows.
func CloudName(cfg cloud.Configuration, service cloud.ServiceName) string {
	if ZeroCloud(cfg) {
		return "public"
	}
	host := strings.TrimRight(strings.ToLower(cfg.ActiveDirectoryAuthorityHost), "/")
	for name, c := range map[string]cloud.Configuration{"public": cloud.AzurePublic, "china": cloud.AzureChina, "usgov": cloud.AzureGovernment} {
		if host == strings.TrimRight(strings.ToLower(c.ActiveDirectoryAuthorityHost), "/") &&
			cfg.Services[service] == c.Services[service] {
			return name
		}
	}
	return ""
}

// ZeroCloud reports whether c was left unset.
func ZeroCloud(c cloud.Configuration) bool {
	return c.ActiveDirectoryAuthorityHost == "" && len(c.Services) == 0
}

// Service returns Partner Center's entry (name) of c (the public
// cloud when c is unset).
func Service(c cloud.Configuration, name cloud.ServiceName) (cloud.ServiceConfiguration, error) {
	if ZeroCloud(c) {
		c = cloud.AzurePublic
	}
	svc, ok := c.Services[name]
	if !ok || svc.Endpoint == "" || svc.Audience == "" {
		return svc, fmt.Errorf("%w: the cloud configuration has no Partner Center Endpoint and Audience (Services[wrapper.ServiceName]); use cloud.AzurePublic, cloud.AzureChina, cloud.AzureGovernment, CloudByName or CustomCloud", errs.ErrInvalidInput)
	}
	return svc, nil
}

// Scope returns the OAuth scope for an audience.
func Scope(audience string) string {
	return strings.TrimRight(audience, "/") + "/.default"
}
