package gather

import (
	"context"
	"errors"
	"iter"
	"sync/atomic"
	"testing"
	"time"
)

// numbers yields 0..n-1, and err after them when set.
func numbers(n int, err error) iter.Seq2[int, error] {
	return func(yield func(int, error) bool) {
		for i := range n {
			if !yield(i, nil) {
				return
			}
		}
		if err != nil {
			yield(0, err)
		}
	}
}

func TestOrderedKeepsOrderAndBound(t *testing.T) {
	var running, peak atomic.Int32
	f := func(_ context.Context, i int) (int, error) {
		now := running.Add(1)
		for {
			p := peak.Load()
			if now <= p || peak.CompareAndSwap(p, now) {
				break
			}
		}
		time.Sleep(time.Duration(50-i%50) * 10 * time.Microsecond) // later items often finish first
		running.Add(-1)
		return i * 2, nil
	}
	var got []int
	for v, err := range Ordered(context.Background(), numbers(200, nil), 8, f) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, v)
	}
	if len(got) != 200 {
		t.Fatalf("got %d results", len(got))
	}
	for i, v := range got {
		if v != i*2 {
			t.Fatalf("result %d = %d: order lost", i, v)
		}
	}
	if p := peak.Load(); p > 8 || p < 2 {
		t.Errorf("peak concurrency %d, want 2..8", p)
	}
}

func TestOrderedStopsAtFirstError(t *testing.T) {
	boom := errors.New("boom")
	var calls atomic.Int32
	f := func(ctx context.Context, i int) (int, error) {
		calls.Add(1)
		if i == 5 {
			return 0, boom
		}
		return i, nil
	}
	var got []int
	var gotErr error
	for v, err := range Ordered(context.Background(), numbers(1000, nil), 4, f) {
		if err != nil {
			gotErr = err
			break
		}
		got = append(got, v)
	}
	if !errors.Is(gotErr, boom) || len(got) != 5 {
		t.Errorf("got %v then %v, want 0..4 then boom", got, gotErr)
	}
	if n := calls.Load(); n > 5+4 {
		t.Errorf("%d calls: read too far ahead", n)
	}
	// An error of the input comes after the results before it.
	inErr := errors.New("listing failed")
	var n int
	for _, err := range Ordered(context.Background(), numbers(3, inErr), 2, func(_ context.Context, i int) (int, error) { return i, nil }) {
		if err != nil {
			if !errors.Is(err, inErr) || n != 3 {
				t.Errorf("input error %v after %d results", err, n)
			}
			break
		}
		n++
	}
}

func TestOrderedCancelsOnBreak(t *testing.T) {
	var cancelled atomic.Int32
	f := func(ctx context.Context, i int) (int, error) {
		if i == 0 {
			return 0, nil
		}
		select {
		case <-ctx.Done():
			cancelled.Add(1)
		case <-time.After(5 * time.Second):
		}
		return i, nil
	}
	start := time.Now()
	for range Ordered(context.Background(), numbers(100, nil), 4, f) {
		break
	}
	if time.Since(start) > 2*time.Second {
		t.Fatalf("breaking out took %v: running calls were not cancelled", time.Since(start))
	}
	if cancelled.Load() == 0 {
		t.Error("no running call saw its context cancelled")
	}
}
