package threshold

import (
	"cmp"
	"strconv"
	"strings"
	"time"

	"github.com/gustload/gust/internal/shape"
)

// ExitCode is the process exit code of a run that breached a threshold (or
// could not evaluate one): distinct from 1, some requests failed, and 2, a
// usage error.
const ExitCode = 3

// Op is a comparison operator between a measured value and a limit.
type Op string

// The operators a threshold may use.
const (
	Less      Op = "<"
	LessEq    Op = "<="
	Greater   Op = ">"
	GreaterEq Op = ">="
	Equal     Op = "=="
)

// ops lists the operators, two-character ones first so parsing takes the
// longest match.
var ops = []Op{LessEq, GreaterEq, Equal, Less, Greater}

// holds reports whether "actual op limit" is true.
func holds[T cmp.Ordered](op Op, actual, limit T) bool {
	switch op {
	case Less:
		return actual < limit
	case LessEq:
		return actual <= limit
	case Greater:
		return actual > limit
	case GreaterEq:
		return actual >= limit
	case Equal:
		return actual == limit
	}
	return false
}

// Threshold is one pass/fail criterion. Parse makes one from text; its
// fields are plain data, comparable with ==.
type Threshold struct {
	// Method is the request method the filter requires; "" for any method.
	Method string
	// Name is the request name the filter requires. With Method also "",
	// the threshold applies to the aggregated total.
	Name string
	// Metric is the canonical metric name: "p95", "p99.9", "avg", "med",
	// "min", "max", "fail_ratio", "failures", "requests" or "rps".
	Metric string
	// Op compares the measured value (on the left) with the limit.
	Op Op
	// Duration is the limit of a time metric (percentiles, avg, med, min, max).
	Duration time.Duration
	// Number is the limit of any other metric: a ratio, a count or a rate.
	Number float64
}

// Filter is the endpoint filter as written before the colon: "GET /a",
// "/a", or "" for the aggregated total.
func (t Threshold) Filter() string {
	if t.Method == "" {
		return t.Name
	}
	return t.Method + " " + t.Name
}

// Limit is the limit as text, in the metric's unit: "300ms", "0.01", "100".
// A number is written out in full, never with an exponent ("2000000", not
// "2e+06"), as people write limits and CI tools match them.
func (t Threshold) Limit() string {
	if m, ok := lookup(t.Metric); ok && m.kind == timeKind {
		return shape.FormatDuration(t.Duration)
	}
	return strconv.FormatFloat(t.Number, 'f', -1, 64)
}

// String is the threshold in the syntax Parse reads; Parse(t.String())
// gives t back.
func (t Threshold) String() string {
	var b strings.Builder
	if f := t.Filter(); f != "" {
		b.WriteString(f)
		b.WriteByte(':')
	}
	b.WriteString(t.Metric)
	b.WriteString(string(t.Op))
	b.WriteString(t.Limit())
	return b.String()
}
