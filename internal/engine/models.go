package engine

import (
	"time"

	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/monitor"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/stats"
)

// The load models: users (-u/-r, the runner's own ramp), a load shape
// (--stages, or a shape written in Go) and an arrival rate (--arrival-rate).
// A shape or an arrival rate drives the runner from the start of a test to
// its end; then the engine stops the test, as when the run time is up.

// Load model names, as Model returns them.
const (
	ModelUsers   = "users"        // -u users, started at -r per second
	ModelShape   = "shape"        // a load shape written in Go
	ModelStages  = "stages"       // --stages
	ModelArrival = "arrival-rate" // --arrival-rate: the open model
)

// warnEvery is how long the engine stays quiet after warning that the
// generator cannot keep the arrival rate.
const warnEvery = 5 * time.Second

// Model says which load model drives the test, and its target as written
// ("500/s", "1m:100:10,5m:100,1m:0"; "" for users and for a shape in Go):
// the web UI shows it instead of the user count and spawn rate it ignores.
func (e *Engine) Model() (model, target string) {
	switch {
	case e.opts.ArrivalRate != nil:
		return ModelArrival, config.ArrivalTarget(e.opts.ArrivalRate)
	case e.opts.Stages != nil:
		return ModelStages, e.opts.Stages.String()
	case e.shape != nil:
		return ModelShape, ""
	}
	return ModelUsers, ""
}

// startLoad starts the load model of a new test (fresh) or applies a
// change to a running one, which only the users model takes: a shape or an
// arrival rate decides the users itself. e.mu is held.
func (e *Engine) startLoad(users int, rate float64, fresh bool) {
	model, target := e.Model()
	switch {
	case model == ModelUsers:
		e.driver().Start(users, rate)
	case !fresh:
		e.log().Info("the load model decides the users: the change is ignored", "model", model)
	case model == ModelArrival:
		e.log().Info("arrival rate", "rate", target, "users", users, "max_users", max(e.opts.MaxUsers, users))
		if e.drv != nil {
			e.driveArrival(users)
			return
		}
		opts := runner.ArrivalOptions{Users: users, MaxUsers: e.opts.MaxUsers}
		if err := e.runner.StartArrival(e.opts.ArrivalRate, opts, e.modelEnded); err != nil {
			e.log().Error("cannot run the arrival rate", "error", err)
		}
	case e.drv != nil:
		e.log().Info("load shape", "model", model, "stages", target)
		e.driveShape()
	default:
		e.log().Info("load shape", "model", model, "stages", target)
		e.runner.StartShape(e.shape, e.modelEnded)
	}
}

// modelEnded stops the test when its shape or arrival rate has ended. It
// runs on the model's goroutine, so it must not wait for the stop.
func (e *Engine) modelEnded() {
	model, _ := e.Model()
	e.log().Info("the load model has ended, stopping", "model", model)
	e.Stop()
}

// arrival is how the arrival-rate test keeps its schedule, for a snapshot,
// or nil for another model. users, when above 0, is the pool to report
// (the final snapshot is taken once the pool has stopped).
func (e *Engine) arrival(users int) *stats.Arrival {
	a, ok := e.arrivalStats()
	if !ok || e.opts.ArrivalRate == nil {
		return nil
	}
	if users > 0 {
		a.Users = users
	}
	out := &stats.Arrival{Target: config.ArrivalTarget(e.opts.ArrivalRate), Due: a.Due, Started: a.Started,
		Dropped: a.Dropped, Late: a.Late, Lag: a.Lag, MaxLag: a.MaxLag, Users: a.Users, MaxUsers: a.MaxUsers}
	if s := a.Elapsed.Seconds(); s > 0 {
		out.Requested, out.Achieved = a.Requested/s, float64(a.Started)/s
	}
	return out
}

// behind remembers the last warning that the arrival rate is not kept.
type behind struct {
	at            time.Time
	dropped, late int64 // the counts when it was given
}

// warnBehind warns, at most every warnEvery, when iterations were dropped
// or started late since the last warning. Only the tick loop calls it.
func (e *Engine) warnBehind(a *stats.Arrival, now time.Time) {
	b := &e.behind
	if a == nil || a.Dropped+a.Late == b.dropped+b.late || now.Sub(b.at) < warnEvery {
		return
	}
	e.log().Warn("the load generator cannot keep the arrival rate: raise --max-users, or give gust more CPU",
		"dropped", a.Dropped-b.dropped, "late", a.Late-b.late, "lag", a.Lag.Round(time.Microsecond).String(),
		"max_lag", a.MaxLag.Round(time.Microsecond).String(), "users", a.Users, "max_users", a.MaxUsers,
		"asked_per_s", monitor.Round1(a.Requested), "started_per_s", monitor.Round1(a.Achieved))
	*b = behind{at: now, dropped: a.Dropped, late: a.Late}
}
