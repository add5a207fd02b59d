package wrapper

import (
	"errors"
	"fmt"

	"github.com/partnercenter-go/partnercenter/gen"
)

// transportError wraps an error that left no answer to read (network,
// context, credential, refused request).
func transportError(op string, err error) error {
	return fmt.Errorf("partnercenter: %s: %w", op, err)
}

// organizationItems reads the organization answer, which the service
// sends as an array of objects or as a single object, as a slice.
func organizationItems(u *gen.CustomerOrganizationResult) ([]CustomerOrganization, error) {
	if list, err := u.AsCustomerOrganizationList(); err == nil {
		if list == nil {
			list = []CustomerOrganization{}
		}
		return list, nil
	}
	one, err := u.AsCustomerOrganization()
	if err != nil {
		return nil, errors.New("organization answer is neither an array nor an object")
	}
	return []CustomerOrganization{one}, nil
}
