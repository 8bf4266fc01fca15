package stats

import "time"

// tally is the scalar part of an entry's statistics. Its zero value is empty,
// so a shard can clear one by assignment.
type tally struct {
	requests  int64
	failures  int64
	noTime    int64
	totalTime int64 // nanoseconds
	min       int64 // nanoseconds, meaningful only when timed() > 0
	max       int64 // nanoseconds
	size      int64
	first     int64 // Unix nanoseconds of the earliest end, 0 when empty
	last      int64 // Unix nanoseconds of the latest end
	cmax      int64 // nanoseconds: the largest corrected response time, 0 when none
	// interrupted counts requests cut short by the end of the test; they
	// are in none of the fields above.
	interrupted int64
}

func (t *tally) timed() int64 { return t.requests - t.noTime }

// add counts one request of duration d (nanoseconds) that ended at end.
func (t *tally) add(d int64, noTime, failed bool, size, end int64) {
	if noTime {
		t.noTime++
	} else {
		if t.timed() == 0 || d < t.min {
			t.min = d
		}
		t.max = max(t.max, d)
		t.totalTime += d
	}
	t.requests++
	if failed {
		t.failures++
	}
	t.size += size
	t.stamp(end, end)
}

// stamp widens the first..last span to include first and last (0 = unknown).
func (t *tally) stamp(first, last int64) {
	if first != 0 && (t.first == 0 || first < t.first) {
		t.first = first
	}
	t.last = max(t.last, last)
}

// merge adds o into t.
func (t *tally) merge(o *tally) {
	if o.timed() > 0 {
		if t.timed() == 0 || o.min < t.min {
			t.min = o.min
		}
		t.max = max(t.max, o.max)
	}
	t.requests += o.requests
	t.failures += o.failures
	t.noTime += o.noTime
	t.totalTime += o.totalTime
	t.size += o.size
	t.cmax = max(t.cmax, o.cmax)
	t.interrupted += o.interrupted
	t.stamp(o.first, o.last)
}

// fill copies the tally into the scalar fields of out.
func (t *tally) fill(out *Entry) {
	out.Requests = t.requests
	out.Failures = t.failures
	out.NoTime = t.noTime
	out.TotalTime = time.Duration(t.totalTime)
	if t.timed() > 0 {
		out.Min = time.Duration(t.min)
		out.Max = time.Duration(t.max)
	}
	out.ContentLength = t.size
	out.CorrectedMax = time.Duration(t.cmax)
	out.Interrupted = t.interrupted
	out.First = fromNanos(t.first)
	out.Last = fromNanos(t.last)
}

// tallyOf is the inverse of fill, for merging a delta.
func tallyOf(e *Entry) tally {
	return tally{
		requests:    e.Requests,
		failures:    e.Failures,
		noTime:      e.NoTime,
		totalTime:   int64(e.TotalTime),
		min:         int64(e.Min),
		max:         int64(e.Max),
		size:        e.ContentLength,
		cmax:        int64(e.CorrectedMax),
		interrupted: e.Interrupted,
		first:       toNanos(e.First),
		last:        toNanos(e.Last),
	}
}

func fromNanos(ns int64) time.Time {
	if ns == 0 {
		return time.Time{}
	}
	return time.Unix(0, ns)
}

func toNanos(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixNano()
}

// secCount is one slot of a ring of per-second counts.
type secCount struct {
	sec, req, fail int64
}

// addSecond adds counts for Unix second sec into a ring whose length is a
// power of two. A slot holding an older second is taken over; counts for a
// second older than the slot's are dropped (the ring keeps only the newest).
func addSecond(ring []secCount, sec, req, fail int64) {
	s := &ring[sec&int64(len(ring)-1)]
	switch {
	case s.sec == sec:
	case s.sec < sec || s.req|s.fail == 0:
		*s = secCount{sec: sec}
	default:
		return
	}
	s.req += req
	s.fail += fail
}

// secondsOf returns the ring's non-empty slots at or after Unix second since.
func secondsOf(ring []secCount, since int64) map[int64]Count {
	m := make(map[int64]Count, len(ring))
	for _, s := range ring {
		if s.req|s.fail != 0 && s.sec >= since {
			m[s.sec] = Count{Requests: s.req, Failures: s.fail}
		}
	}
	return m
}
