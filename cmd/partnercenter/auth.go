package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	azlog "github.com/Azure/azure-sdk-for-go/sdk/azcore/log"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azidentity"

	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// fakeExtraCustomers is how many generated customers the embedded fake holds
// beside the documented ones, so that a listing spans several pages.
const fakeExtraCustomers = 25

// fakeToken is the bearer token the --fake credential hands out. It is not a
// secret, but the command line must never print it, like a real one; the
// tests check that.
const fakeToken = "partnercenter-cli-fake-token"

// tryTimeout bounds each HTTP try so that a stalled connection is retried
// instead of hanging the command.
const tryTimeout = 2 * time.Minute

// getClient returns the run's client, building it on first use: against the
// embedded fake with --fake, otherwise against the selected cloud or
// --endpoint with the credential remoteCredential picks.
func (a *app) getClient() (*wrapper.Client, error) {
	if a.client != nil {
		return a.client, nil
	}
	cred, opts, err := a.clientSetup()
	if err != nil {
		return nil, err
	}
	client, err := wrapper.NewClient(cred, opts)
	if err != nil {
		return nil, err
	}
	a.client = client
	return client, nil
}

// clientSetup returns the credential (marked, see markedCredential) and
// options of the run's client.
func (a *app) clientSetup() (azcore.TokenCredential, *wrapper.ClientOptions, error) {
	opts := a.clientOptions()
	var cred azcore.TokenCredential
	if a.g.fake {
		srv := a.fakeServer
		if srv == nil {
			var err error
			if srv, err = fake.NewServer(&fake.Options{ExtraCustomers: fakeExtraCustomers}); err != nil {
				return nil, nil, fmt.Errorf("starting the embedded fake: %w", err)
			}
			a.closers = append(a.closers, srv.Close)
		}
		opts.Cloud = srv.Cloud()
		opts.Transport = srv.HTTPClient()
		cred = fake.NewCredential(fakeToken)
	} else {
		c, err := a.g.resolveCloud()
		if err != nil {
			return nil, nil, err
		}
		opts.Cloud = c
		opts.Transport = a.transport
		if cred, err = a.remoteCredential(opts, c); err != nil {
			return nil, nil, err
		}
	}
	return markedCredential{cred}, opts, nil
}

// clientOptions maps the global flags to wrapper options.
func (a *app) clientOptions() *wrapper.ClientOptions {
	retry := policy.RetryOptions{MaxRetries: int32(a.g.maxRetries), TryTimeout: tryTimeout}
	if a.g.maxRetries == 0 {
		retry.MaxRetries = -1 // azcore reads 0 as "the default"
	}
	if a.retry != nil {
		retry = *a.retry
	}
	return &wrapper.ClientOptions{
		ClientOptions: azcore.ClientOptions{
			Retry: retry,
			Logging: policy.LogOptions{
				AllowedHeaders:     []string{"X-Locale", "MS-PartnerCenter-Application", "Retry-After"},
				AllowedQueryParams: []string{"size", "seekOperation", "filter"},
			},
		},
		APIVersion:      a.g.apiVersion,
		ApplicationName: a.g.appName,
		Locale:          a.g.locale,
	}
}

// defaultCredential is azidentity's DefaultAzureCredential (environment,
// workload identity, managed identity, Azure CLI, ...) signing in at the
// cloud's authority.
func defaultCredential(c cloud.Configuration, tenant string) (azcore.TokenCredential, error) {
	return azidentity.NewDefaultAzureCredential(&azidentity.DefaultAzureCredentialOptions{
		ClientOptions: azcore.ClientOptions{Cloud: c},
		TenantID:      tenant,
	})
}

// credentialError is a failure to get an access token. Whatever credential
// produced it, it maps to the authentication exit status.
type credentialError struct{ err error }

func (e *credentialError) Error() string { return "could not get an access token: " + e.err.Error() }
func (e *credentialError) Unwrap() error { return e.err }

// markedCredential wraps a credential so that its failures are recognisable
// as credentialError after travelling through the azcore pipeline.
type markedCredential struct{ cred azcore.TokenCredential }

// GetToken gets a token from the wrapped credential.
func (m markedCredential) GetToken(ctx context.Context, opts policy.TokenRequestOptions) (azcore.AccessToken, error) {
	tok, err := m.cred.GetToken(ctx, opts)
	if err != nil && ctx.Err() == nil {
		return tok, &credentialError{err: err}
	}
	return tok, err
}

// enableLogging sends azcore's and azidentity's log to w until the returned
// function is called. The wrapper's logging policy redacts header values
// (Authorization is never logged) and bodies are not logged.
func enableLogging(w io.Writer) (restore func()) {
	sw := &syncWriter{w: w}
	azlog.SetEvents(azlog.EventRequest, azlog.EventResponse, azlog.EventResponseError,
		azlog.EventRetryPolicy, azidentity.EventAuthentication)
	azlog.SetListener(func(ev azlog.Event, msg string) {
		// The lines quote the service's headers and error text.
		fmt.Fprintf(sw, "[%s] %s\n", ev, sanitize(msg, true))
	})
	return func() { azlog.SetListener(nil) }
}
