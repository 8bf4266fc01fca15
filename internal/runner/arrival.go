package runner

import (
	"context"
	"fmt"
	"time"
)

// The open model: iterations start at the rate a schedule asks for, whatever
// the target's speed, on a pool of users that grows as needed (see
// StartArrival). The pool's side is in pool.go.

// LateAfter is how much later than it was due an iteration may start and
// still count as on time: more than the jitter of timers and goroutine
// scheduling on a busy machine, far less than any lag worth a warning.
const LateAfter = 10 * time.Millisecond

// BacklogPerUser is how many iterations per user of the pool's cap may wait
// for a free user once the pool is full; iterations past that are dropped.
const BacklogPerUser = 10

// Iteration is one run of a task that an arrival-rate test hands to a user.
type Iteration struct {
	N   int64     // its number in the schedule, from 0
	Due time.Time // when the schedule wanted it to start: the intended start
}

// NextFunc blocks until the user's next iteration, and reports false when
// the user should end instead. Calling it again says that the previous
// iteration has finished.
type NextFunc func() (Iteration, bool)

// IterateFunc runs one user of an arrival-rate test: whatever it does once
// (log in), then one task for each iteration next gives it, until next says
// to stop. The other arguments are those of RunFunc.
type IterateFunc func(ctx context.Context, stopping <-chan struct{}, id, index int, next NextFunc)

// Schedule says when iterations are due: shape.RateStages is one.
type Schedule interface {
	// Due is when iteration n (from 0) is due, from the start of the test;
	// ok=false when the schedule ends first.
	Due(n int64) (at time.Duration, ok bool)
	// Iterations is how many iterations are due in the first elapsed.
	Iterations(elapsed time.Duration) float64
	// Total is how long the schedule lasts.
	Total() time.Duration
}

// ArrivalOptions size the pool of users of an arrival-rate test.
type ArrivalOptions struct {
	// Users start at once, before the first iteration is due (the pool's
	// initial size); more start as iterations find every user busy.
	Users int
	// MaxUsers caps the pool; it counts as at least Users and at least 1.
	MaxUsers int
	// Begin starts the schedule part-way: the test's start is Begin ago,
	// and the iterations due before now are skipped, not counted (a worker
	// that joins a distributed arrival-rate test already running).
	Begin time.Duration
}

// ArrivalStats is how an arrival-rate test keeps its schedule.
type ArrivalStats struct {
	Elapsed   time.Duration // from the start until now, or until the schedule stopped
	Requested float64       // iterations the schedule asked for in Elapsed
	Due       int64         // iterations the scheduler handled: started, waiting or dropped
	Started   int64         // iterations a user started
	// Dropped is the iterations that never started: the pool and the
	// backlog were full, they were still waiting when the schedule stopped,
	// or the user started for one ended before taking it. Once the schedule
	// has stopped and the pool has ended, Due = Started + Dropped.
	Dropped  int64
	Late     int64         // iterations that started more than LateAfter after they were due
	Lag      time.Duration // how late the latest iteration started
	MaxLag   time.Duration // the most any iteration was late
	Users    int           // users in the pool
	MaxUsers int           // the pool's cap
}

// StartArrival runs an arrival-rate test: iteration n is due at the start
// plus s.Due(n), and at that moment it goes to an idle user of the pool; if
// none is idle, a new user starts for it (up to opts.MaxUsers, the kinds
// taking turns by weight); if the pool is full, it waits in a backlog of
// BacklogPerUser iterations per user of the cap for the next user to finish;
// if that is full too, it is dropped. A user that starts an iteration late
// says so in ArrivalStats, and the iteration carries its due time, so that
// its latency can be measured from it. Every kind needs an Iterate function.
//
// When s ends (at its Total), and the pool has finished the iterations
// started or waiting, done is called on the scheduler's goroutine (which must not wait for Stop).
// Stop and Kill end the schedule without calling done. A shape or arrival
// rate already running is replaced.
func (r *Runner) StartArrival(s Schedule, opts ArrivalOptions, done func()) error {
	for _, k := range r.kinds {
		if k.Iterate == nil {
			return fmt.Errorf("gust: user kind %q cannot run an arrival rate: it has no Iterate function", k.Name)
		}
	}
	ctx := r.startModel()
	r.stopRamp()
	a := newArrival(s, opts)
	r.mu.Lock()
	r.arrival, r.state = a, Running
	for range a.users {
		r.grow(a, nil)
	}
	r.mu.Unlock()
	go func() {
		defer r.modelWG.Done()
		defer a.stop()
		if r.schedule(ctx, a) && done != nil {
			done()
		}
	}()
	return nil
}

// schedule hands out iterations as they fall due until the schedule ends
// and the pool has finished them (true), or until ctx ends (false).
func (r *Runner) schedule(ctx context.Context, a *arrival) bool {
	var w waiter
	defer w.stop()
	for k := a.first; ; k++ {
		n, at, ok := locate(a.sched, k)
		if !ok {
			return w.until(ctx, a.start.Add(a.sched.Total())) && a.drain(ctx)
		}
		due := a.start.Add(at)
		if !w.until(ctx, due) {
			return false
		}
		r.dispatch(a, Iteration{N: n, Due: due})
	}
}

// locate is when iteration k of s is due and its number in the schedule:
// k itself, or for a worker's part of a shared schedule the global number.
func locate(s Schedule, k int64) (n int64, at time.Duration, ok bool) {
	if p, isPart := s.(*Partitioned); isPart {
		return p.locate(k)
	}
	at, ok = s.Due(k)
	return k, at, ok
}

// firstFrom is the first iteration of s due at or after begin.
func firstFrom(s Schedule, begin time.Duration) int64 {
	before := func(k int64) bool { at, ok := s.Due(k); return ok && at < begin }
	if begin <= 0 || !before(0) {
		return 0
	}
	hi := int64(1)
	for before(hi) {
		hi *= 2
	}
	lo := hi / 2 // before(lo) holds, before(hi) does not
	for hi-lo > 1 {
		if mid := lo + (hi-lo)/2; before(mid) {
			lo = mid
		} else {
			hi = mid
		}
	}
	return hi
}

// dispatch gives it to an idle user (or one started first and not yet
// ready), or a new one, or the backlog, or drops it.
func (r *Runner) dispatch(a *arrival, it Iteration) {
	a.open()
	if a.idle.Load()+a.starting.Load() > int64(len(a.backlog)) && a.offer(it) {
		return
	}
	r.mu.Lock()
	grown := r.grow(a, &it)
	r.mu.Unlock()
	if grown || a.offer(it) {
		return
	}
	a.drop()
}

// grow starts a user of the pool, with first as its first iteration (or
// none), unless the pool is full; it reports whether it did. r.mu is held.
func (r *Runner) grow(a *arrival, first *Iteration) bool {
	total := 0
	for k := range r.kinds {
		total += len(r.live[k])
	}
	if total >= a.max || r.state != Running {
		return false
	}
	k := r.order.at(total)
	if k < 0 {
		return false // only fixed-count kinds, all full
	}
	if first == nil {
		a.starting.Add(1)
	}
	r.startUser(k, a.user(r.kinds[k].Iterate, first))
	return true
}

// Arrival returns how the arrival-rate test running (or last run) keeps its
// schedule; ok=false when the runner has run none.
func (r *Runner) Arrival() (stats ArrivalStats, ok bool) {
	r.mu.Lock()
	a := r.arrival
	r.mu.Unlock()
	if a == nil {
		return ArrivalStats{}, false
	}
	users, _ := r.Users()
	return a.stats(users), true
}
