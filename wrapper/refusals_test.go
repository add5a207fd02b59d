package wrapper_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// TestMFARequired: a 401 with code 900421 (the fake's refusal from the
// spec's x-refusals) matches ErrMFARequired and ErrUnauthorized, and its
// message says what to do.
func TestMFARequired(t *testing.T) {
	t.Parallel()
	srv, c := lifecycleClient(t, nil)
	srv.Faults().On(gen.OperationGetCustomer).Refuse(1, gen.RefusalMFARequired)
	_, err := c.GetCustomer(refusalCtx(t), fake.DocumentedCustomerID, nil)
	var rerr *wrapper.ResponseError
	if !errors.Is(err, wrapper.ErrMFARequired) || !errors.Is(err, wrapper.ErrUnauthorized) || !errors.As(err, &rerr) {
		t.Fatalf("err = %v, want ErrMFARequired and ErrUnauthorized", err)
	}
	if rerr.Code != "900421" || !strings.Contains(err.Error(), "multi-factor authentication") || !strings.Contains(err.Error(), "app-only calls are not affected") {
		t.Errorf("err = %q: want code 900421 and what to do", err)
	}
	// Another 401 is no MFA refusal.
	srv.Faults().On(gen.OperationGetCustomer).FailNext(1, http.StatusUnauthorized)
	if _, err := c.GetCustomer(refusalCtx(t), fake.DocumentedCustomerID, nil); !errors.Is(err, wrapper.ErrUnauthorized) || errors.Is(err, wrapper.ErrMFARequired) {
		t.Errorf("a 401 with another code: %v", err)
	}
}

// TestValidateMFAHeader: CallOptions.ValidateMFA sends ValidateMfa: true;
// without it the header is not sent.
func TestValidateMFAHeader(t *testing.T) {
	t.Parallel()
	srv, c := lifecycleClient(t, nil)
	ctx := refusalCtx(t)
	if _, err := c.GetCustomer(ctx, fake.DocumentedCustomerID, &wrapper.GetCustomerOptions{CallOptions: wrapper.CallOptions{ValidateMFA: true}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetCustomer(ctx, fake.DocumentedCustomerID, nil); err != nil {
		t.Fatal(err)
	}
	reqs := srv.Requests()
	if len(reqs) != 2 {
		t.Fatalf("requests = %d", len(reqs))
	}
	if got := reqs[0].Header.Get("ValidateMfa"); got != "true" {
		t.Errorf("with ValidateMFA: ValidateMfa = %q, want true", got)
	}
	if got := reqs[1].Header.Get("ValidateMfa"); got != "" {
		t.Errorf("without ValidateMFA: ValidateMfa = %q, want none", got)
	}
}

// TestCreateCustomerDomainFallback: the pages document no answer for a
// taken domain, so CreateCustomer settles an ambiguous refusal with the
// documented domain check.
func TestCreateCustomerDomainFallback(t *testing.T) {
	t.Parallel()
	const takenDomain = "abcdefgh1234.onmicrosoft.com" // the documented customer's
	cases := []struct {
		name, domain, code string
		want               bool
	}{
		{"unknown code, domain taken", takenDomain, "999999", true},
		{"unknown code, domain free", "fallback-free.onmicrosoft.com", "999999", false},
		{"the inferred code, domain free", "fallback-free2.onmicrosoft.com", "600006", false},
		{"the inferred code, domain taken", takenDomain, "600006", true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			srv, c := lifecycleClient(t, nil)
			srv.Faults().On(gen.OperationCreateCustomer).FailNextWith(1, fake.Failure{Status: http.StatusConflict, Code: tc.code})
			_, err := c.CreateCustomer(refusalCtx(t), newCustomer(tc.domain), nil)
			if !errors.Is(err, wrapper.ErrConflict) {
				t.Fatalf("err = %v, want the 409", err)
			}
			if got := errors.Is(err, wrapper.ErrDomainTaken); got != tc.want {
				t.Errorf("ErrDomainTaken = %v, want %v (%v)", got, tc.want, err)
			}
			var checked bool
			for _, r := range srv.Requests() {
				checked = checked || r.Operation == gen.OperationCheckDomainAvailability
			}
			if !checked {
				t.Error("the domain was not checked")
			}
		})
	}
	// A documented refusal is not second-guessed.
	srv, c := lifecycleClient(t, nil)
	srv.Faults().On(gen.OperationCreateCustomer).Refuse(1, gen.RefusalPhoneNumberMissing)
	if _, err := c.CreateCustomer(refusalCtx(t), newCustomer(takenDomain), nil); !errors.Is(err, wrapper.ErrPhoneNumberMissing) || errors.Is(err, wrapper.ErrDomainTaken) {
		t.Errorf("documented refusal: %v", err)
	}
	for _, r := range srv.Requests() {
		if r.Operation == gen.OperationCheckDomainAvailability {
			t.Error("a documented refusal led to a domain check")
		}
	}
}

// refusalCtx is a context that ends with the test, at most in 10 s.
func refusalCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}
