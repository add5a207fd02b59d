package gen_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/partnercenter-go/partnercenter/gen"
)

// closeCounter is a response body that records whether it was closed.
type closeCounter struct {
	io.Reader
	closed bool
}

func (c *closeCounter) Close() error { c.closed = true; return nil }

func answer(status int, contentType, body string) (*http.Response, *closeCounter) {
	b := &closeCounter{Reader: strings.NewReader(body)}
	return &http.Response{StatusCode: status, Header: http.Header{"Content-Type": {contentType}}, Body: b}, b
}

const (
	customerJSON = `{"id":"aaaabbbb-0000-cccc-1111-dddd2222eeee","companyProfile":{"companyName":"Contoso"}}`
	listJSON     = `{"totalCount":1,"items":[` + customerJSON + `],"attributes":{"objectType":"Collection"}}`
	faultJSON    = `{"code":20002,"description":"The customer was not found.","source":"PartnerFD"}`
)

// TestParseDropsBOM: a BOM before the JSON (as the real service sends it)
// parses for a single resource, a list and an error body, with or without
// the mark; Body holds the JSON and the HTTP body is read and closed.
func TestParseDropsBOM(t *testing.T) {
	for _, prefix := range []string{"", bom} {
		name := map[string]string{"": "plain", bom: "BOM"}[prefix]
		t.Run(name, func(t *testing.T) {
			rsp, b := answer(http.StatusOK, "application/json; charset=utf-8", prefix+customerJSON)
			got, err := gen.ParseGetCustomerResponse(rsp)
			if err != nil || got.JSON200 == nil || *got.JSON200.CompanyProfile.CompanyName != "Contoso" {
				t.Fatalf("GetCustomer: %+v, %v", got, err)
			}
			if string(got.Body) != customerJSON || !b.closed || got.StatusCode() != http.StatusOK {
				t.Errorf("GetCustomer: Body %q, closed %v, status %d", got.Body, b.closed, got.StatusCode())
			}

			rsp, b = answer(http.StatusOK, "application/json", prefix+listJSON)
			list, err := gen.ParseListCustomersResponse(rsp)
			if err != nil || list.JSON200 == nil || len(list.JSON200.Items) != 1 || *list.JSON200.Items[0].CompanyProfile.CompanyName != "Contoso" {
				t.Fatalf("ListCustomers: %+v, %v", list, err)
			}
			if string(list.Body) != listJSON || !b.closed {
				t.Errorf("ListCustomers: Body %q, closed %v", list.Body, b.closed)
			}

			rsp, _ = answer(http.StatusNotFound, "application/json", prefix+faultJSON)
			nf, err := gen.ParseGetCustomerResponse(rsp)
			if err != nil || nf.JSON404 == nil || nf.JSON404.Description != "The customer was not found." {
				t.Fatalf("GetCustomer 404: %+v, %v", nf, err)
			}
			var fault gen.APIFault
			if err := json.Unmarshal(nf.Body, &fault); err != nil || fault.Source != "PartnerFD" {
				t.Errorf("the 404's Body does not decode as APIFault: %v", err)
			}
		})
	}
}

// TestParseDropsOnlyALeadingBOM: a mark anywhere but at the start is the
// body's own text, left as it is.
func TestParseDropsOnlyALeadingBOM(t *testing.T) {
	body := `{"id":"x","companyProfile":{"companyName":"Con` + bom + `toso"}}`
	rsp, _ := answer(http.StatusOK, "application/json", bom+body)
	got, err := gen.ParseGetCustomerResponse(rsp)
	if err != nil || *got.JSON200.CompanyProfile.CompanyName != "Con"+bom+"toso" || string(got.Body) != body {
		t.Fatalf("%+v, %v", got, err)
	}
	rsp, _ = answer(http.StatusOK, "application/json", bom+bom+customerJSON)
	if _, err := gen.ParseGetCustomerResponse(rsp); err == nil {
		t.Error("two BOMs parse; only one is the mark")
	}
}

// TestParseFailsCleanlyOnNonJSON: a body labelled JSON that is not JSON
// (an HTML gateway page, with or without a BOM, or nothing after the mark)
// is an error from encoding/json, with no response; a body labelled
// otherwise is not decoded and stays readable in Body.
func TestParseFailsCleanlyOnNonJSON(t *testing.T) {
	const html = "<html><body>502 Bad Gateway</body></html>"
	for _, body := range []string{html, bom + html, bom, bom + `{"id":`} {
		rsp, b := answer(http.StatusOK, "application/json", body)
		got, err := gen.ParseGetCustomerResponse(rsp)
		var syntax *json.SyntaxError
		if got != nil || !errors.As(err, &syntax) || !b.closed {
			t.Errorf("GetCustomer %q: %+v, %v (closed %v)", body, got, err, b.closed)
		}
		rsp, _ = answer(http.StatusOK, "application/json", body)
		if list, err := gen.ParseListCustomersResponse(rsp); list != nil || !errors.As(err, &syntax) {
			t.Errorf("ListCustomers %q: %+v, %v", body, list, err)
		}
	}

	rsp, _ := answer(http.StatusBadGateway, "text/html", bom+html)
	got, err := gen.ParseGetCustomerResponse(rsp)
	if err != nil || got.StatusCode() != http.StatusBadGateway || got.JSON200 != nil || !bytes.Equal(got.Body, []byte(html)) {
		t.Errorf("HTML 502: %+v, %v", got, err)
	}
}

// inMemory is a response body that holds its bytes, as the wrapper's
// transport buffers them: Bytes returns the whole body, and Read must not
// be needed.
type inMemory struct {
	data   []byte
	reads  int
	closed bool
}

func (m *inMemory) Read([]byte) (int, error) { m.reads++; return 0, io.EOF }
func (m *inMemory) Close() error             { m.closed = true; return nil }
func (m *inMemory) Bytes() []byte            { return m.data }

// TestParseUsesBufferedBytes: a body that has its bytes in memory (a Bytes
// method) is decoded from them without being read or copied, a leading BOM
// still dropped; the decoded values do not share the buffer.
func TestParseUsesBufferedBytes(t *testing.T) {
	for _, prefix := range []string{"", bom} {
		body := &inMemory{data: []byte(prefix + customerJSON)}
		rsp := &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}}, Body: body}
		got, err := gen.ParseGetCustomerResponse(rsp)
		if err != nil || got.JSON200 == nil || *got.JSON200.CompanyProfile.CompanyName != "Contoso" {
			t.Fatalf("%q: %+v, %v", prefix, got, err)
		}
		if body.reads != 0 || !body.closed || string(got.Body) != customerJSON || &got.Body[0] != &body.data[len(prefix)] {
			t.Errorf("%q: %d reads, closed %v, Body %q (shared: want the buffer itself)", prefix, body.reads, body.closed, got.Body)
		}
		clear(body.data) // the buffer goes back to its pool
		if *got.JSON200.CompanyProfile.CompanyName != "Contoso" || *got.JSON200.ID != "aaaabbbb-0000-cccc-1111-dddd2222eeee" {
			t.Errorf("%q: a decoded value shares the buffer: %+v", prefix, got.JSON200)
		}
	}
}

// TestParseNoBody: an answer without a body (http.NoBody, as net/http
// gives a 204) parses to an empty Body.
func TestParseNoBody(t *testing.T) {
	rsp := &http.Response{StatusCode: http.StatusNoContent, Header: http.Header{}, Body: http.NoBody}
	got, err := gen.ParseDeleteCustomerUserResponse(rsp)
	if err != nil || got.Body == nil || len(got.Body) != 0 || got.StatusCode() != http.StatusNoContent {
		t.Fatalf("%+v, %v", got, err)
	}
}
