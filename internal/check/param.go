package check

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/partnercenter-go/partnercenter/internal/errs"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
)

// ParamRule is what the spec says of a string parameter (its schema's
// minLength, maxLength, pattern and enum; header for a header value); the
// generated methods check their parameters with it before any request.
type ParamRule struct {
	Min, Max int
	Pattern  string
	Enum     []string
	Header   bool
}

// patterns caches the compiled patterns of ParamRule.
var patterns sync.Map // string -> *regexp.Regexp

// Param checks the value v of the parameter what against r.
func Param(what, v string, r ParamRule) error {
	switch {
	case len(v) < r.Min && v == "":
		return fmt.Errorf("%w: empty %s", errs.ErrInvalidInput, what)
	case len(v) < r.Min:
		return fmt.Errorf("%w: %s %s is shorter than %d characters", errs.ErrInvalidInput, what, scrub.Quote(v), r.Min)
	case r.Max > 0 && len(v) > r.Max:
		return fmt.Errorf("%w: %s is longer than %d characters", errs.ErrInvalidInput, what, r.Max)
	case r.Enum != nil && !slices.Contains(r.Enum, v):
		return fmt.Errorf("%w: %s %s: want one of %s", errs.ErrInvalidInput, what, scrub.Quote(v), strings.Join(r.Enum, ", "))
	}
	if r.Header {
		if err := InputHeader(what, v); err != nil {
			return err
		}
	}
	if r.Pattern != "" {
		re, ok := patterns.Load(r.Pattern)
		if !ok {
			compiled, err := regexp.Compile(r.Pattern)
			if err != nil { // the spec's pattern is not Go's: the service checks it
				return nil
			}
			re, _ = patterns.LoadOrStore(r.Pattern, compiled)
		}
		if !re.(*regexp.Regexp).MatchString(v) {
			return fmt.Errorf("%w: %s %s does not match %s", errs.ErrInvalidInput, what, scrub.Quote(v), r.Pattern)
		}
	}
	return nil
}
