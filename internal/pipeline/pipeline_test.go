package pipeline

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
)

// captured is a transport that records the last request and answers 204.
type captured struct{ req *http.Request }

func (c *captured) Do(req *http.Request) (*http.Response, error) {
	c.req = req
	return &http.Response{StatusCode: http.StatusNoContent, Header: http.Header{}, Body: http.NoBody, Request: req}, nil
}

// userAgents sends one request with the given User-Agent already set (""
// for none) through New's pipeline and through a bare azcore pipeline with
// azcore's own telemetry policy, and returns the User-Agent each sent.
func userAgents(t *testing.T, telemetry policy.TelemetryOptions, preset string) (ours, azcores string) {
	t.Helper()
	send := func(pl runtime.Pipeline, c *captured) string {
		req, err := runtime.NewRequest(context.Background(), http.MethodGet, "http://127.0.0.1/v1/customers")
		if err != nil {
			t.Fatal(err)
		}
		if preset != "" {
			req.Raw().Header.Set("User-Agent", preset)
		}
		resp, err := pl.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		return c.req.Header.Get("User-Agent")
	}
	var c1, c2 captured
	az, _, err := New(Options{
		Client:   azcore.ClientOptions{Transport: &c1, Telemetry: telemetry},
		Endpoint: &url.URL{Scheme: "http", Host: "127.0.0.1"}, BasePath: "/v1/",
		Module: "partnercenter-go", Version: "1.2.3",
	})
	if err != nil {
		t.Fatal(err)
	}
	bare := runtime.NewPipeline("partnercenter-go", "v1.2.3", runtime.PipelineOptions{}, &policy.ClientOptions{Transport: &c2, Telemetry: telemetry})
	return send(az.Pipeline(), &c1), send(bare, &c2)
}

// TestUserAgentIsAzcores: the call policy sends the User-Agent azcore's
// telemetry policy would, which New switches off: with and without an
// application ID (which azcore shortens and rids of spaces), before a
// User-Agent the request already has, and none when telemetry is off.
func TestUserAgentIsAzcores(t *testing.T) {
	for _, tt := range []struct {
		name      string
		telemetry policy.TelemetryOptions
		preset    string
	}{
		{"default", policy.TelemetryOptions{}, ""},
		{"application ID", policy.TelemetryOptions{ApplicationID: "contoso sync tool with a long name"}, ""},
		{"request has one", policy.TelemetryOptions{}, "my-tool/2.0"},
		{"disabled", policy.TelemetryOptions{Disabled: true}, ""},
		{"disabled, request has one", policy.TelemetryOptions{Disabled: true}, "my-tool/2.0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ours, azcores := userAgents(t, tt.telemetry, tt.preset)
			if ours != azcores {
				t.Errorf("User-Agent %q, azcore's %q", ours, azcores)
			}
			if !tt.telemetry.Disabled && !strings.Contains(ours, "azsdk-go-partnercenter-go/v1.2.3 ") {
				t.Errorf("User-Agent %q lacks the module", ours)
			}
		})
	}
}
