package engine

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"slices"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/monitor"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/shape"
	"github.com/gustload/gust/internal/stats"
	"github.com/gustload/gust/internal/threshold"
)

// ManyNames is the number of distinct request names past which the engine
// warns that dynamic URLs should be grouped with a name.
const ManyNames = 1000

// Outputs are where an Engine writes.
type Outputs struct {
	Stdout  io.Writer    // --json goes here
	Console io.Writer    // the live table and the final summary
	Log     *slog.Logger // everything else
}

// Engine runs one test at a time and keeps its statistics.
type Engine struct {
	opts   *config.Options
	out    Outputs
	rec    *stats.Recorder
	runner *runner.Runner
	drv    Driver // runs the users instead of runner when set (NewDriven)

	shapeStop context.CancelFunc // ends driveShape's loop; nil when none runs
	latest    atomic.Pointer[stats.Snapshot]
	warned    atomic.Bool // the too-many-names warning was given
	// The load model and the pass/fail thresholds (models.go, thresholds.go).
	shape      shape.Shape // drives the users when set: --stages, or Hooks.Shape
	thresholds []threshold.Threshold
	results    atomic.Pointer[[]threshold.Result] // the latest evaluation
	aborted    atomic.Bool                        // --threshold-abort stopped the test
	refused    atomic.Pointer[error]              // a shape asked for more users than the machine holds
	behind     behind                             // the last arrival-rate warning
	stalls     stalls                             // the hosts warned about for not answering

	// endUsers and endKinds are the users running when the test was asked
	// to stop: the final summary reports them, not the zero left after.
	endUsers int
	endKinds map[string]int

	hooks Hooks
	gen   *generator // watches gust itself (generator.go)

	mu       sync.Mutex
	host     string
	runTimer *time.Timer // stops the test when its run time is up
	// startedAt, stoppedAt and runTime are when the last test started and
	// stopped (zero while it runs) and the run time it was given (0: none),
	// for the live table's heading.
	startedAt, stoppedAt time.Time
	runTime              time.Duration
	ended                chan struct{} // closed when the current test has stopped
	stopping             chan struct{} // closed when the current test begins to stop
	selected             []string      // the kinds the class picker chose; nil: all
}

// New returns an Engine for the given user kinds. The kinds' Run functions
// record into rec.
func New(opts *config.Options, kinds []runner.Kind, rec *stats.Recorder, out Outputs, hooks Hooks) (*Engine, error) {
	if err := checkOutputs(opts); err != nil {
		return nil, err
	}
	e := &Engine{opts: opts, out: out, rec: rec, host: opts.Host, hooks: hooks, gen: newGenerator(out.Log, monitor.Options{})}
	r, err := runner.New(kinds, runner.Options{StopTimeout: opts.StopTimeout, OnSpawned: e.spawned})
	if err != nil {
		return nil, err
	}
	e.runner = r
	e.shape, e.thresholds = e.boundShape(hooks.Shape), append(slices.Clone(opts.Thresholds), hooks.Thresholds...)
	if opts.Stages != nil {
		e.shape = opts.Stages
	}
	e.latest.Store(rec.Snapshot(time.Now()))
	return e, nil
}

// Runner is the engine's runner, for load models that drive users directly.
func (e *Engine) Runner() *runner.Runner { return e.runner }

// Snapshot returns the statistics as of the last tick.
func (e *Engine) Snapshot() *stats.Snapshot { return e.latest.Load() }

// State is the runner's state: ready, spawning, running, stopping or stopped.
func (e *Engine) State() string { return string(e.driver().State()) }

func (e *Engine) log() *slog.Logger { return e.out.Log }

// Host is the host the test targets ("" when each user kind has its own).
func (e *Engine) Host() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.host
}

func (e *Engine) spawned(users int) {
	e.out.Log.Info("all users spawned", "users", users)
	if e.opts.ResetStats {
		e.rec.Reset(time.Now())
		e.out.Log.Info("statistics reset (--reset-stats)")
	}
}

// tick records one second of statistics and returns the new snapshot.
func (e *Engine) tick(now time.Time) *stats.Snapshot {
	users, kinds := e.driver().Users()
	s := e.rec.Tick(now, users, kinds)
	s.Arrival = e.arrival(0)
	e.latest.Store(s)
	e.warnBehind(s.Arrival, now)
	e.warnStalled(now)
	e.checkThresholds(s)
	if n := e.rec.NameCount(); n > ManyNames && !e.warned.Swap(true) {
		e.out.Log.Warn(fmt.Sprintf("more than %d distinct request names: group dynamic URLs with gust.Name(\"/item/[id]\") to keep the tables readable; "+
			"past %d names, new ones are counted together as %q", ManyNames, stats.MaxNames, stats.OtherNames), "names", n)
	}
	return s
}

// final takes the closing snapshot, after every user has stopped.
func (e *Engine) final() *stats.Snapshot {
	e.mu.Lock()
	users, kinds := e.endUsers, e.endKinds
	e.mu.Unlock()
	s := e.rec.Tick(time.Now(), users, kinds)
	s.Arrival = e.arrival(users)
	e.latest.Store(s)
	return s
}

// ExitCode is the exit code a finished test deserves: --exit-code-on-error
// when any request failed or any exception was raised, otherwise 0.
func (e *Engine) ExitCode(s *stats.Snapshot) int {
	if s.Total.Failures > 0 || len(s.Exceptions) > 0 {
		return e.opts.ExitCodeOnError
	}
	return 0
}

// Close releases what the engine holds.
func (e *Engine) Close() { e.driver().Kill() }
