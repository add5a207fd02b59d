package wrapper

import (
	"fmt"

	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
)

// parseCustomerID checks a customer tenant ID and parses it.
func parseCustomerID(s string) (uuid.UUID, error) {
	return parseGUID("customer ID", s)
}

// parseGUID checks a GUID argument (what names it in the error) and
// parses it.
func parseGUID(what, s string) (uuid.UUID, error) {
	if err := check.InputGUID(what, s); err != nil {
		return uuid.UUID{}, err
	}
	id, err := uuid.Parse(s)
	if err != nil { // unreachable after check.GUID; kept so nothing panics
		return uuid.UUID{}, fmt.Errorf("%w: %s %s: %v", ErrInvalidInput, what, scrub.Quote(s), err)
	}
	return id, nil
}
