package bench

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/google/uuid"

	"github.com/partnercenter-go/partnercenter/gen"
	"github.com/partnercenter-go/partnercenter/wrapper"
	"github.com/partnercenter-go/partnercenter/wrapper/fake"
)

// benchUserAgent is what the plain and generated clients send as
// User-Agent.
const benchUserAgent = "partnercenter-bench"

// getter fetches the documented customer once.
type getter func(ctx context.Context) error

// getters returns the three ways of getting the documented customer from
// cs, all over hc:
//
//   - plain: net/http and encoding/json doing what any correct Partner
//     Center client must: a bearer token, a new MS-RequestId and
//     MS-CorrelationId, Accept and User-Agent, a status check and decoding
//     into the customer type;
//   - generated: gen.ClientWithResponses with the same headers;
//   - wrapper: wrapper.Client.GetCustomer with default options.
func getters(tb testing.TB, cs *cannedServer, hc *http.Client) (plain, generated, wrapped getter) {
	tb.Helper()
	url := cs.URL() + "/v1/customers/" + fake.DocumentedCustomerID
	plain = func(ctx context.Context) error {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+benchToken)
		req.Header.Set("Accept", "application/json")
		req.Header.Set("User-Agent", benchUserAgent)
		req.Header.Set("MS-RequestId", uuid.NewString())
		req.Header.Set("MS-CorrelationId", uuid.NewString())
		return plainGet(hc, req)
	}

	gc, err := gen.NewClientWithResponses(cs.URL()+"/v1/", gen.WithHTTPClient(hc),
		gen.WithRequestEditorFn(func(_ context.Context, req *http.Request) error {
			req.Header.Set("Authorization", "Bearer "+benchToken)
			req.Header.Set("Accept", "application/json")
			req.Header.Set("User-Agent", benchUserAgent)
			return nil
		}))
	if err != nil {
		tb.Fatal(err)
	}
	id := uuid.MustParse(fake.DocumentedCustomerID)
	generated = func(ctx context.Context) error {
		rid, cid := uuid.New(), uuid.New()
		resp, err := gc.GetCustomerWithResponse(ctx, id, &gen.GetCustomerParams{MSRequestID: &rid, MSCorrelationID: &cid})
		if err != nil {
			return err
		}
		if resp.StatusCode() != http.StatusOK || resp.JSON200 == nil || resp.JSON200.ID == nil {
			return fmt.Errorf("status %d", resp.StatusCode())
		}
		return nil
	}

	wc, err := wrapper.NewClient(wrapper.StaticTokenCredential(benchToken, time.Now().Add(time.Hour)), &wrapper.ClientOptions{
		ClientOptions: azcore.ClientOptions{
			Cloud:     wrapper.CustomCloud(cs.URL(), fake.Audience, ""),
			Transport: hc,
		},
	})
	if err != nil {
		tb.Fatal(err)
	}
	wrapped = func(ctx context.Context) error {
		c, err := wc.GetCustomer(ctx, fake.DocumentedCustomerID, nil)
		if err == nil && c.ID == nil {
			err = fmt.Errorf("customer without an ID")
		}
		return err
	}
	return plain, generated, wrapped
}

// plainGet sends req and decodes a 200 answer into a customer.
func plainGet(hc *http.Client, req *http.Request) error {
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer func() {
		_, _ = io.Copy(io.Discard, resp.Body)
		_ = resp.Body.Close()
	}()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d", resp.StatusCode)
	}
	var c gen.Customer
	if err := json.NewDecoder(resp.Body).Decode(&c); err != nil {
		return err
	}
	if c.ID == nil {
		return fmt.Errorf("customer without an ID")
	}
	return nil
}

// BenchmarkGetCustomer measures one get-customer call made three ways (see
// getters) against one canned-response TLS server with keep-alive, in the
// same run. The plain, generated and wrapper sub-benchmarks give ns/op,
// B/op and allocs/op of each; bench/report divides them by plain's. The
// interleaved sub-benchmark runs rounds of roundCalls calls of each kind,
// in rotating order, and reports the medians over rounds of the time per
// call of each kind and of the time ratios (ratio_time: wrapper over
// plain; ratio_time_generated: generated over plain): the time target
// is checked against these, because load from elsewhere on the machine
// that comes and goes hits the three kinds alike within a round, and the
// median ignores the rounds it spoils.
func BenchmarkGetCustomer(b *testing.B) {
	cs := newCannedServer(b, newCustomerBodies(b, 1))
	plain, generated, wrapped := getters(b, cs, cs.Client())
	for _, g := range []struct {
		name string
		get  getter
	}{{"plain", plain}, {"generated", generated}, {"wrapper", wrapped}} {
		b.Run(g.name, func(b *testing.B) {
			ctx := b.Context()
			b.ReportAllocs()
			for b.Loop() {
				if err := g.get(ctx); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
	b.Run("interleaved", func(b *testing.B) {
		ctx := b.Context()
		gets := [3]getter{plain, generated, wrapped}
		var perCall [3][]float64 // ns per call of each kind, one per round
		var ratios [2][]float64  // generated/plain and wrapper/plain, one per round
		rounds := 0
		b.ReportAllocs()
		for b.Loop() {
			var round [3]time.Duration
			for k := range 3 {
				i := (rounds + k) % 3
				start := time.Now()
				for range roundCalls {
					if err := gets[i](ctx); err != nil {
						b.Fatal(err)
					}
				}
				round[i] = time.Since(start)
				perCall[i] = append(perCall[i], float64(round[i].Nanoseconds())/roundCalls)
			}
			ratios[0] = append(ratios[0], float64(round[1])/float64(round[0]))
			ratios[1] = append(ratios[1], float64(round[2])/float64(round[0]))
			rounds++
		}
		b.ReportMetric(median(perCall[0]), "plain_ns/call")
		b.ReportMetric(median(perCall[1]), "generated_ns/call")
		b.ReportMetric(median(perCall[2]), "wrapper_ns/call")
		b.ReportMetric(median(ratios[0]), "ratio_time_generated")
		b.ReportMetric(median(ratios[1]), "ratio_time")
	})
}

// roundCalls is how many calls of each kind one round of the interleaved
// benchmark makes: about a millisecond of work, short enough that a
// burst of load from elsewhere spoils only some rounds, whose ratios the
// median then ignores.
const roundCalls = 16

// median returns the median of xs (which it sorts), or 0 for none.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	slices.Sort(xs)
	m := len(xs) / 2
	if len(xs)%2 == 0 {
		return (xs[m-1] + xs[m]) / 2
	}
	return xs[m]
}
