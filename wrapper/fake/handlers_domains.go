package fake

import (
	"context"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The handlers of the "Domains" tag.

// CheckDomainAvailability answers HEAD /domains/{domain}: 200 when a
// customer uses the domain, 404 when it is free.
func (a *api) CheckDomainAvailability(ctx context.Context, req gen.CheckDomainAvailabilityRequestObject) (gen.CheckDomainAvailabilityResponseObject, error) {
	if a.store.domainTaken(req.Domain) {
		return gen.CheckDomainAvailability200Response{}, nil
	}
	return gen.CheckDomainAvailability404Response{}, nil
}
