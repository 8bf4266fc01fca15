package web

import (
	"time"

	"github.com/gustload/gust/internal/monitor"
	"github.com/gustload/gust/internal/stats"
)

// Controller is what the web UI needs from a running gust: the runner in a
// standalone process, the master in distributed mode, or a fake in tests.
// Every method may be called from several goroutines at once.
type Controller interface {
	// Start starts a test, or, while one is spawning or running, changes its
	// user count, spawn rate (and run time, when given) without restarting.
	Start(req StartRequest) error
	// Stop stops the running test; the statistics are kept.
	Stop()
	// Reset clears the statistics and exceptions; the test goes on.
	Reset()
	// Snapshot returns the latest statistics (updated about once a second).
	// It may return nil before the first one is taken.
	Snapshot() *stats.Snapshot
	// State is one of the State* constants.
	State() string
	// Host is the base URL the users target.
	Host() string
	// Tasks returns the task ratios per user kind and in total.
	Tasks() TaskRatios
	// Saturation reports whether the load generator is saturated (its
	// latencies are then inflated), with a sentence for the user.
	Saturation() (saturated bool, detail string)
	// Generator sums up the load generator's readings for the current test
	// (or the last one, once it has stopped): CPU, delays and the time it
	// was saturated.
	Generator() monitor.Summary
	// Workers lists the connected workers; none outside distributed mode.
	Workers() []Worker
	// Model says which load model drives the test (one of the Model*
	// constants) and its target as written: "500/s" or
	// "1m:100:10,5m:100,1m:0"; "" when there is none. Only ModelUsers
	// takes a new user count and spawn rate while it runs.
	Model() (model, target string)
	// ThresholdResults returns the latest results of the pass/fail
	// thresholds, in the order given; nil when there are none.
	ThresholdResults() []ThresholdResult
	// ThresholdsAborted reports whether a breached threshold stopped the
	// test early (--threshold-abort).
	ThresholdsAborted() bool
}

// The load models a Controller reports, as the engine names them.
const (
	ModelUsers   = "users"        // -u users started at -r per second: the form's numbers drive the test
	ModelShape   = "shape"        // a load shape written in Go
	ModelStages  = "stages"       // --stages
	ModelArrival = "arrival-rate" // --arrival-rate: iterations per second, the open model
)

// ThresholdResult is the outcome of one pass/fail threshold, as the
// Thresholds tab, /stats/requests and the HTML report show it.
type ThresholdResult struct {
	// Threshold is the threshold as written: "GET /a:p95<300ms".
	Threshold string `json:"threshold"`
	// Actual is the measured value in the limit's unit ("212.4ms",
	// "0.0123"); "" when Error is set.
	Actual string `json:"actual"`
	// Pass is true when the threshold holds.
	Pass bool `json:"pass"`
	// Pending is true when the threshold has nothing to measure yet (no
	// request, or none to its endpoint): while the test runs it is
	// waiting, once the test has ended it has failed.
	Pending bool `json:"pending,omitempty"`
	// Error says why the threshold could not be evaluated.
	Error string `json:"error,omitempty"`
}

// The states a Controller reports, as Locust names them.
const (
	StateReady    = "ready"
	StateSpawning = "spawning"
	StateRunning  = "running"
	StateStopping = "stopping"
	StateStopped  = "stopped"
)

// StartRequest is a validated POST /swarm: the numbers the user typed into
// the start or edit form.
//
// Under a load model other than ModelUsers the form may leave the user
// count and spawn rate out (the model decides them), as Locust allows for
// a load shape; they are then 0.
type StartRequest struct {
	Users     int           // peak number of concurrent users, at least 1 (the initial pool for an arrival rate)
	SpawnRate float64       // users started (or stopped) per second, > 0
	Host      string        // base URL for every user kind; "" keeps the current one
	RunTime   time.Duration // stop after this long; 0 sets no limit
	// Kinds are the user kinds a new test runs (--class-picker's
	// user_classes); nil keeps the current selection, and a running test
	// keeps its kinds.
	Kinds []string
}

// Ratio is the share of one user kind or task, with the shares of the tasks
// it contains. It is the node of Locust's /tasks tree.
type Ratio struct {
	Ratio float64          `json:"ratio"`
	Tasks map[string]Ratio `json:"tasks,omitempty"`
}

// TaskRatios is the body of GET /tasks: for each user kind, its tasks' ratios
// within the kind (PerClass) and within the whole test (Total).
type TaskRatios struct {
	PerClass map[string]Ratio `json:"per_class"`
	Total    map[string]Ratio `json:"total"`
}

// Worker is one connected worker in distributed mode, as the Workers tab and
// /stats/requests show it.
type Worker struct {
	ID     string  `json:"id"`
	State  string  `json:"state"`
	Users  int     `json:"user_count"`
	CPU    float64 `json:"cpu_usage"`    // percent of one core (Locust) or of the worker's cores (gust)
	Memory int64   `json:"memory_usage"` // resident bytes
	// Saturation says why the worker is saturated (gust's own field); ""
	// when it keeps up.
	Saturation string `json:"saturation,omitempty"`
}
