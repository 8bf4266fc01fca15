package engine

import (
	"errors"

	"github.com/gustload/gust/internal/threshold"
	"github.com/gustload/gust/internal/web"
)

// An Engine is what the web UI drives; Model, Thresholds and
// ThresholdsAborted are in models.go and thresholds.go.
var _ web.Controller = (*Engine)(nil)

// ThresholdResults is Thresholds as the web UI and the HTML report show
// them.
func (e *Engine) ThresholdResults() []web.ThresholdResult { return webThresholds(e.Thresholds()) }

// webThresholds converts threshold results for the web package. A result
// with nothing to measure yet is Pending: the UI shows it as waiting while
// the test runs.
func webThresholds(rs []threshold.Result) []web.ThresholdResult {
	if len(rs) == 0 {
		return nil
	}
	out := make([]web.ThresholdResult, len(rs))
	for i, r := range rs {
		out[i] = web.ThresholdResult{Threshold: r.Threshold.String(), Actual: r.Actual, Pass: r.Pass}
		if r.Err != nil {
			out[i].Error = r.Err.Error()
			out[i].Pending = errors.Is(r.Err, threshold.ErrNoMatch) || errors.Is(r.Err, threshold.ErrNoData)
		}
	}
	return out
}
