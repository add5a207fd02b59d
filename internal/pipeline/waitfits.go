package pipeline

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"time"

	"github.com/Azure/azure-sdk-for-go/sdk/azcore/policy"
	"github.com/partnercenter-go/partnercenter/internal/transport"
)

// WaitPastDeadline is the error that comes with an answer whose wait does
// not fit in what is left of the call's deadline (see waitFits). The
// answer is returned with it: the caller turns the answer into its error,
// which carries the wait, so that it can schedule the retry itself.
type WaitPastDeadline struct {
	// Wait is the wait the answer asks for.
	Wait time.Duration
	// Left is what was left of the deadline.
	Left time.Duration
}

func (e *WaitPastDeadline) Error() string {
	return fmt.Sprintf("the answer asks to wait %v before a retry; the context's deadline is %v away", e.Wait, e.Left.Round(time.Millisecond))
}

// NonRetriable tells azcore's retry policy to return the answer as it is.
func (*WaitPastDeadline) NonRetriable() {}

// waitFits is the first step of every try (see tryPolicy), and the last
// to see its answer. When the answer is one the retry policy would retry
// after the wait it names (Retry-After, which the guarded transport has
// rewritten as seconds), and that wait does not fit in what is left of the
// context's deadline, it ends the retries at once: it returns the answer
// with a *WaitPastDeadline, which azcore does not retry. Without it azcore
// would sleep until the deadline and end with a bare
// context.DeadlineExceeded, the answer and its wait lost.
type waitFits struct {
	statusCodes   []int
	shouldRetry   func(*http.Response, error) bool
	maxRetryDelay time.Duration
}

// newWaitFits returns the check for the retry options r (as RetryOptions
// returns them), with azcore's defaults filled in.
func newWaitFits(r policy.RetryOptions) waitFits {
	p := waitFits{statusCodes: r.StatusCodes, shouldRetry: r.ShouldRetry, maxRetryDelay: r.MaxRetryDelay}
	switch {
	case p.maxRetryDelay == 0:
		p.maxRetryDelay = 60 * time.Second // azcore's default
	case p.maxRetryDelay < 0:
		p.maxRetryDelay = math.MaxInt64
	}
	return p
}

// check checks the wait the answer of a try of a call under ctx asks for.
func (p *waitFits) check(ctx context.Context, resp *http.Response, err error) (*http.Response, error) {
	if err != nil || resp == nil {
		return resp, err
	}
	deadline, ok := ctx.Deadline()
	if !ok {
		return resp, nil
	}
	v := resp.Header.Get("Retry-After")
	if v == "" {
		return resp, nil
	}
	wait := transport.RetryAfter(v, time.Now())
	if wait <= 0 || wait > p.maxRetryDelay {
		// No wait, or one azcore does not wait for: it returns the answer.
		return resp, nil
	}
	if p.shouldRetry != nil && !p.shouldRetry(resp, nil) || p.shouldRetry == nil && !slices.Contains(p.statusCodes, resp.StatusCode) {
		return resp, nil
	}
	if left := time.Until(deadline); wait >= left {
		return resp, &WaitPastDeadline{Wait: wait, Left: left}
	}
	return resp, nil
}
