package web

import (
	"time"

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
	// Workers lists the connected workers; none outside distributed mode.
	Workers() []Worker
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
type StartRequest struct {
	Users     int           // peak number of concurrent users, at least 1
	SpawnRate float64       // users started (or stopped) per second, > 0
	Host      string        // base URL for every user kind; "" keeps the current one
	RunTime   time.Duration // stop after this long; 0 sets no limit
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
	CPU    float64 `json:"cpu_usage"`    // percent of one core
	Memory int64   `json:"memory_usage"` // resident bytes
}
