package scrub

import (
	"context"
	"net/http"
	"strings"
	"testing"
)

// TestSeenAdd: Add keeps each secret once, in the order first added, and
// never the empty string (Forms would drop it, but Secrets hands the list
// out as it is).
func TestSeenAdd(t *testing.T) {
	t.Parallel()
	_, s := WithSeen(context.Background())
	if got := s.Secrets(); len(got) != 0 {
		t.Fatalf("a new Seen holds %q", got)
	}
	s.Add("", "tok-1", "tok-1", "", "tok-2")
	s.Add("tok-2", "", "tok-3")
	if got := strings.Join(s.Secrets(), ","); got != "tok-1,tok-2,tok-3" {
		t.Errorf("Secrets = %q, want tok-1,tok-2,tok-3", got)
	}
	// Secrets hands out a copy.
	got := s.Secrets()
	got[0] = "changed"
	if again := strings.Join(s.Secrets(), ","); again != "tok-1,tok-2,tok-3" {
		t.Errorf("Secrets after changing a copy = %q", again)
	}
}

// TestSeenNote: Note adds the bearer token and the context's secrets of a
// request sent under WithSeen, and does nothing without one.
func TestSeenNote(t *testing.T) {
	t.Parallel()
	ctx, s := WithSeen(WithSecrets(context.Background(), "ctx-secret"))
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://example.test/", nil)
	req.Header.Set("Authorization", "Bearer bearer-tok")
	Note(req)
	Note(req)
	if got := strings.Join(s.Secrets(), ","); got != "bearer-tok,ctx-secret" {
		t.Errorf("Secrets = %q, want bearer-tok,ctx-secret", got)
	}
	bare, _ := http.NewRequest(http.MethodGet, "https://example.test/", nil)
	bare.Header.Set("Authorization", "Bearer other-tok")
	Note(bare) // no Seen: nothing happens
	if got := strings.Join(s.Secrets(), ","); got != "bearer-tok,ctx-secret" {
		t.Errorf("Secrets after a request without a Seen = %q", got)
	}
	if got := s.Line("token bearer-tok\n\x1b[31mctx-secret", 100); got != "token REDACTED REDACTED" {
		t.Errorf("Line = %q", got)
	}
	if got := s.QuoteLine("token bearer-tok"); got != `"token REDACTED"` {
		t.Errorf("QuoteLine = %s", got)
	}
}
