package fake

import (
	"fmt"
	"net/http"

	"github.com/partnercenter-go/partnercenter/gen"
)

// api implements gen.StrictServerInterface over the store. Success answers
// are the generated typed responses; failures are returned as *apiError and
// written by the strict handler's error hook, so every operation answers
// errors in the same ApiFault shape.
type api struct {
	store    *store
	opts     Options
	tokenKey []byte
}

var _ gen.StrictServerInterface = (*api)(nil)

// errCustomerNotFound is the answer for an unknown customer ID.
var errCustomerNotFound = &apiError{status: http.StatusNotFound, code: codeTenantNotFound, description: "Tenant not found."}

// invalidInput is a 400 answer with a specific description.
func invalidInput(format string, args ...any) *apiError {
	return newAPIError(http.StatusBadRequest).withDescription(fmt.Sprintf(format, args...))
}

// customer returns the stored customer or the 404 answer.
func (a *api) customer(id fmt.Stringer) (*record, error) {
	r, ok := a.store.get(id.String())
	if !ok {
		return nil, errCustomerNotFound
	}
	return r, nil
}
