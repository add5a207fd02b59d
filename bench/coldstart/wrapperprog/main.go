// Command wrapperprog is the program BenchmarkColdStart (package bench)
// measures: it builds a wrapper client with default options but for the
// endpoint, gets one customer through it, and prints the customer's ID,
// which is what the smallest program using this module does. Compare
// plainprog, which does the same with the standard library alone.
//
// Usage:
//
//	wrapperprog ENDPOINT CUSTOMER_ID
//
// The token is a made-up placeholder given through
// wrapper.StaticTokenCredential; a real program would get one from
// azidentity, whose cost is not the wrapper's and is left out of both.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"

	"github.com/partnercenter-go/partnercenter/wrapper"
)

// token is a made-up bearer token: the benchmark's server accepts any.
const token = "bench-token-not-a-secret"

// audience is the token audience of the benchmark's server (it checks
// none; the wrapper wants one for a custom endpoint).
const audience = "https://fake.partnercenter.invalid"

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: wrapperprog ENDPOINT CUSTOMER_ID")
		os.Exit(2)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	id, err := getCustomerID(ctx, os.Args[1], os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, "wrapperprog:", err)
		os.Exit(1)
	}
	fmt.Println(id)
}

// getCustomerID gets one customer through a new wrapper client and returns
// its ID.
func getCustomerID(ctx context.Context, endpoint, id string) (string, error) {
	c, err := wrapper.NewClient(wrapper.StaticTokenCredential(token, time.Now().Add(time.Hour)), &wrapper.ClientOptions{
		ClientOptions: azcore.ClientOptions{Cloud: wrapper.CustomCloud(endpoint, audience, "")},
	})
	if err != nil {
		return "", err
	}
	cust, err := c.GetCustomer(ctx, id, nil)
	if err != nil {
		return "", err
	}
	if cust.ID == nil {
		return "", errors.New("customer without an ID")
	}
	return *cust.ID, nil
}
