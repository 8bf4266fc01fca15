package wire

import (
	"errors"
	"fmt"
	"math"

	"github.com/HdrHistogram/hdrhistogram-go"

	"github.com/gustload/gust/internal/stats"
)

// SparseDelta is Delta for a master that merges many workers' reports: each
// entry carries its response times as stats.Bucket lists (Entry.Buckets)
// read straight from "gust_hdr", or from Locust's rounded buckets, instead of
// a histogram rebuilt per entry per report (188 KB each); corrected response
// times come as a histogram cut to their range (stats.FittedHistogram).
// Merging it gives exactly what merging Delta's result gives. The total has
// no response times: stats.Recorder.Merge rebuilds the total from the
// entries.
func (r *StatsReport) SparseDelta() (*stats.Snapshot, error) {
	total := &r.Total
	return r.toDelta(func(w *StatsEntry, e *stats.Entry) (err error) {
		if w == total {
			return nil
		}
		if e.Buckets, err = w.buckets(); err != nil {
			return err
		}
		e.Corrected, err = w.fittedCorrected()
		return err
	})
}

// fittedCorrected reads "gust_corrected_hdr" as correctedHistogram does,
// into a histogram no wider than its values need.
func (w *StatsEntry) fittedCorrected() (*hdrhistogram.Histogram, error) {
	if w.Corrected == nil {
		return nil, nil
	}
	bs, err := histBuckets(w.Corrected)
	if err != nil || len(bs) == 0 {
		return nil, w.correctedErr(err)
	}
	return stats.FittedHistogram(bs), nil
}

// buckets returns the entry's response times as buckets: the exact ones
// when it carries a usable "gust_hdr", else Locust's.
func (w *StatsEntry) buckets() ([]stats.Bucket, error) {
	if w.Hist != nil {
		bs, err := histBuckets(w.Hist)
		if !errors.Is(err, errGeometry) {
			if err != nil {
				err = fmt.Errorf("%w: %s %s: %v", ErrMalformed, w.Method, w.Name, err)
			}
			return bs, err
		}
	}
	micros := w.bucketMicros()
	out := make([]stats.Bucket, 0, len(micros))
	for us, n := range micros {
		if n > 0 {
			out = append(out, stats.Bucket{Value: max(us, 0), Count: n})
		}
	}
	return out, nil
}

// histBuckets reads a "gust_hdr" value (see EncodeHist) into the non-empty
// buckets, checking it as DecodeHist does, without making a histogram.
func histBuckets(b []byte) ([]stats.Bucket, error) {
	r, err := histHeader(b)
	if err != nil {
		return nil, err
	}
	limit := histCountsLen()
	var out []stats.Bucket
	var sum uint64
	for i := 0; len(r.b) > 0; i++ {
		gap, n := r.next(), r.next()
		if r.err != nil {
			return nil, r.err
		}
		if gap >= uint64(limit-i) || n == 0 || n > math.MaxInt64-sum {
			return nil, errors.New("gust_hdr: bucket out of range, empty or too full")
		}
		i += int(gap)
		sum += n
		out = append(out, stats.Bucket{Value: stats.BucketValue(i), Count: int64(n)})
	}
	return out, nil
}

// histHeader checks the version and geometry of a "gust_hdr" value and
// returns a reader at its first bucket.
func histHeader(b []byte) (*uvarints, error) {
	if len(b) == 0 || b[0] != histVersion {
		return nil, errors.New("gust_hdr: unknown version")
	}
	r := &uvarints{b: b[1:]}
	lo, hi, sig := r.next(), r.next(), r.next()
	if r.err != nil {
		return nil, r.err
	}
	if lo != stats.LowestUS || hi != uint64(stats.HighestUS) || sig != stats.SigFigs {
		return nil, fmt.Errorf("gust_hdr: %w: %d..%d, %d figures", errGeometry, lo, hi, sig)
	}
	return r, nil
}
