package stats

import (
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// Internals that the black-box tests check for bounded memory.

// ShardCount is the number of shards.
func (r *Recorder) ShardCount() int { return len(r.shards) }

// Footprint counts the recorder's variable-size parts.
type Footprint struct {
	Counters     int // per-shard per-entry counters
	Buffered     int // response times waiting in shard buffers
	ShardErrors  int // failure kinds held by shards
	Entries      int // registered entries
	ErrorRows    int // rows of the failure table
	HistoryLen   int // history points
	HistoryCap   int // capacity of the history's array
	HistCounts   int // total length of the count arrays of every histogram
	ExceptionRow int // rows of the exception table
}

// Footprint measures the recorder.
func (r *Recorder) Footprint() Footprint {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.lockShards()
	defer r.unlockShards()
	var f Footprint
	for i := range r.shards {
		sh := &r.shards[i]
		f.Counters += len(sh.counters)
		f.ShardErrors += len(sh.errs)
		for _, c := range sh.counters {
			f.Buffered += c.n
		}
	}
	list, total := r.registered()
	f.Entries = len(list)
	for _, e := range append(list, total) {
		f.HistCounts += histLen(e)
	}
	f.ErrorRows, f.ExceptionRow = len(r.errors.rows), len(r.excs.rows)
	f.HistoryLen, f.HistoryCap = len(r.hist.points), cap(r.hist.points)
	return f
}

func histLen(e *entry) int {
	e.mu.Lock()
	defer e.mu.Unlock()
	n := 0
	for _, h := range []*hdrhistogram.Histogram{e.hist, e.cur, e.both, e.corr} {
		if h != nil {
			n += len(h.Export().Counts)
		}
	}
	return n
}

// StopFor does what Snapshot does while every shard is stopped, and returns
// how long that took: the pause that recording sees once a second.
func (r *Recorder) StopFor(now time.Time) time.Duration {
	r.mu.Lock()
	defer r.mu.Unlock()
	start := time.Now()
	r.lockShards()
	r.fold()
	_, busy := r.cumulative(now)
	r.unlockShards()
	d := time.Since(start)
	unshare(busy)
	return d
}
