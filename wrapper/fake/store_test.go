package fake

import (
	"strconv"
	"strings"
	"testing"
)

func TestGeneratedIDsRoundTrip(t *testing.T) {
	seen := map[string]bool{}
	for _, i := range []int{0, 1, 15, 16, 99_999, 1 << 30} {
		id := generatedID(i)
		if !isGUID(id) || seen[id] {
			t.Errorf("generatedID(%d) = %q", i, id)
		}
		seen[id] = true
		if got, ok := generatedIndex(id); !ok || got != i {
			t.Errorf("generatedIndex(%q) = %d, %v", id, got, ok)
		}
		if got, ok := generatedDomainIndex(generatedDomain(i)); !ok || got != i {
			t.Errorf("generatedDomainIndex(%q) = %d, %v", generatedDomain(i), got, ok)
		}
	}
	for _, id := range []string{"", DocumentedCustomerID, "00000000" + generatedIDMiddle + "000000000001", generatedID(3)[:35] + "g"} {
		if _, ok := generatedIndex(id); ok {
			t.Errorf("generatedIndex(%q) accepted", id)
		}
	}
	if GeneratedCustomerID(-1) != "" || GeneratedCustomerName(-1) != "" || GeneratedCustomerDomain(-1) != "" {
		t.Error("a negative index gave a generated customer")
	}
	for _, d := range []string{"fabrikam5.onmicrosoft.com", "adatum000005.onmicrosoft.com", "fabrikam000000.onmicrosoft.com", "fabrikam000005.contoso.com", "x.onmicrosoft.com"} {
		if _, ok := generatedDomainIndex(d); ok {
			t.Errorf("generatedDomainIndex(%q) accepted", d)
		}
	}
}

func TestStoreIsLazy(t *testing.T) {
	spec, err := loadSpec()
	if err != nil {
		t.Fatal(err)
	}
	s := newStore(spec.seeds, 100_000, 0)
	if len(s.records) != 2 || len(s.changed) != 0 || s.total() != 100_002 {
		t.Fatalf("store holds %d records, %d changed, total %d", len(s.records), len(s.changed), s.total())
	}
	p := s.list(100_000, 10, nil)
	if len(p.items) != 2 || p.next != -1 || p.items[1].id() != generatedID(99_999) {
		t.Errorf("last page %d items, next %d", len(p.items), p.next)
	}
	if _, ok := s.get(strings.ToUpper(generatedID(99_999))); !ok {
		t.Error("last generated customer not found")
	}
}

func TestHasPrefixFold(t *testing.T) {
	tests := []struct {
		s, prefix string
		want      bool
	}{
		{"Contoso", "cont", true},
		{"Contoso", "CONTOSO", true},
		{"Contoso", "Contoso Ltd", false},
		{"Contoso", "", true},
		{"München GmbH", "MÜN", true},
		{"Kelvin", "\u212Aelvin", true}, // Kelvin sign folds to K
		{"straße", "STRASSE", false},    // no full case folding
		{"abc", "abd", false},
	}
	for _, tt := range tests {
		if got := hasPrefixFold(tt.s, tt.prefix); got != tt.want {
			t.Errorf("hasPrefixFold(%q, %q) = %v", tt.s, tt.prefix, got)
		}
	}
}

func TestNormalizeETag(t *testing.T) {
	for in, want := range map[string]string{
		`"-42"`:  "-42",
		`-42`:    "-42",
		` "42" `: "42",
		`W/"42"`: "42",
		`"`:      `"`,
		`""`:     "",
		`"a"b"`:  `a"b`,
	} {
		if got := normalizeETag(in); got != want {
			t.Errorf("normalizeETag(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestTruncateUTF8(t *testing.T) {
	if got := truncateUTF8("aé", 2); got != "a" {
		t.Errorf("truncateUTF8 split a character: %q", got)
	}
	if got := truncateUTF8("abc", 5); got != "abc" {
		t.Errorf("truncateUTF8 = %q", got)
	}
}

func TestReplayCacheForgetsOldestFirst(t *testing.T) {
	c := newReplayCache[int]()
	for i := range maxReplays + 10 {
		c.put(strconv.Itoa(i), i)
	}
	if _, ok := c.get("0"); ok {
		t.Error("the oldest answer is still remembered")
	}
	for _, k := range []int{10, maxReplays + 9} {
		if v, ok := c.get(strconv.Itoa(k)); !ok || v != k {
			t.Errorf("answer %d forgotten", k)
		}
	}
	if len(c.m) != maxReplays || len(c.order) != maxReplays {
		t.Errorf("%d answers, %d keys remembered; want %d", len(c.m), len(c.order), maxReplays)
	}
	c.deleteFunc(func(v int) bool { return v%2 == 0 })
	if _, ok := c.get("12"); ok || len(c.m) != len(c.order) {
		t.Errorf("deleteFunc left %d answers and %d keys", len(c.m), len(c.order))
	}
}
