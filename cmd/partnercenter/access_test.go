package main

import (
	"strings"
	"testing"

	"github.com/partnercenter-go/partnercenter/wrapper"
)

// TestUserCommands: create (the password withheld, shown only when asked
// for), list (the new user among them), update, delete, list the deleted,
// restore.
func TestUserCommands(t *testing.T) {
	a, _ := newFakeApp(t)
	c := exampleCustomerID
	r := runApp(t, a, "--fake", "-o", "table", "customer", "users", "create", c,
		"--upn", "grace@abcdefgh1234.onmicrosoft.com", "--display-name", "Grace Hopper", "--usage-location", "US")
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, "withheld") {
		t.Fatalf("create without --show-password:\n%s", r.stdout)
	}
	var id string
	for _, l := range strings.Split(r.stdout, "\n") {
		if f := strings.Fields(l); len(f) == 2 && f[0] == "ID" {
			id = f[1]
		}
	}
	r = runApp(t, a, "--fake", "customer", "users", "create", c,
		"--upn", "ada@abcdefgh1234.onmicrosoft.com", "--display-name", "Ada", "--usage-location", "GB", "--show-password")
	r.wantCode(t, exitOK)
	var shown struct {
		Password string `json:"password"`
	}
	decode(t, r.stdout, &shown)
	if len(shown.Password) < 12 || shown.Password == "REDACTED" {
		t.Errorf("--show-password printed %q", shown.Password)
	}
	r = runApp(t, a, "--fake", "customer", "users", "create", c, "--upn", "x@abcdefgh1234.onmicrosoft.com")
	r.wantCode(t, exitUsage)
	if !strings.Contains(r.stderr, "displayName") || !strings.Contains(r.stderr, "usageLocation") {
		t.Errorf("create without the required fields names them all:\n%s", r.stderr)
	}
	r = runApp(t, a, "--fake", "-o", "jsonl", "customer", "users", "list", c)
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, id) || strings.Count(r.stdout, "\n") < 4 {
		t.Fatalf("list lacks the new user %s:\n%s", id, r.stdout)
	}
	runApp(t, a, "--fake", "customer", "users", "update", c, id, "--display-name", "G. Hopper").wantCode(t, exitOK)
	runApp(t, a, "--fake", "customer", "users", "delete", c, id).wantCode(t, exitUsage) // without --yes
	runApp(t, a, "--fake", "customer", "users", "delete", c, id, "--yes").wantCode(t, exitOK)
	r = runApp(t, a, "--fake", "-o", "table", "customer", "users", "list", c, "--deleted")
	if !strings.Contains(r.stdout, id) {
		t.Errorf("the deleted user is not listed with --deleted:\n%s", r.stdout)
	}
	r = runApp(t, a, "--fake", "-o", "table", "customer", "users", "restore", c, id)
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, "G. Hopper") || !strings.Contains(r.stdout, "active") {
		t.Errorf("restore:\n%s", r.stdout)
	}
}

// TestLicenseRoleAndSubscriptionCommands drives the other new groups.
func TestLicenseRoleAndSubscriptionCommands(t *testing.T) {
	a, _ := newFakeApp(t)
	c := exampleCustomerID
	r := runApp(t, a, "--fake", "customer", "licenses", "available", c)
	r.wantCode(t, exitOK)
	var skus []wrapper.SubscribedSku
	decode(t, r.stdout, &skus)
	var sku string
	for _, s := range skus {
		if s.AvailableUnits != nil && *s.AvailableUnits > 0 {
			sku = *s.ProductSku.ID
		}
	}
	r = runApp(t, a, "--fake", "-o", "table", "customer", "licenses", "change", c, exampleUserID, "--assign", sku)
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, sku) {
		t.Errorf("licenses change:\n%s", r.stdout)
	}
	r = runApp(t, a, "--fake", "-o", "table", "customer", "licenses", "user", c, exampleUserID)
	if !strings.Contains(r.stdout, sku) {
		t.Errorf("the user's licenses lack %s:\n%s", sku, r.stdout)
	}

	r = runApp(t, a, "--fake", "customer", "roles", "list", c)
	var roles []wrapper.DirectoryRole
	decode(t, r.stdout, &roles)
	role := *roles[0].ID
	runApp(t, a, "--fake", "customer", "roles", "add", c, role, exampleUserID).wantCode(t, exitOK)
	r = runApp(t, a, "--fake", "-o", "table", "customer", "roles", "members", c, role)
	if !strings.Contains(r.stdout, exampleUserID) {
		t.Errorf("members lack the user:\n%s", r.stdout)
	}
	runApp(t, a, "--fake", "customer", "roles", "remove", c, role, exampleUserID, "--yes").wantCode(t, exitOK)

	r = runApp(t, a, "--fake", "customer", "subscriptions", "list", c)
	var subs []wrapper.Subscription
	decode(t, r.stdout, &subs)
	var sub string
	for _, s := range subs {
		if *s.Status == wrapper.SubscriptionStatusActive && s.ParentSubscriptionID == nil && s.Quantity != nil {
			sub = *s.ID
			break
		}
	}
	r = runApp(t, a, "--fake", "-o", "table", "customer", "subscriptions", "update", c, sub, "--status", "suspended")
	r.wantCode(t, exitOK)
	if !strings.Contains(r.stdout, "suspended") {
		t.Errorf("suspend:\n%s", r.stdout)
	}
	r = runApp(t, a, "--fake", "customer", "subscriptions", "update", c, sub, "--quantity", "7")
	if r.code == exitOK || !strings.Contains(r.stderr, "800091") {
		t.Errorf("a suspended subscription's quantity changed: %d\n%s", r.code, r.stderr)
	}
	runApp(t, a, "--fake", "customer", "subscriptions", "update", c, sub).wantCode(t, exitUsage)
}
