package threshold_test

import (
	"time"

	"github.com/gustload/gust/internal/stats"
)

var t0 = time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)

// entry builds an entry of the given latencies, of which the first fails
// failed, plus untimed requests that all failed. Its requests span 10 s.
func entry(method, name string, fails, untimed int64, lat ...time.Duration) *stats.Entry {
	e := &stats.Entry{
		Key:      stats.Key{Method: method, Name: name},
		Requests: int64(len(lat)) + untimed, Failures: fails + untimed, NoTime: untimed,
		Hist: stats.NewHistogram(), First: t0, Last: t0.Add(10 * time.Second),
	}
	for i, d := range lat {
		if i == 0 || d < e.Min {
			e.Min = d
		}
		e.Max = max(e.Max, d)
		e.TotalTime += d
		e.Hist.RecordValue(int64(d / time.Microsecond))
	}
	return e
}

// steps returns n latencies: step, 2*step, ... n*step.
func steps(n int, step time.Duration) []time.Duration {
	ds := make([]time.Duration, n)
	for i := range ds {
		ds[i] = time.Duration(i+1) * step
	}
	return ds
}

// snapshot is a small run: GET /api/items answers in 10us..1ms, POST
// /api/items in 2ms with 2 failures of 10, and GET /login always fails
// without a response time. Latencies stay below 2048us, where the histogram
// is exact.
func snapshot() *stats.Snapshot {
	items := entry("GET", "/api/items", 0, 0, steps(100, 10*time.Microsecond)...)
	post := entry("POST", "/api/items", 2, 0, repeat(10, 2*time.Millisecond)...)
	login := entry("GET", "/login", 0, 4)
	total := entry("", "Aggregated", 2, 4, append(steps(100, 10*time.Microsecond), repeat(10, 2*time.Millisecond)...)...)
	return &stats.Snapshot{Time: t0.Add(10 * time.Second), Start: t0, Entries: []*stats.Entry{items, post, login}, Total: total}
}

func repeat(n int, d time.Duration) []time.Duration {
	ds := make([]time.Duration, n)
	for i := range ds {
		ds[i] = d
	}
	return ds
}
