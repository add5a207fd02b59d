package fake_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// A fake Partner Center with the documented customers and three generated
// ones, read through the wrapper.
func Example() {
	srv, err := fake.NewServer(&fake.Options{ExtraCustomers: 3})
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	client, err := srv.NewClient(nil)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	customer, err := client.GetCustomer(ctx, fake.DocumentedCustomerID, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("customer:", *customer.CompanyProfile.CompanyName)

	for c, err := range client.ListCustomers(ctx, nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("listed:", *c.CompanyProfile.CompanyName, *c.CompanyProfile.Domain)
	}
	// Output:
	// customer: 1kl as kjk
	// listed: 1kl as kjk abcdefgh1234.onmicrosoft.com
	// listed: Contoso contoso.onmicrosoft.com
	// listed: Adatum 000001 adatum000001.onmicrosoft.com
	// listed: Alpine Ski House 000002 alpineskihouse000002.onmicrosoft.com
	// listed: Bellows College 000003 bellowscollege000003.onmicrosoft.com
}

// Injecting failures and checking what the client sent.
func ExampleFaults() {
	srv, err := fake.NewServer(nil)
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()
	client, err := srv.NewClient(&wrapper.ClientOptions{ClientOptions: azcore.ClientOptions{Retry: policy.RetryOptions{RetryDelay: time.Millisecond}}})
	if err != nil {
		log.Fatal(err)
	}

	// The next two getCustomer calls fail as an overloaded service does.
	srv.Faults().On("getCustomer").FailNext(1, http.StatusServiceUnavailable)
	srv.Faults().On("getCustomer").HTMLGatewayError(1, http.StatusBadGateway)

	_, err = client.GetCustomer(context.Background(), fake.DocumentedCustomerID, nil)
	fmt.Println("error:", err)
	for _, r := range srv.RequestsFor("getCustomer") {
		fmt.Println(r.Status, r.Fault, r.Header.Get("Authorization"))
	}
	// Output:
	// error: <nil>
	// 503 fail Bearer REDACTED
	// 502 html-gateway Bearer REDACTED
	// 200  Bearer REDACTED
}
