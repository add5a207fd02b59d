package bench

import (
	"sync"
	"sync/atomic"
	"testing"
)

// fanOut calls get once for each of ids from workers goroutines, adding
// one to fetched for each call that succeeds (so that a caller can watch
// progress), and returns how many failed. The first failure is logged.
func fanOut(tb testing.TB, ids []string, workers int, fetched *atomic.Int64, get func(id string) error) (failed int) {
	tb.Helper()
	var (
		next     atomic.Int64
		failures atomic.Int64
		first    sync.Once
		wg       sync.WaitGroup
	)
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= len(ids) {
					return
				}
				if err := get(ids[i]); err != nil {
					failures.Add(1)
					first.Do(func() { tb.Logf("customer %s: %v", ids[i], err) })
					continue
				}
				fetched.Add(1)
			}
		})
	}
	wg.Wait()
	return int(failures.Load())
}
