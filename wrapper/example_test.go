package wrapper_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/partnercenter-go/partnercenter/wrapper"
)

// exampleCustomerID is the customer the example server knows.
const exampleCustomerID = "aaaabbbb-0000-cccc-1111-dddd2222eeee"

// exampleServer stands in for Partner Center: an HTTPS server on loopback
// answering with canned JSON. Real programs use wrapper.CloudPublic (the
// default) and an azidentity credential instead.
func exampleServer() (*wrapper.Client, func()) {
	const c = "/v1/customers/" + exampleCustomerID
	routes := map[string]string{
		"GET /v1/customers": `{"totalCount":2,"items":[
			{"id":"aaaabbbb-0000-cccc-1111-dddd2222eeee","companyProfile":{"companyName":"Contoso"}},
			{"id":"0b4ad2fd-5e6c-4a2f-9a8e-1c2d3e4f5a6b","companyProfile":{"companyName":"Fabrikam"}}],
			"links":{"next":{"uri":"/customers?size=2&seekOperation=Next","method":"GET","headers":[{"key":"MS-ContinuationToken","value":"AQAAAA=="}]}}}`,
		"GET /v1/customers?next":         `{"totalCount":1,"items":[{"id":"44444444-0000-cccc-1111-dddd2222eeee","companyProfile":{"companyName":"Northwind"}}]}`,
		"GET " + c:                       `{"id":"aaaabbbb-0000-cccc-1111-dddd2222eeee","companyProfile":{"companyName":"Contoso","domain":"contoso.onmicrosoft.com"},"relationshipToPartner":"reseller"}`,
		"GET " + c + "/customDomains":    `["contoso.com","contoso.onmicrosoft.com"]`,
		"GET " + c + "/organization":     "\xEF\xBB\xBF" + `[{"displayName":"Contoso","city":"Redmond","countryLetterCode":"US"}]`,
		"GET " + c + "/profiles/company": `{"tenantId":"aaaabbbb-0000-cccc-1111-dddd2222eeee","companyName":"Contoso","domain":"contoso.onmicrosoft.com"}`,
		"GET " + c + "/profiles/billing": `{"firstName":"Ada","lastName":"Lovelace","email":"ada@contoso.com","attributes":{"etag":"-4242348048554929329"}}`,
		"PUT " + c + "/profiles/billing": `{"firstName":"Grace","lastName":"Lovelace","email":"ada@contoso.com","attributes":{"etag":"-4242348048554929328"}}`,
	}
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("MS-CorrelationId", "c0ffee00-0000-0000-0000-000000000000")
		w.Header().Set("MS-RequestId", "5e7ec700-0000-0000-0000-000000000000")
		key := r.Method + " " + r.URL.Path
		if r.Header.Get("MS-ContinuationToken") != "" {
			key += "?next"
		}
		switch {
		case r.Method == http.MethodHead && strings.HasPrefix(r.URL.Path, "/v1/domains/"):
			if r.URL.Path == "/v1/domains/contoso.onmicrosoft.com" {
				w.WriteHeader(http.StatusOK) // taken
			} else {
				w.WriteHeader(http.StatusNotFound) // free
			}
			return
		case strings.HasPrefix(r.URL.Path, "/v1/customers/0b4ad2fd-5e6c-4a2f-9a8e-1c2d3e4f5a6b"):
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusForbidden)
			_, _ = io.WriteString(w, `{"code":20002,"description":"No relationship between caller and account.","data":[],"source":"PartnerFD"}`)
			return
		}
		body, ok := routes[key]
		if !ok {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		_, _ = io.WriteString(w, body)
	}))
	client, err := wrapper.NewClient(
		wrapper.StaticTokenCredential("example-token", time.Now().Add(time.Hour)),
		&wrapper.ClientOptions{
			ClientOptions: azcore.ClientOptions{
				Cloud:     wrapper.CustomCloud(srv.URL, "https://api.partnercenter.microsoft.com", ""),
				Transport: srv.Client(),
			},
			// trusts the test certificate
			ApplicationName: "contoso-example",
		})
	if err != nil {
		log.Fatal(err)
	}
	return client, srv.Close
}

func ExampleNewClient() {
	// One azcore configuration names the cloud for the credential and the
	// client alike (cloud.AzureChina, cloud.AzureGovernment, ...). With a
	// real tenant, use an azidentity credential, for example:
	//   cred, err := azidentity.NewClientSecretCredential(tenantID, appID, secret,
	//       &azidentity.ClientSecretCredentialOptions{ClientOptions: azcore.ClientOptions{Cloud: cloud.AzurePublic}})
	cred := wrapper.StaticTokenCredential("access-token-from-elsewhere", time.Now().Add(time.Hour))
	client, err := wrapper.NewClient(cred, &wrapper.ClientOptions{
		ClientOptions: azcore.ClientOptions{
			Cloud: cloud.AzurePublic,
			Retry: policy.RetryOptions{MaxRetries: 5},
		},
		ApplicationName: "contoso-billing-sync",
		Locale:          "en-US",
		RateLimit:       &wrapper.RateLimitOptions{RequestsPerMinute: wrapper.DefaultRequestsPerMinute},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(client.BaseURL())
	// Output: https://api.partnercenter.microsoft.com/v1
}

func ExampleCloudByName() {
	// The CLI's --cloud names map to azcore's configurations, in which
	// importing the wrapper registers Partner Center.
	china, err := wrapper.CloudByName("china")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(china.ActiveDirectoryAuthorityHost, china.Services[wrapper.ServiceName].Endpoint)
	_, err = wrapper.CloudByName("mars")
	fmt.Println(errors.Is(err, wrapper.ErrInvalidInput))
	// Output:
	// https://login.chinacloudapi.cn/ https://partner.partnercenterapi.microsoftonline.cn
	// true
}

func ExampleCustomCloud() {
	// A local mock or proxy: its endpoint, the token audience it accepts
	// and the authority its tokens come from.
	cfg := wrapper.CustomCloud("https://partnercenter-proxy.example:8443/pc", "https://api.partnercenter.microsoft.com", "https://login.microsoftonline.com/")
	client, err := wrapper.NewClient(wrapper.StaticTokenCredential("token", time.Time{}), &wrapper.ClientOptions{
		ClientOptions: azcore.ClientOptions{Cloud: cfg},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(client.BaseURL())
	// Output: https://partnercenter-proxy.example:8443/pc/v1
}

func ExampleClient_GetCustomer() {
	client, done := exampleServer()
	defer done()
	customer, err := client.GetCustomer(context.Background(), exampleCustomerID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*customer.CompanyProfile.CompanyName, *customer.RelationshipToPartner)
	// Output: Contoso reseller
}

func ExampleClient_GetCustomerCustomDomains() {
	client, done := exampleServer()
	defer done()
	domains, err := client.GetCustomerCustomDomains(context.Background(), exampleCustomerID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(domains)
	// Output: [contoso.com contoso.onmicrosoft.com]
}

func ExampleClient_GetCustomerOrganization() {
	client, done := exampleServer()
	defer done()
	// The example server's answer starts with a byte-order mark, as the
	// service's sometimes do; decoding skips it.
	orgs, err := client.GetCustomerOrganization(context.Background(), exampleCustomerID, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, o := range orgs {
		fmt.Println(*o.DisplayName, *o.City, *o.CountryLetterCode)
	}
	// Output: Contoso Redmond US
}

func ExampleClient_GetCustomerCompanyProfile() {
	client, done := exampleServer()
	defer done()
	profile, err := client.GetCustomerCompanyProfile(context.Background(), exampleCustomerID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*profile.CompanyName, *profile.Domain)
	// Output: Contoso contoso.onmicrosoft.com
}

func ExampleClient_GetCustomerBillingProfile() {
	client, done := exampleServer()
	defer done()
	profile, err := client.GetCustomerBillingProfile(context.Background(), exampleCustomerID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*profile.FirstName, *profile.Email, *profile.Attributes.Etag)
	// Output: Ada ada@contoso.com -4242348048554929329
}

func ExampleClient_UpdateCustomerBillingProfile() {
	client, done := exampleServer()
	defer done()
	ctx := context.Background()
	// Read, edit, write back: the ETag of the read goes into If-Match.
	profile, err := client.GetCustomerBillingProfile(ctx, exampleCustomerID, nil)
	if err != nil {
		log.Fatal(err)
	}
	first := "Grace"
	profile.FirstName = &first
	updated, err := client.UpdateCustomerBillingProfile(ctx, exampleCustomerID, *profile, nil)
	if errors.Is(err, wrapper.ErrPreconditionFailed) {
		log.Fatal("changed meanwhile: read it again")
	} else if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*updated.FirstName, *updated.Attributes.Etag)
	// Output: Grace -4242348048554929328
}

func ExampleClient_CheckDomainAvailability() {
	client, done := exampleServer()
	defer done()
	for _, d := range []string{"contoso.onmicrosoft.com", "brand-new-name.onmicrosoft.com"} {
		free, err := client.CheckDomainAvailability(context.Background(), d, nil)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(d, free)
	}
	// Output:
	// contoso.onmicrosoft.com false
	// brand-new-name.onmicrosoft.com true
}

func ExampleClient_ListCustomers() {
	client, done := exampleServer()
	defer done()
	for customer, err := range client.ListCustomers(context.Background(), &wrapper.ListCustomersOptions{PageSize: 2}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(*customer.ID, *customer.CompanyProfile.CompanyName)
	}
	// Output:
	// aaaabbbb-0000-cccc-1111-dddd2222eeee Contoso
	// 0b4ad2fd-5e6c-4a2f-9a8e-1c2d3e4f5a6b Fabrikam
	// 44444444-0000-cccc-1111-dddd2222eeee Northwind
}

func ExampleClient_ListCustomers_search() {
	client, done := exampleServer()
	defer done()
	search := &wrapper.ListCustomersOptions{Filter: &wrapper.CustomerSearchFilter{
		Field: wrapper.CustomerSearchFilterFieldCompanyName,
		Value: "Cont",
	}}
	n := 0
	for _, err := range client.ListCustomers(context.Background(), search) {
		if err != nil {
			log.Fatal(err)
		}
		n++
		break // the first match is enough; no further page is fetched
	}
	fmt.Println(n)
	// Output: 1
}

func ExampleClient_NewListCustomersPager() {
	client, done := exampleServer()
	defer done()
	pager := client.NewListCustomersPager(&wrapper.ListCustomersOptions{PageSize: 2})
	for pager.More() {
		page, err := pager.NextPage(context.Background())
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("page of", len(page.Items))
	}
	// Output:
	// page of 2
	// page of 1
}

func ExampleResponseError() {
	client, done := exampleServer()
	defer done()
	_, err := client.GetCustomerCustomDomains(context.Background(), "0b4ad2fd-5e6c-4a2f-9a8e-1c2d3e4f5a6b", nil)
	var rerr *wrapper.ResponseError
	if errors.As(err, &rerr) && errors.Is(err, wrapper.ErrForbidden) {
		fmt.Println(rerr.StatusCode, rerr.Code, rerr.GDAPRoles)
		fmt.Println(err)
	}
	// Output:
	// 403 20002 [Directory Writer Global Reader Domain Administrator]
	// partnercenter: 403 Forbidden from getCustomerCustomDomains (GET /v1/customers/0b4ad2fd-5e6c-4a2f-9a8e-1c2d3e4f5a6b/customDomains): code 20002: No relationship between caller and account.; the operation needs one of the GDAP roles: Directory Writer, Global Reader, Domain Administrator; MS-CorrelationId=c0ffee00-0000-0000-0000-000000000000; MS-RequestId=5e7ec700-0000-0000-0000-000000000000
}

func ExampleWithCorrelationID() {
	client, done := exampleServer()
	defer done()
	// Every call made with ctx carries this MS-CorrelationId.
	ctx := wrapper.WithCorrelationID(context.Background(), "0d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6")
	if _, err := client.GetCustomer(ctx, exampleCustomerID, nil); err != nil {
		log.Fatal(err)
	}
	_, err := client.GetCustomer(ctx, "../../partners", nil)
	fmt.Println(errors.Is(err, wrapper.ErrInvalidInput))
	fmt.Println(err)
	// Output:
	// true
	// partnercenter: invalid input: customer tenant ID "../../partners" is not a GUID (want 36 characters such as aaaabbbb-0000-cccc-1111-dddd2222eeee)
}

func ExampleNewRefreshTokenCredential() {
	// The Secure Application Model: a refresh token obtained once with an
	// interactive, MFA sign-in of the app+user, exchanged for access tokens.
	cred, err := wrapper.NewRefreshTokenCredential(
		"contoso.onmicrosoft.com",              // partner tenant
		"11111111-2222-3333-4444-555555555555", // application (client) ID
		"",                                     // client secret; empty for a public client
		"stored-refresh-token",
		&wrapper.RefreshTokenCredentialOptions{
			OnRefreshTokenRotated: func(rt string) { /* store rt for the next run */ },
		})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(cred) // never prints a token
	// Output: RefreshTokenCredential(https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/token, client 11111111-2222-3333-4444-555555555555, tokens REDACTED)
}
