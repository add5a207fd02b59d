package wrapper

import "testing"

func TestNewIDs(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		a, b := newIDs()
		for _, id := range []string{a, b} {
			if !isGUID(id) || id[14] != '4' || !(id[19] >= '8' && id[19] <= 'b') {
				t.Fatalf("%q is not a version-4 GUID", id)
			}
			if seen[id] {
				t.Fatalf("%s repeats", id)
			}
			seen[id] = true
		}
	}
}
