package fake

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strings"

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

// tenantFault maps the outcomes of the store's tenant operations to the
// answers of operation op: unknown users, roles, subscriptions, orders and
// partners as the spec documents them, refusals from the spec's table, and
// what lifecycleFault maps. target is the ID the request names, for the
// answers that repeat it.
func tenantFault(op, target string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, errUserNotFound), errors.Is(err, errNotMember):
		return documented(op, http.StatusNotFound, codeUserNotFound)
	case errors.Is(err, errSubscriptionNotFound):
		e := documented(op, http.StatusNotFound, codeSubscriptionNotFound)
		// The example names the subscription of its request; name this one.
		e.description = guidPattern.ReplaceAllLiteralString(e.description, target)
		return e
	case errors.Is(err, errOrderNotFound):
		return documented(op, http.StatusNotFound, codeOrderNotFound)
	case errors.Is(err, errPartnerNotFound):
		return documented(op, http.StatusNotFound, codePartnerNotFound)
	case errors.Is(err, errRoleNotFound):
		return &apiError{status: http.StatusNotFound, code: codeNotFound,
			description: fmt.Sprintf("The customer's tenant has no directory role %s; listDirectoryRoles names its roles.", target)}
	case errors.Is(err, errUserNameTaken):
		return invalidInput("Invalid request input: another user of the customer already signs in with this userPrincipalName.")
	case errors.Is(err, errUserDeleted):
		return invalidInput("Invalid request input: the user is deleted; restore it first (state active), within %d days of its deletion.",
			int(DeletedUserRetention.Hours()/24))
	default:
		return lifecycleFault(op, err)
	}
}

// guidPattern matches a GUID in a text.
var guidPattern = regexp.MustCompile(`[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}`)

// requestIDOf is the MS-RequestId of a request in lowercase, "" when it
// has none.
func requestIDOf(id *gen.RequestID) string {
	if id == nil {
		return ""
	}
	return strings.ToLower(id.String())
}
