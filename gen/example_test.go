package gen_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"

	// gen.CustomerTenantID is openapi_types.UUID (module
	// github.com/oapi-codegen/runtime, package types), an alias of
	// uuid.UUID from module github.com/google/uuid.
	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
)

// A team that imports only gen: the generated client on the cloud's base
// URL, a request editor with the bearer token, and the answer's status,
// decoded body and error body. Partner Center starts some answers with a
// UTF-8 byte-order mark; the generated parsers drop it.
func Example() {
	// A stand-in for Partner Center, answering with a BOM before its JSON.
	srv := fakePartnerCenter()
	defer srv.Close()
	httpClient := viaTestServer(srv) // in your program: http.DefaultClient, or your own *http.Client

	// An Entra ID access token for https://api.partnercenter.microsoft.com,
	// from azidentity or any other source.
	token := "eyJ0eXAiOiJKV1Qi..."
	auth := func(_ context.Context, req *http.Request) error {
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Accept", "application/json")
		return nil
	}
	// gen.ServerPublic is the public (and US Government) cloud's base URL,
	// gen.ServerChina 21Vianet's; gen.ServerForCloud("usgov") looks one up.
	client, err := gen.NewClientWithResponses(gen.ServerPublic,
		gen.WithHTTPClient(httpClient), gen.WithRequestEditorFn(auth))
	if err != nil {
		log.Fatal(err)
	}

	ctx := context.Background()
	for _, id := range []string{"aaaabbbb-0000-cccc-1111-dddd2222eeee", "00000000-0000-0000-0000-000000000404"} {
		customerID, err := uuid.Parse(id)
		if err != nil {
			log.Fatal(err)
		}
		resp, err := client.GetCustomerWithResponse(ctx, customerID, nil)
		if err != nil {
			log.Fatal(err) // no answer, or a body that is not the JSON it claims to be
		}
		if resp.JSON200 != nil {
			fmt.Println(resp.StatusCode(), *resp.JSON200.CompanyProfile.CompanyName)
			continue
		}
		// Any other status: the documented ones are decoded into JSON400,
		// JSON404 and so on; Body holds every answer, documented or not.
		var fault gen.APIFault
		if err := json.Unmarshal(resp.Body, &fault); err != nil {
			fmt.Println(resp.StatusCode(), "(the error body is not a Partner Center fault)")
			continue
		}
		code, _ := fault.Code.MarshalJSON() // a number or a string on the wire
		fmt.Println(resp.StatusCode(), string(code), fault.Description)
	}
	// Output:
	// 200 Contoso
	// 404 20002 The customer was not found.
}

// bom is the UTF-8 byte-order mark some Partner Center answers start with.
const bom = "\xef\xbb\xbf"

// fakePartnerCenter answers GET /v1/customers/{id} on the public host, as
// the real service does, with a BOM before the JSON: the documented
// customer, and a 404 fault for any other ID.
func fakePartnerCenter() *httptest.Server {
	return httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		id, ok := strings.CutPrefix(r.URL.Path, "/v1/customers/")
		switch {
		case r.Host != "api.partnercenter.microsoft.com" || !ok || r.Method != http.MethodGet:
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, bom+`{"code":400,"description":"unexpected request","source":"test"}`)
		case !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") || r.Header.Get("Accept") != "application/json":
			w.WriteHeader(http.StatusUnauthorized)
			fmt.Fprint(w, bom+`{"code":401,"description":"no bearer token","source":"test"}`)
		case id == "aaaabbbb-0000-cccc-1111-dddd2222eeee":
			fmt.Fprint(w, bom+`{"id":"`+id+`","companyProfile":{"companyName":"Contoso"},"relationshipToPartner":"reseller"}`)
		default:
			w.WriteHeader(http.StatusNotFound)
			fmt.Fprint(w, bom+`{"code":20002,"description":"The customer was not found.","source":"PartnerFD"}`)
		}
	}))
}

// viaTestServer returns an HTTP client that sends every request to srv,
// keeping the host the URL names (gen.ServerPublic's) in the Host header.
func viaTestServer(srv *httptest.Server) *http.Client {
	target, err := url.Parse(srv.URL)
	if err != nil {
		panic(err)
	}
	next := srv.Client().Transport
	return &http.Client{Transport: roundTripFunc(func(req *http.Request) (*http.Response, error) {
		req = req.Clone(req.Context())
		req.URL.Scheme, req.URL.Host = target.Scheme, target.Host
		return next.RoundTrip(req)
	})}
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }
