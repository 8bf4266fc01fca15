package stats_test

import (
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// sparse returns d's entries with Buckets in place of Hist, listed the way a
// compact wire form would list them: by position in the exported counts.
func sparse(d *stats.Snapshot) *stats.Snapshot {
	out := *d
	out.Entries = make([]*stats.Entry, len(d.Entries))
	for i, e := range d.Entries {
		c := *e
		c.Hist = nil
		for j, n := range e.Hist.Export().Counts {
			if n > 0 {
				c.Buckets = append(c.Buckets, stats.Bucket{Value: stats.BucketValue(j), Count: n})
			}
		}
		out.Entries[i] = &c
	}
	return &out
}

func TestMergeOfBucketsEqualsMergeOfHistograms(t *testing.T) {
	worker := newRecorder()
	for i, s := range workload(3000, 5) {
		worker.Record(i, s)
	}
	delta := worker.Drain(at(base + 30))
	byHist, byBuckets := newRecorder(), newRecorder()
	byHist.Merge(delta)
	byBuckets.Merge(sparse(delta))
	a, b := byHist.Snapshot(at(base+30)), byBuckets.Snapshot(at(base+30))
	if len(a.Entries) != len(b.Entries) || len(a.Entries) == 0 {
		t.Fatalf("%d entries merged from histograms, %d from buckets", len(a.Entries), len(b.Entries))
	}
	for i := range a.Entries {
		a.Entries[i].Corrected, b.Entries[i].Corrected = nil, nil // only Hist has a bucket form
		a.Entries[i].CorrectedMax, b.Entries[i].CorrectedMax = 0, 0
		if d := sameEntry(a.Entries[i], b.Entries[i]); d != "" {
			t.Error(d)
		}
	}
	if !a.Total.Hist.Equals(b.Total.Hist) {
		t.Error("the totals' histograms differ")
	}
}

func TestRateLagLeavesOutTheNewestSeconds(t *testing.T) {
	tests := []struct {
		name string
		lag  time.Duration
		want float64
	}{
		// 10 requests a second for seconds 0..19, none in 20..29, and the
		// snapshot at second 24: without a lag the window is 14..23, which
		// holds 6 busy seconds; with 4 s it is 10..19, all busy.
		{"standalone: the 10 seconds before now", 0, 6},
		{"master: 4 s left out", 4 * time.Second, 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := newRecorder()
			r.SetRateLag(tt.lag)
			for sec := range 20 {
				for i := range 10 {
					r.Record(i, stats.Sample{Method: "GET", Name: "/", Duration: time.Millisecond, End: at(base + float64(sec) + 0.05*float64(i))})
				}
			}
			s := r.Tick(at(base+24), 1, nil)
			if got := s.Total.CurrentRPS(s.Time); got != tt.want {
				t.Errorf("total CurrentRPS = %v, want %v", got, tt.want)
			}
			if got := s.Entries[0].CurrentRPS(s.Time); got != tt.want {
				t.Errorf("entry CurrentRPS = %v, want %v", got, tt.want)
			}
			if got := s.History[len(s.History)-1].RPS; got != tt.want {
				t.Errorf("history RPS = %v, want %v", got, tt.want)
			}
		})
	}
}
