package stats_test

import (
	"sync/atomic"
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

func TestCorrectedResponseTimes(t *testing.T) {
	type want struct {
		has            bool
		p50, p100, max time.Duration
	}
	cases := []struct {
		name    string
		samples []stats.Sample
		want    want
	}{
		{"none on a schedule", []stats.Sample{{Duration: ms(5)}, {Duration: ms(7)}}, want{}},
		{"on time: corrected equals the duration", []stats.Sample{
			{Duration: ms(5), Corrected: ms(5)}, {Duration: ms(7), Corrected: ms(7)},
		}, want{true, ms(5), ms(7), ms(7)}},
		{"late iterations add their lateness", []stats.Sample{
			{Duration: ms(2), Corrected: ms(402)}, {Duration: ms(2), Corrected: ms(302)}, {Duration: ms(2), Corrected: ms(2)},
		}, want{true, ms(302), ms(402), ms(402)}},
		{"a request without a time has no corrected time", []stats.Sample{
			{NoTime: true, Corrected: ms(9)}, {Duration: ms(1), Corrected: ms(3)},
		}, want{true, ms(3), ms(3), ms(3)}},
		{"mixed: only the scheduled samples count", []stats.Sample{
			{Duration: ms(900)}, {Duration: ms(1), Corrected: ms(50)},
		}, want{true, ms(50), ms(50), ms(50)}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRecorder()
			for i, s := range tc.samples {
				s.Method, s.Name, s.End = "GET", "/x", at(base+1)
				r.Record(i, s)
			}
			snap := r.Snapshot(at(base + 2))
			for _, e := range []*stats.Entry{snap.Entry("GET", "/x"), snap.Total} {
				got := want{e.HasCorrected(), e.CorrectedPercentile(0.5), e.CorrectedPercentile(1), e.CorrectedMax}
				if !near(got.p50, tc.want.p50) || !near(got.p100, tc.want.p100) || got.has != tc.want.has || got.max != tc.want.max {
					t.Errorf("%s: got %+v, want %+v (within 0.1%%)", e.Name, got, tc.want)
				}
				if !tc.want.has && e.Corrected != nil {
					t.Errorf("%s: a corrected histogram without corrected samples", e.Name)
				}
			}
		})
	}
}

// near reports whether a is within the histogram's 0.1% of b.
func near(a, b time.Duration) bool {
	d := a - b
	return d <= b/1000+time.Microsecond && -d <= b/1000+time.Microsecond
}

func TestCorrectedSnapshotsAreImmutableAndDrainsMove(t *testing.T) {
	r := newRecorder()
	r.Record(0, stats.Sample{Method: "GET", Name: "/x", Duration: ms(1), Corrected: ms(10), End: at(base + 1)})
	first := r.Snapshot(at(base + 2)).Total
	r.Record(0, stats.Sample{Method: "GET", Name: "/x", Duration: ms(1), Corrected: ms(500), End: at(base + 2)})
	if got := first.Corrected.TotalCount(); got != 1 || first.CorrectedPercentile(1) != ms(10) {
		t.Fatalf("an earlier snapshot changed: %d corrected samples, max %v", got, first.CorrectedPercentile(1))
	}
	delta := r.Drain(at(base + 3))
	if got := delta.Total.Corrected.TotalCount(); got != 2 {
		t.Fatalf("the delta holds %d corrected samples, want 2", got)
	}
	if after := r.Drain(at(base + 4)); after.Total.HasCorrected() {
		t.Fatal("a second drain still holds corrected samples")
	}
	master := newRecorder()
	master.Merge(delta)
	got := master.Snapshot(at(base+5)).Entry("GET", "/x")
	if !near(got.CorrectedPercentile(1), ms(500)) || got.CorrectedMax != ms(500) || got.Corrected.TotalCount() != 2 {
		t.Fatalf("merged: %d corrected samples, p100 %v, max %v; want 2, 500ms, 500ms",
			got.Corrected.TotalCount(), got.CorrectedPercentile(1), got.CorrectedMax)
	}
}

// BenchmarkRecordCorrected is BenchmarkRecord for samples on a schedule:
// each carries a corrected response time, which fills a second buffer and
// histogram.
func BenchmarkRecordCorrected(b *testing.B) {
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
			d := time.Duration(i&4095) * 37 * time.Microsecond
			r.Record(id, stats.Sample{Method: "GET", Name: names[i&3], Duration: d, Corrected: d + time.Duration(i&63)*time.Millisecond,
				Size: 512, End: end})
		}
	})
}
