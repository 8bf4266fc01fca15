package engine

import (
	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/stats"
	"github.com/gustload/gust/internal/web"
)

// Driver starts and stops the users of a test: the engine's own
// runner.Runner, or, in distributed mode, a cluster master that has its
// workers run them. Start, Stop, Kill, Users and State mean what they mean
// for runner.Runner.
type Driver interface {
	Start(users int, rate float64)
	Stop()
	Kill()
	Users() (int, map[string]int)
	State() runner.State
}

// workerLister is a Driver that has workers to show in the web UI.
type workerLister interface {
	Workers() []web.Worker
}

// saturationReporter is a Driver whose users run elsewhere (a master's
// workers) and that says when one of those processes is saturated.
type saturationReporter interface {
	Saturation() (bool, string)
	SaturatedSeconds() float64
}

// spawnNotifier is a Driver that reports, as runner.Options.OnSpawned does,
// when the users requested are running.
type spawnNotifier interface {
	OnSpawned(func(users int))
}

// NewDriven returns an Engine whose users d runs (a master driving its
// workers): users (-u and -r, or the web UI's numbers), a load shape, or an
// arrival rate when d can run one (a cluster.Master: its gust workers share
// the schedule). The kinds still name the users, and d's statistics arrive
// in rec.
func NewDriven(opts *config.Options, kinds []runner.Kind, d Driver, rec *stats.Recorder, out Outputs, hooks Hooks) (*Engine, error) {
	e, err := New(opts, kinds, rec, out, hooks)
	if err != nil {
		return nil, err
	}
	e.drv = d
	if n, ok := d.(spawnNotifier); ok {
		n.OnSpawned(e.spawned)
	}
	return e, nil
}

// driver is what runs the users: the Driver given to NewDriven, else the
// engine's runner.
func (e *Engine) driver() Driver {
	if e.drv != nil {
		return e.drv
	}
	return e.runner
}
