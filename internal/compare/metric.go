package compare

import (
	"fmt"
	"strconv"
	"strings"
)

// Metric is what gates a comparison: a percentile of the response times,
// or their average.
type Metric struct {
	Name     string  // as given: "p95", "p99.9", "avg"
	Quantile float64 // 0.95 for p95; 0 for the average
}

// Average reports whether m is the average rather than a percentile.
func (m Metric) Average() bool { return m.Quantile == 0 }

// ParseMetric reads "p50", "p95", "p99.9" (any percentile above 0 and
// below 100), "median" or "avg".
func ParseMetric(s string) (Metric, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	switch s {
	case "avg", "mean":
		return Metric{Name: "avg"}, nil
	case "median":
		return Metric{Name: "p50", Quantile: 0.5}, nil
	}
	num, ok := strings.CutPrefix(s, "p")
	p, err := strconv.ParseFloat(num, 64)
	if !ok || err != nil || !(p > 0 && p < 100) {
		return Metric{}, fmt.Errorf("invalid metric %q: want a percentile such as p50, p95, p99 or p99.9, or avg", s)
	}
	return Metric{Name: s, Quantile: p / 100}, nil
}
