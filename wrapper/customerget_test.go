package wrapper

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
)

// TestCustomerGetMatchesGenerated checks that the requests the per-customer
// reads build themselves are the ones the generated client would build.
func TestCustomerGetMatchesGenerated(t *testing.T) {
	t.Parallel()
	c, err := NewClient(StaticTokenCredential(testToken, time.Now().Add(time.Hour)), &ClientOptions{
		Cloud: Cloud{Name: "test", Endpoint: "https://pc.example.test" + testPrefix, Audience: "https://pc.test"},
	})
	if err != nil {
		t.Fatal(err)
	}
	server := c.BaseURL() + "/"
	id := uuid.MustParse("AAAABBBB-0000-CCCC-1111-DDDD2222EEEE")
	corr := uuid.MustParse("0b4ad2fd-5e6c-4a2f-9a8e-1c2d3e4f5a6b")
	tests := []struct {
		name   string
		suffix string
		gen    func(corr *uuid.UUID) (*http.Request, error)
	}{
		{"getCustomer", suffixCustomer, func(corr *uuid.UUID) (*http.Request, error) {
			return gen.NewGetCustomerRequest(server, id, &gen.GetCustomerParams{MSCorrelationID: corr})
		}},
		{"getCustomerCustomDomains", suffixCustomDomains, func(corr *uuid.UUID) (*http.Request, error) {
			return gen.NewGetCustomerCustomDomainsRequest(server, id, &gen.GetCustomerCustomDomainsParams{MSCorrelationID: corr})
		}},
		{"getCustomerOrganization", suffixOrganization, func(corr *uuid.UUID) (*http.Request, error) {
			return gen.NewGetCustomerOrganizationRequest(server, id, &gen.GetCustomerOrganizationParams{MSCorrelationID: corr})
		}},
		{"getCustomerCompanyProfile", suffixCompanyProfile, func(corr *uuid.UUID) (*http.Request, error) {
			return gen.NewGetCustomerCompanyProfileRequest(server, id, &gen.GetCustomerCompanyProfileParams{MSCorrelationID: corr})
		}},
		{"getCustomerBillingProfile", suffixBillingProfile, func(corr *uuid.UUID) (*http.Request, error) {
			return gen.NewGetCustomerBillingProfileRequest(server, id, &gen.GetCustomerBillingProfileParams{MSCorrelationID: corr})
		}},
	}
	for _, tt := range tests {
		for _, corr := range []*uuid.UUID{nil, &corr} {
			want, err := tt.gen(corr)
			if err != nil {
				t.Fatal(err)
			}
			got, err := c.newCustomerGet(context.Background(), id, tt.suffix, corr)
			if err != nil {
				t.Fatal(err)
			}
			if got.Method != want.Method || got.URL.String() != want.URL.String() {
				t.Errorf("%s: %s %s, generated client: %s %s", tt.name, got.Method, got.URL, want.Method, want.URL)
			}
			if g, w := got.Header.Get(headerCorrelationID), want.Header.Get(headerCorrelationID); g != w || len(got.Header) != len(want.Header) {
				t.Errorf("%s: headers %v, generated client: %v", tt.name, got.Header, want.Header)
			}
		}
	}
}
