package wrapper

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

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

// paramRule is what the spec says of a string parameter (its schema's
// minLength, maxLength, pattern and enum; header for a header value); the
// generated methods check their parameters with it before any request.
type paramRule struct {
	min, max int
	pattern  string
	enum     []string
	header   bool
}

// patterns caches the compiled patterns of paramRule.
var patterns sync.Map // string -> *regexp.Regexp

// checkParam checks the value v of the parameter what against r.
func checkParam(what, v string, r paramRule) error {
	switch {
	case len(v) < r.min && v == "":
		return fmt.Errorf("%w: empty %s", ErrInvalidInput, what)
	case len(v) < r.min:
		return fmt.Errorf("%w: %s %s is shorter than %d characters", ErrInvalidInput, what, scrub.Quote(v), r.min)
	case r.max > 0 && len(v) > r.max:
		return fmt.Errorf("%w: %s is longer than %d characters", ErrInvalidInput, what, r.max)
	case r.enum != nil && !slices.Contains(r.enum, v):
		return fmt.Errorf("%w: %s %s: want one of %s", ErrInvalidInput, what, scrub.Quote(v), strings.Join(r.enum, ", "))
	}
	if r.header {
		if err := check.InputHeader(what, v); err != nil {
			return err
		}
	}
	if r.pattern != "" {
		re, ok := patterns.Load(r.pattern)
		if !ok {
			compiled, err := regexp.Compile(r.pattern)
			if err != nil { // the spec's pattern is not Go's: the service checks it
				return nil
			}
			re, _ = patterns.LoadOrStore(r.pattern, compiled)
		}
		if !re.(*regexp.Regexp).MatchString(v) {
			return fmt.Errorf("%w: %s %s does not match %s", ErrInvalidInput, what, scrub.Quote(v), r.pattern)
		}
	}
	return nil
}
