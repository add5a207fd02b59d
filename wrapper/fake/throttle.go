package fake

import (
	"time"
)

// maxBuckets bounds the per-customer buckets of one throttle; beyond it,
// full buckets (customers that have been quiet) are forgotten.
const maxBuckets = 10000

// bucket is a token bucket: it holds up to burst tokens, refills at the
// throttle's rate, and each request takes one token.
type bucket struct {
	tokens float64
	last   time.Time
}

// rate is the refill rate in tokens per second.
func (t *throttleRule) rate() float64 {
	return float64(t.cfg.Requests) / t.cfg.Per.Seconds()
}

// take spends a token from the bucket of key. When none is left it reports
// false and how long until one is.
func (t *throttleRule) take(key string, now time.Time) (bool, time.Duration) {
	burst := float64(t.cfg.Burst)
	b := t.buckets[key]
	if b == nil {
		if len(t.buckets) >= maxBuckets {
			t.prune(now)
		}
		b = &bucket{tokens: burst, last: now}
		t.buckets[key] = b
	}
	if elapsed := now.Sub(b.last).Seconds(); elapsed > 0 {
		b.tokens = min(burst, b.tokens+elapsed*t.rate())
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration((1 - b.tokens) / t.rate() * float64(time.Second))
	if t.cfg.RetryAfter != 0 {
		wait = t.cfg.RetryAfter
	} else {
		wait = max(wait, time.Second)
	}
	return false, wait
}

// prune forgets the buckets that have refilled completely.
func (t *throttleRule) prune(now time.Time) {
	burst := float64(t.cfg.Burst)
	for key, b := range t.buckets {
		if b.tokens+now.Sub(b.last).Seconds()*t.rate() >= burst {
			delete(t.buckets, key)
		}
	}
}
