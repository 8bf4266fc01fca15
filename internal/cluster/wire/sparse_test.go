package wire

import (
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// A master merging SparseDelta ends up exactly where merging Delta does,
// for gust's reports (exact histograms, corrected ones too) and Locust's
// (rounded buckets, nothing corrected).
func TestSparseDeltaMergesLikeDelta(t *testing.T) {
	gust := NewStatsReport(fuzzDelta())
	locust := NewStatsReport(fuzzDelta())
	for i := range locust.Stats {
		locust.Stats[i].Hist, locust.Stats[i].Corrected = nil, nil
	}
	for name, r := range map[string]*StatsReport{"gust": gust, "locust": locust} {
		full, err := r.Delta()
		if err != nil {
			t.Fatal(err)
		}
		sparse, err := r.SparseDelta()
		if err != nil {
			t.Fatal(err)
		}
		a, b := stats.NewRecorder(), stats.NewRecorder()
		a.Merge(full)
		b.Merge(sparse)
		now := t0.Add(time.Minute)
		ea, eb := a.Snapshot(now).Total, b.Snapshot(now).Total
		if ea.Requests == 0 || ea.Requests != eb.Requests || !ea.Hist.Equals(eb.Hist) || ea.Min != eb.Min || ea.Max != eb.Max {
			t.Errorf("%s: merged sparse %+v, full %+v", name, eb, ea)
		}
		if d := sameCorrected(eb, ea); d != "" || (name == "gust") != ea.HasCorrected() {
			t.Errorf("%s: merged sparse: %s (full has corrected: %v)", name, d, ea.HasCorrected())
		}
	}
}

// FuzzHistBuckets checks that reading "gust_hdr" into buckets accepts what
// DecodeHist accepts, and gives the same counts.
func FuzzHistBuckets(f *testing.F) {
	f.Add(EncodeHist(fuzzDelta().Entries[0].Hist))
	f.Add(histBytes([3]uint64{1, uint64(stats.HighestUS), 3}, 5, 2, 0, 1))
	f.Add([]byte{1, 1})
	f.Fuzz(func(t *testing.T, b []byte) {
		h, herr := DecodeHist(b)
		bs, berr := histBuckets(b)
		if (herr == nil) != (berr == nil) {
			t.Fatalf("DecodeHist: %v, histBuckets: %v", herr, berr)
		}
		if herr != nil {
			return
		}
		g := stats.NewHistogram()
		for _, x := range bs {
			if err := g.RecordValues(x.Value, x.Count); err != nil {
				t.Fatal(err)
			}
		}
		if !g.Equals(h) {
			t.Fatal("the buckets differ from the histogram")
		}
	})
}
