package gen_test

import (
	"cmp"
	"slices"
	"testing"

	"github.com/partnercenter-go/partnercenter/gen"
)

// The tests of gen/operations.go's lookups, for teams that import gen
// alone: they use the refusal table and the operation facts without the
// wrapper.

func TestMatchRefusal(t *testing.T) {
	t.Parallel()
	tests := []struct {
		op     string
		status int
		code   string
		want   string // "": no refusal
	}{
		// One status and code, three operations: each its own refusal.
		{gen.OperationDeleteCustomer, 403, "600006", gen.RefusalDeleteRefused},
		{gen.OperationRemoveResellerRelationship, 403, "600006", gen.RefusalNotReseller},
		{gen.OperationCreateCustomer, 409, "600006", gen.RefusalDomainTaken},
		{gen.OperationCreateCustomerQualification, 409, "600006", gen.RefusalQualificationExists},
		// The same code under another status, or for an operation without
		// it, is no refusal.
		{gen.OperationCreateCustomer, 403, "600006", ""},
		{gen.OperationGetCustomer, 403, "600006", ""},
		{gen.OperationGetCustomer, 400, "60012", ""},
		{gen.OperationUpdateUserLicenses, 400, "60012", gen.RefusalOutOfLicenses},
		{gen.OperationUpdateUserLicenses, 409, "60012", ""},
		{gen.OperationUpdateUserLicenses, 400, "600120", ""},
		// The document's refusals hold for every operation, for exactly
		// their status and code.
		{gen.OperationGetCustomer, 403, "20002", gen.RefusalNoRelationship},
		{gen.OperationUpdateCustomerSubscription, 403, "20002", gen.RefusalNoRelationship},
		{"", 403, "20002", gen.RefusalNoRelationship},
		{gen.OperationListCustomers, 401, "900421", gen.RefusalMFARequired},
		{gen.OperationListCustomers, 403, "900421", ""},
		{gen.OperationListCustomers, 401, "90042", ""},
		{gen.OperationGetCustomer, 404, "20002", ""},
		{gen.OperationGetCustomer, 0, "", ""},
	}
	for _, tt := range tests {
		r, ok := gen.MatchRefusal(tt.op, tt.status, tt.code)
		if ok != (tt.want != "") || r.Name != tt.want {
			t.Errorf("MatchRefusal(%q, %d, %q) = %q, %v; want %q", tt.op, tt.status, tt.code, r.Name, ok, tt.want)
		}
		if ok && (r.Status != tt.status || r.Code != tt.code || (r.Operation != tt.op && r.Operation != "")) {
			t.Errorf("MatchRefusal(%q, %d, %q) = %+v: not the answer asked about", tt.op, tt.status, tt.code, r)
		}
	}
}

func TestLookupRefusal(t *testing.T) {
	t.Parallel()
	all := gen.Refusals()
	if len(all) < 20 || !slices.IsSortedFunc(all, func(a, b gen.Refusal) int { return cmp.Compare(a.Name, b.Name) }) {
		t.Fatalf("Refusals() holds %d refusals, sorted: %v", len(all), slices.IsSortedFunc(all, func(a, b gen.Refusal) int { return cmp.Compare(a.Name, b.Name) }))
	}
	for _, want := range all {
		got, ok := gen.LookupRefusal(want.Name)
		if !ok || got != want {
			t.Errorf("LookupRefusal(%q) = %+v, %v; want %+v", want.Name, got, ok, want)
		}
		// Every refusal is the one its own answer matches.
		if m, ok := gen.MatchRefusal(want.Operation, want.Status, want.Code); !ok || m != want {
			t.Errorf("MatchRefusal of %s's own answer = %+v, %v", want.Name, m, ok)
		}
	}
	for _, name := range []string{"", "noRelationship", "NoRelationship ", "Zzz"} {
		if r, ok := gen.LookupRefusal(name); ok {
			t.Errorf("LookupRefusal(%q) = %+v, want none", name, r)
		}
	}
	// The table is a copy: changing it changes no later answer.
	all[0].Name = "changed"
	if gen.Refusals()[0].Name == "changed" {
		t.Error("Refusals() hands out the table itself")
	}
	if r, _ := gen.LookupRefusal(gen.RefusalNoRelationship); r.Operation != "" || r.Status != 403 || r.Code != "20002" || !r.Documented {
		t.Errorf("NoRelationship = %+v", r)
	}
}

func TestLookupOperation(t *testing.T) {
	t.Parallel()
	ops := gen.Operations()
	if len(ops) < 36 || !slices.IsSortedFunc(ops, func(a, b gen.OperationInfo) int { return cmp.Compare(a.ID, b.ID) }) {
		t.Fatalf("Operations() holds %d operations, or is not sorted by ID", len(ops))
	}
	for i, want := range ops {
		got, ok := gen.LookupOperation(want.ID)
		if !ok || got.ID != want.ID || got.Method != want.Method || got.Path != want.Path || !slices.Equal(got.GDAPRoles, want.GDAPRoles) {
			t.Errorf("LookupOperation(%q) (index %d) = %+v, %v", want.ID, i, got, ok)
		}
	}
	// Before the first, after the last, between two, and near misses.
	for _, id := range []string{"", "a", "zzz", ops[0].ID + "x", ops[len(ops)-1].ID + "x", "GetCustomer", "getCustomer "} {
		if got, ok := gen.LookupOperation(id); ok {
			t.Errorf("LookupOperation(%q) = %+v, want none", id, got)
		}
	}
	got, _ := gen.LookupOperation(gen.OperationGetCustomer)
	if got.Method != "GET" || got.Path != "/customers/{customerTenantId}" || len(got.GDAPRoles) == 0 || len(got.AuthModes) == 0 {
		t.Fatalf("getCustomer = %+v", got)
	}
	// The slices are copies the caller may change.
	got.GDAPRoles[0], got.AuthModes[0] = "changed", "changed"
	ops[0].GDAPRoles = append(ops[0].GDAPRoles[:0], "changed")
	again, _ := gen.LookupOperation(gen.OperationGetCustomer)
	first, _ := gen.LookupOperation(ops[0].ID)
	if again.GDAPRoles[0] == "changed" || again.AuthModes[0] == "changed" || slices.Contains(first.GDAPRoles, "changed") {
		t.Error("LookupOperation or Operations hands out the table's own slices")
	}
}

func TestServerForCloud(t *testing.T) {
	t.Parallel()
	for cloud, want := range map[string]string{"public": gen.ServerPublic, "usgov": gen.ServerPublic, "china": gen.ServerChina, "": "", "Public": "", "germany": ""} {
		got, ok := gen.ServerForCloud(cloud)
		if got != want || ok != (want != "") {
			t.Errorf("ServerForCloud(%q) = %q, %v; want %q", cloud, got, ok, want)
		}
	}
}
