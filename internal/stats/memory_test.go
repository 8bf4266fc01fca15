package stats_test

import (
	"runtime"
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

func TestMemoryIsFixed(t *testing.T) {
	// A million samples into one entry, over about 17 minutes of end times
	// (so every per-second ring wraps many times), with ticks along the way:
	// Record allocates nothing once the entry exists, and nothing grows.
	const n = 1_000_000
	r := newRecorder()
	sample := func(i int) stats.Sample {
		return stats.Sample{Method: "GET", Name: "/", Duration: time.Duration(i%20_000) * 50 * time.Microsecond,
			Size: 1, Err: [2]string{"", "HTTP 502"}[i%2], End: at(base + float64(i)/1000)}
	}
	for i := range r.ShardCount() {
		r.Record(i, sample(i)) // every shard's counters exist
	}
	r.Tick(at(base), 1, nil)
	before := r.Footprint()
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	for i := range n {
		r.Record(i, sample(i))
	}
	runtime.ReadMemStats(&ms1)
	// A few allocations are allowed: an entry's histograms are copied when
	// a snapshot shares them, and the per-second ring may fold early.
	if allocs := ms1.Mallocs - ms0.Mallocs; allocs > 10 {
		t.Errorf("%d samples made %d allocations, want none beyond a few histogram copies", n, allocs)
	}
	for i := range 100 {
		r.Tick(at(base+1000+float64(i)), 1, nil)
	}
	after := r.Footprint()
	perEntry := len(stats.NewHistogram().Export().Counts) + 2*len(stats.NewWindowHistogram().Export().Counts)
	if after.HistCounts > 2*perEntry { // the entry and the total
		t.Errorf("histograms hold %d counts, more than two entries' %d", after.HistCounts, 2*perEntry)
	}
	before.Buffered, after.Buffered = 0, 0
	before.HistoryLen, after.HistoryLen, before.HistoryCap, after.HistoryCap = 0, 0, 0, 0
	before.HistCounts, after.HistCounts = 0, 0
	if after != before {
		t.Errorf("footprint grew:\nbefore %+v\nafter  %+v", before, after)
	}
	if s := r.Snapshot(at(base + 1001)); s.Total.Hist.TotalCount() != n+int64(r.ShardCount()) {
		t.Errorf("histogram holds %d, want %d", s.Total.Hist.TotalCount(), n+r.ShardCount())
	}
}

func TestRecordDoesNotAllocate(t *testing.T) {
	r := newRecorder()
	s := stats.Sample{Method: "GET", Name: "/", Duration: ms(3), Err: "HTTP 500", End: at(base)}
	r.Record(0, s)
	if a := testing.AllocsPerRun(10_000, func() { r.Record(0, s) }); a != 0 {
		t.Errorf("Record allocates %v times per call", a)
	}
}
