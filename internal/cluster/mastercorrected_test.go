package cluster

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// sameCorrected reports how the corrected response times of two entries
// differ, or "" when they are the same.
func sameCorrected(got, want *stats.Entry) string {
	name := want.Method + " " + want.Name
	switch {
	case got.HasCorrected() != want.HasCorrected():
		return fmt.Sprintf("%s: HasCorrected = %v, want %v", name, got.HasCorrected(), want.HasCorrected())
	case got.CorrectedMax != want.CorrectedMax:
		return fmt.Sprintf("%s: CorrectedMax = %v, want %v", name, got.CorrectedMax, want.CorrectedMax)
	case want.HasCorrected() && got.Corrected.TotalCount() != want.Corrected.TotalCount():
		return fmt.Sprintf("%s: %d corrected samples, want %d", name, got.Corrected.TotalCount(), want.Corrected.TotalCount())
	}
	for _, q := range stats.Percentiles {
		if a, b := got.CorrectedPercentile(q), want.CorrectedPercentile(q); a != b {
			return fmt.Sprintf("%s: corrected p%g = %v, want %v", name, q*100, a, b)
		}
	}
	return ""
}

// pacedSample is one request of a paced user: late by up to 2 s, with
// nanosecond precision, and now and then past the histograms' hour.
func pacedSample(rng *rand.Rand, i int, end time.Time) stats.Sample {
	s := stats.Sample{Method: "GET", Name: []string{"/a", "/b", "/c"}[i%3],
		Duration: time.Duration(rng.Int64N(int64(300 * time.Millisecond))), Size: 10, End: end}
	switch {
	case s.Name == "/c": // not paced
	case i%500 == 499:
		s.Corrected = 61 * time.Minute
	default:
		s.Corrected = s.Duration + time.Duration(rng.Int64N(int64(2*time.Second)))
	}
	return s
}

// A master merging the reports of two workers with paced users has the
// corrected response times of one recorder fed the same samples.
func TestMasterMergesCorrectedLikeOneRecorder(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(t, MasterOptions{})
		workers := []*testWorker{c.join("a_1", WorkerOptions{}), c.join("b_1", WorkerOptions{})}
		wait(time.Second)
		c.master.Start(4, 0)
		wait(time.Second)
		local, rng := stats.NewRecorder(), rand.New(rand.NewPCG(7, 7))
		for round := range 3 { // three reports each
			for i := range 2000 {
				s := pacedSample(rng, i, time.Now())
				workers[i%2].rec.Record(i, s)
				local.Record(i, s)
			}
			if round < 2 {
				wait(ReportInterval)
			}
		}
		c.master.Stop() // waits for the last reports
		got, want := c.rec.Snapshot(time.Now()), local.Snapshot(time.Now())
		if len(got.Entries) != len(want.Entries) || got.Total.Requests != want.Total.Requests {
			t.Fatalf("master has %d entries and %d requests, want %d and %d", len(got.Entries), got.Total.Requests,
				len(want.Entries), want.Total.Requests)
		}
		for i, w := range append(want.Entries, want.Total) {
			g := got.Total
			if i < len(got.Entries) {
				g = got.Entries[i]
			}
			if d := sameCorrected(g, w); d != "" {
				t.Error(d)
			}
		}
	})
}
