package fake_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/to"

	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// The wrapper talking to a fake the way it talks to one that another
// process serves ("partnercenter fake serve"): over HTTPS, trusting the
// fake's certificate (its --cert-file) with any static token, and over
// plain HTTP on loopback, where the wrapper sends no token and the fake
// must accept none (NoAuth, "fake serve --http --no-auth").
func ExampleOptions_noAuth() {
	ctx := context.Background()
	address := wrapper.Address{ // optional fields are pointers: to.Ptr makes them
		AddressLine1: to.Ptr("1 Microsoft Way"), City: to.Ptr("Redmond"),
		State: to.Ptr("WA"), PostalCode: to.Ptr("98052"), Country: to.Ptr("US"),
	}

	// HTTPS: trust the certificate, send any token.
	secure, err := fake.NewServer(&fake.Options{FreshCertificate: true})
	if err != nil {
		log.Fatal(err)
	}
	defer secure.Close()
	roots := x509.NewCertPool()
	roots.AppendCertsFromPEM(secure.CertificatePEM()) // what --cert-file writes
	transport := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: roots, MinVersion: tls.VersionTLS12}}}
	client, err := wrapper.NewClient(wrapper.StaticTokenCredential("any-token", time.Time{}), &wrapper.ClientOptions{
		ClientOptions: azcore.ClientOptions{Cloud: wrapper.CustomCloud(secure.URL(), fake.Audience, ""), Transport: transport},
	})
	if err != nil {
		log.Fatal(err)
	}
	v, err := client.ValidateAddress(ctx, address, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("https:", v.Status)

	// Plain HTTP on loopback: no token goes out, so the fake needs NoAuth.
	plain, err := fake.NewServer(&fake.Options{PlainHTTP: true, NoAuth: true})
	if err != nil {
		log.Fatal(err)
	}
	defer plain.Close()
	client, err = wrapper.NewClient(wrapper.StaticTokenCredential("never-sent", time.Time{}), &wrapper.ClientOptions{
		ClientOptions:     azcore.ClientOptions{Cloud: wrapper.CustomCloud(plain.URL(), fake.Audience, "")},
		AllowInsecureHTTP: true,
	})
	if err != nil {
		log.Fatal(err)
	}
	v, err = client.ValidateAddress(ctx, address, nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("http:", v.Status, "- Authorization sent:", plain.Requests()[0].Header.Get("Authorization") != "")
	// Output:
	// https: VerifiedShippable
	// http: VerifiedShippable - Authorization sent: false
}
