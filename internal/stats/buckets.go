package stats

import (
	"math"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// bucket is one non-empty bucket of a histogram: a value it holds and how
// many values it holds.
type bucket struct {
	v, n int64
}

// bucketsOf lists the non-empty buckets of h. Recording them into another
// histogram is what hdrhistogram's Merge does, but Merge walks every bucket
// of h's range one value at a time, which for a 1 us..1 h histogram with one
// slow request costs hundreds of microseconds; a copy of the counts and a
// scan take a few dozen.
func bucketsOf(h *hdrhistogram.Histogram) []bucket {
	if h == nil || h.TotalCount() == 0 {
		return nil
	}
	g := geometryOf(h)
	var out []bucket
	for i, n := range h.Export().Counts {
		if n != 0 {
			out = append(out, bucket{v: g.value(i), n: n})
		}
	}
	return out
}

// record adds the buckets into h, clamping values past HighestUS as Record
// does (a delta from elsewhere may have a wider range).
func record(h *hdrhistogram.Histogram, bs []bucket) {
	for _, b := range bs {
		_ = h.RecordValues(min(b.v, HighestUS), b.n)
	}
}

// geometry is the part of a histogram's layout that maps a position in its
// counts to the lowest value of that bucket, computed as hdrhistogram does.
type geometry struct {
	halfMag  uint  // log2 of half the sub-buckets per bucket
	unitMag  uint  // log2 of the lowest discernible value
	halfMask int64 // half the sub-buckets, minus one
}

func geometryOf(h *hdrhistogram.Histogram) geometry {
	largest := 2 * math.Pow10(int(h.SignificantFigures()))
	subMag := max(int(math.Ceil(math.Log2(largest))), 1)
	unit := max(int(math.Floor(math.Log2(float64(h.LowestTrackableValue())))), 0)
	return geometry{halfMag: uint(subMag - 1), unitMag: uint(unit), halfMask: 1<<(subMag-1) - 1}
}

// value is the lowest value of the bucket at position i of the counts.
func (g geometry) value(i int) int64 {
	half := g.halfMask + 1
	bucketIdx := int64(i)>>g.halfMag - 1
	sub := int64(i)&g.halfMask + half
	if bucketIdx < 0 {
		sub -= half
		bucketIdx = 0
	}
	return sub << (uint(bucketIdx) + g.unitMag)
}
