package gust

import (
	"time"

	"github.com/gustload/gust/internal/runner"
)

// Coordinated omission: a user that waits for a slow response sends its next
// request late, so the requests it would have sent meanwhile are never
// timed, and the stall hides. Tasks that have an intended start (an
// iteration of an arrival rate, or a task of a paced user) also time their
// requests from that start: see Session.record and stats.Sample.Corrected.

// iterations runs one task for each iteration next hands out, marking each
// with how late it started, until next says to stop or a task calls
// StopUser.
func (k *kind) iterations(s *Session, next runner.NextFunc) {
	for i := 0; ; i++ {
		it, ok := next()
		if !ok {
			return
		}
		s.scheduled, s.late = true, max(time.Since(it.Due), 0)
		if !k.call(s, k.pick(s.rnd, i).Run) {
			return
		}
	}
}

// pacer keeps the schedule of a user whose wait is a Pacing (ConstantPacing,
// ConstantThroughput): task n is due Interval after task n-1 was due, the
// first when it starts. A task that starts late is marked with how late, and
// the user waits only until its next task is due, so after a slow task it
// runs the tasks it owes at once until it is back on schedule, as wrk2 does.
// A nil pacer (any other wait) keeps no schedule.
type pacer struct {
	interval time.Duration
	due      time.Time // when the next task is due; zero before the first
}

// newPacer returns the pacer of wait, or nil if wait does not pace.
func newPacer(wait Wait) *pacer {
	if p, ok := wait.(Pacing); ok && p.Interval > 0 {
		return &pacer{interval: p.Interval}
	}
	return nil
}

// begin marks the task s starts at now with how late it is.
func (p *pacer) begin(s *Session, now time.Time) {
	if p == nil {
		return
	}
	if p.due.IsZero() {
		p.due = now
	}
	s.scheduled, s.late = true, max(now.Sub(p.due), 0)
	p.due = p.due.Add(p.interval)
}

// wait is how long to wait after a task: until the next one is due, or the
// wait's own answer when there is no schedule.
func (p *pacer) wait(d time.Duration) time.Duration {
	if p == nil {
		return d
	}
	return time.Until(p.due)
}
