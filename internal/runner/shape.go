package runner

import (
	"context"
	"time"

	"github.com/gustload/gust/internal/shape"
)

// ShapeTick is how often a running load shape is asked for its target.
const ShapeTick = time.Second

// StartShape runs the test to a load shape (Locust's LoadTestShape, or
// --stages): it asks s for its target at once and then every ShapeTick,
// with the time elapsed since the start, and moves the users there with
// Start whenever the user count or the rate changes. A negative count counts
// as 0, and a rate that is not above 0 applies the count at once.
//
// When s answers ok=false the shape has ended: the loop returns and calls
// done on its own goroutine, so done must not wait for Stop (the runner
// keeps its users until told to stop). Stop and Kill end the loop without
// calling done. A shape or arrival rate already running is replaced.
func (r *Runner) StartShape(s shape.Shape, done func()) {
	ctx := r.startModel()
	go func() {
		defer r.modelWG.Done()
		if FollowShape(ctx, s, r.Start) && done != nil {
			done()
		}
	}()
}

// target is what a shape asks for.
type target struct {
	users int
	rate  float64
}

// FollowShape applies s's targets with start until s ends (true) or ctx
// does (false): the loop of StartShape, for anything that starts users,
// such as a master driving its workers.
func FollowShape(ctx context.Context, s shape.Shape, start func(users int, rate float64)) bool {
	var w waiter
	defer w.stop()
	began := time.Now()
	last := target{users: -1}
	for i := 0; ; i++ {
		if i > 0 && !w.until(ctx, began.Add(time.Duration(i)*ShapeTick)) {
			return false
		}
		users, rate, ok := s.Tick(time.Since(began))
		if !ok {
			return true
		}
		if !(rate > 0) {
			rate = 0 // NaN or negative from a shape written in Go: at once
		}
		if t := (target{max(users, 0), rate}); t != last {
			start(t.users, t.rate)
			last = t
		}
	}
}
