package wrapper

import (
	"testing"

	"github.com/partnercenter-go/partnercenter/internal/check"
	"github.com/partnercenter-go/partnercenter/internal/pipeline"
)

func TestNewIDs(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		a, b := pipeline.NewIDs()
		for _, id := range []string{a, b} {
			if !check.GUID(id) || id[14] != '4' || !(id[19] >= '8' && id[19] <= 'b') {
				t.Fatalf("%q is not a version-4 GUID", id)
			}
			if seen[id] {
				t.Fatalf("%s repeats", id)
			}
			seen[id] = true
		}
	}
}
