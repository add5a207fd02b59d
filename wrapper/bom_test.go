package wrapper_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// TestLegacyAddressVerdictAfterBOM: the older address validation's 400
// with code 2007 is a verdict, not an error, also when the answer starts
// with a UTF-8 byte-order mark: the pipeline drops the mark whatever the
// status, not only on 2xx answers.
func TestLegacyAddressVerdictAfterBOM(t *testing.T) {
	t.Parallel()
	const bom = "\xEF\xBB\xBF"
	addr := wrapper.Address{AddressLine1: sp("1 Microsoft Way"), City: sp("Bellevue"), State: sp("WA"), PostalCode: sp("98052"), Country: sp("US")}
	legacy := `{"code": 2007,"description": "{\"code\":\"60071\",\"reason\":\"ZipCityInvalid - Details: Field - &#39;City&#39; is corrected\",` +
		`\"corrected_address\":{\"country\":\"US\",\"region\":\"WA\",\"city\":\"REDMOND\",\"address_line1\":\"One Microsoft Way\",\"postal_code\":\"98052\"}}","data": [],"source": "PartnerFD"}`
	v, err := cannedClient(t, http.StatusBadRequest, bom+legacy).ValidateAddress(context.Background(), addr, nil)
	if err != nil {
		t.Fatalf("BOM + legacy 400: %v", err)
	}
	if !v.Legacy || v.Status != wrapper.AddressValidationStatusInteractionRequired || len(v.SuggestedAddresses) != 1 || *v.SuggestedAddresses[0].City != "REDMOND" {
		t.Errorf("BOM + legacy 400: %+v", v)
	}

	// The fake in its older form, with a BOM before every body.
	srv, c := lifecycleClient(t, &fake.Options{LegacyAddressValidation: true})
	srv.Faults().BOM(true)
	v, err = c.ValidateAddress(context.Background(), addr, nil)
	if err != nil {
		t.Fatalf("fake, BOM + legacy 400: %v", err)
	}
	if !v.Legacy || len(v.SuggestedAddresses) != 1 || !strings.EqualFold(*v.SuggestedAddresses[0].City, "Redmond") {
		t.Errorf("fake, BOM + legacy 400: %+v", v)
	}
}
