package main

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/cloud"
)

// TestListStopsOnLoopingNextLinks: a server whose next links go round in
// circles (A -> B -> A) cannot keep "customer list" busy: it stops with the
// paging-loop error, after a handful of requests, having printed what it
// read once.
func TestListStopsOnLoopingNextLinks(t *testing.T) {
	t.Parallel()
	var requests atomic.Int32
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		page := r.URL.Query().Get("page")
		next := "B"
		if page == "B" {
			next = "A"
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"totalCount":1,"items":[{"id":"aaaabbbb-0000-cccc-1111-%012d","companyProfile":{"companyName":"Page %s"}}],`+
			`"links":{"next":{"uri":"/customers?page=%s","method":"GET","headers":[]}}}`, requests.Load(), page, next)
	}))
	t.Cleanup(srv.Close)
	a := &app{
		transport: srv.Client(),
		newCredential: func(cloud.Configuration, string) (azcore.TokenCredential, error) {
			return &recordingCredential{}, nil
		},
	}
	r := runApp(t, a, "--endpoint", srv.URL, "--audience", "https://audience.example", "-o", "jsonl", "customer", "list")
	r.wantCode(t, exitUnavailable)
	if !strings.Contains(r.stderr, "next links") {
		t.Errorf("stderr does not name the loop:\n%s", r.stderr)
	}
	if n := requests.Load(); n > 5 {
		t.Errorf("%d requests for a loop of two pages", n)
	}
	if got := strings.Count(r.stdout, `"id"`); got < 2 || got > 3 {
		t.Errorf("printed %d customers:\n%s", got, r.stdout)
	}
}
