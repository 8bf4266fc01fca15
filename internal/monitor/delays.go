package monitor

import (
	"math"
	"math/bits"
	"sync/atomic"
	"time"

	"github.com/gustload/gust/internal/percpu"
)

// receiveBuckets is how many buckets the receive delays fall in: four per
// doubling from 1 µs to about a day.
const receiveBuckets = 4 * 37

// receive counts, for the whole process, how long responses waited between
// their arrival (the kernel's receive time) and the moment the user's
// goroutine read them: the generator's own delay, which its response times
// leave out when the client knows the arrival time. Each processor counts
// in its own row (see percpu): one row for all would be a few cache lines
// that every core writes on every response.
var receive = make([]receiveRow, percpu.Slots(1, maxRows))

// maxRows bounds the rows of receive (about 1.2 KB each).
const maxRows = 256

// receiveRow is one processor's receive delays; the padding keeps the
// busiest buckets of neighbouring rows off each other's cache lines.
type receiveRow struct {
	counts [receiveBuckets]atomic.Uint64
	_      [64]byte
}

// ObserveReceive counts one response read d after it arrived. It is safe
// for concurrent use and does not allocate: the HTTP clients call it for
// every response whose arrival time they know.
func ObserveReceive(d time.Duration) {
	receive[percpu.Index()&(len(receive)-1)].counts[receiveBucket(d)].Add(1)
}

// receiveBucket is the bucket of d: 4·log2 of its microseconds, roughly.
func receiveBucket(d time.Duration) int {
	us := uint64(max(d/time.Microsecond, 0))
	if us < 4 {
		return int(us)
	}
	e := bits.Len64(us) - 1 // us is in [2^e, 2^(e+1))
	sub := int(us>>(e-2)) & 3
	return min(e*4+sub, receiveBuckets-1)
}

// receiveBound is the lower bound of bucket i, in seconds. Buckets 4 to 7
// stay empty: 4 µs and up start at bucket 8.
func receiveBound(i int) float64 {
	switch {
	case i < 4:
		return float64(i) * 1e-6
	case i < 8:
		return 4e-6
	}
	e, sub := i/4, i%4
	return float64(uint64(4+sub)<<(e-2)) * 1e-6
}

// receiveHistogram is a reading of the receive delays so far.
func receiveHistogram() Histogram {
	h := Histogram{Counts: make([]uint64, receiveBuckets), Buckets: make([]float64, receiveBuckets+1)}
	for r := range receive {
		for i := range receive[r].counts {
			h.Counts[i] += receive[r].counts[i].Load()
		}
	}
	for i := range h.Counts {
		h.Buckets[i] = receiveBound(i)
	}
	h.Buckets[receiveBuckets] = math.Inf(1)
	return h
}
