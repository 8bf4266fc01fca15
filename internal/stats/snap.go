package stats

import (
	"maps"
	"time"
)

// Tick is called once a second with the running users: it rotates the
// current windows when a WindowSlot has passed, appends a history point and
// returns a cumulative snapshot.
func (r *Recorder) Tick(now time.Time, users int, kinds map[string]int) *Snapshot {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.users, r.kinds = users, maps.Clone(kinds)
	s := r.capture(func() (*Snapshot, []*entry) {
		r.rotate(now)
		return r.cumulative(now)
	})
	if users == 0 {
		markNoUsers(s)
	}
	r.hist.add(pointOf(now, users, s.Total))
	r.finish(s)
	return s
}

// Snapshot returns a cumulative snapshot at now without rotating windows or
// adding history, for the final summary.
func (r *Recorder) Snapshot(now time.Time) *Snapshot {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.capture(func() (*Snapshot, []*entry) { return r.cumulative(now) })
	r.finish(s)
	return s
}

// Drain returns a worker's delta (everything recorded or merged since the
// last Drain, every second of it in Entry.Seconds, no Window, no History)
// and clears entries, errors and exceptions, as Locust's workers do after each
// report. Start is when the previous delta ended. History and the start of
// the cumulative statistics are left alone.
func (r *Recorder) Drain(now time.Time) *Snapshot {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.capture(func() (*Snapshot, []*entry) { return r.delta(now) })
	SortEntries(s.Entries)
	s.Errors, s.Exceptions = r.errors.list(), r.excs.list()
	r.errors, r.excs, r.drained = errorTable{}, excTable{}, now
	return s
}

// capture is the sequence every snapshot shares: with every shard stopped,
// fold the shards into the shared state and let get take the snapshot out
// (get also returns the entries it found busy); then, the shards running
// again, give the busy entries their own histograms back. mu is held.
func (r *Recorder) capture(get func() (*Snapshot, []*entry)) *Snapshot {
	r.lockShards()
	r.fold()
	s, busy := get()
	r.unlockShards()
	unshare(busy)
	return s
}

// fold moves every shard's counters and failures into the shared state.
// mu and every shard are held.
func (r *Recorder) fold() {
	for i := range r.shards {
		sh := &r.shards[i]
		for _, c := range sh.counters {
			c.flush()
		}
		sh.foldErrors(&r.errors)
	}
}

// rotate advances the current windows of every entry once a WindowSlot has
// passed since the last rotation. mu and every shard are held.
func (r *Recorder) rotate(now time.Time) {
	el := now.Sub(r.rotated)
	if el < 0 {
		r.rotated = now // the clock went back: start counting again
	}
	if el < WindowSlot {
		return
	}
	steps := int(min(el/WindowSlot, 2))
	list, total := r.registered()
	for _, e := range list {
		e.rotate(steps)
	}
	total.rotate(steps)
	r.rotated = now
}

// registered returns the entries and the total.
func (r *Recorder) registered() ([]*entry, *entry) {
	r.reg.Lock()
	defer r.reg.Unlock()
	return r.list[:len(r.list):len(r.list)], r.total
}

// cumulative takes the entries and the total out; it also returns the busy
// ones, for unshare. mu and every shard are held, so the total is exactly the
// sum of the entries.
func (r *Recorder) cumulative(now time.Time) (*Snapshot, []*entry) {
	since := now.Unix() - RecentSeconds
	s := &Snapshot{Time: now, Start: r.start, Users: r.users, UserKinds: r.kinds}
	var busy []*entry
	s.Entries, s.Total, busy = r.collect(func(e *entry) (*Entry, bool) { return e.snapshot(since) })
	lagRates(s, r.rateLag)
	return s, busy
}

// delta is cumulative for Drain: it takes everything out and clears it.
func (r *Recorder) delta(now time.Time) (*Snapshot, []*entry) {
	s := &Snapshot{Time: now, Start: r.drained, Users: r.users, UserKinds: r.kinds}
	var busy []*entry
	s.Entries, s.Total, busy = r.collect((*entry).take)
	return s, busy
}

// collect applies get to every entry that counted something and to the
// total, and lists the entries get found busy. mu and every shard are held.
func (r *Recorder) collect(get func(*entry) (*Entry, bool)) (es []*Entry, total *Entry, busy []*entry) {
	list, t := r.registered()
	add := func(e *entry) *Entry {
		out, b := get(e)
		if b {
			busy = append(busy, e)
		}
		return out
	}
	for _, e := range list {
		if !e.empty() {
			es = append(es, add(e))
		}
	}
	return es, add(t), busy
}

// unshare gives the busy entries their own histograms again, outside the
// stop of every shard.
func unshare(busy []*entry) {
	for _, e := range busy {
		e.unshare()
	}
}

// finish adds what needs only mu: order, failures, exceptions and history.
func (r *Recorder) finish(s *Snapshot) {
	SortEntries(s.Entries)
	s.Errors, s.Exceptions = r.errors.list(), r.excs.list()
	s.History = r.hist.view()
}
