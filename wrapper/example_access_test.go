package wrapper_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"

	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// Examples of the Users, Licenses, Directory roles and Subscriptions tags,
// against the in-memory Partner Center of package fake.

func ExampleClient_ListCustomerUsers() {
	client, done := lifecycleExample(&fake.Options{ExtraUsers: 25})
	defer done()
	n := 0
	for _, err := range client.ListCustomerUsers(context.Background(), fake.DocumentedCustomerID, &wrapper.ListCustomerUsersOptions{PageSize: 10}) {
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	fmt.Println(n, "users")
	// Output: 27 users
}

func ExampleClient_CreateCustomerUser() {
	client, done := lifecycleExample(nil)
	defer done()
	created, err := client.CreateCustomerUser(context.Background(), fake.DocumentedCustomerID, wrapper.NewCustomerUser{
		UserPrincipalName: to.Ptr("grace@abcdefgh1234.onmicrosoft.com"),
		DisplayName:       to.Ptr("Grace Hopper"),
		UsageLocation:     to.Ptr("US"), // required: where the user's licenses are used
	}, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*created.User.UserPrincipalName)
	fmt.Println("password:", created.Password) // printing a Secret shows REDACTED; Reveal returns it
	// Output:
	// grace@abcdefgh1234.onmicrosoft.com
	// password: REDACTED
}

func ExampleClient_UpdateUserLicenses() {
	client, done := lifecycleExample(nil)
	defer done()
	ctx := context.Background()
	user, err := client.CreateCustomerUser(ctx, fake.DocumentedCustomerID, wrapper.NewCustomerUser{
		UserPrincipalName: to.Ptr("alan@abcdefgh1234.onmicrosoft.com"), DisplayName: to.Ptr("Alan"), UsageLocation: to.Ptr("GB"),
	}, nil)
	if err != nil {
		log.Fatal(err)
	}
	skus, err := client.ListSubscribedSkus(ctx, fake.DocumentedCustomerID, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, sku := range skus {
		if *sku.AvailableUnits == 0 {
			continue
		}
		change, err := client.UpdateUserLicenses(ctx, fake.DocumentedCustomerID, *user.User.ID, wrapper.LicenseUpdate{
			LicensesToAssign: []wrapper.LicenseAssignment{{SkuID: sku.ProductSku.ID}},
		}, nil)
		switch {
		case errors.Is(err, wrapper.ErrOutOfLicenses):
			continue
		case err != nil:
			log.Fatal(err)
		}
		fmt.Println("assigned", *sku.ProductSku.Name, "with", len(change.Warnings), "warnings")
		break
	}
	// Output: assigned Azure Active Directory Premium P1 with 0 warnings
}

func ExampleClient_ListDirectoryRoles() {
	client, done := lifecycleExample(nil)
	defer done()
	roles, err := client.ListDirectoryRoles(context.Background(), fake.DocumentedCustomerID, nil)
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range roles {
		fmt.Println(*r.Name)
	}
	// Output:
	// Helpdesk Administrator
	// User Account Administrator
}

func ExampleClient_UpdateCustomerSubscription() {
	client, done := lifecycleExample(nil)
	defer done()
	ctx := context.Background()
	subs, err := client.ListCustomerSubscriptions(ctx, fake.DocumentedCustomerID, nil)
	if err != nil {
		log.Fatal(err)
	}
	// Suspend the first active subscription: the client reads it, lets the
	// function change it and sends it back with the ETag it read.
	for _, s := range subs {
		if *s.Status != wrapper.SubscriptionStatusActive || s.ParentSubscriptionID != nil {
			continue
		}
		change, err := client.UpdateCustomerSubscription(ctx, fake.DocumentedCustomerID, *s.ID, func(s *wrapper.Subscription) {
			s.Status = to.Ptr(wrapper.SubscriptionStatusSuspended)
		}, nil)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(*change.Subscription.Status)
		break
	}
	// Output: suspended
}
