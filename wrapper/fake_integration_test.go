package wrapper_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// These tests run the client against the fake Partner Center, which checks
// every request against the spec (and, through NewTestServer, every answer
// too): they show the two agree end to end.

func TestAgainstFakeAllOperations(t *testing.T) {
	t.Parallel()
	for _, asObject := range []bool{false, true} {
		srv := fake.NewTestServer(t, &fake.Options{OrganizationAsObject: asObject})
		srv.Faults().BOM(true)
		c, err := srv.NewClient(&wrapper.ClientOptions{Locale: "en-US", ApplicationName: "wrapper-tests"})
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		id := fake.DocumentedCustomerID
		if _, err := c.GetCustomer(ctx, id, nil); err != nil {
			t.Errorf("GetCustomer: %v", err)
		}
		if _, err := c.GetCustomerCustomDomains(ctx, id, nil); err != nil {
			t.Errorf("GetCustomerCustomDomains: %v", err)
		}
		if orgs, err := c.GetCustomerOrganization(ctx, id, nil); err != nil || len(orgs) != 1 {
			t.Errorf("GetCustomerOrganization (object %v) = %d, %v", asObject, len(orgs), err)
		}
		if _, err := c.GetCustomerCompanyProfile(ctx, id, nil); err != nil {
			t.Errorf("GetCustomerCompanyProfile: %v", err)
		}
		bp, err := c.GetCustomerBillingProfile(ctx, id, nil)
		if err != nil {
			t.Fatalf("GetCustomerBillingProfile: %v", err)
		}
		if _, err := c.UpdateCustomerBillingProfile(ctx, id, *bp, nil); err != nil {
			t.Errorf("UpdateCustomerBillingProfile: %v", err)
		}
		// The ETag is now stale.
		if _, err := c.UpdateCustomerBillingProfile(ctx, id, *bp, nil); !errors.Is(err, wrapper.ErrPreconditionFailed) {
			t.Errorf("stale update: err = %v, want ErrPreconditionFailed", err)
		}
		if _, err := c.CheckDomainAvailability(ctx, "contoso.onmicrosoft.com", nil); err != nil {
			t.Errorf("CheckDomainAvailability: %v", err)
		}
	}
}

func TestAgainstFakePagingBothLinkForms(t *testing.T) {
	t.Parallel()
	for _, form := range []fake.LinkForm{fake.LinkUnversioned, fake.LinkVersioned} {
		srv := fake.NewTestServer(t, &fake.Options{ExtraCustomers: 45, NextLinkForm: form})
		c, err := srv.NewClient(nil)
		if err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for cu, err := range c.ListCustomers(context.Background(), &wrapper.ListCustomersOptions{PageSize: 10}) {
			if err != nil {
				t.Fatalf("form %v: %v", form, err)
			}
			seen[*cu.ID] = true
		}
		if len(seen) != 47 {
			t.Errorf("form %v: %d distinct customers, want 47", form, len(seen))
		}
		for _, r := range srv.Requests() {
			if r.Operation != "listCustomers" || r.Status != 200 {
				t.Errorf("form %v: %s %s -> %d (%s)", form, r.Method, r.Path, r.Status, r.Operation)
			}
		}
	}
}

func TestAgainstFakeRetriesKeepRequestID(t *testing.T) {
	t.Parallel()
	srv := fake.NewTestServer(t, nil)
	srv.Faults().FailNext(2, 503)
	c, err := srv.NewClient(&wrapper.ClientOptions{ClientOptions: azcore.ClientOptions{Retry: policy.RetryOptions{RetryDelay: time.Millisecond}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetCustomer(context.Background(), fake.DocumentedCustomerID, nil); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) != 3 {
		t.Fatalf("tries = %d, want 3", len(reqs))
	}
	for _, r := range reqs[1:] {
		if r.Header.Get("MS-RequestId") != reqs[0].Header.Get("MS-RequestId") {
			t.Errorf("retries changed MS-RequestId")
		}
	}
}
