package engine

import (
	"fmt"
	"time"

	"github.com/gustload/gust/internal/shape"
	"github.com/gustload/gust/internal/threshold"
	"github.com/gustload/gust/internal/web"
)

// Hooks are what the engine needs from the test program beyond the runner.
type Hooks struct {
	// SetHost changes the host of every user kind for users spawned from
	// now on (the web form's Host field).
	SetHost func(host string) error
	// Tasks are the task ratios per user kind, for /tasks and the report.
	Tasks web.TaskRatios
	// TasksOf gives the task ratios of a test that runs only the named
	// kinds (the class picker); nil shows Tasks whatever runs.
	TasksOf func(kinds []string) web.TaskRatios
	// Title names the test (the program's name) in the report.
	Title string
	// Version is gust's version.
	Version string
	// Shape, when set, drives the users instead of -u and -r (a shape
	// written in Go); --stages and --arrival-rate win over it.
	Shape shape.Shape
	// Thresholds are checked as --threshold ones are, after them.
	Thresholds []threshold.Threshold
}

// Start starts a test, or edits the running one: a new user count and
// spawn rate, and a new run time when one is given. It is how the web UI's
// start and edit forms drive the engine.
func (e *Engine) Start(req web.StartRequest) error {
	if err := e.selectKinds(req.Kinds); err != nil {
		return err
	}
	if req.Host != "" && req.Host != e.Host() {
		if err := e.setHost(req.Host); err != nil {
			return err
		}
	}
	e.startTest(req.Users, req.SpawnRate, req.RunTime)
	return nil
}

// kindSelector is what runs the users when it can run only some kinds
// (the class picker): the runner, and a master.
type kindSelector interface {
	Select(names []string) error
}

// selectKinds makes a new test run only the named kinds; nil keeps the
// selection, and while a test runs the kinds stay as they are (as in
// Locust, the picker applies to a new test).
func (e *Engine) selectKinds(names []string) error {
	if names == nil {
		return nil
	}
	if st := e.driver().State(); st != "ready" && st != "stopped" {
		e.log().Info("the user kinds change only with a new test: the selection is ignored", "kinds", names)
		return nil
	}
	s, ok := e.driver().(kindSelector)
	if !ok {
		return fmt.Errorf("gust: these users cannot run a selection of kinds")
	}
	if err := s.Select(names); err != nil {
		return err
	}
	e.mu.Lock()
	e.selected = names
	e.mu.Unlock()
	return nil
}

func (e *Engine) setHost(host string) error {
	if e.hooks.SetHost == nil {
		return fmt.Errorf("gust: the host cannot be changed for these users")
	}
	if err := e.hooks.SetHost(host); err != nil {
		return err
	}
	e.mu.Lock()
	e.host = host
	e.mu.Unlock()
	return nil
}

// startTest starts a new test (statistics reset, as Locust does) or edits a
// running one, and arms the run time.
func (e *Engine) startTest(users int, rate float64, runTime time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	fresh := false
	switch e.driver().State() {
	case "ready", "stopped":
		fresh = true
		e.rec.Reset(time.Now())
		e.gen.mon.Reset(time.Now())
		e.aborted.Store(false) // a new test has breached nothing yet
		e.ended, e.stopping = make(chan struct{}), make(chan struct{})
		e.startedAt, e.stoppedAt, e.runTime = time.Now(), time.Time{}, runTime
		e.log().Info("starting test", e.startingAttrs(users, rate, runTime)...)
	default:
		e.log().Info("changing the test", "users", users, "spawn_rate", rate)
	}
	e.startLoad(users, rate, fresh)
	if runTime > 0 {
		if e.runTimer != nil {
			e.runTimer.Stop()
		}
		if !fresh {
			e.runTime = time.Since(e.startedAt) + runTime // a new run time counts from now
		}
		e.runTimer = time.AfterFunc(runTime, func() {
			e.log().Info("run time reached, stopping", "run_time", runTime.String())
			e.Stop()
		})
	}
}

// startingAttrs are what the "starting test" line says of the load that
// will run: the users model's users and spawn rate; an arrival rate and its
// first users; or a shape's or stages' model and stages, whose user counts
// -u and -r do not set. The run time is there when one is set (always for
// the users model, where 0s means until stopped). e.mu is held.
func (e *Engine) startingAttrs(users int, rate float64, runTime time.Duration) []any {
	model, target := e.Model()
	var attrs []any
	switch model {
	case ModelUsers:
		attrs = []any{"users", users, "spawn_rate", rate}
	case ModelArrival:
		attrs = []any{"model", model, "rate", target, "users", users}
	default:
		attrs = []any{"model", model}
		if target != "" {
			attrs = append(attrs, "stages", target)
		}
	}
	if model == ModelUsers || runTime > 0 {
		attrs = append(attrs, "run_time", runTime.String())
	}
	return attrs
}

// Stop stops the running test; its statistics are kept. It returns at once;
// the users finish within the stop timeout.
func (e *Engine) Stop() { go e.stopTest() }

// stopTest stops the users and returns when they have ended.
func (e *Engine) stopTest() {
	e.mu.Lock()
	if e.runTimer != nil {
		e.runTimer.Stop()
		e.runTimer = nil
	}
	if e.shapeStop != nil {
		e.shapeStop()
		e.shapeStop = nil
	}
	ended := e.ended
	closeOnce(e.stopping)
	if st := e.driver().State(); st == "spawning" || st == "running" {
		e.endUsers, e.endKinds = e.driver().Users()
		e.gen.mon.Freeze(time.Now()) // the stopping users' wake-up is not the test's load
	}
	e.mu.Unlock()
	e.driver().Stop()
	e.mu.Lock()
	defer e.mu.Unlock()
	if ended != nil && e.ended == ended {
		close(ended)
		e.ended = nil
		e.stoppedAt = time.Now()
	}
}

// closeOnce closes ch unless it is nil or closed already. Its callers hold
// e.mu, so two cannot race.
func closeOnce(ch chan struct{}) {
	if ch == nil {
		return
	}
	select {
	case <-ch:
	default:
		close(ch)
	}
}

// Reset clears the statistics and exceptions; the test goes on.
func (e *Engine) Reset() {
	e.rec.Reset(time.Now())
	e.log().Info("statistics reset")
}

// Tasks returns the task ratios per user kind and in total.
// With the class picker, they are those of the kinds the test runs.
func (e *Engine) Tasks() web.TaskRatios {
	e.mu.Lock()
	selected := e.selected
	e.mu.Unlock()
	if len(selected) == 0 || e.hooks.TasksOf == nil {
		return e.hooks.Tasks
	}
	return e.hooks.TasksOf(selected)
}

// Workers lists connected workers: none for a standalone engine.
func (e *Engine) Workers() []web.Worker {
	if w, ok := e.drv.(workerLister); ok {
		return w.Workers()
	}
	return nil
}
