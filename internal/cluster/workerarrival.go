package cluster

import (
	"context"
	"sync"
	"sync/atomic"

	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/runner"
)

// ArrivalUsers is what a worker needs of the local users to run its slot
// of a distributed arrival-rate test; *runner.Runner has it. Users that
// lack it cannot take part (the worker logs it).
type ArrivalUsers interface {
	StartArrival(s runner.Schedule, opts runner.ArrivalOptions, done func()) error
	Arrival() (runner.ArrivalStats, bool)
}

// workerArrival is a worker's state of the arrival-rate test it runs.
type workerArrival struct {
	mu   sync.Mutex
	part *runner.Partitioned // the schedule of the current test; nil for users
	done atomic.Bool         // the schedule ended and the pool finished
	kick chan struct{}       // asks for a report at once (buffered 1)
}

// partition returns the current test's schedule, or nil.
func (a *workerArrival) partition() *runner.Partitioned {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.part
}

func (a *workerArrival) set(p *runner.Partitioned) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.part = p
}

// finished is the runner's done: the schedule's end goes to the master in
// a report sent at once.
func (a *workerArrival) finished() {
	a.done.Store(true)
	select {
	case a.kick <- struct{}{}:
	default:
	}
}

// runArrival starts the worker's slot of an arrival-rate test, or, when
// the test already runs, moves to the new slot from its boundary without
// restarting the pool.
func (w *Worker) runArrival(spec wire.ArrivalSpec, fresh bool) {
	ar, ok := w.o.Users.(ArrivalUsers)
	if !ok {
		w.log.Error("cluster: the master runs an arrival rate, which these users cannot")
		return
	}
	if p := w.arr.partition(); p != nil && !fresh {
		from := p.Repartition(spec.RunnerSlot())
		w.log.Info("cluster: new arrival-rate slot", "slot", spec.Slot, "workers", spec.Workers, "from", from)
		return
	}
	sched, err := config.ParseArrivalRate(spec.Rate)
	if err != nil {
		w.log.Error("cluster: cannot read the master's arrival rate", "rate", spec.Rate, "error", err)
		return
	}
	p := runner.NewPartitioned(sched, spec.RunnerSlot())
	w.arr.done.Store(false)
	opts := runner.ArrivalOptions{Users: spec.Users, MaxUsers: spec.MaxUsers, Begin: spec.Elapsed}
	if err := ar.StartArrival(p, opts, w.arr.finished); err != nil {
		w.log.Error("cluster: cannot run the arrival rate", "error", err)
		return
	}
	w.arr.set(p)
	w.log.Info("cluster: arrival rate", "rate", spec.Rate, "slot", spec.Slot, "workers", spec.Workers,
		"max_users", spec.MaxUsers, "elapsed", spec.Elapsed.String())
}

// arrivalReport is the worker's counts of the arrival-rate test it runs
// (or just stopped), or nil.
func (w *Worker) arrivalReport() *wire.ArrivalReport {
	ar, ok := w.o.Users.(ArrivalUsers)
	if !ok || w.arr.partition() == nil {
		return nil
	}
	s, ok := ar.Arrival()
	if !ok {
		return nil
	}
	return wire.NewArrivalReport(s, w.arr.done.Load())
}

// onArrivalSpawn applies a spawn of an arrival-rate test and tells the
// master the users the pool runs.
func (w *Worker) onArrivalSpawn(ctx context.Context, spec wire.ArrivalSpec, fresh bool) {
	w.setShown(nil)
	w.runArrival(spec, fresh)
	w.state.Store(StateRunning)
	total, per := w.o.Users.Users()
	w.send(ctx, wire.TypeSpawningComplete, wire.SpawningComplete{UserClassesCount: per, UserCount: total})
}
