package runner

import (
	"context"
	"sync"
	"sync/atomic"
	"time"
)

// arrival is the state of one arrival-rate test: its schedule, the backlog
// the pool takes iterations from, and its counts.
type arrival struct {
	sched      Schedule
	start      time.Time
	first      int64 // the first iteration to hand out (ArrivalOptions.Begin)
	users, max int
	backlog    chan Iteration // iterations for the pool; users receive from it
	idle       atomic.Int64   // users waiting in next
	starting   atomic.Int64   // users started without an iteration that have not asked for one yet

	due, started, dropped, late atomic.Int64
	lag, maxLag                 atomic.Int64 // nanoseconds
	stopped                     atomic.Int64 // Unix nanoseconds when the schedule stopped; 0 while running

	mu      sync.Mutex
	running int64         // iterations handed out (or waiting) and not yet finished
	ended   bool          // the schedule has no more iterations
	drained chan struct{} // closed once ended and running is 0
}

func newArrival(s Schedule, o ArrivalOptions) *arrival {
	size := max(o.MaxUsers, o.Users, 1)
	begin := max(o.Begin, 0)
	return &arrival{sched: s, start: time.Now().Add(-begin), first: firstFrom(s, begin), users: max(o.Users, 0),
		max: size, backlog: make(chan Iteration, size*BacklogPerUser), drained: make(chan struct{})}
}

// open counts an iteration the scheduler is handing out.
func (a *arrival) open() {
	a.due.Add(1)
	a.mu.Lock()
	a.running++
	a.mu.Unlock()
}

// finish counts an iteration that ended, or was dropped.
func (a *arrival) finish() {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.running--
	if a.ended && a.running == 0 {
		close(a.drained)
	}
}

// drop counts an iteration that could not be handed out.
func (a *arrival) drop() {
	a.dropped.Add(1)
	a.finish()
}

// offer puts it in the backlog unless the backlog is full.
func (a *arrival) offer(it Iteration) bool {
	select {
	case a.backlog <- it:
		return true
	default:
		return false
	}
}

// drain waits, once the schedule has ended, until every iteration handed
// out has finished (true) or ctx ends (false).
func (a *arrival) drain(ctx context.Context) bool {
	a.mu.Lock()
	a.ended = true
	if a.running == 0 {
		close(a.drained)
	}
	a.mu.Unlock()
	select {
	case <-a.drained:
		return true
	case <-ctx.Done():
		return false
	}
}

// stop marks the end of the schedule, for the rates in stats, and drops
// the iterations still waiting for a user: they will never start, and
// due = started + dropped must hold once the test is over.
func (a *arrival) stop() {
	a.stopped.Store(time.Now().UnixNano())
	for {
		select {
		case <-a.backlog:
			a.drop()
		default:
			return
		}
	}
}

// begin counts an iteration a user starts now.
func (a *arrival) begin(it Iteration) {
	lag := max(time.Since(it.Due), 0)
	a.started.Add(1)
	a.lag.Store(int64(lag))
	if lag > LateAfter {
		a.late.Add(1)
	}
	for {
		m := a.maxLag.Load()
		if int64(lag) <= m || a.maxLag.CompareAndSwap(m, int64(lag)) {
			return
		}
	}
}

func (a *arrival) stats(users int) ArrivalStats {
	end := time.Now()
	if ns := a.stopped.Load(); ns != 0 {
		end = time.Unix(0, ns)
	}
	el := max(end.Sub(a.start), 0)
	return ArrivalStats{Elapsed: el, Requested: a.sched.Iterations(el), Due: a.due.Load(),
		Started: a.started.Load(), Dropped: a.dropped.Load(), Late: a.late.Load(),
		Lag: time.Duration(a.lag.Load()), MaxLag: time.Duration(a.maxLag.Load()), Users: users, MaxUsers: a.max}
}

// user returns the RunFunc of a user of the pool that runs iterate, with
// first (if not nil) as its first iteration.
func (a *arrival) user(iterate IterateFunc, first *Iteration) RunFunc {
	return func(ctx context.Context, stopping <-chan struct{}, id, index int) {
		src := &source{a: a, first: first, stopping: stopping, starting: first == nil}
		defer src.release()
		defer src.ready() // a user that ends in OnStart is not starting any more
		defer src.abandon()
		iterate(ctx, stopping, id, index, src.next)
	}
}

// source is one user's view of the schedule: its NextFunc.
type source struct {
	a        *arrival
	first    *Iteration
	stopping <-chan struct{}
	held     bool // an iteration was handed out and has not finished
	starting bool // counted in arrival.starting
}

// next finishes the previous iteration and waits for the next one.
func (s *source) next() (Iteration, bool) {
	s.release()
	s.ready()
	if s.first != nil {
		it := *s.first
		s.first = nil
		return s.take(it), true
	}
	select {
	case <-s.stopping:
		return Iteration{}, false
	default:
	}
	s.a.idle.Add(1)
	defer s.a.idle.Add(-1)
	select {
	case it := <-s.a.backlog:
		return s.take(it), true
	case <-s.stopping:
		return Iteration{}, false
	}
}

func (s *source) take(it Iteration) Iteration {
	s.held = true
	s.a.begin(it)
	return it
}

// ready counts a user started first as ready for iterations.
func (s *source) ready() {
	if s.starting {
		s.starting = false
		s.a.starting.Add(-1)
	}
}

// abandon drops the first iteration of a user that ended before asking for
// it (StopUser in OnStart): it never started, and the schedule must not
// wait for it.
func (s *source) abandon() {
	if s.first != nil {
		s.first = nil
		s.a.drop()
	}
}

// release finishes the iteration held, if any.
func (s *source) release() {
	if s.held {
		s.held = false
		s.a.finish()
	}
}
