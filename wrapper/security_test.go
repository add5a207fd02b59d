package wrapper

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/partnercenter-go/partnercenter/internal/pipeline"
)

func TestRedirectsAreNotFollowed(t *testing.T) {
	t.Parallel()
	var foreignHits atomic.Int32
	foreign := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { foreignHits.Add(1) }))
	defer foreign.Close()
	ts := newTestServer(t, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, foreign.URL+"/steal", http.StatusFound)
	})
	_, err := ts.client(nil).GetCustomer(testCtx(t), testCustomerID, nil)
	var re *ResponseError
	if !errors.As(err, &re) || re.StatusCode != http.StatusFound {
		t.Fatalf("err = %v, want the 302 as a ResponseError", err)
	}
	assertNoToken(t, "error", err.Error())
	if foreignHits.Load() != 0 {
		t.Errorf("the redirect was followed")
	}
}

func TestHostGuardRefusesOtherHosts(t *testing.T) {
	t.Parallel()
	var foreignHits atomic.Int32
	foreign := httptest.NewTLSServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { foreignHits.Add(1) }))
	defer foreign.Close()
	ts := newTestServer(t, jsonHandler(http.StatusOK, `{}`))
	c := ts.client(func(o *ClientOptions) { o.Transport = foreign.Client() })
	for _, target := range []string{foreign.URL + "/pc/v1/customers", "http" + ts.srv.URL[len("https"):] + "/pc/v1/customers"} {
		req, err := http.NewRequest(http.MethodGet, target, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, err = c.doer.Do(req)
		if !errors.Is(err, ErrInvalidInput) || !errors.Is(err, pipeline.ErrForeignHost) {
			t.Errorf("%s: err = %v", target, err)
		}
	}
	if foreignHits.Load() != 0 || len(ts.requests()) != 0 {
		t.Errorf("a request left: foreign %d, api %d", foreignHits.Load(), len(ts.requests()))
	}
}
