package stats

import (
	"sync"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// Bucket is one non-empty bucket of a whole-run histogram (NewHistogram's
// geometry): the lowest value it holds, in microseconds, and how many values
// it holds. A delta's Entry may carry its response times as Buckets instead
// of a Hist (see Entry.Buckets).
type Bucket struct {
	Value int64
	Count int64
}

// wholeRun is the layout of NewHistogram's counts.
var wholeRun = sync.OnceValue(func() geometry { return geometryOf(NewHistogram()) })

// BucketValue returns the lowest value of the bucket at position i of the
// counts of a whole-run histogram (as hdrhistogram's Export lists them), so
// that a compact encoding of those counts can be merged without rebuilding
// the histogram.
func BucketValue(i int) int64 { return wholeRun().value(i) }

// deltaBuckets returns the non-empty buckets of a delta's entry: from Hist
// when it has one, else from Buckets.
func deltaBuckets(d *Entry) []bucket {
	if d.Hist != nil || len(d.Buckets) == 0 {
		return bucketsOf(d.Hist)
	}
	out := make([]bucket, 0, len(d.Buckets))
	for _, b := range d.Buckets {
		if b.Count > 0 && b.Value >= 0 {
			out = append(out, bucket{v: b.Value, n: b.Count})
		}
	}
	return out
}

// FittedHistogram returns a histogram of NewHistogram's resolution holding
// the buckets bs (values past HighestUS clamped, empty or negative ones
// skipped), whose range ends at its highest value instead of HighestUS. It
// is for a delta's Corrected read from a compact wire form: it takes only a
// fraction of a whole-run histogram's 188 KB when the values are small, and
// Merge adds it exactly as it would a whole-run histogram of the same counts.
func FittedHistogram(bs []Bucket) *hdrhistogram.Histogram {
	top := int64(2 * LowestUS) // the least range hdrhistogram accepts
	for _, b := range bs {
		if b.Count > 0 {
			top = max(top, min(b.Value, HighestUS))
		}
	}
	h := hdrhistogram.New(LowestUS, top, SigFigs)
	for _, b := range bs {
		if b.Count > 0 && b.Value >= 0 {
			_ = h.RecordValues(min(b.Value, HighestUS), b.Count) // in range: top covers it
		}
	}
	return h
}

// SetRateLag makes the current rates of later snapshots (Entry.CurrentRPS
// and CurrentFailPerSec) leave out the newest d of seconds. A master whose
// workers report every few seconds sets it a little above their report
// interval, so that its current rates are not read low from seconds whose
// requests are still on their way; a standalone recorder keeps 0.
func (r *Recorder) SetRateLag(d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.rateLag = max(d, 0)
}

// lagRates sets the rate lag of a cumulative snapshot's entries.
func lagRates(s *Snapshot, lag time.Duration) {
	if lag == 0 {
		return
	}
	for _, e := range s.Entries {
		e.RateLag = lag
	}
	if s.Total != nil {
		s.Total.RateLag = lag
	}
}

// markNoUsers marks the entries of a snapshot ticked while no user ran: their
// current rates read 0.
func markNoUsers(s *Snapshot) {
	for _, e := range s.Entries {
		e.NoUsers = true
	}
	if s.Total != nil {
		s.Total.NoUsers = true
	}
}
