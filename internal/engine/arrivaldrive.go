package engine

import (
	"context"

	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/shape"
)

// arrivalDriver is a Driver that runs an arrival rate on other processes
// (a master's gust workers) and sums how they keep it.
type arrivalDriver interface {
	StartArrival(rate shape.RateStages, opts runner.ArrivalOptions)
	Arrival() (runner.ArrivalStats, bool)
	// ArrivalEnded waits until the schedule has ended and the workers have
	// finished its iterations (true), or ctx ends or the test stops (false).
	ArrivalEnded(ctx context.Context) bool
}

// driveArrival starts the arrival rate on the Driver and stops the test
// when its schedule has ended, as modelEnded does for the runner's; a stop
// ends the wait (stopTest). e.mu is held.
func (e *Engine) driveArrival(users int) {
	d, ok := e.drv.(arrivalDriver)
	if !ok {
		e.log().Error("cannot run the arrival rate: these workers cannot run one")
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	e.shapeStop = cancel
	d.StartArrival(e.opts.ArrivalRate, runner.ArrivalOptions{Users: users, MaxUsers: e.opts.MaxUsers})
	go func() {
		if d.ArrivalEnded(ctx) {
			e.modelEnded()
		}
	}()
}

// arrivalStats is how the arrival-rate test keeps its schedule: the
// Driver's sum over its workers, or the engine's runner's.
func (e *Engine) arrivalStats() (runner.ArrivalStats, bool) {
	if d, ok := e.drv.(arrivalDriver); ok {
		return d.Arrival()
	}
	return e.runner.Arrival()
}
