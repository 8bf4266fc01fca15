package stats_test

import (
	"maps"
	"testing"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"

	"github.com/gustload/gust/internal/stats"
)

// sparse returns d's entries with Buckets in place of Hist, and Corrected
// refitted by FittedHistogram, listed the way a compact wire form would list
// them: by position in the exported counts.
func sparse(d *stats.Snapshot) *stats.Snapshot {
	out := *d
	out.Entries = make([]*stats.Entry, len(d.Entries))
	for i, e := range d.Entries {
		c := *e
		c.Hist, c.Buckets = nil, bucketList(e.Hist)
		if e.Corrected != nil {
			c.Corrected = stats.FittedHistogram(bucketList(e.Corrected))
		}
		out.Entries[i] = &c
	}
	return &out
}

// bucketList lists the non-empty buckets of a whole-run histogram.
func bucketList(h *hdrhistogram.Histogram) []stats.Bucket {
	var out []stats.Bucket
	for j, n := range h.Export().Counts {
		if n > 0 {
			out = append(out, stats.Bucket{Value: stats.BucketValue(j), Count: n})
		}
	}
	return out
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
	if !a.Total.HasCorrected() { // "/items" is on a schedule
		t.Fatal("the workload has no corrected response times")
	}
	sameSnapshot(t, a, b)
}

// FittedHistogram holds the buckets it is given, in a range that ends at
// the highest of them.
func TestFittedHistogram(t *testing.T) {
	tests := []struct {
		name string
		bs   []stats.Bucket
		want map[int64]int64 // value to count
	}{
		{"empty", nil, map[int64]int64{}},
		{"small values", []stats.Bucket{{0, 2}, {1, 1}, {1500, 4}}, map[int64]int64{0: 2, 1: 1, 1500: 4}},
		{"skips empty and negative", []stats.Bucket{{-5, 3}, {7, 0}, {9, 1}}, map[int64]int64{9: 1}},
		{"clamps past an hour", []stats.Bucket{{2 * stats.HighestUS, 1}}, map[int64]int64{stats.HighestUS: 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h, whole := stats.FittedHistogram(tt.bs), stats.NewHistogram()
			for v, n := range tt.want {
				_ = whole.RecordValues(v, n)
			}
			if got, want := barsOf(h), barsOf(whole); !maps.Equal(got, want) {
				t.Errorf("buckets = %v, want %v", got, want)
			}
			if h.HighestTrackableValue() > stats.HighestUS {
				t.Errorf("range ends at %d, past HighestUS", h.HighestTrackableValue())
			}
		})
	}
}

// barsOf maps the lowest value of each non-empty bucket of h to its count.
func barsOf(h *hdrhistogram.Histogram) map[int64]int64 {
	out := map[int64]int64{}
	for _, b := range h.Distribution() {
		if b.Count > 0 {
			out[b.From] = b.Count
		}
	}
	return out
}

// A fitted histogram of small values takes a fraction of a whole-run one.
func TestFittedHistogramIsSmall(t *testing.T) {
	h := stats.FittedHistogram([]stats.Bucket{{Value: 250_000, Count: 3}}) // 250 ms
	if got, whole := len(h.Export().Counts), len(stats.NewHistogram().Export().Counts); got*2 > whole {
		t.Errorf("%d buckets for values up to 250 ms, a whole-run histogram has %d", got, whole)
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

func TestCurrentRatesAreZeroWithoutUsers(t *testing.T) {
	tests := []struct {
		users int
		want  float64
	}{
		{3, 5}, // the last 10 seconds hold 5 busy ones of 10 requests
		{0, 0}, // stopped: 0 at once, not fading over the window
	}
	for _, tt := range tests {
		r := newRecorder()
		for sec := range 20 {
			for i := range 10 {
				r.Record(i, stats.Sample{Method: "GET", Name: "/", Duration: time.Millisecond, Err: "boom",
					End: at(base + float64(sec) + 0.05*float64(i))})
			}
		}
		s := r.Tick(at(base+25), tt.users, nil)
		rates := []float64{s.Total.CurrentRPS(s.Time), s.Total.CurrentFailPerSec(s.Time), s.Entries[0].CurrentRPS(s.Time),
			s.History[len(s.History)-1].RPS, s.History[len(s.History)-1].FailPS}
		for i, got := range rates {
			if got != tt.want {
				t.Errorf("%d users: rate %d is %v, want %v", tt.users, i, got, tt.want)
			}
		}
	}
}
