// Package gather runs a call for every item of a sequence with bounded
// concurrency and hands the results back in the sequence's order.
package gather

import (
	"context"
	"iter"
	"sync"
)

// result is one call's outcome.
type result[R any] struct {
	v   R
	err error
}

// Ordered calls f for every item of in, at most n calls at a time (n < 1
// means 1), and yields the results in the order of in. It reads at most n
// items ahead of what it has yielded, so memory stays bounded whatever
// the length of in. The first error (of in or of a call) is yielded after
// the results before it and ends the sequence; so does the consumer
// breaking out of its loop. Calls still running then see their context
// cancelled, and Ordered returns only once they have ended.
func Ordered[T, R any](ctx context.Context, in iter.Seq2[T, error], n int, f func(context.Context, T) (R, error)) iter.Seq2[R, error] {
	n = max(n, 1)
	return func(yield func(R, error) bool) {
		var wg sync.WaitGroup
		defer wg.Wait()
		ctx, cancel := context.WithCancel(ctx)
		defer cancel()
		var queue []chan result[R]
		// next yields the oldest result; false ends the sequence.
		next := func() bool {
			r := <-queue[0]
			queue = queue[1:]
			return yield(r.v, r.err) && r.err == nil
		}
		for item, err := range in {
			if err != nil {
				for len(queue) > 0 {
					if !next() {
						return
					}
				}
				var zero R
				yield(zero, err)
				return
			}
			if len(queue) == n && !next() {
				return
			}
			ch := make(chan result[R], 1)
			queue = append(queue, ch)
			wg.Add(1)
			go func() {
				defer wg.Done()
				v, err := f(ctx, item)
				ch <- result[R]{v, err}
			}()
		}
		for len(queue) > 0 {
			if !next() {
				return
			}
		}
	}
}
