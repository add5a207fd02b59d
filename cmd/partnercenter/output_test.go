package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/partnercenter-go/partnercenter/wrapper"
)

func ptr[T any](v T) *T { return &v }

// testCustomer returns a customer with the given ID and company name.
func testCustomer(id, company string) wrapper.Customer {
	rel := wrapper.RelationshipToPartnerReseller
	return wrapper.Customer{
		ID: ptr(id),
		CompanyProfile: &wrapper.CustomerCompanyProfile{
			CompanyName: ptr(company),
			Domain:      ptr(strings.ToLower(strings.ReplaceAll(company, " ", "")) + ".onmicrosoft.com"),
		},
		RelationshipToPartner: &rel,
	}
}

func TestCustomerJSONAndTable(t *testing.T) {
	c := testCustomer(exampleCustomerID, "1kl as kjk")
	c.AllowDelegatedAccess = ptr(true)
	c.CustomDomains = []string{"a.example", "b.example"}
	c.CompanyProfile.Address = &wrapper.Address{AddressLine1: ptr("1 ms way"), City: ptr("redmond"), Region: ptr("wa"), PostalCode: ptr("98052"), Country: ptr("US")}

	var b bytes.Buffer
	if err := (&printer{w: &b, format: formatJSON}).table(&c, rowFor(t, "customer get")); err != nil {
		t.Fatal(err)
	}
	var got wrapper.Customer
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b.String())
	}
	if *got.ID != exampleCustomerID || *got.CompanyProfile.CompanyName != "1kl as kjk" {
		t.Fatalf("decoded %+v", got)
	}
	if !strings.Contains(b.String(), "\n  \"id\": ") {
		t.Errorf("JSON is not indented:\n%s", b.String())
	}

	b.Reset()
	if err := (&printer{w: &b, format: formatTable}).table(&c, rowFor(t, "customer get")); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"ID                " + exampleCustomerID + "\n",
		"Company           1kl as kjk\n",
		"Relationship      reseller\n",
		"Delegated access  yes\n",
		"Custom domains    a.example, b.example\n",
		"Company address   1 ms way, redmond, wa, 98052, US\n",
	} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
	if strings.Contains(b.String(), "Billing") {
		t.Errorf("table shows empty billing rows:\n%s", b.String())
	}
}

func TestJSONLinesSingleResource(t *testing.T) {
	var b bytes.Buffer
	if err := (&printer{w: &b, format: formatJSONL}).table([]string{"a", "b"}, rowFor(t, "customer domains")); err != nil {
		t.Fatal(err)
	}
	if b.String() != "[\"a\",\"b\"]\n" {
		t.Fatalf("got %q", b.String())
	}
}

func TestDomainsAndOrganizationsEmpty(t *testing.T) {
	for _, format := range []string{formatJSON, formatTable} {
		var b bytes.Buffer
		p := &printer{w: &b, format: format}
		if err := p.table([]string{}, rowFor(t, "customer domains")); err != nil {
			t.Fatal(err)
		}
		if err := p.table([]wrapper.CustomerOrganization{}, rowFor(t, "customer organization")); err != nil {
			t.Fatal(err)
		}
		want := map[string]string{formatJSON: "[]\n[]\n", formatTable: "No custom domains.\nNo organization details.\n"}[format]
		if b.String() != want {
			t.Errorf("%s: got %q, want %q", format, b.String(), want)
		}
	}
}

func TestAvailability(t *testing.T) {
	var b bytes.Buffer
	if err := (&printer{w: &b, format: formatJSON}).availability("x.onmicrosoft.com", false); err != nil {
		t.Fatal(err)
	}
	var got domainAvailability
	if err := json.Unmarshal(b.Bytes(), &got); err != nil || got != (domainAvailability{"x.onmicrosoft.com", false, "taken"}) {
		t.Fatalf("got %+v (%v) from %s", got, err, b.String())
	}
	b.Reset()
	if err := (&printer{w: &b, format: formatTable}).availability("x.onmicrosoft.com", true); err != nil {
		t.Fatal(err)
	}
	if b.String() != "Domain  x.onmicrosoft.com\nStatus  available\n" {
		t.Fatalf("got %q", b.String())
	}
}

// pages returns n pages of size customers each.
func pages(n, size int) [][]wrapper.Customer {
	var out [][]wrapper.Customer
	for p := range n {
		var page []wrapper.Customer
		for i := range size {
			page = append(page, testCustomer(fmt.Sprintf("00000000-0000-0000-0000-%012d", p*size+i), fmt.Sprintf("Company %d", p*size+i)))
		}
		out = append(out, page)
	}
	return out
}

func TestCustomerStreamJSON(t *testing.T) {
	tests := []struct {
		name   string
		pages  [][]wrapper.Customer
		failed bool
		want   int // customers decoded; -1 when nothing at all must be written
	}{
		{"several pages", pages(3, 4), false, 12},
		{"empty pages in between", append(append(pages(1, 2), nil), pages(1, 1)...), false, 3},
		{"empty listing", nil, false, 0},
		{"failure after some pages", pages(2, 2), true, 4},
		{"failure before any customer", nil, true, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			s := (&printer{w: &b, format: formatJSON}).customerList()
			for _, p := range tt.pages {
				if err := s.write(p); err != nil {
					t.Fatal(err)
				}
			}
			if err := s.finish(tt.failed); err != nil {
				t.Fatal(err)
			}
			if tt.want < 0 {
				if b.Len() != 0 {
					t.Fatalf("wrote %q", b.String())
				}
				return
			}
			var got []wrapper.Customer
			if err := json.Unmarshal(b.Bytes(), &got); err != nil {
				t.Fatalf("not one JSON array: %v\n%s", err, b.String())
			}
			if len(got) != tt.want {
				t.Fatalf("decoded %d customers, want %d", len(got), tt.want)
			}
		})
	}
}

func TestCustomerStreamWritesEachPageAtOnce(t *testing.T) {
	var b bytes.Buffer
	s := (&printer{w: &b, format: formatJSON}).customerList()
	ps := pages(2, 2)
	if err := s.write(ps[0]); err != nil {
		t.Fatal(err)
	}
	first := b.Len()
	if first == 0 || !strings.Contains(b.String(), "Company 1") {
		t.Fatalf("first page not written before the second arrives: %q", b.String())
	}
	if err := s.write(ps[1]); err != nil {
		t.Fatal(err)
	}
	if b.Len() <= first {
		t.Fatal("second page not written")
	}
}

func TestCustomerStreamJSONLines(t *testing.T) {
	var b bytes.Buffer
	s := (&printer{w: &b, format: formatJSONL}).customerList()
	for _, p := range pages(2, 3) {
		if err := s.write(p); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.finish(false); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(&b)
	n := 0
	for sc.Scan() {
		var c wrapper.Customer
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil || c.ID == nil {
			t.Fatalf("line %d is not a customer: %v: %s", n+1, err, sc.Text())
		}
		n++
	}
	if n != 6 {
		t.Fatalf("%d lines, want 6", n)
	}
}

func TestCustomerStreamTableAlignsAcrossPages(t *testing.T) {
	var b bytes.Buffer
	s := (&printer{w: &b, format: formatTable}).customerList()
	long := testCustomer("00000000-0000-0000-0000-000000000001", "A rather long company name")
	short := testCustomer("00000000-0000-0000-0000-000000000002", "Short")
	if err := s.write([]wrapper.Customer{long}); err != nil {
		t.Fatal(err)
	}
	if err := s.write([]wrapper.Customer{short}); err != nil {
		t.Fatal(err)
	}
	if err := s.finish(false); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(b.String(), "\n"), "\n")
	if len(lines) != 3 || !strings.HasPrefix(lines[0], "ID ") {
		t.Fatalf("want a header and two rows:\n%s", b.String())
	}
	col := strings.Index(lines[0], "DOMAIN")
	for _, l := range lines[1:] {
		if !strings.Contains(l[col:], ".onmicrosoft.com") || l[col-1] != ' ' {
			t.Errorf("row not aligned under DOMAIN (column %d):\n%s", col, b.String())
		}
	}
	if !strings.Contains(lines[2], "Short") || !strings.HasSuffix(lines[2], "reseller") {
		t.Errorf("row %q", lines[2])
	}
}

func TestCustomerStreamTableEmpty(t *testing.T) {
	var b bytes.Buffer
	s := (&printer{w: &b, format: formatTable}).customerList()
	if err := s.finish(false); err != nil {
		t.Fatal(err)
	}
	if b.String() != "No customers.\n" {
		t.Fatalf("got %q", b.String())
	}
}

func TestTableNeutralisesControlCharacters(t *testing.T) {
	var b bytes.Buffer
	s := (&printer{w: &b, format: formatTable}).customerList()
	if err := s.write([]wrapper.Customer{testCustomer(exampleCustomerID, "Evil\x1b[2J Corp")}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "\x1b") {
		t.Fatalf("escape sequence reached the output: %q", b.String())
	}
}

func TestProgress(t *testing.T) {
	var b bytes.Buffer
	p := &progress{w: &b, enabled: true}
	p.update(1, 10)
	if !strings.Contains(b.String(), "10 customers so far, page 1") {
		t.Fatalf("got %q", b.String())
	}
	p.clear()
	if !strings.HasSuffix(b.String(), "\r") {
		t.Fatalf("line not erased: %q", b.String())
	}
	p.done(2, 20)
	if !strings.HasSuffix(b.String(), "partnercenter: listed 20 customers in 2 pages\n") {
		t.Fatalf("no summary: %q", b.String())
	}

	b.Reset()
	off := &progress{w: &b}
	off.update(1, 10)
	off.done(1, 10)
	if b.Len() != 0 {
		t.Fatalf("disabled progress wrote %q", b.String())
	}
}

// TestJSONSameInEveryForm checks that a customer prints the same in a
// listing as on its own, and that & and < are not escaped in either.
func TestJSONSameInEveryForm(t *testing.T) {
	c := testCustomer(exampleCustomerID, "Fabrikam & <Sons>")
	for _, format := range []string{formatJSON, formatJSONL} {
		var one, list bytes.Buffer
		if err := (&printer{w: &one, format: format}).table(&c, rowFor(t, "customer get")); err != nil {
			t.Fatal(err)
		}
		s := (&printer{w: &list, format: format}).customerList()
		if err := s.write([]wrapper.Customer{c}); err != nil {
			t.Fatal(err)
		}
		if err := s.finish(false); err != nil {
			t.Fatal(err)
		}
		want := one.String()
		if format == formatJSON {
			// The array indents its item by two more spaces.
			want = "[\n  " + strings.ReplaceAll(strings.TrimSuffix(want, "\n"), "\n", "\n  ") + "\n]\n"
		}
		if list.String() != want {
			t.Errorf("%s: listing\n%s\nwant\n%s", format, list.String(), want)
		}
		if !strings.Contains(one.String(), `"Fabrikam & <Sons>"`) {
			t.Errorf("%s: company name escaped:\n%s", format, one.String())
		}
	}
}

// TestTableNeutralisesInvisibleFormatCharacters: bidirectional overrides and
// isolates, zero-width characters and the BOM cannot reorder or hide what a
// table shows, in the listing's cells and in a single resource's fields.
func TestTableNeutralisesInvisibleFormatCharacters(t *testing.T) {
	invisible := []rune{'\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069',
		'\u200B', '\u200C', '\u200D', '\u200E', '\u200F', '\u2060', '\u2061', '\u2062', '\u2063', '\u2064', '\uFEFF', '\u061C'}
	name := "Contoso"
	for _, r := range invisible {
		name += string(r) + "x"
	}
	var list, single bytes.Buffer
	s := (&printer{w: &list, format: formatTable}).customerList()
	if err := s.write([]wrapper.Customer{testCustomer(exampleCustomerID, name)}); err != nil {
		t.Fatal(err)
	}
	c := testCustomer(exampleCustomerID, name)
	if err := (&printer{w: &single, format: formatTable}).table(&c, rowFor(t, "customer get")); err != nil {
		t.Fatal(err)
	}
	for what, out := range map[string]string{"listing": list.String(), "customer": single.String()} {
		for _, r := range invisible {
			if strings.ContainsRune(out, r) {
				t.Errorf("%s: U+%04X reached the table: %q", what, r, out)
			}
		}
		if !strings.Contains(out, "Contoso") {
			t.Errorf("%s: the visible text was lost: %q", what, out)
		}
	}
}

// TestEndpointPasswordNeverEchoed: an --endpoint with user info is refused
// without printing the password (or the user), on every path of the check.
func TestEndpointPasswordNeverEchoed(t *testing.T) {
	const password = "pa55-SECRET-word"
	for _, endpoint := range []string{
		"https://admin:" + password + "@pc.example.com",
		"https://" + password + "@pc.example.com/base",
		"http://admin:" + password + "@pc.example.com",
		"https://admin:" + password + "@pc.example.com:bad-port", // url.Parse fails and quotes the URL
		"https://admin:" + password + "@pc.example.com?x=1",
	} {
		r := runApp(t, &app{}, "--endpoint", endpoint, "--audience", "x", "customer", "get", exampleCustomerID)
		r.wantCode(t, exitUsage)
		if strings.Contains(r.stderr+r.stdout, password) || strings.Contains(r.stderr, "admin") {
			t.Errorf("%s: the output holds the user info:\n%s", endpoint, r.stderr)
		}
		if !strings.Contains(r.stderr, "invalid --endpoint") {
			t.Errorf("%s: stderr lacks the error:\n%s", endpoint, r.stderr)
		}
	}
}

// rowFor returns the row of the command table at path.
func rowFor(t *testing.T, path string) row {
	t.Helper()
	for _, r := range commandTable {
		if r.path == path {
			return r
		}
	}
	t.Fatalf("no row %q in the command table", path)
	return row{}
}
