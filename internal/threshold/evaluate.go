package threshold

import (
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/gustload/gust/internal/shape"
	"github.com/gustload/gust/internal/stats"
)

// Errors a Result may wrap, so that a caller evaluating thresholds while the
// test still runs can tell "not yet" from "breached".
var (
	// ErrNoMatch means the endpoint filter matched no request in the snapshot.
	ErrNoMatch = errors.New("gust: threshold filter matched no request")
	// ErrNoData means the metric has nothing to measure yet: a time metric
	// with no timed request, or fail_ratio with no request at all.
	ErrNoData = errors.New("gust: threshold has nothing to measure")
)

// Result is the outcome of one threshold.
type Result struct {
	Threshold Threshold
	// Actual is the measured value as text, in the unit of the limit:
	// "212.4ms", "0.0123", "1500". It is "" when Err is set.
	Actual string
	// Value is the measured value as a number: milliseconds for a time,
	// the ratio, the count, or requests per second.
	Value float64
	// Pass is true when the threshold holds. It is false when Err is set.
	Pass bool
	// Err says why the threshold could not be evaluated; it wraps
	// ErrNoMatch, ErrNoData or ErrInvalid.
	Err error
}

// Evaluate measures every threshold in snap and says which hold.
func Evaluate(ts []Threshold, snap *stats.Snapshot) []Result {
	rs := make([]Result, len(ts))
	for i, t := range ts {
		rs[i] = evaluate(t, snap)
	}
	return rs
}

// Breached reports whether any threshold failed or could not be evaluated,
// in which case the run should exit with ExitCode.
func Breached(rs []Result) bool {
	for _, r := range rs {
		if !r.Pass {
			return true
		}
	}
	return false
}

func evaluate(t Threshold, snap *stats.Snapshot) Result {
	r := Result{Threshold: t}
	m, ok := lookup(t.Metric)
	if !ok {
		r.Err = fmt.Errorf("%w %q: unknown metric %q; valid metrics: %s", ErrInvalid, t.String(), t.Metric, validMetrics)
		return r
	}
	e, err := find(t, snap)
	if err == nil {
		err = measurable(t, m, e)
	}
	if err != nil {
		r.Err = err
		return r
	}
	if m.kind == timeKind {
		d := measureTime(m, e)
		r.Actual, r.Value, r.Pass = shape.FormatDuration(d.Round(time.Microsecond)), stats.Millis(d), holds(t.Op, d, t.Duration)
		return r
	}
	v := measureNumber(m, e)
	r.Actual, r.Value, r.Pass = formatNumber(m.kind, v), v, holds(t.Op, v, t.Number)
	return r
}

// measurable reports ErrNoData when e has nothing for m to measure.
func measurable(t Threshold, m metric, e *stats.Entry) error {
	switch {
	case m.kind == timeKind && e.Timed() <= 0:
		return fmt.Errorf("%w: %s needs at least one timed request to %s", ErrNoData, m.name, describe(t))
	case m.kind == ratioKind && e.Requests <= 0:
		return fmt.Errorf("%w: %s needs at least one request to %s", ErrNoData, m.name, describe(t))
	}
	return nil
}

func measureTime(m metric, e *stats.Entry) time.Duration {
	switch m.name {
	case "avg":
		return e.Avg()
	case "med":
		return e.Median()
	case "min":
		return e.Min
	case "max":
		return e.Max
	}
	return e.Percentile(m.q)
}

func measureNumber(m metric, e *stats.Entry) float64 {
	switch m.name {
	case "fail_ratio":
		return e.FailRatio()
	case "failures":
		return float64(e.Failures)
	case "requests":
		return float64(e.Requests)
	}
	return e.TotalRPS()
}

func formatNumber(k kind, v float64) string {
	switch k {
	case ratioKind: // 4 significant digits, without an exponent
		r, _ := strconv.ParseFloat(strconv.FormatFloat(v, 'g', 4, 64), 64)
		return strconv.FormatFloat(r, 'f', -1, 64)
	case rateKind:
		return strconv.FormatFloat(v, 'f', 2, 64)
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}
