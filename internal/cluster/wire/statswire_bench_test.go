package wire

import (
	"fmt"
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// benchReport is a busy worker's report: 600 requests over 10 names in
// 3 s, a few failures, with the exact histograms unless locust is set (then
// shaped as a Locust worker's, whose maps the master decodes key by key).
func benchReport(locust bool) *StatsReport {
	now := time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)
	rec := stats.NewRecorder()
	for i := range 600 {
		s := stats.Sample{Method: "GET", Name: fmt.Sprintf("/page/%d", i%10),
			Duration: time.Duration(1000+(i*7919)%250_000) * time.Microsecond, Size: 512,
			End: now.Add(time.Duration(i-600) * 5 * time.Millisecond)}
		if i%50 == 0 {
			s.Err = "HTTP 500"
		}
		rec.Record(i, s)
	}
	r := NewStatsReport(rec.Drain(now))
	if locust {
		for i := range r.Stats {
			r.Stats[i].Hist = nil
		}
		r.Total.Hist = nil
	}
	return r
}

// BenchmarkEncodeStatsReport is a worker's cost of writing one report.
func BenchmarkEncodeStatsReport(b *testing.B) {
	m := Message{Type: TypeStats, Data: benchReport(false), NodeID: "w_1"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Encode(m); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkDecodeStatsReport is a master's cost of reading one report, from
// a gust worker and from a Locust worker.
func BenchmarkDecodeStatsReport(b *testing.B) {
	for _, locust := range []bool{false, true} {
		name := map[bool]string{false: "gust", true: "locust"}[locust]
		frame := mustEncode(b, Message{Type: TypeStats, Data: benchReport(locust), NodeID: "w_1"})
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := Decode(frame); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
