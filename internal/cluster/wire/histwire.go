package wire

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"sync"

	"github.com/HdrHistogram/hdrhistogram-go"

	"github.com/gustload/gust/internal/stats"
)

// histVersion is the first byte of an encoded histogram.
const histVersion = 1

// errGeometry marks a histogram of another geometry than gust's, which a
// receiver ignores in favour of Locust's buckets.
var errGeometry = errors.New("histogram geometry differs from gust's")

// EncodeHist returns h, a histogram of gust's geometry (stats.NewHistogram),
// in gust's compact form, the value of the "gust_hdr" key: a version byte,
// the geometry (lowest, highest, significant figures) and, for every
// non-empty bucket, the gap from the previous one and its count, all as
// unsigned varints. A typical entry takes a few hundred bytes.
func EncodeHist(h *hdrhistogram.Histogram) []byte {
	b := []byte{histVersion}
	b = binary.AppendUvarint(b, uint64(h.LowestTrackableValue()))
	b = binary.AppendUvarint(b, uint64(h.HighestTrackableValue()))
	b = binary.AppendUvarint(b, uint64(h.SignificantFigures()))
	next := 0 // the index after the last bucket written
	// Distribution has one bar per bucket index, in index order, up to the
	// highest non-empty one.
	for i, bar := range h.Distribution() {
		if bar.Count > 0 {
			b = binary.AppendUvarint(b, uint64(i-next))
			b = binary.AppendUvarint(b, uint64(bar.Count))
			next = i + 1
		}
	}
	return b
}

// DecodeHist is the inverse of EncodeHist. It rejects malformed input
// (including counts beyond the geometry or summing past math.MaxInt64) and
// returns an error wrapping errGeometry for a histogram of another geometry.
func DecodeHist(b []byte) (*hdrhistogram.Histogram, error) {
	r, err := histHeader(b)
	if err != nil {
		return nil, err
	}
	counts, err := r.counts()
	if err != nil {
		return nil, err
	}
	s := &hdrhistogram.Snapshot{LowestTrackableValue: stats.LowestUS, HighestTrackableValue: stats.HighestUS,
		SignificantFigures: stats.SigFigs, Counts: counts}
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("gust_hdr: %w", err)
	}
	return hdrhistogram.Import(s), nil
}

// uvarints reads unsigned varints, keeping the first error.
type uvarints struct {
	b   []byte
	err error
}

func (r *uvarints) next() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b)
	if n <= 0 {
		r.err = errors.New("gust_hdr: truncated or overlong varint")
		return 0
	}
	r.b = r.b[n:]
	return v
}

// counts reads the (gap, count) pairs into a counts array that ends at the
// last non-empty bucket (Import zeroes the rest).
func (r *uvarints) counts() ([]int64, error) {
	limit := histCountsLen()
	var counts []int64
	for len(r.b) > 0 {
		gap, n := r.next(), r.next()
		if r.err != nil {
			return nil, r.err
		}
		if gap >= uint64(limit-len(counts)) || n == 0 || n > math.MaxInt64 {
			return nil, errors.New("gust_hdr: bucket out of range or empty")
		}
		counts = append(counts, make([]int64, gap)...)
		counts = append(counts, int64(n))
	}
	return counts, nil
}

// histCountsLen is the number of buckets of gust's geometry.
var histCountsLen = sync.OnceValue(func() int { return len(stats.NewHistogram().Export().Counts) })
