package fake

import (
	"net/http"
	"sync"
	"testing"

	"github.com/partnercenter-go/partnercenter/gen"
)

// TestConcurrentUse reads, lists, updates and reconfigures faults from many
// goroutines at once; run with -race.
func TestConcurrentUse(t *testing.T) {
	s := NewTestServer(t, &Options{ExtraCustomers: 300})
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Go(func() { // readers and listers
			for i := range 20 {
				get(t, s, customerPath(GeneratedCustomerID((g*37+i)%300), "")).wantStatus(t, http.StatusOK)
				if i%5 == 0 {
					get(t, s, "/v1/customers?size=50&filter="+filterQuery(gen.CustomerSearchFilterFieldCompanyName, "Litware")).wantStatus(t, http.StatusOK)
				}
			}
		})
	}
	const writers, updates = 4, 5
	for range writers { // writers race on one billing profile, retrying on 412
		wg.Go(func() {
			path := customerPath(GeneratedCustomerID(7), "/profiles/billing")
			for done := 0; done < updates; {
				var p gen.CustomerBillingProfile
				get(t, s, path).decode(t, &p)
				r := do(t, s, request{method: http.MethodPut, path: path, body: p,
					header: map[string]string{"If-Match": `"` + *p.Attributes.Etag + `"`}})
				switch r.StatusCode {
				case http.StatusOK:
					done++
				case http.StatusPreconditionFailed:
				default:
					t.Errorf("update answered %d", r.StatusCode)
					return
				}
			}
		})
	}
	wg.Go(func() { // fault switching and inspection
		for range 20 {
			s.Faults().On("/nowhere").FailNext(1, 500)
			s.Faults().On("/nowhere").BOM(true)
			s.Faults().On("/nowhere").Throttle(Throttle{Requests: 5})
			_ = s.Faults().Pending()
			_ = s.Requests()
			_, _ = s.AddCustomer(gen.Customer{})
		}
	})
	wg.Wait()

	// Every successful update produced a distinct ETag.
	etags := map[string]bool{}
	for _, r := range s.RequestsFor("updateCustomerBillingProfile") {
		if r.Status == http.StatusOK {
			etags[r.Header.Get("If-Match")] = true
		}
	}
	if len(etags) != writers*updates {
		t.Errorf("%d distinct ETags updated successfully, want %d", len(etags), writers*updates)
	}
}
