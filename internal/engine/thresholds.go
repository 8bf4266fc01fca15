package engine

import (
	"errors"
	"io"

	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/stats"
	"github.com/gustload/gust/internal/threshold"
)

// Thresholds returns the latest results of the pass/fail thresholds:
// evaluated on every tick while a test runs and on the final snapshot at the
// end; nil when there are no thresholds or no result yet. The web UI and the
// HTML report show them.
func (e *Engine) Thresholds() []threshold.Result {
	if rs := e.results.Load(); rs != nil {
		return *rs
	}
	return nil
}

// ThresholdsAborted reports whether --threshold-abort stopped the test at a
// breach.
func (e *Engine) ThresholdsAborted() bool { return e.aborted.Load() }

// evaluate measures the thresholds in s and keeps the results.
func (e *Engine) evaluate(s *stats.Snapshot) []threshold.Result {
	if len(e.thresholds) == 0 {
		return nil
	}
	rs := threshold.Evaluate(e.thresholds, s)
	e.results.Store(&rs)
	return rs
}

// checkThresholds evaluates the thresholds on a tick and, with
// --threshold-abort, stops the test at the first breach. A threshold that
// has nothing to measure yet (no request, or no request of its endpoint) is
// not a breach while the test runs: only the final evaluation says so.
func (e *Engine) checkThresholds(s *stats.Snapshot) {
	rs := e.evaluate(s)
	if !e.opts.ThresholdAbort || e.aborted.Load() {
		return
	}
	for _, r := range rs {
		if r.Pass || errors.Is(r.Err, threshold.ErrNoMatch) || errors.Is(r.Err, threshold.ErrNoData) {
			continue
		}
		if !e.aborted.Swap(true) {
			e.log().Warn("threshold breached, stopping the test (--threshold-abort)",
				"threshold", r.Threshold.String(), "actual", r.Actual)
			e.Stop()
		}
		return
	}
}

// exitCode is the exit code of a finished test: threshold.ExitCode when a
// threshold failed or could not be evaluated, whatever else happened;
// otherwise ExitCode's.
func (e *Engine) exitCode(final *stats.Snapshot, rs []threshold.Result) int {
	if threshold.Breached(rs) {
		return threshold.ExitCode
	}
	return e.ExitCode(final)
}

// writeThresholds ends the console summary with the thresholds' results.
func writeThresholds(w io.Writer, rs []threshold.Result) {
	if len(rs) > 0 {
		_, _ = io.WriteString(w, "\n")
		_ = threshold.WriteResults(w, rs)
	}
}

// jsonThresholds is the thresholds section of the --json report.
func (e *Engine) jsonThresholds(rs []threshold.Result) report.JSONOption {
	return report.WithThresholds(rs, e.aborted.Load())
}
