// Package engine runs one test: it ties a runner (the users), a recorder (the
// statistics) and the outputs (console table, CSV files, JSON, exit code)
// together, ticks the statistics once a second, honours the run time and
// stops gracefully on the first interrupt and at once on the second.
//
// The command line drives an Engine headless with Run; the web UI drives the
// same Engine through its Start, Stop and Reset methods.
//
// A test runs one of three load models (models.go, Model): users (-u and -r),
// a load shape (--stages, or Hooks.Shape written in Go) or an arrival rate
// (--arrival-rate); a shape or an arrival rate ends the test when it ends.
// For an arrival rate every snapshot carries how the schedule is kept
// (stats.Snapshot.Arrival), and the engine warns when iterations are dropped
// or late. Pass/fail thresholds (thresholds.go) are evaluated on every tick,
// stopping the test at a breach with --threshold-abort, and on the final
// snapshot, whose results the console and the JSON report show and which
// make the exit code threshold.ExitCode (3); Thresholds gives the latest
// results to the web UI.
//
// Besides the reports, the metrics leave through exports.go: pushes to
// --prometheus-remote-write every interval and once more with the final
// totals before the summary, and /metrics at --metrics-listen; both run in
// their own goroutines. --junit writes the thresholds as JUnit test cases.
//
// May import: internal/capacity, internal/config, internal/metrics, internal/monitor, internal/promwrite, internal/report, internal/runner, internal/shape, internal/stats, internal/threshold, internal/web.
package engine
