// Package fake is an in-memory Partner Center customer API for tests and
// demos. It serves the operations of the project's OpenAPI document over
// HTTPS on 127.0.0.1, so code using the wrapper package (or any HTTP
// client) can be tested without a partner tenant or network access. It
// listens on loopback only (Options.Addr picks the address), with
// httptest's certificate, a certificate made for the server
// (Options.FreshCertificate; Server.CertificatePEM gives it out) or plain
// HTTP (Options.PlainHTTP, still on loopback only); "partnercenter fake
// serve" runs it as a server of its own for clients in other languages.
//
// Every operation needs a bearer token, as the service does; the fake
// accepts any non-empty one. A client that rightly sends no token over
// plain HTTP (the wrapper with ClientOptions.AllowInsecureHTTP, which
// Server.NewClient sets for a PlainHTTP server) needs Options.NoAuth,
// which accepts tokenless requests and is allowed with PlainHTTP only, so
// the default stays as strict as the service.
//
// # What it serves
//
// The fake implements the generated server interface (gen.StrictServerInterface)
// over a store that starts with the customers the spec documents:
// DocumentedCustomerID with its company profile, billing profile (ETag
// "-4242348048554929329"), custom domain and the organization of the
// reference pages, and ContosoCustomerID from the list example. The values
// are read from the embedded spec's examples. Options.ExtraCustomers adds
// generated customers with deterministic IDs, names and domains (see
// GeneratedCustomerID); they are computed on demand, so 100,000 of them cost
// no memory, and each one looks the same from every endpoint. AddCustomer
// adds customers of the test's own making.
//
// It behaves like the service where clients are likely to go wrong:
//
//   - every request is checked against the spec with kin-openapi; a request
//     that breaks it gets 400 with an ApiFault body
//     ({"code":800002,...,"source":"PartnerFD"}, or 900118 for a malformed
//     customer ID), a missing bearer token 401 with code 800001 (unless
//     Options.NoAuth);
//   - it says no instead of guessing: a query parameter the operation does
//     not declare (filter[Field]=... included), a parameter sent twice, or
//     a filter that is not the documented JSON document
//     {"Field":...,"Value":...,"Operator":"starts_with"} (an object with
//     exactly these keys, a known Field, a non-empty Value) gets 400 with
//     a description of the mistake, never the unfiltered listing;
//   - unknown customers get 404 with code 60003;
//   - MS-RequestId and MS-CorrelationId are echoed (or made up), MS-ServerId
//     is set;
//   - listings are paged (DefaultPageSize, at most MaxPageSize) with opaque
//     continuation tokens in links.next, whose uri comes with or without the
//     /v1 segment (Options.NextLinkForm); a next page needs the
//     MS-ContinuationToken header the link names; searches match prefixes of
//     the company name, domain or indirect reseller, ignoring case;
//   - billing profile updates need If-Match with the current ETag (412 with
//     code 2055 otherwise) and produce a new one;
//   - HEAD /domains/{domain} answers 200 when a customer uses the domain and
//     404 when it is free;
//   - the organization comes as a one-element array, or as an object with
//     Options.OrganizationAsObject.
//
// # The customer lifecycle
//
// The lifecycle operations are stateful: what one call changes, the next
// reads.
//
//   - createCustomer stores a customer that every read then shows (its
//     domain becomes taken, it is listed and searchable) and answers 201
//     with the first administrator's user name "admin" and a random
//     password. It applies the documented refusals: in the countries that
//     need an organization registration number (the eleven of the error-code
//     page and the thirteen the 2021 create page adds) a missing number gets
//     600049, one not matching ^(\d{7}|\d{10})$ 600050, a billing address
//     without phone number 600051. A taken domain gets 409 with code 600006
//     (the pages document no code). A create repeated with the same
//     MS-RequestId gets the first answer again, credentials included, so a
//     retry never makes a second customer; the same request ID with another
//     domain gets 400. Faults.DropAfterCommit shows why that matters.
//   - validateAddress follows fixed rules that reach every documented
//     status (see address.go): unknown countries are NotValidated, a wrong
//     state or postal code None, a known US ZIP code of another city
//     InteractionRequired, a street without house number StreetPartial, a
//     suite or apartment without number PremisesPartial, both Multiple, US
//     street addresses VerifiedShippable (with a ZIP+4 suggestion) and others
//     Verified. Options.LegacyAddressValidation answers the pre-2021 way.
//   - getCountryValidationRules knows the US (as documented), CA, MX, GB, DE,
//     FR, JP, AU and the registration-number countries; others get 404.
//     Options.CountryRulesWrapped sends the 2021 form of the lists.
//   - agreements: the metadata of the two documented templates; confirmations
//     are listed afterwards; the same contact confirming the same agreement
//     type again gets 409 with code 600061 in the longer ExtendedApiFault
//     shape; a dateAgreed in the future or a templateId of another type gets
//     400; document links differ on every call.
//   - qualifications: Education and GovernmentCommunityCloud (which needs a
//     validation code) answer InReview, show InReview on the next read and
//     their outcome on every read after: Approved, or for Education without
//     an education segment Denied with a reason. StateOwnedEntity is set at
//     once, without vetting. Asking again for a qualification the customer
//     has or awaits gets 409 (600006); a denied one may be asked for again.
//   - removeResellerRelationship sets relationshipToPartner to none, which
//     reads then show; customers whose relationship is not reseller get 403
//     (600006). Afterwards confirming agreements, requesting qualifications
//     and deleting get 403 with code 20002.
//   - deleteCustomer (204) removes only customers made through createCustomer,
//     the fake's integration sandbox: others get 400 with code 900127, and
//     one created with an address that did not verify (Verified or
//     VerifiedShippable) gets 403 with 600006, as the reference pages warn.
//     The fake has no orders, so the order-cancellation precondition never
//     applies.
//
// Request bodies are checked the way the service reads them: property names
// without regard to case and null as absent, so the reference pages'
// PascalCase examples with explicit nulls pass.
//
// With Options.ValidateResponses (always on with NewTestServer) the fake also
// checks its own answers against the spec and reports a mismatch as a 500
// and in Server.Errors.
//
// # Faults and recording
//
// Server.Faults switches on the failures seen in the wild: throttling with
// Retry-After, failing the next calls with a status, latency, a UTF-8 BOM
// before bodies, HTML or empty gateway errors, truncated bodies, dropped
// connections (before handling, or after the call was committed), oversized
// error bodies, a wrong content type, and expired tokens. Faults can be limited to one operation or path with Faults.On.
// Server.Requests returns what the fake received, with credentials
// redacted, so a test can check retries and headers; RecordedRequest.Refusal
// tells which requests the fake refused as breaking the spec.
//
// # Use in a test
//
//	func TestSyncRetriesThrottledPages(t *testing.T) {
//		srv := fake.NewTestServer(t, &fake.Options{ExtraCustomers: 1000})
//		client, err := srv.NewClient(nil)
//		if err != nil {
//			t.Fatal(err)
//		}
//		srv.Faults().On("listCustomers").FailNext(1, http.StatusTooManyRequests)
//
//		n, err := mysync.Run(context.Background(), client) // the code under test
//		if err != nil || n != 1002 {
//			t.Fatalf("synced %d customers: %v", n, err)
//		}
//		// 1002 customers are 6 pages of DefaultPageSize, plus one retry.
//		if pages := srv.RequestsFor("listCustomers"); len(pages) != 7 {
//			t.Errorf("%d page requests, want 7", len(pages))
//		}
//	}
//
// Without the wrapper, send requests to URL() + "/v1/..." with HTTPClient()
// and any bearer token.
package fake
