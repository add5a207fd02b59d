package transport

import (
	"errors"
	"io"
	"net/http"
	"sync"
)

// errFenced is what a request body reads once its try is over.
var errFenced = errors.New("partnercenter: the request body was read after its try ended")

// fencedRequest is a try's copy of a request whose body is fenced: one
// allocation for both.
type fencedRequest struct {
	req  http.Request
	body fencedBody
}

// fence gives req a body that can be fenced off, on a copy of req.
// net/http writes a request body from a goroutine of its own, which may
// still be reading it after RoundTrip has returned (an answer that came
// before the whole body was sent). azcore rewinds and reads the same
// body for the next try (its retry and log policies), so the old try's
// reads would race with the new one's. Guarded.Do calls the returned
// fence before it returns: from then on the old try reads nothing.
//
// Reads hold a lock only while they copy from memory (the bodies here are
// in memory), never while writing to the network, so fence never waits on
// a stalled connection. The body has no WriteTo on purpose: one would hold
// the lock across the whole write.
func fence(req *http.Request) (*http.Request, func()) {
	if req.Body == nil || req.Body == http.NoBody {
		return req, func() {}
	}
	f := &fencedRequest{req: *req}
	f.body.rc = req.Body
	f.req.Body = &f.body
	return &f.req, f.body.fence
}

// fencedBody is a request body that ends when fenced.
type fencedBody struct {
	mu     sync.Mutex
	rc     io.ReadCloser
	fenced bool
	closed bool
}

func (b *fencedBody) Read(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.fenced {
		return 0, errFenced
	}
	return b.rc.Read(p)
}

// Close closes the body once, unless it was fenced first (then the next
// try owns it).
func (b *fencedBody) Close() error {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.fenced || b.closed {
		return nil
	}
	b.closed = true
	return b.rc.Close()
}

func (b *fencedBody) fence() {
	b.mu.Lock()
	b.fenced = true
	b.mu.Unlock()
}
