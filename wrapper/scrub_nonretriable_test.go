package wrapper

import (
	"errors"
	"testing"

	"github.com/partnercenter-go/partnercenter/internal/errs"
	"github.com/partnercenter-go/partnercenter/internal/scrub"
)

func TestScrubErrorKeepsNonRetriable(t *testing.T) {
	forms := scrub.Forms(testToken)
	inner := errs.NonRetriable{Err: errors.New("refused " + testToken)}
	err := scrub.Error(inner, forms)
	assertNoToken(t, "scrubbed error", err.Error())
	var nr interface{ NonRetriable() }
	if !errors.As(err, &nr) {
		t.Error("a non-retriable error became retriable once scrubbed")
	}
	if err := scrub.Error(errors.New("plain "+testToken), forms); errors.As(err, &nr) {
		t.Error("a retriable error became non-retriable once scrubbed")
	}
}
