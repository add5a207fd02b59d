package fake_test

import (
	"context"
	"errors"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// These tests drive the fake through the wrapper, as users will.

// fastRetries keeps retry waits short in tests.
var fastRetries = policy.RetryOptions{MaxRetries: 3, RetryDelay: time.Millisecond, MaxRetryDelay: 5 * time.Second}

func newClient(t *testing.T, s *fake.Server) *wrapper.Client {
	t.Helper()
	c, err := s.NewClient(&wrapper.ClientOptions{ClientOptions: azcore.ClientOptions{Retry: fastRetries}})
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c
}

func TestClientReadsDocumentedCustomer(t *testing.T) {
	s := fake.NewTestServer(t, nil)
	c := newClient(t, s)
	ctx := context.Background()

	cust, err := c.GetCustomer(ctx, fake.DocumentedCustomerID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if *cust.CompanyProfile.CompanyName != "1kl as kjk" {
		t.Errorf("company name %q", *cust.CompanyProfile.CompanyName)
	}
	domains, err := c.GetCustomerCustomDomains(ctx, fake.DocumentedCustomerID, nil)
	if err != nil || !slices.Equal(domains, cust.CustomDomains) {
		t.Errorf("domains %v, %v", domains, err)
	}
	orgs, err := c.GetCustomerOrganization(ctx, fake.DocumentedCustomerID, nil)
	if err != nil || len(orgs) != 1 || *orgs[0].DisplayName != "Contoso" {
		t.Errorf("organization %+v, %v", orgs, err)
	}
	taken, err := c.CheckDomainAvailability(ctx, "contoso.onmicrosoft.com", nil)
	if err != nil || taken {
		t.Errorf("contoso.onmicrosoft.com available = %v, %v", taken, err)
	}

	if got := s.Credential().Scopes(); !slices.Equal(got, []string{fake.Audience + "/.default"}) {
		t.Errorf("token scopes %v", got)
	}
	if got := s.Cloud().Services[wrapper.ServiceName]; got.Endpoint != s.URL() || got.Audience != fake.Audience {
		t.Errorf("Cloud() = %+v", got)
	}
}

func TestClientListsAllPages(t *testing.T) {
	for _, form := range []fake.LinkForm{fake.LinkUnversioned, fake.LinkVersioned} {
		t.Run(form.String(), func(t *testing.T) {
			s := fake.NewTestServer(t, &fake.Options{ExtraCustomers: 450, NextLinkForm: form})
			c := newClient(t, s)
			n := 0
			for cust, err := range c.ListCustomers(context.Background(), &wrapper.ListCustomersOptions{PageSize: 100}) {
				if err != nil {
					t.Fatal(err)
				}
				if n >= 2 && *cust.ID != fake.GeneratedCustomerID(n-2) {
					t.Fatalf("customer %d is %s", n, *cust.ID)
				}
				n++
			}
			if n != 452 {
				t.Errorf("listed %d customers", n)
			}
			if pages := len(s.RequestsFor("listCustomers")); pages != 5 {
				t.Errorf("%d page requests", pages)
			}
		})
	}
}

func TestClientRetriesInjectedFaults(t *testing.T) {
	s := fake.NewTestServer(t, nil)
	c := newClient(t, s)
	s.Faults().On("getCustomer").FailNext(1, http.StatusServiceUnavailable)
	s.Faults().On("getCustomer").HTMLGatewayError(1, http.StatusBadGateway)
	if _, err := c.GetCustomer(context.Background(), fake.DocumentedCustomerID, nil); err != nil {
		t.Fatalf("GetCustomer after two transient failures: %v", err)
	}
	reqs := s.RequestsFor("getCustomer")
	if len(reqs) != 3 {
		t.Fatalf("%d tries, want 3", len(reqs))
	}
	rid := reqs[0].Header.Get("MS-RequestId")
	for _, r := range reqs {
		if r.Header.Get("MS-RequestId") != rid {
			t.Error("retries of one call carry different MS-RequestId values")
		}
	}
}

func TestClientSeesNotFound(t *testing.T) {
	s := fake.NewTestServer(t, nil)
	c := newClient(t, s)
	_, err := c.GetCustomer(context.Background(), "11111111-2222-3333-4444-555555555555", nil)
	var re *wrapper.ResponseError
	if !errors.As(err, &re) || re.StatusCode != http.StatusNotFound || re.Code != "60003" || re.RequestID == "" {
		t.Errorf("error %v", err)
	}
}
