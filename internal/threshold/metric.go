package threshold

import (
	"strconv"
	"strings"
)

// kind is what a metric measures, which decides the unit of its limit.
type kind int

const (
	timeKind  kind = iota // a response time, limited by a duration
	ratioKind             // a fraction between 0 and 1
	countKind             // a whole number of requests
	rateKind              // requests per second
)

// metric is a parsed metric name.
type metric struct {
	name string  // canonical name
	kind kind    // unit of the limit
	q    float64 // for a percentile, the fraction (0.95 for p95)
}

// validMetrics is the list an unknown metric's error shows.
const validMetrics = "pN (such as p95, p99.9), avg, med, min, max, fail_ratio, failures, requests, rps"

var named = map[string]kind{
	"avg": timeKind, "med": timeKind, "min": timeKind, "max": timeKind,
	"fail_ratio": ratioKind, "failures": countKind, "requests": countKind, "rps": rateKind,
}

// lookup parses a metric name, in any case, into its canonical form.
func lookup(s string) (metric, bool) {
	s = strings.ToLower(s)
	if k, ok := named[s]; ok {
		return metric{name: s, kind: k}, true
	}
	return percentile(s)
}

// percentile parses "p95", "p99.9" or k6's "p(95)".
func percentile(s string) (metric, bool) {
	num, ok := strings.CutPrefix(s, "p")
	if !ok {
		return metric{}, false
	}
	if inner, ok := strings.CutPrefix(num, "("); ok {
		if num, ok = strings.CutSuffix(inner, ")"); !ok {
			return metric{}, false
		}
	}
	p, err := strconv.ParseFloat(num, 64)
	if err != nil || !(p > 0 && p <= 100) {
		return metric{}, false
	}
	return metric{name: "p" + strconv.FormatFloat(p, 'f', -1, 64), kind: timeKind, q: p / 100}, true
}
