package stats

import (
	"runtime"
	"strings"
	"sync"
)

const (
	// maxShards bounds the number of shards whatever GOMAXPROCS is.
	maxShards = 64
	// bufSize is how many response times a shard buffers per entry before
	// it takes the entry's lock to put them into the histograms.
	bufSize = 256
	// shardSeconds is the length of a shard's ring of per-second counts. The
	// ring is emptied at every Tick, so a few slots are enough; a second that
	// would overwrite an unfolded one makes the shard fold first.
	shardSeconds = 8
)

// shardCount is the number of shards for the current GOMAXPROCS: the power of
// two at or above twice it, at most maxShards.
func shardCount() int {
	n := 2
	for n < 2*runtime.GOMAXPROCS(0) && n < maxShards {
		n <<= 1
	}
	return n
}

// shard is one of the recorder's independently locked parts. Its counters
// hold what was recorded since the last fold into the shared entries.
type shard struct {
	mu       sync.Mutex
	counters map[Key]*counters
	errs     map[errKey]*errCount
	_        [64]byte // keep neighbouring shards' locks off this cache line
}

func (sh *shard) init() {
	sh.counters = make(map[Key]*counters)
	sh.errs = make(map[errKey]*errCount)
}

// counters is one entry's share of one shard.
type counters struct {
	entry, total *entry
	t            tally
	secs         [shardSeconds]secCount
	n            int
	buf          [bufSize]uint32 // response times in microseconds, clamped to HighestUS
	// corr buffers corrected response times like buf; it exists only once
	// a corrected sample arrives, and holds at most as many as buf.
	corr *[bufSize]uint32
	nc   int
}

// add counts one sample that ended at end (Unix nanoseconds). The shard's lock
// is held.
func (c *counters) add(s *Sample, end int64) {
	if s.Interrupted {
		c.t.interrupted++
		return
	}
	d := max(int64(s.Duration), 0)
	failed := s.Err != ""
	c.addSecond(end/1e9, failed) // first: it may fold what came before
	c.t.add(d, s.NoTime, failed, s.Size, end)
	if s.NoTime {
		return
	}
	c.buf[c.n] = micros(d)
	c.n++
	if s.Corrected > 0 {
		c.addCorrected(int64(s.Corrected))
	}
	if c.n == bufSize {
		c.flush()
	}
}

// micros is d nanoseconds in whole microseconds, rounded and clamped to
// HighestUS, as the buffers hold them.
func micros(d int64) uint32 {
	return uint32((min(d, HighestUS*1000) + 500) / 1000)
}

// addCorrected buffers one corrected response time (nanoseconds).
func (c *counters) addCorrected(d int64) {
	if c.corr == nil {
		c.corr = new([bufSize]uint32)
	}
	c.corr[c.nc] = micros(d)
	c.nc++
	c.t.cmax = max(c.t.cmax, d)
}

// addSecond counts one request in the ring slot of Unix second sec.
func (c *counters) addSecond(sec int64, failed bool) {
	slot := &c.secs[sec&(shardSeconds-1)]
	if slot.sec != sec {
		if slot.req != 0 {
			c.flush() // the slot holds another second: fold it first
		}
		slot.sec = sec
	}
	slot.req++
	if failed {
		slot.fail++
	}
}

// flush folds the counters into the shared entry and the total, and clears
// them. The shard's lock is held.
func (c *counters) flush() {
	if c.t.requests == 0 && c.t.interrupted == 0 {
		return
	}
	us := c.buf[:c.n]
	var cus []uint32
	if c.corr != nil {
		cus = c.corr[:c.nc]
	}
	c.entry.absorb(&c.t, c.secs[:], us, cus)
	if c.total != nil {
		c.total.absorb(&c.t, c.secs[:], us, cus)
	}
	c.t, c.secs, c.n, c.nc = tally{}, [shardSeconds]secCount{}, 0, 0
}

// addError counts one failure of kind k. Past MaxErrors distinct kinds in this
// shard, failures count into the other-errors row. raw is the failure's own
// text, kept as the example of its kind when Normalize changed it.
func (sh *shard) addError(k errKey, raw string, end int64) {
	a := sh.errs[k]
	if a == nil {
		if len(sh.errs) >= MaxErrors {
			k = otherErrKey
			a = sh.errs[k]
		}
		if a == nil {
			a = new(errCount)
			sh.errs[k] = a
		}
	}
	if a.n == 0 && raw != k.Err && k != otherErrKey { // the first since the last fold
		a.example = clip(raw)
	}
	a.add(1, end, end)
}

// MaxExample is the most of a failure's own text kept as the example of
// its kind.
const MaxExample = 2000

// clip cuts text to MaxExample bytes.
func clip(text string) string {
	if len(text) <= MaxExample {
		return text
	}
	return strings.ToValidUTF8(text[:MaxExample], "") + "…"
}

// foldErrors moves the shard's failure counts into t. It keeps the kinds
// (zeroed) so a recurring failure does not allocate again, unless there are
// many of them.
func (sh *shard) foldErrors(t *errorTable) {
	for k, a := range sh.errs {
		if a.n > 0 {
			t.add(k, *a)
			*a = errCount{}
		}
	}
	if len(sh.errs) >= MaxErrors {
		clear(sh.errs)
	}
}
