package fake

import (
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
)

// Helpers of the tests of the Users, Licenses, Directory roles and
// Subscriptions operations.

// deletedUsersQuery is the query of the deleted-users listing.
var deletedUsersQuery = "filter=" + url.QueryEscape(userFilterExample)

// withRequestID is a header map holding an MS-RequestId.
func withRequestID(id string) map[string]string { return map[string]string{"MS-RequestId": id} }

// newUser posts a new user with the given sign-in name to customer cid and
// decodes the answer.
func newUser(t testing.TB, s *Server, cid, upn string) gen.CustomerUserWithPassword {
	t.Helper()
	r := do(t, s, request{method: http.MethodPost, path: customerPath(cid, "/users"), header: withRequestID(uuid.NewString()),
		body: gen.NewCustomerUser{UserPrincipalName: ptr(upn), UsageLocation: ptr("US"), FirstName: ptr("Grace"), LastName: ptr("Hopper")}})
	r.wantStatus(t, http.StatusOK)
	var u gen.CustomerUserWithPassword
	r.decode(t, &u)
	if derefOr(u.ID, "") == "" {
		t.Fatalf("created user without ID: %s", r.body)
	}
	return u
}

// listAllUsers follows links.next from the first page of path (a user or
// role member listing with its query) and returns the IDs of every item,
// and how many pages it took.
func listAllUsers(t testing.TB, s *Server, path string) (ids []string, pages int) {
	t.Helper()
	r := get(t, s, path)
	for {
		r.wantStatus(t, http.StatusOK)
		pages++
		var page struct {
			TotalCount int32 `json:"totalCount"`
			Items      []struct {
				ID string `json:"id"`
			} `json:"items"`
			Links gen.ResourceLinks `json:"links"`
		}
		r.decode(t, &page)
		if int(page.TotalCount) != len(page.Items) {
			t.Fatalf("page %d: totalCount %d for %d items", pages, page.TotalCount, len(page.Items))
		}
		for _, it := range page.Items {
			ids = append(ids, it.ID)
		}
		next := page.Links.Next
		if next == nil {
			return ids, pages
		}
		if pages > 10_000 {
			t.Fatal("the listing does not end")
		}
		header := map[string]string{}
		for _, h := range next.Headers {
			header[*h.Key] = *h.Value
		}
		uri := *next.URI
		if uri[:4] != "/v1/" {
			uri = "/v1" + uri
		}
		r = do(t, s, request{path: uri, header: header})
	}
}

// listSkus lists the subscribed SKUs of both license groups of cid.
func listSkus(t testing.TB, s *Server, cid string) []gen.SubscribedSku {
	t.Helper()
	r := get(t, s, customerPath(cid, "/subscribedskus?licenseGroupIds=Group1&licenseGroupIds=Group2"))
	r.wantStatus(t, http.StatusOK)
	var page gen.SubscribedSkuCollection
	r.decode(t, &page)
	return page.Items
}

// skuCounts returns the consumed and available units of a SKU of cid.
func skuCounts(t testing.TB, s *Server, cid, skuID string) (consumed, available int32) {
	t.Helper()
	for _, sku := range listSkus(t, s, cid) {
		if *sku.ProductSku.ID == skuID {
			return *sku.ConsumedUnits, *sku.AvailableUnits
		}
	}
	t.Fatalf("no SKU %s", skuID)
	return 0, 0
}

// pickSku returns the first SKU of cid that ok accepts.
func pickSku(t testing.TB, s *Server, cid string, ok func(gen.SubscribedSku) bool) gen.SubscribedSku {
	t.Helper()
	for _, sku := range listSkus(t, s, cid) {
		if ok(sku) {
			return sku
		}
	}
	t.Fatal("no subscribed SKU fits the test")
	return gen.SubscribedSku{}
}

// inGroup1 reports whether a SKU is of the default license group.
func inGroup1(sku gen.SubscribedSku) bool {
	return derefOr(sku.ProductSku.LicenseGroupID, "") == gen.LicenseGroupGroup1
}

// updateLicenses posts a license change for a user of cid.
func updateLicenses(t testing.TB, s *Server, cid, userID string, upd gen.LicenseUpdate, header map[string]string) reply {
	t.Helper()
	return do(t, s, request{method: http.MethodPost, path: customerPath(cid, "/users/"+userID+"/licenseupdates"), body: upd, header: header})
}

// assign is a license change assigning skuIDs.
func assign(skuIDs ...string) gen.LicenseUpdate {
	upd := gen.LicenseUpdate{}
	for _, id := range skuIDs {
		upd.LicensesToAssign = append(upd.LicensesToAssign, gen.LicenseAssignment{SkuID: ptr(id)})
	}
	return upd
}

// testClock is a clock a test moves.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

func (c *testClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// useClock gives s a clock the test moves, starting now.
func useClock(s *Server) *testClock {
	c := &testClock{now: time.Now()}
	s.store.setClock(c.Now)
	return c
}
