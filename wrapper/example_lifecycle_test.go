package wrapper_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// The lifecycle examples run against the in-memory Partner Center of
// package fake; real programs use wrapper.NewClient with a credential.

// lifecycleExample starts a fake and returns a client of it.
func lifecycleExample(opts *fake.Options) (*wrapper.Client, func()) {
	srv, err := fake.NewServer(opts)
	if err != nil {
		log.Fatal(err)
	}
	client, err := srv.NewClient(nil)
	if err != nil {
		log.Fatal(err)
	}
	return client, srv.Close
}

func str(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// exampleNewCustomer is the customer the examples create.
func exampleNewCustomer(domain string) wrapper.NewCustomer {
	return wrapper.NewCustomer{
		CompanyProfile: wrapper.NewCustomerCompanyProfile{Domain: domain},
		BillingProfile: wrapper.NewCustomerBillingProfile{
			Email: "ada@contoso.example", Culture: "en-US", Language: "en", CompanyName: "Contoso Bikes",
			FirstName: sp("Ada"), LastName: sp("Lovelace"),
			DefaultAddress: wrapper.Address{
				AddressLine1: sp("1 Microsoft Way"), City: sp("Redmond"), State: sp("WA"),
				PostalCode: sp("98052"), Country: sp("US"), PhoneNumber: sp("4255550101"),
			},
		},
	}
}

func ExampleClient_CreateCustomer() {
	client, done := lifecycleExample(nil)
	defer done()

	created, err := client.CreateCustomer(context.Background(), exampleNewCustomer("contoso-bikes.onmicrosoft.com"), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("sign in as:", created.SignInName())
	// The password prints, logs and encodes as REDACTED; Reveal gives it
	// to whatever must store it (a password manager, say).
	fmt.Println("password:", created.AdminPassword)
	js, _ := json.Marshal(created.AdminPassword)
	fmt.Println("as JSON:", string(js))
	fmt.Println("revealed length:", len(created.AdminPassword.Reveal()))

	// A second customer with the same domain is a typed refusal.
	_, err = client.CreateCustomer(context.Background(), exampleNewCustomer("contoso-bikes.onmicrosoft.com"), nil)
	fmt.Println("again:", errors.Is(err, wrapper.ErrDomainTaken))
	// Output:
	// sign in as: admin@contoso-bikes.onmicrosoft.com
	// password: REDACTED
	// as JSON: "REDACTED"
	// revealed length: 12
	// again: true
}

func ExampleClient_ValidateAddress() {
	client, done := lifecycleExample(nil)
	defer done()

	v, err := client.ValidateAddress(context.Background(), wrapper.Address{
		AddressLine1: sp("1 Microsoft Way"), City: sp("Bellevue"), State: sp("WA"), PostalCode: sp("98052"), Country: sp("US"),
	}, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(v.Status, v.NeedsDecision())
	for _, s := range v.SuggestedAddresses {
		fmt.Println("suggested:", str(s.AddressLine1), str(s.City), str(s.State))
	}
	// Output:
	// InteractionRequired true
	// suggested: 1 Microsoft Way Redmond WA
}

func ExampleClient_GetCountryValidationRules() {
	client, done := lifecycleExample(nil)
	defer done()

	rules, err := client.GetCountryValidationRules(context.Background(), "CA", nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("state required:", *rules.IsStateRequired, "postal code:", *rules.PostalCodeRegex)
	fmt.Println("cultures:", rules.SupportedCulturesList)
	// Output:
	// state required: true postal code: ^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$
	// cultures: [en-CA fr-CA]
}

func ExampleClient_CreateCustomerAgreement() {
	client, done := lifecycleExample(nil)
	defer done()
	ctx := context.Background()
	created, err := client.CreateCustomer(ctx, exampleNewCustomer("contoso-agrees.onmicrosoft.com"), nil)
	if err != nil {
		log.Fatal(err)
	}

	meta, err := client.ListAgreementMetadata(ctx, &wrapper.ListAgreementMetadataOptions{AgreementType: wrapper.AgreementTypeMicrosoftCustomerAgreement})
	if err != nil {
		log.Fatal(err)
	}
	acceptance := wrapper.AgreementAcceptance{
		PrimaryContact: wrapper.AgreementContact{FirstName: "Ada", LastName: "Lovelace", Email: "ada@contoso.example"},
		TemplateID:     *meta[0].TemplateID,
		Type:           wrapper.AgreementTypeMicrosoftCustomerAgreement,
		DateAgreed:     wrapper.FormatAgreementDate(time.Now()),
	}
	if _, err := client.CreateCustomerAgreement(ctx, created.ID(), acceptance, nil); err != nil {
		log.Fatal(err)
	}
	agreements, err := client.ListCustomerAgreements(ctx, created.ID(), &wrapper.ListCustomerAgreementsOptions{AgreementType: wrapper.AgreementTypeAll})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(agreements), str(agreements[0].Type), agreements[0].PrimaryContact.Email)

	_, err = client.CreateCustomerAgreement(ctx, created.ID(), acceptance, nil)
	fmt.Println("confirmed twice:", errors.Is(err, wrapper.ErrAgreementAlreadyConfirmed))
	// Output:
	// 1 MicrosoftCustomerAgreement ada@contoso.example
	// confirmed twice: true
}

func ExampleClient_CreateCustomerQualification() {
	client, done := lifecycleExample(nil)
	defer done()
	ctx := context.Background()
	created, err := client.CreateCustomer(ctx, exampleNewCustomer("contoso-school.onmicrosoft.com"), nil)
	if err != nil {
		log.Fatal(err)
	}
	q, err := client.CreateCustomerQualification(ctx, created.ID(), wrapper.CustomerQualificationRequest{
		Qualification:    wrapper.CustomerQualificationRequestQualificationEducation,
		EducationSegment: sp("K12"),
		Website:          sp("https://school.contoso.example"),
	}, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("asked:", str(q.VettingStatus))
	// Vetting is asynchronous: read the qualifications again later.
	for range 2 {
		list, err := client.ListCustomerQualifications(ctx, created.ID(), nil)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("now:", str(list[0].VettingStatus))
	}
	// Output:
	// asked: InReview
	// now: InReview
	// now: Approved
}

func ExampleClient_RemoveResellerRelationship() {
	client, done := lifecycleExample(nil)
	defer done()
	ctx := context.Background()
	created, err := client.CreateCustomer(ctx, exampleNewCustomer("contoso-leaves.onmicrosoft.com"), nil)
	if err != nil {
		log.Fatal(err)
	}
	customer, err := client.RemoveResellerRelationship(ctx, created.ID(), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("relationship:", *customer.RelationshipToPartner)
	err = client.DeleteCustomer(ctx, created.ID(), nil)
	fmt.Println("delete afterwards:", errors.Is(err, wrapper.ErrNoRelationship))
	// Output:
	// relationship: none
	// delete afterwards: true
}

func ExampleClient_DeleteCustomer() {
	client, done := lifecycleExample(nil)
	defer done()
	ctx := context.Background()
	created, err := client.CreateCustomer(ctx, exampleNewCustomer("contoso-sandbox.onmicrosoft.com"), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("deleted:", client.DeleteCustomer(ctx, created.ID(), nil) == nil)
	// Customers outside the integration sandbox cannot be deleted.
	err = client.DeleteCustomer(ctx, fake.DocumentedCustomerID, nil)
	fmt.Println("production customer:", errors.Is(err, wrapper.ErrNotSandbox))
	// Output:
	// deleted: true
	// production customer: true
}

func ExampleClient_GetRelationshipRequest() {
	client, done := lifecycleExample(nil)
	defer done()
	link, err := client.GetRelationshipRequest(context.Background(), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(*link.URL)
	// Output:
	// https://admin.microsoft.com/Adminportal/Home?invType=ResellerRelationship&partnerId=3b33e682-00c3-41ee-9dd2-a548adf56438&msppId=0&DAP=false#/BillingAccounts/partner-invitation
}

func ExampleClient_Onboard() {
	client, done := lifecycleExample(nil)
	defer done()

	req := wrapper.OnboardRequest{
		Customer: exampleNewCustomer("contoso-onboard.onmicrosoft.com"),
		// Recorded once the customer exists; the template and the date
		// are filled in.
		Agreement: &wrapper.AgreementAcceptance{
			PrimaryContact: wrapper.AgreementContact{FirstName: "Ada", LastName: "Lovelace", Email: "ada@contoso.example"},
		},
	}
	res, err := client.Onboard(context.Background(), req, &wrapper.OnboardOptions{
		Progress: func(p wrapper.OnboardProgress) { fmt.Println("step", p.Step, p.Err == nil) },
	})
	var oe *wrapper.OnboardError
	switch {
	case errors.As(err, &oe) && oe.CustomerID != "":
		log.Fatalf("customer %s was created, then %v", oe.CustomerID, err)
	case errors.Is(err, wrapper.ErrAddressNeedsDecision):
		log.Fatalf("pick one of %d addresses", len(res.Address.SuggestedAddresses))
	case err != nil:
		log.Fatal(err)
	}
	fmt.Println("created:", res.CustomerID() != "", "agreement:", str(res.Agreement.Type))
	// Output:
	// step input true
	// step domain true
	// step country-rules true
	// step address true
	// step create true
	// step agreement true
	// created: true agreement: MicrosoftCustomerAgreement
}
