// Package wrapper is a Go client for the Microsoft Partner Center customer
// API: customers (listing, search, reading, profiles, domains,
// organization), their lifecycle (address checks, creation in one step with
// Client.Onboard, the Microsoft Customer Agreement, qualifications, ending
// the relationship, sandbox deletion), their users (with passwords handed
// out as Secret values), licenses, directory roles and subscriptions.
// Refusals the spec names (x-refusals) are sentinel errors (ErrDomainTaken,
// ErrOutOfLicenses, ErrMFARequired, ...) matched with errors.Is; each says
// which answers map to it.
//
// The request and response types are generated from the project's OpenAPI
// document (package gen) and re-exported here, so that callers import this
// package only. Every request is built and every answer decoded by the
// generated client, with an azcore pipeline as its HTTP doer; options
// follow azcore (ClientOptions embeds azcore.ClientOptions). On top of the
// generated client, this package adds what a specification cannot say:
// authentication through any azcore.TokenCredential with the token scope
// of the chosen cloud (Partner Center is ServiceName in azcore's cloud
// configurations; CustomCloud describes any other deployment); the
// versioned base path; one span per operation through azcore's
// TracingProvider; a new MS-RequestId per call, the same on every retry,
// and an MS-CorrelationId per call or per WithCorrelationID; retries on
// 408, 429, 5xx and connection errors as Retry-After says, and an optional
// client-side rate limiter (RateLimitOptions); one resend with a fresh
// token after a 401 challenge; one error type, *ResponseError, for every
// answer outside 2xx (and for a 2xx that cannot be read:
// ErrMalformedResponse), with categories for errors.Is and, for a 403, the
// GDAP roles the operation needs; tolerance of the service's quirks (a
// byte-order mark, JSON labelled otherwise, error codes as numbers, the
// organization as an array or an object, next links with or without the
// version); and checks of every input before any network I/O.
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
