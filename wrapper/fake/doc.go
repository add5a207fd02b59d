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
//     not declare (filter[Field]=... included), a parameter sent twice
//     (arrays such as licenseGroupIds excepted), or a filter that is not
//     the documented JSON document
//     {"Field":...,"Value":...,"Operator":"starts_with"} (an object with
//     exactly these keys, a known Field, a non-empty Value; for the user
//     listing {"Field":"UserState","Value":...,"Operator":"equals"}) gets
//     400 with a description of the mistake, never the unfiltered listing;
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
// # Inside the customers' tenants
//
// Users, licenses, directory roles and subscriptions are stateful too. Every
// customer's tenant starts as the same documented tenant, read from the
// spec's answer examples (nothing of it is written in Go): the users of
// listCustomerUsers' examples (the deleted one counts as deleted when the
// fake starts, so it can be restored), the SKUs of listSubscribedSkus'
// examples with their unit counts, the roles of listDirectoryRoles'
// example without members, and the subscriptions of listCustomerSubscriptions'
// and getCustomerSubscription's examples. Options.ExtraUsers adds generated
// users to every tenant (see GeneratedUserID), costing no memory until one
// is changed; a tenant gets state of its own at its first change. Every
// change (create, update and delete of users, license updates, role member
// changes, subscription updates) repeated with the same MS-RequestId gets
// the first answer without changing anything again. After
// removeResellerRelationship every operation of these tags gets 403 (20002).
//
//   - Users: listCustomerUsers pages like listCustomers (size, links.next
//     with MS-ContinuationToken and seekOperation=Next, a token good for its
//     own listing only) over the documented users, the generated ones and
//     the created ones, in that order. The filter
//     {"Field":"UserState","Value":"Inactive","Operator":"equals"} lists the
//     deleted users instead ("Active" the users in use); any other filter
//     gets 400. createCustomerUser needs a userPrincipalName not taken in
//     the tenant (400 otherwise) and answers 200 with the password in clear
//     in passwordProfile: the one sent, or a made-up one. updateCustomerUser
//     changes the fields sent, resets the password when passwordProfile is
//     sent (answering the new one) and restores a deleted user with state
//     active. deleteCustomerUser (204) makes the user inactive with a
//     softDeletionTime: it leaves the listing for the deleted-users filter,
//     still reads, loses its licenses (their units are free again) and its
//     roles, and can only be restored (other changes get 400). After
//     DeletedUserRetention (30 days, by the store's clock) it is purged:
//     reads, restores and deletes get 404 with code 60002, and its sign-in
//     name is free. Unknown users get 404 with 60002.
//   - Licenses: listSubscribedSkus shows the tenant's counts: consumedUnits
//     is the documented count plus the licenses assigned through the fake,
//     availableUnits totalUnits less that. updateUserLicenses (201) applies
//     licensesToAssign and licensesToRemove all or nothing: a new license
//     uses up a unit, and a SKU without units left refuses the whole request
//     as OutOfLicenses (400, 60012); removing frees the unit. Unknown SKUs,
//     a SKU named twice, excluded plans the SKU does not have, licenses of
//     both groups in one request, or nothing to do get 400 (800002).
//     licenseWarnings is always sent: LicenseWarningAlreadyAssigned for a
//     license the user holds (no unit used; its excluded plans replaced),
//     LicenseWarningNotAssigned for one to remove that the user lacks.
//     listUserLicenses and listSubscribedSkus show group1 without
//     licenseGroupIds, and the groups named (Group1, Group2, any case) with.
//   - Directory roles: addDirectoryRoleMember (201) needs an active user of
//     the tenant by the body's id (404 with 60002 otherwise) and answers its
//     stored names; adding a member again answers the same.
//     removeDirectoryRoleMember (204) of a user who does not hold the role
//     gets 404 with 60002. listDirectoryRoleMembers pages like the users
//     (DefaultPageSize, in the order added), listUserDirectoryRoles lists a
//     user's roles. Unknown roles get 404 with code 1000.
//   - Subscriptions: listCustomerSubscriptions filters by order_id or mpn_id
//     (the partnerId); an order or partner without subscriptions gets 404
//     (20000, 800015), both at once 400. updateCustomerSubscription (200)
//     changes quantity, status (active to suspended and back),
//     friendlyName and autoRenewEnabled, and gives a subscription with an
//     ETag a new one (the service's form, base64 of its ID and a version).
//     If-Match is optional; a stale one is refused as SubscriptionEtagStale
//     (400, 2055). Refusals: any change of a deleted subscription
//     (SubscriptionDeleted); a change of a suspended one other than its
//     reactivation alone (SubscriptionSuspended); a quantity change while
//     suspending (QuantityChangeWhileSuspending); a new-commerce quantity
//     decrease later than QuantityDecreaseWindow after its start
//     (QuantityDecreaseNotAllowed); a quantity below 1, or other than 1 for a
//     usage-based subscription (QuantityOutOfRange); above
//     MaxSubscriptionSeats (SeatCountAboveMaximum, 403); switching on
//     auto-renewal of a subscription without product type that is
//     Microsoft's (AutoRenewNotEligible); reactivating an add-on whose parent
//     is not active (ParentSubscriptionNotActive, 409). Other status changes
//     and a body naming another subscription get 400 (800002). The fake
//     never answers 202.
//
// Every refusal is answered from the spec: status and code from its
// x-refusals table, description from its example, so Faults.Refuse injects
// the same answer the fake gives by itself.
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
// Server.Requests returns what the fake received, with the values of
// credential headers and query parameters redacted (see
// RecordedRequest.Header and RawQuery), so a test can check retries and
// headers; RecordedRequest.Refusal
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
