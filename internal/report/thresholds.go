package report

import (
	"github.com/gustload/gust/internal/threshold"
)

// JSONThresholds is the "thresholds" section of the JSON report: whether
// the run passed its pass/fail criteria, and each one's result.
type JSONThresholds struct {
	// Passed is true when every threshold held.
	Passed bool `json:"passed"`
	// Aborted is true when --threshold-abort stopped the test early.
	Aborted bool            `json:"aborted"`
	Results []JSONThreshold `json:"results"` // in the order given
}

// JSONThreshold is the result of one threshold.
type JSONThreshold struct {
	Threshold string `json:"threshold"` // as Parse reads it: "GET /a:p95<300ms"
	Filter    string `json:"filter"`    // "GET /a", "/a", or "" for the total
	Metric    string `json:"metric"`    // "p95", "fail_ratio", ...
	Op        string `json:"op"`        // "<", "<=", ">", ">=" or "=="
	Limit     string `json:"limit"`     // "300ms", "0.01"
	// Actual is the measured value as text in the limit's unit, and Value
	// as a number (milliseconds for times); both empty when Error is set.
	Actual string  `json:"actual"`
	Value  float64 `json:"value"`
	Pass   bool    `json:"pass"`
	Error  string  `json:"error,omitempty"` // why it could not be evaluated
}

// WithThresholds adds the thresholds section; aborted says that
// --threshold-abort stopped the test. No results add nothing.
func WithThresholds(rs []threshold.Result, aborted bool) JSONOption {
	return func(r *JSONReport) {
		if len(rs) == 0 {
			return
		}
		sec := &JSONThresholds{Passed: !threshold.Breached(rs), Aborted: aborted,
			Results: make([]JSONThreshold, len(rs))}
		for i, res := range rs {
			sec.Results[i] = jsonThreshold(res)
		}
		r.Thresholds = sec
	}
}

func jsonThreshold(res threshold.Result) JSONThreshold {
	t := res.Threshold
	j := JSONThreshold{Threshold: t.String(), Filter: t.Filter(), Metric: t.Metric, Op: string(t.Op),
		Limit: t.Limit(), Actual: res.Actual, Value: res.Value, Pass: res.Pass}
	if res.Err != nil {
		j.Error = res.Err.Error()
	}
	return j
}
