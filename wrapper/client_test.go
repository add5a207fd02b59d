package wrapper

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
	"github.com/partnercenter-go/partnercenter/internal/pipeline"
)

func TestCloudByName(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		endpoint string // Partner Center's endpoint in the configuration
		audience string
		host     string // the Entra ID authority
		wantErr  bool
	}{
		{"public", "https://api.partnercenter.microsoft.com", "https://api.partnercenter.microsoft.com", "https://login.microsoftonline.com/", false},
		{"PUBLIC", "https://api.partnercenter.microsoft.com", "https://api.partnercenter.microsoft.com", "https://login.microsoftonline.com/", false},
		{"china", "https://partner.partnercenterapi.microsoftonline.cn", "https://partner.partnercenterapi.microsoftonline.cn", "https://login.chinacloudapi.cn/", false},
		{"21Vianet", "https://partner.partnercenterapi.microsoftonline.cn", "https://partner.partnercenterapi.microsoftonline.cn", "https://login.chinacloudapi.cn/", false},
		{"usgov", "https://api.partnercenter.microsoft.com", "https://api.partnercenter.microsoft.com", "https://login.microsoftonline.us/", false},
		{"UsGov", "https://api.partnercenter.microsoft.com", "https://api.partnercenter.microsoft.com", "https://login.microsoftonline.us/", false},
		{"", "", "", "", true},
		{"germany", "", "", "", true},
	}
	for _, tt := range tests {
		got, err := CloudByName(tt.name)
		if (err != nil) != tt.wantErr {
			t.Errorf("CloudByName(%q) error = %v, want error %v", tt.name, err, tt.wantErr)
			continue
		}
		if err != nil {
			if !errors.Is(err, ErrInvalidInput) {
				t.Errorf("CloudByName(%q) error %v does not wrap ErrInvalidInput", tt.name, err)
			}
			continue
		}
		svc := got.Services[ServiceName]
		if svc.Endpoint != tt.endpoint || svc.Audience != tt.audience || got.ActiveDirectoryAuthorityHost != tt.host {
			t.Errorf("CloudByName(%q) = %+v (authority %s), want %s, %s, %s", tt.name, svc, got.ActiveDirectoryAuthorityHost, tt.endpoint, tt.audience, tt.host)
		}
	}
	// The registration is in azcore's own configurations, so a caller
	// who configures azidentity with cloud.AzureChina configures this
	// client with the same value.
	if svc := cloud.AzureChina.Services[ServiceName]; svc.Endpoint != "https://partner.partnercenterapi.microsoftonline.cn" {
		t.Errorf("cloud.AzureChina lacks Partner Center: %+v", svc)
	}
	if got := pipeline.Scope("https://api.partnercenter.microsoft.com/"); got != "https://api.partnercenter.microsoft.com/.default" {
		t.Errorf("scope = %q", got)
	}
}

func TestNewClientCloudConfiguration(t *testing.T) {
	t.Parallel()
	cred := StaticTokenCredential(testToken, time.Time{})
	c, err := NewClient(cred, nil)
	if err != nil || c.BaseURL() != "https://api.partnercenter.microsoft.com/v1" {
		t.Fatalf("default cloud: %v, %v", c, err)
	}
	c, err = NewClient(cred, &ClientOptions{ClientOptions: azcore.ClientOptions{Cloud: cloud.AzureChina}})
	if err != nil || c.BaseURL() != "https://partner.partnercenterapi.microsoftonline.cn/v1" {
		t.Fatalf("china: %v, %v", c, err)
	}
	// A configuration without Partner Center (say, one built for another
	// Azure service) is refused before any request.
	_, err = NewClient(cred, &ClientOptions{ClientOptions: azcore.ClientOptions{Cloud: cloud.Configuration{ActiveDirectoryAuthorityHost: "https://login.example/"}}})
	if !errors.Is(err, ErrInvalidInput) || !strings.Contains(err.Error(), "ServiceName") {
		t.Errorf("cloud without Partner Center: %v", err)
	}
}

func TestNewClientEndpoints(t *testing.T) {
	t.Parallel()
	cred := StaticTokenCredential(testToken, time.Time{})
	tests := []struct {
		name      string
		endpoint  string
		audience  string
		version   string
		insecure  bool
		wantBase  string
		wantError string
	}{
		{name: "public default", wantBase: "https://api.partnercenter.microsoft.com/v1"},
		{name: "custom with prefix", endpoint: "https://example.test/pc/", audience: "a", wantBase: "https://example.test/pc/v1"},
		{name: "version", endpoint: "https://example.test", audience: "a", version: "v2", wantBase: "https://example.test/v2"},
		{name: "endpoint ending in the version", endpoint: "https://example.test/v1/", audience: "a", wantError: "already ends in the version"},
		{name: "endpoint ending in another version", endpoint: "https://example.test/pc/V2", audience: "a", version: "v2", wantError: "already ends in the version"},
		{name: "bad version", endpoint: "https://example.test", audience: "a", version: "../v1", wantError: "API version"},
		{name: "version with slash", endpoint: "https://example.test", audience: "a", version: "v1/x", wantError: "API version"},
		{name: "http refused", endpoint: "http://example.test", audience: "a", wantError: "plain http"},
		{name: "http loopback without opt-in", endpoint: "http://127.0.0.1:8080", audience: "a", wantError: "plain http"},
		{name: "http loopback allowed", endpoint: "http://127.0.0.1:8080", audience: "a", insecure: true, wantBase: "http://127.0.0.1:8080/v1"},
		{name: "http localhost allowed", endpoint: "http://localhost:8080", audience: "a", insecure: true, wantBase: "http://localhost:8080/v1"},
		{name: "http ipv6 loopback allowed", endpoint: "http://[::1]:8080", audience: "a", insecure: true, wantBase: "http://[::1]:8080/v1"},
		{name: "http remote even with opt-in", endpoint: "http://example.test", audience: "a", insecure: true, wantError: "not loopback"},
		{name: "http loopback lookalike", endpoint: "http://127.0.0.1.example.test", audience: "a", insecure: true, wantError: "not loopback"},
		{name: "ftp", endpoint: "ftp://example.test", audience: "a", wantError: "https"},
		{name: "relative", endpoint: "/v1", audience: "a", wantError: "absolute"},
		{name: "user info", endpoint: "https://u:p@example.test", audience: "a", wantError: "user info"},
		{name: "query", endpoint: "https://example.test/?x=1", audience: "a", wantError: "query"},
		{name: "no audience", endpoint: "https://example.test", wantError: "Audience"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			o := &ClientOptions{APIVersion: tt.version, AllowInsecureHTTP: tt.insecure}
			if tt.endpoint != "" {
				o.Cloud = CustomCloud(tt.endpoint, tt.audience, "")
			}
			c, err := NewClient(cred, o)
			if tt.wantError != "" {
				if err == nil || !errors.Is(err, ErrInvalidInput) || !strings.Contains(err.Error(), tt.wantError) {
					t.Fatalf("err = %v, want ErrInvalidInput mentioning %q", err, tt.wantError)
				}
				if strings.Contains(err.Error(), ":p@") {
					t.Errorf("error repeats the user info: %v", err)
				}
				return
			}
			if err != nil {
				t.Fatalf("NewClient: %v", err)
			}
			if got := c.BaseURL(); got != tt.wantBase {
				t.Errorf("BaseURL = %q, want %q", got, tt.wantBase)
			}
		})
	}
	if _, err := NewClient(nil, nil); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("nil credential: err = %v", err)
	}
	if _, err := NewClient(cred, &ClientOptions{Locale: "en-US\r\nX-Evil: 1"}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("locale with CRLF: err = %v", err)
	}
	if _, err := NewClient(cred, &ClientOptions{RateLimit: &RateLimitOptions{RequestsPerMinute: -1}}); !errors.Is(err, ErrInvalidInput) {
		t.Errorf("negative rate: err = %v", err)
	}
}

func TestInsecureLoopbackSendsOverHTTP(t *testing.T) {
	t.Parallel()
	// An http loopback endpoint works only with the opt-in, and even then
	// the token is not sent over plain http.
	var auth []string
	var mu sync.Mutex
	srv := newPlainServer(t, func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auth = append(auth, r.Header.Get("Authorization"))
		mu.Unlock()
		jsonHandler(http.StatusOK, `{"id":"`+testCustomerID+`"}`)(w, r)
	})
	c, err := NewClient(StaticTokenCredential(testToken, time.Time{}), &ClientOptions{
		ClientOptions: azcore.ClientOptions{
			Cloud: CustomCloud(srv.URL, "a", ""),
		},
		AllowInsecureHTTP: true,
	})
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.GetCustomer(testCtx(t), testCustomerID, nil)
	if err != nil || got.ID == nil || *got.ID != testCustomerID {
		t.Fatalf("GetCustomer over loopback http = %+v, %v", got, err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(auth) != 1 || auth[0] != "" {
		t.Errorf("Authorization over plain http = %q, want none", auth)
	}
}

// newPlainServer starts a plain-http loopback server.
func newPlainServer(t *testing.T, h http.HandlerFunc) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func TestCloudNameOf(t *testing.T) {
	t.Parallel()
	for want, cfg := range map[string]cloud.Configuration{
		"public": cloud.AzurePublic,
		"china":  cloud.AzureChina,
		"usgov":  cloud.AzureGovernment,
		"":       CustomCloud("https://pc.example", "https://pc.example", "https://login.microsoftonline.us/"),
	} {
		if got := pipeline.CloudName(cfg, ServiceName); got != want {
			t.Errorf("pipeline.CloudName(%s, ServiceName) = %q, want %q", cfg.ActiveDirectoryAuthorityHost, got, want)
		}
	}
	if got := pipeline.CloudName(cloud.Configuration{}, ServiceName); got != "public" {
		t.Errorf("zero configuration: %q", got)
	}
}
