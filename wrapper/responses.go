package wrapper

import (
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/partnercenter-go/partnercenter/gen"
)

// transportError wraps an error that left no answer to read (network,
// context, credential, refused request).
func transportError(op string, err error) error {
	return fmt.Errorf("partnercenter: %s: %w", op, err)
}

// closeBody drains what is left of a body (so the connection can be
// reused) and closes it.
func closeBody(resp *http.Response) {
	if resp != nil && resp.Body != nil {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxErrorBody))
		_ = resp.Body.Close()
	}
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

// trimBOM drops a leading UTF-8 byte-order mark.
func trimBOM(b []byte) []byte {
	if len(b) >= 3 && b[0] == 0xEF && b[1] == 0xBB && b[2] == 0xBF {
		return b[3:]
	}
	return b
}
