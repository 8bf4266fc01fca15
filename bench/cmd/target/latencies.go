package main

import (
	"fmt"
	"sync"
	"time"
)

// latencies counts response times in 10-microsecond buckets up to 10 s.
type latencies struct {
	mu     sync.Mutex
	counts []uint64
	n      uint64
	max    time.Duration
}

const bucket = 10 * time.Microsecond

func newLatencies() *latencies {
	return &latencies{counts: make([]uint64, int(10*time.Second/bucket)+1)}
}

func (l *latencies) add(d time.Duration) {
	i := min(int(d/bucket), len(l.counts)-1)
	l.mu.Lock()
	l.counts[i]++
	l.n++
	l.max = max(l.max, d)
	l.mu.Unlock()
}

// quantile is the upper bound of the bucket holding the q-th quantile.
func (l *latencies) quantile(q float64) time.Duration {
	rank := uint64(q*float64(l.n) + 0.5)
	var seen uint64
	for i, c := range l.counts {
		seen += c
		if seen >= max(rank, 1) {
			return time.Duration(i+1) * bucket
		}
	}
	return l.max
}

// summary is one line for the bench scripts: served n p50_ms p99_ms max_ms.
func (l *latencies) summary() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
	return fmt.Sprintf("served=%d p50_ms=%.2f p99_ms=%.2f max_ms=%.2f", l.n, ms(l.quantile(0.5)), ms(l.quantile(0.99)), ms(l.max))
}
