package scrub

import (
	"context"
	"net/http"
	"slices"
	"sync"
)

// seenKey is the context key of WithSeen.
type seenKey struct{}

// Seen collects the secrets of the requests sent under a context, so that
// code that quotes answers after the call (an error, a progress report)
// can scrub them: the caller sees the answer, not the request.
type Seen struct {
	mu      sync.Mutex
	secrets []string
}

// WithSeen returns a context under which the guarded transport notes every
// request's secrets (Note) in the returned Seen.
func WithSeen(ctx context.Context) (context.Context, *Seen) {
	s := &Seen{}
	return context.WithValue(ctx, seenKey{}, s), s
}

// Note adds the secrets of req (RequestSecrets) to the Seen of its
// context; without one it does nothing.
func Note(req *http.Request) {
	if s, ok := req.Context().Value(seenKey{}).(*Seen); ok {
		s.Add(RequestSecrets(req)...)
	}
}

// Add adds secrets (a new password an answer handed out, ...).
func (s *Seen) Add(secrets ...string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, v := range secrets {
		if v != "" && !slices.Contains(s.secrets, v) {
			s.secrets = append(s.secrets, v)
		}
	}
}

// Secrets returns the secrets noted so far.
func (s *Seen) Secrets() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.secrets)
}

// Line is Line with the secrets noted so far.
func (s *Seen) Line(text string, max int) string { return Line(text, max, s.Secrets()...) }

// QuoteLine is QuoteLine with the secrets noted so far.
func (s *Seen) QuoteLine(text string) string { return QuoteLine(text, s.Secrets()...) }
