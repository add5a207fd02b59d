package transport

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"testing"
)

// TestRequestBodyFencedAfterTheTry: a transport that answers before it has
// read the whole request body and goes on reading it afterwards (as
// net/http's write loop may) reads nothing more once Do has returned, so
// the next try can rewind the body and send it again without a race.
func TestRequestBodyFencedAfterTheTry(t *testing.T) {
	t.Parallel()
	payload := []byte(`{"companyName":"Contoso"}`)
	shared := bytes.NewReader(payload) // the body azcore rewinds between tries
	proceed, done := make(chan struct{}), make(chan error, 1)
	tr := transporterFunc(func(req *http.Request) (*http.Response, error) {
		first := make([]byte, 1)
		if _, err := io.ReadFull(req.Body, first); err != nil {
			return nil, err
		}
		go func() { // the write loop, still at work after the answer
			<-proceed
			_, err := io.ReadAll(req.Body)
			done <- err
			req.Body.Close()
		}()
		return &http.Response{StatusCode: http.StatusCreated, Header: http.Header{}, Body: http.NoBody, Request: req}, nil
	})
	req, err := http.NewRequestWithContext(context.Background(), http.MethodPost, "https://api.example.test/v1/customers", io.NopCloser(shared))
	if err != nil {
		t.Fatal(err)
	}
	body := req.Body
	if _, err := New(tr, 0, false).Do(req); err != nil {
		t.Fatal(err)
	}
	if req.Body != body {
		t.Error("Do changed the caller's request body")
	}
	// The next try rewinds the body; then the old try's reader goes on.
	if _, err := shared.Seek(0, io.SeekStart); err != nil {
		t.Fatal(err)
	}
	close(proceed)
	if err := <-done; !errors.Is(err, errFenced) {
		t.Errorf("the old try's read after Do returned: %v, want errFenced", err)
	}
	if shared.Len() != len(payload) {
		t.Errorf("the old try read %d bytes of the rewound body", len(payload)-shared.Len())
	}
}

// TestFencedBodyClosesOnce: the transport's Close reaches the body once,
// and not at all after the fence (the next try owns the body then).
func TestFencedBodyClosesOnce(t *testing.T) {
	t.Parallel()
	for _, fenceFirst := range []bool{false, true} {
		cb := &countingBody{r: bytes.NewReader([]byte("x"))}
		req, _ := http.NewRequest(http.MethodPost, "https://api.example.test/", cb)
		out, unfence := fence(req)
		if out == req || out.Body == req.Body {
			t.Fatal("fence did not work on a copy with a body of its own")
		}
		if fenceFirst {
			unfence()
		}
		out.Body.Close()
		out.Body.Close()
		if cb.closed.Load() == fenceFirst {
			t.Errorf("fenced first %v: closed %v", fenceFirst, cb.closed.Load())
		}
	}
	// No body: nothing to fence, no copy.
	req, _ := http.NewRequest(http.MethodGet, "https://api.example.test/", nil)
	if out, unfence := fence(req); out != req {
		t.Error("a request without a body was copied")
	} else {
		unfence()
	}
}
