package bench

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore"
	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	azruntime "github.com/Azure/azure-sdk-for-go/sdk/azcore/runtime"
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
// the canned server at baseURL, all over hc:
//
//   - plain: net/http and encoding/json doing what any correct Partner
//     Center client must: a bearer token, a new MS-RequestId and
//     MS-CorrelationId, Accept and User-Agent, a status check and decoding
//     into the customer type;
//   - generated: gen.ClientWithResponses with the same headers;
//   - wrapper: wrapper.Client.GetCustomer with default options.
func getters(tb testing.TB, baseURL string, hc *http.Client) (plain, generated, wrapped getter) {
	tb.Helper()
	url := baseURL + "/v1/customers/" + fake.DocumentedCustomerID
	plain = func(ctx context.Context) error { return plainGetCustomer(ctx, hc, url) }

	gc, err := gen.NewClientWithResponses(baseURL+"/v1/", gen.WithHTTPClient(hc),
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

	wc := newWrapperClient(tb, wrapper.StaticTokenCredential(benchToken, time.Now().Add(time.Hour)), baseURL, hc)
	wrapped = func(ctx context.Context) error {
		c, err := wc.GetCustomer(ctx, fake.DocumentedCustomerID, nil)
		if err == nil && c.ID == nil {
			err = fmt.Errorf("customer without an ID")
		}
		return err
	}
	return plain, generated, wrapped
}

// azcoreGetter is the generated client over a bare azcore pipeline (azcore's
// defaults and a bearer token policy, nothing of the wrapper's): the floor
// the wrapper is built on, shown beside it so that the report tells the
// wrapper's own cost from azcore's.
func azcoreGetter(tb testing.TB, baseURL string, hc *http.Client) getter {
	tb.Helper()
	gc := azcoreClient(tb, baseURL, hc)
	id := uuid.MustParse(fake.DocumentedCustomerID)
	return func(ctx context.Context) error {
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
}

// azcoreClient returns the generated client over a bare azcore pipeline:
// azcore's default policies and a bearer token policy.
func azcoreClient(tb testing.TB, baseURL string, hc *http.Client) *gen.ClientWithResponses {
	tb.Helper()
	pl := azruntime.NewPipeline("bench", "v0.0.1", azruntime.PipelineOptions{
		PerRetry: []policy.Policy{azruntime.NewBearerTokenPolicy(wrapper.StaticTokenCredential(benchToken, time.Now().Add(time.Hour)), []string{fake.Audience + "/.default"}, nil)},
	}, &policy.ClientOptions{Transport: hc})
	gc, err := gen.NewClientWithResponses(baseURL+"/v1/", gen.WithHTTPClient(pipelineDoer{pl}))
	if err != nil {
		tb.Fatal(err)
	}
	return gc
}

// pipelineDoer sends the generated client's requests through an azcore
// pipeline.
type pipelineDoer struct{ pl azruntime.Pipeline }

func (d pipelineDoer) Do(r *http.Request) (*http.Response, error) {
	req, err := azruntime.NewRequestFromRequest(r)
	if err != nil {
		return nil, err
	}
	return d.pl.Do(req)
}

// newWrapperClient returns a wrapper client with default options but for
// the endpoint (a loopback server of the suite, whose audience is the
// fake's) and the transport (nil: the wrapper's default one). Every
// benchmark but the throttled one builds its wrapper client here.
func newWrapperClient(tb testing.TB, cred azcore.TokenCredential, endpoint string, transport policy.Transporter) *wrapper.Client {
	tb.Helper()
	c, err := wrapper.NewClient(cred, &wrapper.ClientOptions{
		ClientOptions: azcore.ClientOptions{
			Cloud:     wrapper.CustomCloud(endpoint, fake.Audience, ""),
			Transport: transport,
		},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// plainGetCustomer reads the customer at url the plain way (plainCall)
// and checks that it has an ID.
func plainGetCustomer(ctx context.Context, hc *http.Client, url string) error {
	var c gen.Customer
	if err := plainCall(ctx, hc, http.MethodGet, url, nil, http.StatusOK, &c); err != nil {
		return err
	}
	if c.ID == nil {
		return errors.New("customer without an ID")
	}
	return nil
}

// noCPUTime is why BenchmarkGetCustomer skips where processCPU cannot
// read the process's CPU time.
const noCPUTime = "this platform has no getrusage, so the client's CPU time per call cannot be measured"

// cpuNow returns processCPU's reading, failing b when there is none.
func cpuNow(b *testing.B) time.Duration {
	cpu, ok := processCPU()
	if !ok {
		b.Fatal(noCPUTime)
	}
	return cpu
}

// BenchmarkGetCustomer measures one get-customer call made four ways (see
// getters and azcoreGetter), in the same run, against one canned-response
// TLS server with keep-alive that runs in a child process: this process is
// the client alone, so its allocations (B/op, allocs/op) and its CPU time
// are the client's. benchCallCost says what it reports.
func BenchmarkGetCustomer(b *testing.B) {
	if _, ok := processCPU(); !ok {
		b.Skip(noCPUTime)
	}
	srv := startCannedChild(b, 1)
	plain, generated, wrapped := getters(b, srv.URL, srv.Client)
	benchCallCost(b, []kind{
		{"plain", plain}, {"generated", generated}, {"azcore", azcoreGetter(b, srv.URL, srv.Client)}, {"wrapper", wrapped},
	})
}

// kind is one way of making the call a cost benchmark measures.
type kind struct {
	name string
	call getter
}

// benchCallCost measures the kinds of one call, the first of which is
// "plain" and one "wrapper". A sub-benchmark per kind gives ns/op (wall
// time, which includes the server's time), B/op, allocs/op and cpu_ns/op
// (this process's CPU time per call); bench/report divides them by
// plain's. The interleaved sub-benchmark runs rounds of roundCalls calls
// of each kind, in rotating order, and reports for each kind the CPU time
// per call over all rounds (KIND_cpu_ns/call) and the median over rounds
// of the wall time per call (KIND_ns/call), and the ratios of each kind
// to plain: ratio_cpu_KIND (of the CPU totals) and ratio_time_KIND (the
// median over rounds of the wall-time ratios), named ratio_cpu and
// ratio_time for the wrapper, whose CPU ratio is the target. Interleaving
// makes load from elsewhere on the machine, which comes and goes, fall on
// every kind alike; the CPU time is summed over every round rather than
// taken as a median so that the garbage collector's work, which lands in
// whichever round is running when it runs, is counted in proportion.
func benchCallCost(b *testing.B, kinds []kind) {
	b.Helper()
	if kinds[0].name != "plain" {
		b.Fatalf("the first kind is %q, want plain", kinds[0].name)
	}
	for _, k := range kinds {
		b.Run(k.name, func(b *testing.B) {
			ctx := b.Context()
			b.ReportAllocs()
			calls := 0
			cpu := cpuNow(b)
			for b.Loop() {
				if err := k.call(ctx); err != nil {
					b.Fatal(err)
				}
				calls++
			}
			b.ReportMetric(float64(cpuNow(b)-cpu)/float64(calls), "cpu_ns/op")
		})
	}
	b.Run("interleaved", func(b *testing.B) {
		ctx := b.Context()
		n := len(kinds)
		cpu := make([]time.Duration, n) // CPU time of each kind, over all rounds
		wall := make([][]float64, n)    // wall ns per call of each kind, one per round
		ratios := make([][]float64, n)  // wall time of each kind / plain's, one per round
		round := make([]time.Duration, n)
		rounds := 0
		for b.Loop() {
			for j := range n {
				i := (rounds + j) % n
				cpuStart, start := cpuNow(b), time.Now()
				for range roundCalls {
					if err := kinds[i].call(ctx); err != nil {
						b.Fatal(err)
					}
				}
				round[i] = time.Since(start)
				cpu[i] += cpuNow(b) - cpuStart
				wall[i] = append(wall[i], float64(round[i].Nanoseconds())/roundCalls)
			}
			for i := range n {
				ratios[i] = append(ratios[i], float64(round[i])/float64(round[0]))
			}
			rounds++
		}
		calls := float64(rounds * roundCalls)
		for i, k := range kinds {
			b.ReportMetric(float64(cpu[i].Nanoseconds())/calls, k.name+"_cpu_ns/call")
			b.ReportMetric(median(wall[i]), k.name+"_ns/call")
			if i == 0 {
				continue
			}
			suffix := "_" + k.name
			if k.name == "wrapper" {
				suffix = ""
			}
			b.ReportMetric(float64(cpu[i])/float64(cpu[0]), "ratio_cpu"+suffix)
			b.ReportMetric(median(ratios[i]), "ratio_time"+suffix)
		}
	})
}

// roundCalls is how many calls of each kind one round of the interleaved
// benchmark makes: about a millisecond of work, short enough that a
// burst of load from elsewhere spoils only some rounds, whose wall-time
// ratios the median then ignores, and long enough for getrusage's
// microsecond resolution.
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
