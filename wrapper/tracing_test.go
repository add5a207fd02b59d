package wrapper

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/tracing/azotel"
	"github.com/partnercenter-go/partnercenter/internal/invoke"
	"github.com/partnercenter-go/partnercenter/internal/pipeline"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

// TestTracingSpanPerOperation switches on OpenTelemetry through azcore's
// azotel adapter, with an in-memory exporter: each operation is one span
// named after its operationId, carrying the call's MS-RequestId and
// MS-CorrelationId, and each try (the retry of a 503 included) is a child
// HTTP span of it.
func TestTracingSpanPerOperation(t *testing.T) {
	t.Parallel()
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	t.Cleanup(func() { _ = tp.Shutdown(t.Context()) })

	ts := newTestServer(t, sequence(jsonHandler(http.StatusServiceUnavailable, `{"code":800003}`), jsonHandler(http.StatusOK, customerJSON)))
	c := ts.client(func(o *ClientOptions) { o.TracingProvider = azotel.NewTracingProvider(tp, nil) })
	const corr = "0b4ad2fd-5e6c-4a2f-9a8e-1c2d3e4f5a6b"
	if _, err := c.GetCustomer(testCtx(t), testCustomerID, &GetCustomerOptions{CallOptions{CorrelationID: corr}}); err != nil {
		t.Fatal(err)
	}
	reqs := ts.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2 (one retry)", len(reqs))
	}
	sentID := reqs[0].Header.Get(pipeline.HeaderRequestID)

	spans := exp.GetSpans()
	var op tracetest.SpanStub
	var tries []tracetest.SpanStub
	for _, s := range spans {
		switch s.Name {
		case "getCustomer":
			op = s
		case "HTTP GET":
			tries = append(tries, s)
		}
	}
	if op.Name == "" {
		t.Fatalf("no getCustomer span among %d spans", len(spans))
	}
	attrs := map[string]string{}
	for _, a := range op.Attributes {
		attrs[string(a.Key)] = a.Value.AsString()
	}
	if attrs[invoke.AttrRequestID] != sentID || attrs[invoke.AttrCorrelationID] != corr {
		t.Errorf("span attributes %v, want request ID %s and correlation ID %s", attrs, sentID, corr)
	}
	if attrs["az.namespace"] != pipeline.TracingNamespace {
		t.Errorf("az.namespace = %q", attrs["az.namespace"])
	}
	if len(tries) != 2 {
		t.Fatalf("%d HTTP spans, want one per try (2)", len(tries))
	}
	for _, s := range tries {
		if s.Parent.SpanID() != op.SpanContext.SpanID() || s.SpanContext.TraceID() != op.SpanContext.TraceID() {
			t.Errorf("HTTP span %v is not a child of the operation span", s.SpanContext.SpanID())
		}
	}
	for _, s := range spans {
		for _, a := range s.Attributes {
			assertNoToken(t, "span attribute "+string(a.Key), a.Value.AsString())
		}
	}

	// A failed operation ends its span with an error status.
	exp.Reset()
	ts.setHandler(jsonHandler(http.StatusNotFound, `{"code":60003,"description":"not found"}`))
	if _, err := c.GetCustomer(testCtx(t), testCustomerID, nil); err == nil {
		t.Fatal("want a 404 error")
	}
	for _, s := range exp.GetSpans() {
		if s.Name == "getCustomer" && s.Status.Code.String() != "Error" {
			t.Errorf("failed operation span status %v", s.Status)
		}
	}
}

// TestSecretAnswerStaysOutOfSpans: a create answer the client cannot read
// may hold the new administrator's password; neither the error nor the
// span it ends shows any of it.
func TestSecretAnswerStaysOutOfSpans(t *testing.T) {
	t.Parallel()
	exp := tracetest.NewInMemoryExporter()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	t.Cleanup(func() { _ = tp.Shutdown(t.Context()) })
	const password = "Adm1n-P4ssw0rd-once"
	ts := newTestServer(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		w.WriteHeader(http.StatusCreated)
		_, _ = w.Write([]byte("userName=admin@x.onmicrosoft.com password=" + password))
	})
	c := ts.client(func(o *ClientOptions) { o.TracingProvider = azotel.NewTracingProvider(tp, nil) })
	_, err := c.CreateCustomer(testCtx(t), testNewCustomer(), nil)
	if !errors.Is(err, ErrMalformedResponse) {
		t.Fatalf("err = %v, want ErrMalformedResponse", err)
	}
	if strings.Contains(err.Error(), password) || strings.Contains(fmt.Sprintf("%+v", err), password) {
		t.Errorf("the error shows the password: %v", err)
	}
	var found bool
	for _, sp := range exp.GetSpans() {
		if sp.Name != "createCustomer" {
			continue
		}
		found = true
		if strings.Contains(sp.Status.Description, password) {
			t.Errorf("the span status shows the password: %s", sp.Status.Description)
		}
	}
	if !found {
		t.Error("no createCustomer span")
	}
}
