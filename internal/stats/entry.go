package stats

import (
	"sync"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// WindowSlot is how often Tick rotates the current windows. Entry.Window
// holds the samples of the slot in progress and of the slot before it, so it
// covers the last 5 to 10 s.
const WindowSlot = 5 * time.Second

// RecentSeconds is how many seconds back from the snapshot time a cumulative
// snapshot's Entry.Seconds reaches: more than CurrentWindow, and more than
// Locust's 12 s, so either way of computing the current rate has its data.
const RecentSeconds = 20

// entrySeconds is the length of an entry's ring of per-second counts: more
// than RecentSeconds, so a worker's report that lags a few seconds still
// lands, and enough for a delta drained every few seconds.
const entrySeconds = 32

// entry is the shared state of one (method, name) pair, or of the total. The
// shards fold their counters into it; snapshots are taken from it.
//
// Snapshots get the entry's histograms themselves, not copies: the entry
// marks them shared and, before it next records, replaces them with copies
// (copy on write). So taking a snapshot, which stops recording everywhere for
// a moment, costs no copying, and an entry that receives nothing between two
// snapshots is never copied at all.
type entry struct {
	key Key

	mu   sync.Mutex
	t    tally
	secs [entrySeconds]secCount
	hist *hdrhistogram.Histogram // whole run (since Reset or Drain)
	// The current window: cur collects the current WindowSlot, both holds
	// it and the slot before. Rotation makes cur the new both.
	cur, both *hdrhistogram.Histogram
	// corr holds the corrected response times of the whole run; nil until
	// the first corrected sample (see corrected.go).
	corr *hdrhistogram.Histogram
	// histShared, bothShared and corrShared say that a snapshot holds
	// hist, both or corr.
	histShared, bothShared, corrShared bool
	// recorded says that samples arrived since the last snapshot.
	recorded bool
}

func newEntry(k Key) *entry {
	return &entry{key: k}
}

// own makes the histograms exist and belong to the entry alone, ready to
// record into.
func (e *entry) own() {
	switch {
	case e.hist == nil:
		e.hist = NewHistogram()
	case e.histShared:
		e.hist = e.hist.Clone()
	}
	switch {
	case e.both == nil:
		e.both = NewWindowHistogram()
	case e.bothShared:
		e.both = e.both.Clone()
	}
	if e.cur == nil {
		e.cur = NewWindowHistogram()
	}
	if e.corrShared {
		e.corr = e.corr.Clone()
	}
	e.histShared, e.bothShared, e.corrShared = false, false, false
}

// absorb adds a shard's counters: scalars, per-second counts and buffered
// response times in microseconds, plain (us) and corrected (cus).
func (e *entry) absorb(t *tally, secs []secCount, us, cus []uint32) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.t.merge(t)
	for _, s := range secs {
		if s.req|s.fail != 0 {
			addSecond(e.secs[:], s.sec, s.req, s.fail)
		}
	}
	if len(us) == 0 {
		return
	}
	e.own()
	e.recorded = true
	for _, v := range us {
		// In range: clamped to HighestUS when buffered.
		_ = e.hist.RecordValue(int64(v))
		_ = e.cur.RecordValue(int64(v))
		_ = e.both.RecordValue(int64(v))
	}
	e.absorbCorrected(cus)
}

// mergeEntry adds a delta's entry, exactly as if its requests had been
// recorded here; bs and cbs are the non-empty buckets of d.Hist and
// d.Corrected.
func (e *entry) mergeEntry(d *Entry, bs, cbs []bucket) {
	e.mu.Lock()
	defer e.mu.Unlock()
	t := tallyOf(d)
	e.t.merge(&t)
	for s, c := range d.Seconds {
		addSecond(e.secs[:], s, c.Requests, c.Failures)
	}
	if len(bs) == 0 {
		return
	}
	e.own()
	e.recorded = true
	record(e.hist, bs)
	record(e.cur, bs)
	record(e.both, bs)
	e.mergeCorrected(cbs)
}

// rotate advances the current window by steps slots: after one, the window
// is the slot just ended; after two or more, it is empty.
func (e *entry) rotate(steps int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if steps == 1 && e.cur != nil {
		e.both, e.cur = e.cur, reuse(e.both, e.bothShared)
		e.bothShared = false
		return
	}
	e.cur = reuse(e.cur, false)
	if e.both != nil && e.both.TotalCount() > 0 {
		e.both, e.bothShared = reuse(e.both, e.bothShared), false
	}
}

// reuse returns h cleared for reuse, or nil (made again when needed) when a
// snapshot holds it.
func reuse(h *hdrhistogram.Histogram, shared bool) *hdrhistogram.Histogram {
	if h == nil || shared {
		return nil
	}
	h.Reset()
	return h
}

// empty reports whether nothing has been counted since the last Drain.
func (e *entry) empty() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.t.requests == 0 && e.t.failures == 0 && e.t.interrupted == 0
}

// snapshot returns the cumulative Entry, its per-second counts cut to the
// seconds at or after since. It hands out the histograms and marks them
// shared, so later recording never changes what it returned. busy says that
// samples arrived since the last snapshot, so more are likely.
func (e *entry) snapshot(since int64) (out *Entry, busy bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	busy, e.recorded = e.recorded, false
	out = &Entry{Key: e.key, Seconds: secondsOf(e.secs[:], since)}
	e.t.fill(out)
	if e.hist == nil {
		e.hist = NewHistogram()
	}
	if e.both == nil {
		e.both = NewWindowHistogram()
	}
	out.Hist, out.Window, out.Corrected = e.hist, e.both, e.corr
	e.histShared, e.bothShared, e.corrShared = true, true, e.corr != nil
	return out, busy
}

// unshare gives the entry its own copies of the histograms a snapshot (or a
// delta) took. The recorder calls it for busy entries once recording has
// resumed, so that the copying is not done while every shard is stopped.
func (e *entry) unshare() {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.hist == nil || e.histShared || e.bothShared || e.corrShared {
		e.own()
	}
}

// take returns everything counted since the last take as a delta Entry (every
// second kept, no Window) and clears the entry. The delta gets the entry's
// histogram itself; the entry makes a new one when it next needs one. busy is
// as for snapshot.
func (e *entry) take() (out *Entry, busy bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	busy = e.recorded
	out = &Entry{Key: e.key, Seconds: secondsOf(e.secs[:], 0)}
	e.t.fill(out)
	out.Hist, out.Corrected = e.hist, e.corr
	if out.Hist == nil {
		out.Hist = NewHistogram()
	}
	e.t, e.secs, e.hist, e.histShared, e.recorded = tally{}, [entrySeconds]secCount{}, nil, false, false
	e.corr, e.corrShared = nil, false
	e.cur = reuse(e.cur, false)
	e.both, e.bothShared = reuse(e.both, e.bothShared), false
	return out, busy
}
