// Package wrapper is a Go client for the Microsoft Partner Center customer
// API: listing and searching a partner's customers, reading a customer, its
// custom domains, organization, company and billing profiles, updating the
// billing profile and checking whether a domain name is free; and the
// customer lifecycle: validating addresses and reading country rules,
// creating customers (Client.Onboard does every check and step in one call;
// the first administrator's password comes back as a Secret), recording the
// Microsoft Customer Agreement, requesting qualifications, removing the
// reseller relationship and deleting integration sandbox customers. The
// documented refusals of these operations are sentinel errors
// (ErrDomainTaken, ErrAgreementAlreadyConfirmed, ...) matched with errors.Is.
//
// The request and response types are generated from the project's OpenAPI
// document (package gen) and re-exported here, so that callers import this
// package only. Every request is built and every answer decoded by the
// generated client, with an azcore pipeline as its HTTP doer; options
// follow azcore (ClientOptions embeds azcore.ClientOptions). On top of the
// generated client, this package adds what a specification cannot say:
//
//   - Authentication through any azcore.TokenCredential (every azidentity
//     credential, StaticTokenCredential, or RefreshTokenCredential for the
//     Secure Application Model), with the token scope of the chosen cloud.
//   - Clouds: Partner Center is registered as ServiceName in azcore's
//     cloud.AzurePublic, cloud.AzureChina and cloud.AzureGovernment, so one
//     cloud.Configuration sets up azidentity and this client; CustomCloud
//     describes any other deployment. The versioned base path (".../v1") is
//     added here, while the generated paths stay version-free.
//   - Tracing through azcore's TracingProvider (OpenTelemetry with the azotel
//     adapter): one span per operation, named after its operationId and
//     carrying the request and correlation IDs, with each try as a child
//     HTTP span.
//   - A new MS-RequestId per call, identical on every retry of that call; an
//     MS-CorrelationId per call unless set with CallOptions or
//     WithCorrelationID; X-Locale, MS-PartnerCenter-Application and a
//     User-Agent naming this library.
//   - Retries on 408, 429, 500, 502, 503, 504 and connection errors
//     (including a body cut short while it was read), waiting as
//     Retry-After says (seconds or HTTP date) or with exponential backoff
//     and jitter, for a bounded number of tries, stopping when the context
//     ends; and an optional client-side rate limiter, per customer tenant or
//     (RateLimitOptions.PartnerWide) for the whole partner.
//   - One resend with a fresh token when the service refuses a token with a
//     401 challenge (WWW-Authenticate) and the credential has another token
//     to offer: a token that expired or was revoked early is replaced
//     rather than failing the call.
//   - One error type, *ResponseError, for every answer outside 2xx, with
//     categories for errors.Is (ErrNotFound, ErrForbidden, ErrThrottled,
//     ErrServer, ...) and, for a 403, the GDAP roles the operation needs.
//     A 2xx answer that cannot be decoded (empty, truncated, an HTML page)
//     is a *ResponseError too, matching ErrMalformedResponse, with the
//     status, the IDs and the decoding error.
//   - Tolerance of the service's quirks: a UTF-8 byte-order mark before the
//     JSON, JSON labelled with another Content-Type, error codes sent as
//     numbers, the organization sent as an array or an object, next links
//     with or without the version segment.
//   - Checks before any network I/O: customer IDs must be GUIDs, domain names
//     must be DNS names, endpoints must be https.
//
// # Security
//
// The access token goes only to the configured endpoint, over https: a
// request (such as a next link) to another scheme or host is refused before
// the token is added, redirects are returned rather than followed (whatever
// the Transport: a Transport that tries to follow one has the second
// request stopped, ErrRedirect), and plain http is only accepted for a
// loopback endpoint when ClientOptions.AllowInsecureHTTP is set, and then
// without a token. Errors and log lines never contain the token, the
// refresh token or the client secret: answers are scrubbed of them (status,
// headers, bodies, transport errors) before anything reads them, azcore's
// logging policy redacts every header except an allow list (which can never
// include Authorization), and ResponseError keeps only the method and path
// of the request and IDs that are GUIDs. Success bodies are capped
// (ClientOptions.MaxResponseBody, ErrResponseTooLarge) and listings that
// loop end (ErrPagingLoop). SECURITY.md at the top of the repository lists
// each defence and its test.
//
// # Failures and what the caller gets
//
//	answer or failure                      outcome once the retries are spent
//	408, 500, 502, 503, 504 (JSON or HTML)  *ResponseError, ErrServer
//	429 (Retry-After seconds, date, none)   *ResponseError, ErrThrottled, RetryAfter set
//	401 (after one resend, if a new token)  *ResponseError, ErrUnauthorized
//	2xx that is empty, truncated or HTML    *ResponseError, ErrMalformedResponse (not retried)
//	error body beyond 64 KiB                only 64 KiB read; the fields before the cut kept
//	2xx body beyond MaxResponseBody         ErrResponseTooLarge (not retried)
//	3xx                                     *ResponseError (ErrRedirect if the Transport follows it)
//	next links that loop, or empty pages    ErrPagingLoop
//	dropped connection, body cut mid-read   the transport error (a net.Error or io.ErrUnexpectedEOF)
//	per-try timeout (TryTimeout)            retried; then context.DeadlineExceeded
//	context deadline or cancellation        the context's error, at once
//
// Every *ResponseError carries the MS-CorrelationId and MS-RequestId of the
// answer (or, when the service sent none, of the request).
//
// # Retries and idempotency
//
// Every operation is retried, including UpdateCustomerBillingProfile (a
// PUT): all tries of one call carry the same MS-RequestId, which the
// service uses to recognise a repeated request, and the If-Match ETag turns
// a repeat of an update that already succeeded into a 412
// (ErrPreconditionFailed) rather than a second write. A Retry-After longer
// than RetryOptions.MaxRetryDelay, or one that does not fit in what is
// left of the context's deadline, ends the retries at once; the returned
// *ResponseError (ErrThrottled for a 429) then carries the wait in
// RetryAfter, so that the caller can schedule the retry.
//
// # Example
//
//	cred, err := azidentity.NewClientSecretCredential(tenantID, appID, secret, nil)
//	if err != nil {
//		return err
//	}
//	client, err := wrapper.NewClient(cred, &wrapper.ClientOptions{
//		ApplicationName: "contoso-billing-sync",
//		RateLimit:       &wrapper.RateLimitOptions{}, // 500 requests per minute per tenant
//	})
//	if err != nil {
//		return err
//	}
//	for customer, err := range client.ListCustomers(ctx, &wrapper.ListCustomersOptions{PageSize: 100}) {
//		if err != nil {
//			return err
//		}
//		domains, err := client.GetCustomerCustomDomains(ctx, *customer.ID, nil)
//		var rerr *wrapper.ResponseError
//		switch {
//		case errors.Is(err, wrapper.ErrForbidden) && errors.As(err, &rerr):
//			log.Printf("%s: needs one of %v", *customer.ID, rerr.GDAPRoles)
//			continue
//		case err != nil:
//			return err
//		}
//		fmt.Println(*customer.ID, domains)
//	}
//
// The package examples run the same calls against a local test server.
package wrapper
