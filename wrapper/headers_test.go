package wrapper

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/uuid"
)

func TestRequestHeaders(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, jsonHandler(http.StatusOK, customerJSON))
	c := ts.client(func(o *ClientOptions) {
		o.Locale = "fr-FR"
		o.ApplicationName = "contoso-sync"
	})
	ctx := testCtx(t)
	for range 3 {
		if _, err := c.GetCustomer(ctx, testCustomerID, nil); err != nil {
			t.Fatal(err)
		}
	}
	reqs := ts.requests()
	seenReq := map[string]bool{}
	seenCorr := map[string]bool{}
	for _, r := range reqs {
		rid, cid := r.Header.Get("MS-RequestId"), r.Header.Get("MS-CorrelationId")
		if err := uuid.Validate(rid); err != nil || len(rid) != 36 {
			t.Errorf("MS-RequestId %q is not a GUID", rid)
		}
		if err := uuid.Validate(cid); err != nil || len(cid) != 36 {
			t.Errorf("MS-CorrelationId %q is not a GUID", cid)
		}
		seenReq[rid] = true
		seenCorr[cid] = true
		if got := r.Header.Get("X-Locale"); got != "fr-FR" {
			t.Errorf("X-Locale = %q", got)
		}
		if got := r.Header.Get("MS-PartnerCenter-Application"); got != "contoso-sync" {
			t.Errorf("MS-PartnerCenter-Application = %q", got)
		}
		if ua := r.Header.Get("User-Agent"); !strings.Contains(ua, "partnercenter-go/v"+Version+" ") {
			t.Errorf("User-Agent = %q", ua)
		}
		if got := r.Header.Get("Accept"); got != "application/json" {
			t.Errorf("Accept = %q", got)
		}
	}
	if len(seenReq) != 3 || len(seenCorr) != 3 {
		t.Errorf("3 calls used %d request IDs and %d correlation IDs, want 3 and 3", len(seenReq), len(seenCorr))
	}
}

func TestNoOptionalHeadersByDefault(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, jsonHandler(http.StatusOK, customerJSON))
	if _, err := ts.client(nil).GetCustomer(testCtx(t), testCustomerID, nil); err != nil {
		t.Fatal(err)
	}
	h := ts.requests()[0].Header
	for _, name := range []string{"X-Locale", "MS-PartnerCenter-Application"} {
		if _, ok := h[http.CanonicalHeaderKey(name)]; ok {
			t.Errorf("%s sent without being configured", name)
		}
	}
}

func TestCorrelationID(t *testing.T) {
	t.Parallel()
	ts := newTestServer(t, jsonHandler(http.StatusOK, customerJSON))
	c := ts.client(nil)
	const fromCtx = "11111111-1111-1111-1111-111111111111"
	const fromOpt = "22222222-2222-2222-2222-222222222222"
	ctx := WithCorrelationID(testCtx(t), fromCtx)

	if _, err := c.GetCustomer(ctx, testCustomerID, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := c.GetCustomer(ctx, testCustomerID, &GetCustomerOptions{CallOptions{CorrelationID: fromOpt}}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CheckDomainAvailability(ctx, "contoso.com", nil); err != nil {
		t.Fatal(err)
	}
	reqs := ts.requests()
	if got := reqs[0].Header.Get("MS-CorrelationId"); got != fromCtx {
		t.Errorf("context correlation: %q", got)
	}
	if got := reqs[1].Header.Get("MS-CorrelationId"); got != fromOpt {
		t.Errorf("option correlation: %q", got)
	}
	if got := reqs[2].Header.Get("MS-CorrelationId"); got != fromCtx {
		t.Errorf("context correlation on HEAD: %q", got)
	}

	for _, bad := range []string{"not-a-guid", "{" + fromOpt + "}", "x\r\nEvil: 1"} {
		_, err := c.GetCustomer(context.Background(), testCustomerID, &GetCustomerOptions{CallOptions{CorrelationID: bad}})
		if !errors.Is(err, ErrInvalidInput) {
			t.Errorf("option %q: err = %v", bad, err)
		}
		_, err = c.GetCustomer(WithCorrelationID(context.Background(), bad), testCustomerID, nil)
		if !errors.Is(err, ErrInvalidInput) {
			t.Errorf("context %q: err = %v", bad, err)
		}
		for _, err := range c.ListCustomers(WithCorrelationID(context.Background(), bad), nil) {
			if !errors.Is(err, ErrInvalidInput) {
				t.Errorf("list with context %q: err = %v", bad, err)
			}
		}
	}
	if n := len(ts.requests()); n != 3 {
		t.Errorf("bad correlation IDs reached the network: %d requests", n)
	}
}
