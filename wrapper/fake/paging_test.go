package fake

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/partnercenter-go/partnercenter/gen"
)

// listAll follows links.next from first, as a client must, and returns the
// IDs listed and the pages seen.
func listAll(t *testing.T, s *Server, first string) (ids []string, pages []gen.CustomerCollection) {
	t.Helper()
	path := first
	header := map[string]string{}
	for range 1000 {
		var page gen.CustomerCollection
		r := do(t, s, request{path: path, header: header})
		r.wantStatus(t, http.StatusOK)
		r.decode(t, &page)
		pages = append(pages, page)
		if page.TotalCount == nil || int(*page.TotalCount) != len(page.Items) {
			t.Fatalf("totalCount %v for %d items", page.TotalCount, len(page.Items))
		}
		for _, c := range page.Items {
			ids = append(ids, *c.ID)
		}
		if page.Links == nil || page.Links.Next == nil {
			return ids, pages
		}
		next := page.Links.Next
		if *next.Method != http.MethodGet {
			t.Fatalf("next link method %s", *next.Method)
		}
		// Treat the link as opaque: resolve it against the version base.
		path = *next.URI
		if !strings.HasPrefix(path, "/v1/") {
			path = "/v1" + path
		}
		header = map[string]string{}
		for _, kv := range next.Headers {
			header[*kv.Key] = *kv.Value
		}
	}
	t.Fatal("listing did not end")
	return nil, nil
}

func TestPagingBothLinkForms(t *testing.T) {
	const extra = 123
	for _, form := range []LinkForm{LinkUnversioned, LinkVersioned} {
		t.Run(form.String(), func(t *testing.T) {
			s := NewTestServer(t, &Options{ExtraCustomers: extra, NextLinkForm: form})
			ids, pages := listAll(t, s, "/v1/customers?size=20")
			if len(ids) != extra+2 || len(pages) != 7 {
				t.Fatalf("listed %d customers in %d pages, want %d in 7", len(ids), len(pages), extra+2)
			}
			want := []string{DocumentedCustomerID, ContosoCustomerID}
			for i := range extra {
				want = append(want, GeneratedCustomerID(i))
			}
			if !slices.Equal(ids, want) {
				t.Error("listing order or content differs from documented, then generated customers")
			}
			next := *pages[0].Links.Next
			wantURI := "/customers?size=20&seekOperation=Next"
			if form == LinkVersioned {
				wantURI = "/v1" + wantURI
			}
			if *next.URI != wantURI || len(next.Headers) != 1 || *next.Headers[0].Key != "MS-ContinuationToken" || *next.Headers[0].Value == "" {
				t.Errorf("next link %s %+v", *next.URI, next.Headers)
			}
			if self := *pages[0].Links.Self.URI; self != strings.TrimSuffix(wantURI, "&seekOperation=Next") {
				t.Errorf("self link %s", self)
			}
			if *pages[0].Attributes.ObjectType != "Collection" {
				t.Errorf("objectType %s", *pages[0].Attributes.ObjectType)
			}
			// The list view leaves out what only a single read fills.
			c := pages[0].Items[0]
			if c.BillingProfile != nil || c.CommerceID != nil || c.AllowDelegatedAccess != nil || c.CompanyProfile == nil {
				t.Errorf("list item %+v is not the thin view", c)
			}
		})
	}
}

func TestPageSize(t *testing.T) {
	s := NewTestServer(t, &Options{ExtraCustomers: 700})
	tests := []struct {
		query string
		want  int
	}{
		{"", DefaultPageSize},
		{"?size=0", DefaultPageSize},
		{"?size=1", 1},
		{"?size=500", MaxPageSize},
		{"?size=100000", MaxPageSize},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			var page gen.CustomerCollection
			get(t, s, "/v1/customers"+tt.query).decode(t, &page)
			if len(page.Items) != tt.want || !strings.Contains(*page.Links.Next.URI, "size="+strconv.Itoa(tt.want)+"&") {
				t.Errorf("%d items, next %s; want %d", len(page.Items), *page.Links.Next.URI, tt.want)
			}
		})
	}
	// The last page has no next link.
	var page gen.CustomerCollection
	get(t, s, "/v1/customers?size=500").decode(t, &page)
	var last gen.CustomerCollection
	do(t, s, request{path: "/v1/customers?size=500&seekOperation=Next",
		header: map[string]string{"MS-ContinuationToken": *page.Links.Next.Headers[0].Value}}).decode(t, &last)
	if len(last.Items) != 202 || last.Links.Next != nil {
		t.Errorf("last page has %d items, next %+v", len(last.Items), last.Links.Next)
	}
}

func TestSearch(t *testing.T) {
	s := NewTestServer(t, &Options{ExtraCustomers: 320})
	tests := []struct {
		field gen.CustomerSearchFilterField
		value string
		want  int
	}{
		{gen.CustomerSearchFilterFieldCompanyName, "Cont", 1},
		{gen.CustomerSearchFilterFieldCompanyName, "cONTOSO", 1},
		{gen.CustomerSearchFilterFieldCompanyName, "Fabrikam", 20},      // every 16th of 320
		{gen.CustomerSearchFilterFieldCompanyName, "Fabrikam 00000", 1}, // Fabrikam 000005
		{gen.CustomerSearchFilterFieldCompanyName, "1kl", 1},
		{gen.CustomerSearchFilterFieldCompanyName, "Nobody", 0},
		{gen.CustomerSearchFilterFieldDomain, "abcdefgh", 1},
		{gen.CustomerSearchFilterFieldDomain, "WOODGROVE", 20},
		{gen.CustomerSearchFilterFieldIndirectReseller, "1234567", 11}, // i%10==4 and (i/10)%3==0
		{gen.CustomerSearchFilterFieldIndirectCloudSolutionProvider, "99", 0},
	}
	for _, tt := range tests {
		t.Run(string(tt.field)+"="+tt.value, func(t *testing.T) {
			ids, pages := listAll(t, s, "/v1/customers?size=3&filter="+filterQuery(tt.field, tt.value))
			if len(ids) != tt.want {
				t.Fatalf("found %d customers, want %d", len(ids), tt.want)
			}
			if tt.want > 0 && len(pages) != (tt.want+2)/3 {
				t.Errorf("%d pages for %d results of size 3", len(pages), tt.want)
			}
			for _, id := range ids {
				r, _ := s.store.get(id)
				var v string
				switch tt.field {
				case gen.CustomerSearchFilterFieldCompanyName:
					v = *r.company.CompanyName
				case gen.CustomerSearchFilterFieldDomain:
					v = *r.company.Domain
				default:
					v = *r.customer.AssociatedPartnerID
				}
				if !strings.HasPrefix(strings.ToLower(v), strings.ToLower(tt.value)) {
					t.Errorf("%s %q does not start with %q", tt.field, v, tt.value)
				}
			}
		})
	}
	// The self link of a search carries the filter.
	var page gen.CustomerCollection
	get(t, s, "/v1/customers?size=0&filter="+filterQuery(gen.CustomerSearchFilterFieldCompanyName, "Cont")).decode(t, &page)
	if !strings.Contains(*page.Links.Self.URI, "filter=") || page.Links.Next != nil {
		t.Errorf("search links %+v", page.Links)
	}
}

func TestContinuationTokenRules(t *testing.T) {
	s := NewTestServer(t, &Options{ExtraCustomers: 10})
	var page gen.CustomerCollection
	get(t, s, "/v1/customers?size=2").decode(t, &page)
	token := *page.Links.Next.Headers[0].Value

	other := NewTestServer(t, &Options{ExtraCustomers: 10})
	var otherPage gen.CustomerCollection
	get(t, other, "/v1/customers?size=2").decode(t, &otherPage)

	tests := []struct {
		name  string
		query string
		token string
		want  int
	}{
		{"next without token", "?size=2&seekOperation=Next", "", http.StatusBadRequest},
		{"token without seek", "?size=2", token, http.StatusBadRequest},
		{"garbage token", "?size=2&seekOperation=Next", "not base64!", http.StatusBadRequest},
		{"edited token", "?size=2&seekOperation=Next", token[:len(token)-4] + "AAA=", http.StatusBadRequest},
		{"token of another fake", "?size=2&seekOperation=Next", *otherPage.Links.Next.Headers[0].Value, http.StatusBadRequest},
		{"unsupported seek", "?size=2&seekOperation=Previous", token, http.StatusBadRequest},
		{"valid", "?size=2&seekOperation=Next", token, http.StatusOK},
		{"first ignores token", "?size=2&seekOperation=First", token, http.StatusOK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := do(t, s, request{path: "/v1/customers" + tt.query, header: map[string]string{"MS-ContinuationToken": tt.token}})
			if tt.want != http.StatusOK {
				r.wantFault(t, tt.want, codeInvalidInput)
				return
			}
			r.wantStatus(t, http.StatusOK)
		})
	}

	var second gen.CustomerCollection
	do(t, s, request{path: "/v1/customers?size=2&seekOperation=Next", header: map[string]string{"MS-ContinuationToken": token}}).decode(t, &second)
	if *second.Items[0].ID != GeneratedCustomerID(0) {
		t.Errorf("second page starts with %s", *second.Items[0].ID)
	}
}

func TestTokenEncoding(t *testing.T) {
	key := []byte("key")
	c := cursor{Pos: 42, Field: "Domain", Value: "conto"}
	token := encodeToken(key, c)
	got, err := decodeToken(key, token)
	if err != nil || got.Pos != 42 || got.Field != "Domain" || got.Value != "conto" {
		t.Fatalf("decode = %+v, %v", got, err)
	}
	if _, err := decodeToken([]byte("other"), token); err == nil {
		t.Error("token accepted under another key")
	}
	bad := encodeToken(key, cursor{Pos: 1, Field: "Bogus"})
	if _, err := decodeToken(key, bad); err == nil {
		t.Error("token with an unknown field accepted")
	}
	if _, err := decodeToken(key, encodeToken(key, cursor{Pos: -1})); err == nil {
		t.Error("token with a negative position accepted")
	}
}
