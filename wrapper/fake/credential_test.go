package fake

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
)

func TestCredential(t *testing.T) {
	c := NewCredential("tok")
	opts := policy.TokenRequestOptions{Scopes: []string{Audience + "/.default"}}
	var got []string
	for range 3 {
		tk, err := c.GetToken(context.Background(), opts)
		if err != nil {
			t.Fatal(err)
		}
		if until := time.Until(tk.ExpiresOn); until < TokenLifetime-time.Minute || until > TokenLifetime {
			t.Errorf("token expires in %v", until)
		}
		got = append(got, tk.Token)
	}
	if !slices.Equal(got, []string{"tok", "tok-2", "tok-3"}) {
		t.Errorf("tokens %v", got)
	}
	if c.Calls() != 3 || !slices.Equal(c.Scopes(), opts.Scopes) {
		t.Errorf("calls %d, scopes %v", c.Calls(), c.Scopes())
	}

	boom := errors.New("no network")
	c.Fail(boom)
	if _, err := c.GetToken(context.Background(), opts); !errors.Is(err, boom) {
		t.Errorf("GetToken after Fail: %v", err)
	}
	c.Fail(nil)
	if _, err := c.GetToken(context.Background(), opts); err != nil {
		t.Errorf("GetToken after healing: %v", err)
	}

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.GetToken(ctx, opts); !errors.Is(err, context.Canceled) {
		t.Errorf("GetToken with a canceled context: %v", err)
	}
}
