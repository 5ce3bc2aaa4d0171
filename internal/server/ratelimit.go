package server

import (
	"math"
	"strconv"
	"sync"
	"time"
)

// limiter is a token bucket per service token: rate requests a second,
// bursts of twice that. A bucket idle long enough to be full again is
// dropped, so the map stays as small as the set of busy tokens.
type limiter struct {
	rate float64
	now  func() time.Time

	mu      sync.Mutex
	buckets map[string]*bucket
	sweep   time.Time
}

type bucket struct {
	level float64
	last  time.Time
}

func newLimiter(rate float64, now func() time.Time) *limiter {
	return &limiter{rate: rate, now: now, buckets: map[string]*bucket{}}
}

// allow takes one request from id's bucket, or says how long to wait.
func (l *limiter) allow(id string) (time.Duration, bool) {
	if l.rate < 0 {
		return 0, true
	}
	burst := 2 * l.rate
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	if now.Sub(l.sweep) > time.Minute {
		for k, b := range l.buckets {
			if now.Sub(b.last).Seconds()*l.rate >= burst {
				delete(l.buckets, k)
			}
		}
		l.sweep = now
	}
	b := l.buckets[id]
	if b == nil {
		b = &bucket{level: burst, last: now}
		l.buckets[id] = b
	}
	b.level = math.Min(burst, b.level+now.Sub(b.last).Seconds()*l.rate)
	b.last = now
	if b.level < 1 {
		return time.Duration((1 - b.level) / l.rate * float64(time.Second)), false
	}
	b.level--
	return 0, true
}

// retryAfter renders a wait as whole seconds, at least 1.
func retryAfter(d time.Duration) string {
	return strconv.Itoa(max(1, int(math.Ceil(d.Seconds()))))
}
