package monitor

import (
	"math"
	"runtime/metrics"
	"time"
)

// Counters are the process's cumulative counters at one moment.
type Counters struct {
	CPU     time.Duration // CPU time used (user and system)
	Sched   Histogram     // scheduling latencies so far
	Receive Histogram     // delays between a response's arrival and its reading (ObserveReceive)
	// HeapAllocs is the bytes allocated on the heap so far; HeapLive the
	// heap that the last garbage collection found in use.
	HeapAllocs, HeapLive uint64
}

// Histogram is a cumulative histogram of durations in seconds, in the
// shape of runtime/metrics: Counts[i] values fell in [Buckets[i],
// Buckets[i+1]).
type Histogram struct {
	Counts  []uint64
	Buckets []float64
}

// Sub is h minus an earlier reading of the same histogram: what was counted
// in between. An earlier reading of another shape (or none) counts as empty.
func (h Histogram) Sub(earlier Histogram) Histogram {
	if len(earlier.Counts) != len(h.Counts) {
		return h
	}
	d := Histogram{Counts: make([]uint64, len(h.Counts)), Buckets: h.Buckets}
	for i, c := range h.Counts {
		d.Counts[i] = c - min(c, earlier.Counts[i])
	}
	return d
}

// Quantile is the upper bound of the bucket holding the q-th quantile (the
// lower bound for the last, unbounded bucket), or 0 for an empty histogram.
func (h Histogram) Quantile(q float64) time.Duration {
	var total uint64
	for _, c := range h.Counts {
		total += c
	}
	if total == 0 || len(h.Buckets) != len(h.Counts)+1 {
		return 0
	}
	rank := uint64(math.Ceil(q * float64(total)))
	var seen uint64
	for i, c := range h.Counts {
		seen += c
		if seen >= max(rank, 1) {
			return seconds(h.Buckets[i+1], h.Buckets[i])
		}
	}
	return seconds(h.Buckets[len(h.Buckets)-1], 0)
}

// seconds converts a bucket bound to a duration, falling back to alt when
// the bound is infinite.
func seconds(bound, alt float64) time.Duration {
	if math.IsInf(bound, 0) {
		bound = alt
	}
	if math.IsInf(bound, 0) || bound < 0 {
		return 0
	}
	return time.Duration(bound * float64(time.Second))
}

// schedMetric is the runtime's histogram of goroutine scheduling latencies.
const schedMetric = "/sched/latencies:seconds"

// ReadProcess reads this process's counters.
func ReadProcess() Counters {
	s := []metrics.Sample{{Name: schedMetric}, {Name: "/cpu/classes/total:cpu-seconds"}, {Name: "/cpu/classes/idle:cpu-seconds"},
		{Name: "/gc/heap/allocs:bytes"}, {Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	c := Counters{Receive: receiveHistogram()}
	if s[3].Value.Kind() == metrics.KindUint64 && s[4].Value.Kind() == metrics.KindUint64 {
		c.HeapAllocs, c.HeapLive = s[3].Value.Uint64(), s[4].Value.Uint64()
	}
	if s[0].Value.Kind() == metrics.KindFloat64Histogram {
		h := s[0].Value.Float64Histogram()
		c.Sched = Histogram{Counts: h.Counts, Buckets: h.Buckets}
	}
	if cpu, ok := ProcessCPU(); ok {
		c.CPU = cpu
	} else if s[1].Value.Kind() == metrics.KindFloat64 && s[2].Value.Kind() == metrics.KindFloat64 {
		c.CPU = time.Duration((s[1].Value.Float64() - s[2].Value.Float64()) * float64(time.Second))
	}
	return c
}
