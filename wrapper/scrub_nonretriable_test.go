package wrapper

import (
	"errors"
	"testing"
)

func TestScrubErrorKeepsNonRetriable(t *testing.T) {
	forms := secretForms(testToken)
	inner := nonRetriable{err: errors.New("refused " + testToken)}
	err := scrubError(inner, forms)
	assertNoToken(t, "scrubbed error", err.Error())
	var nr interface{ NonRetriable() }
	if !errors.As(err, &nr) {
		t.Error("a non-retriable error became retriable once scrubbed")
	}
	if err := scrubError(errors.New("plain "+testToken), forms); errors.As(err, &nr) {
		t.Error("a retriable error became non-retriable once scrubbed")
	}
}
