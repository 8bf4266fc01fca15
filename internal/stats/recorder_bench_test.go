package stats_test

import (
	"fmt"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// benchNames are the 20 entries of the Tick, Snapshot and Merge benchmarks.
var benchNames = func() []string {
	out := make([]string, 20)
	for i := range out {
		out[i] = fmt.Sprintf("/api/v1/item/%02d", i)
	}
	return out
}()

// BenchmarkRecord is the hot path: every goroutine records as a user would,
// each with its own shard index, over four names. Run it with -cpu 1,2,4,8
// to see how it scales.
func BenchmarkRecord(b *testing.B) {
	r := stats.NewRecorder()
	names := benchNames[:4]
	end := time.Now()
	var ids atomic.Int64
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		id := int(ids.Add(1))
		i := 0
		for pb.Next() {
			i++
			s := stats.Sample{Method: "GET", Name: names[i&3], Duration: time.Duration(i&4095) * 37 * time.Microsecond,
				Size: 512, End: end}
			if i&255 == 0 {
				s.Err = "HTTP 503"
			}
			r.Record(id, s)
		}
	})
}

// BenchmarkRecordNow is BenchmarkRecord with End left zero, so each Record
// reads the clock.
func BenchmarkRecordNow(b *testing.B) {
	r := stats.NewRecorder()
	var ids atomic.Int64
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		id := int(ids.Add(1))
		i := 0
		for pb.Next() {
			i++
			r.Record(id, stats.Sample{Method: "GET", Name: benchNames[i&3], Duration: time.Duration(i&4095) * 37 * time.Microsecond})
		}
	})
}

// fill records n samples into each of the 20 benchmark entries at second sec.
func fill(r *stats.Recorder, n int, sec float64) {
	for i := range n {
		for j, name := range benchNames {
			r.Record(i+j, stats.Sample{Method: "GET", Name: name,
				Duration: time.Duration((i*31+j)%5000) * 97 * time.Microsecond, End: at(sec)})
		}
	}
}

// BenchmarkTick is one Tick with 20 busy entries, as a standalone run or a
// master does every second. Each iteration first records one sample per
// entry (20 Records, a few hundred ns), so that every entry has changed and
// its histograms must be copied, as under load.
func BenchmarkTick(b *testing.B) {
	r := newRecorder()
	fill(r, 1000, base)
	kinds := map[string]int{"U": 100}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		fill(r, 1, base+float64(i))
		r.Tick(at(base+float64(i)+0.5), 100, kinds)
	}
}

// BenchmarkSnapshot is BenchmarkTick without rotation and history.
func BenchmarkSnapshot(b *testing.B) {
	r := newRecorder()
	fill(r, 1000, base)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		fill(r, 1, base+float64(i))
		r.Snapshot(at(base + float64(i) + 0.5))
	}
}

// BenchmarkStop is the part of BenchmarkSnapshot during which every shard
// is locked, so Record waits: its stop-ns/op is the pause recording sees.
func BenchmarkStop(b *testing.B) {
	r := newRecorder()
	fill(r, 1000, base)
	var stopped time.Duration
	b.ResetTimer()
	for i := range b.N {
		fill(r, 1, base+float64(i))
		stopped += r.StopFor(at(base + float64(i) + 0.5))
	}
	b.ReportMetric(float64(stopped.Nanoseconds())/float64(b.N), "stop-ns/op")
}

// BenchmarkMerge is a master merging one worker's delta of 20 entries (300
// samples each, about three seconds of a busy worker).
func BenchmarkMerge(b *testing.B) {
	w := newRecorder()
	fill(w, 300, base)
	delta := w.Drain(at(base + 3))
	m := newRecorder()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		m.Merge(delta)
	}
}

// BenchmarkDrain is a worker taking its delta of 20 entries; each iteration
// first records one sample per entry.
func BenchmarkDrain(b *testing.B) {
	w := newRecorder()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		fill(w, 1, base+float64(i))
		w.Drain(at(base + float64(i) + 1))
	}
}
