package wrapper

import (
	"errors"
	"net/http"
	"strings"
	"testing"
)

// testNewCustomer is a complete new-customer description.
func testNewCustomer() NewCustomer {
	s := func(v string) *string { return &v }
	return NewCustomer{
		CompanyProfile: NewCustomerCompanyProfile{Domain: "x.onmicrosoft.com", CompanyName: s("X Ltd")},
		BillingProfile: NewCustomerBillingProfile{
			Email: "billing@x.example", Culture: "en-US", Language: "en", CompanyName: "X Ltd", FirstName: s("Ada"), LastName: s("L"),
			DefaultAddress: Address{AddressLine1: s("1 Microsoft Way"), City: s("Redmond"), State: s("WA"), PostalCode: s("98052"),
				Country: s("US"), PhoneNumber: s("4255550101")},
		},
	}
}

// TestCreatedCustomerIDIsChecked: a create answer whose customer ID is not
// a GUID is ErrMalformedResponse saying the customer may exist, and the ID
// is shown quoted, not as the server wrote it.
func TestCreatedCustomerIDIsChecked(t *testing.T) {
	t.Parallel()
	// JSON text: the last one decodes to a GUID followed by a
	// right-to-left override and a terminal escape.
	for _, id := range []string{"", "not-a-guid", `aaaabbbb-0000-cccc-1111-dddd2222eeee\u202e\u001b[2J`} {
		ts := newTestServer(t, jsonHandler(http.StatusCreated, `{"id":"`+id+`","userCredentials":{"userName":"admin","password":"pw-123456"}}`))
		_, err := ts.client(nil).CreateCustomer(testCtx(t), testNewCustomer(), nil)
		if !errors.Is(err, ErrMalformedResponse) || !strings.Contains(err.Error(), "may have been created") {
			t.Errorf("id %q: err = %v", id, err)
			continue
		}
		if strings.ContainsAny(err.Error(), "\u202e\u001b") || strings.Contains(err.Error(), "pw-123456") {
			t.Errorf("id %q: the error holds raw server text: %q", id, err)
		}
	}
}

// TestValidateAddressBadRequestIsNotMalformed: the older address answer is
// a 400 the operation reads itself; a 400 that is not that answer is the
// ErrBadRequest it is, whatever its body.
func TestValidateAddressBadRequestIsNotMalformed(t *testing.T) {
	t.Parallel()
	for _, body := range []string{`null`, `<html>gateway</html>`, `{"code":800002,"description":"Invalid request input."}`} {
		ts := newTestServer(t, jsonHandler(http.StatusBadRequest, body))
		_, err := ts.client(nil).ValidateAddress(testCtx(t), testNewCustomer().BillingProfile.DefaultAddress, nil)
		if !errors.Is(err, ErrBadRequest) || errors.Is(err, ErrMalformedResponse) {
			t.Errorf("body %s: err = %v, want ErrBadRequest", body, err)
		}
	}
}
