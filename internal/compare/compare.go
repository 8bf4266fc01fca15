package compare

import (
	"math"
	"math/rand/v2"

	"github.com/gustload/gust/internal/stats"
)

// Defaults of Options.
const (
	DefaultTolerance  = 0.05
	DefaultConfidence = 0.99
	DefaultDraws      = 2000
)

// The fewest response times a run must have for its metric to be judged.
// The bootstrap of a percentile resamples the values seen, so it cannot
// reach above the largest: with few values beyond the percentile it
// understates how far that percentile moves by chance (with 10 requests a
// p95 is the maximum, and same-distribution runs were called slower in 4
// to 7% of comparisons instead of 1%). With at least MinBeyond values on
// each side of the percentile's rank the false alarms stay near the
// nominal rate (TestFalseAlarmsAtSmallN). The average is judged from its
// normal (Student t) approximation, which needs MinAverage values.
const (
	MinBeyond  = 5
	MinAverage = 30
)

// Options say what counts as a regression.
type Options struct {
	Metric Metric // what gates; p95 when zero
	// Tolerance is the smallest relative change that matters: 0.05 lets
	// the metric (and the failure ratio) grow by 5% without a verdict.
	Tolerance float64
	// Confidence is how sure the test must be that a change is not chance:
	// 0.99 by default.
	Confidence float64
	Draws      int    // bootstrap replicates; DefaultDraws when 0
	Seed       uint64 // of the bootstrap; fixed, so a verdict repeats
}

func (o Options) withDefaults() Options {
	if o.Metric.Name == "" {
		o.Metric = Metric{Name: "p95", Quantile: 0.95}
	}
	if o.Confidence == 0 {
		o.Confidence = DefaultConfidence
	}
	if o.Draws == 0 {
		o.Draws = DefaultDraws
	}
	return o
}

// Verdicts of a Row.
const (
	Same         = "same"          // no change that is both real and bigger than the tolerance
	Slower       = "slower"        // the metric grew: a regression
	Faster       = "faster"        // the metric shrank
	MoreFailures = "more failures" // the failure ratio grew: a regression
	// SlowerAndMoreFailures is both regressions at once.
	SlowerAndMoreFailures = Slower + " and " + MoreFailures
	NoData                = "no data" // one side has no timed request
	// TooFew is a row with too few timed responses in a run for its metric
	// to be judged (Result.MinSamples): it never gates, unless its failure
	// ratio grew.
	TooFew = "too few samples"
	// NoResponses is a row that completed requests in the baseline and none
	// now, as a target that hangs: a regression.
	NoResponses = "no responses"
)

// Side is one run's numbers for one endpoint.
type Side struct {
	Requests  int64   `json:"requests"`
	Timed     int64   `json:"timed"` // responses with a time, in the histogram; the times are 0 when none
	RPS       float64 `json:"rps"`
	FailRatio float64 `json:"fail_ratio"`
	P50       float64 `json:"p50_ms"`
	P95       float64 `json:"p95_ms"`
	P99       float64 `json:"p99_ms"`
	Metric    float64 `json:"metric_ms"` // the gating metric
}

// Row is the comparison of one endpoint (or of the total).
type Row struct {
	Endpoint string `json:"endpoint"` // "GET /items", or "Aggregated"
	Baseline Side   `json:"baseline"`
	Current  Side   `json:"current"`
	// Change is the relative change of the gating metric: 0.2 is 20%
	// slower, -0.1 10% faster; nil (n/a) when a side has no timed response.
	Change *float64 `json:"change"`
	// PNotSlower is the share of bootstrap draws in which the current run's
	// metric is not above the baseline's: small when it really grew. Nil
	// when the bootstrap did not run (no data, or too few samples).
	PNotSlower *float64 `json:"p_not_slower"`
	Verdict    string   `json:"verdict"`
	// Gating is false for gust's own connection set-up rows (CONNECT, TLS):
	// they are shown with their verdict but never make the row regressed.
	Gating    bool `json:"gating"`
	Regressed bool `json:"regressed"`
}

// Result is a whole comparison.
type Result struct {
	Baseline    string   `json:"baseline"` // file names
	Current     string   `json:"current"`
	Metric      string   `json:"metric"`
	Tolerance   float64  `json:"tolerance"`
	Confidence  float64  `json:"confidence"`
	MinSamples  int64    `json:"min_samples"` // timed responses each run needs for a verdict on time
	Rows        []Row    `json:"endpoints"`   // in the baseline's order
	Total       Row      `json:"total"`
	OnlyBase    []string `json:"only_in_baseline"`
	OnlyCurrent []string `json:"only_in_current"`
	Regressed   bool     `json:"regressed"`
}

// Compare compares cur with base, endpoint by endpoint and in total.
func Compare(base, cur *Run, o Options) *Result {
	o = o.withDefaults()
	res := &Result{Baseline: base.Path, Current: cur.Path, Metric: o.Metric.Name, Tolerance: o.Tolerance,
		Confidence: o.Confidence, MinSamples: MinSamples(o.Metric), OnlyBase: []string{}, OnlyCurrent: []string{}, Rows: []Row{}}
	curBy := byKey(cur.Entries)
	for _, b := range base.Entries {
		c, ok := curBy[b.Key()]
		if !ok {
			res.OnlyBase = append(res.OnlyBase, b.Key())
			continue
		}
		res.Rows = append(res.Rows, compareOne(b, c, base.Duration, cur.Duration, o))
	}
	baseBy := byKey(base.Entries)
	for _, c := range cur.Entries {
		if _, ok := baseBy[c.Key()]; !ok {
			res.OnlyCurrent = append(res.OnlyCurrent, c.Key())
		}
	}
	res.Total = compareOne(base.Total, cur.Total, base.Duration, cur.Duration, o)
	res.Total.Endpoint = "Aggregated"
	res.Regressed = res.Total.Regressed
	for _, r := range res.Rows {
		res.Regressed = res.Regressed || r.Regressed
	}
	return res
}

func byKey(es []Endpoint) map[string]Endpoint {
	m := make(map[string]Endpoint, len(es))
	for _, e := range es {
		m[e.Key()] = e
	}
	return m
}

// compareOne gives the verdict for one endpoint found in both runs.
func compareOne(b, c Endpoint, bDur, cDur float64, o Options) Row {
	row := Row{Endpoint: b.Key(), Verdict: NoData, Gating: !stats.IsSetup(b.Method)} // CONNECT, TLS: not requests
	bd, cd := newDist(b.Hist), newDist(c.Hist)
	row.Baseline, row.Current = side(b, bd, bDur, o.Metric), side(c, cd, cDur, o.Metric)
	switch {
	case b.Requests > 0 && c.Requests == 0:
		row.Verdict, row.Regressed = NoResponses, true
	case bd.n > 0 && cd.n > 0 && row.Baseline.Metric > 0:
		change := row.Current.Metric/row.Baseline.Metric - 1
		row.Change = &change
		judge(&row, bd, cd, o)
	}
	if moreFailures(b, c, o) {
		v := MoreFailures
		if row.Verdict == Slower {
			v = SlowerAndMoreFailures
		}
		row.Verdict, row.Regressed = v, true
	}
	row.Regressed = row.Regressed && row.Gating
	return row
}

// judge gives the verdict on time of a row whose two sides have data:
// too few samples, same, slower or faster.
func judge(row *Row, bd, cd dist, o Options) {
	if !enough(bd.n, o.Metric) || !enough(cd.n, o.Metric) {
		row.Verdict = TooFew
		return
	}
	p := notSlower(bd, cd, o)
	row.PNotSlower, row.Verdict = &p, Same
	switch {
	case p <= 1-o.Confidence && *row.Change > o.Tolerance:
		row.Verdict, row.Regressed = Slower, true
	case 1-p <= 1-o.Confidence && -*row.Change > o.Tolerance:
		row.Verdict = Faster
	}
}

// enough reports whether n timed responses suffice to judge m: MinBeyond
// of them on each side of a percentile's rank, MinAverage for the average.
func enough(n int64, m Metric) bool {
	if m.Average() {
		return n >= MinAverage
	}
	k := rank(m.Quantile, n)
	return min(k-1, n-k) >= MinBeyond
}

// MinSamples is the fewest timed responses each run needs for m to be
// judged: 100 for p95, 500 for p99, 11 for p50, MinAverage for avg.
func MinSamples(m Metric) int64 {
	if m.Average() {
		return MinAverage
	}
	n := max(int64(float64(MinBeyond)/min(m.Quantile, 1-m.Quantile))-1, 1) // no more than the answer
	for !enough(n, m) {
		n++
	}
	return n
}

func side(e Endpoint, d dist, dur float64, m Metric) Side {
	s := Side{Requests: e.Requests, Timed: d.n}
	if dur > 0 {
		s.RPS = float64(e.Requests) / dur
	}
	if e.Requests > 0 {
		s.FailRatio = float64(e.Failures) / float64(e.Requests)
	}
	if d.n > 0 {
		s.P50, s.P95, s.P99 = ms(d.quantile(0.5)), ms(d.quantile(0.95)), ms(d.quantile(0.99))
		s.Metric = ms(d.quantile(m.Quantile))
	}
	return s
}

func ms(us float64) float64 { return us / 1000 }

// notSlower is the share of bootstrap draws in which the current metric is
// at or below the baseline's.
func notSlower(bd, cd dist, o Options) float64 {
	r := rand.New(rand.NewPCG(o.Seed, 0x9e3779b97f4a7c15))
	q := o.Metric.Quantile
	var not int
	for range o.Draws {
		if cd.draw(r, q) <= bd.draw(r, q) {
			not++
		}
	}
	return float64(not) / float64(o.Draws)
}

// moreFailures reports whether the failure ratio grew by more than the
// tolerance and by more than chance explains: a one-sided two-proportion z
// test at the confidence level.
func moreFailures(b, c Endpoint, o Options) bool {
	if b.Requests == 0 || c.Requests == 0 {
		return false
	}
	pb, pc := float64(b.Failures)/float64(b.Requests), float64(c.Failures)/float64(c.Requests)
	if pc <= pb*(1+o.Tolerance) {
		return false
	}
	pool := float64(b.Failures+c.Failures) / float64(b.Requests+c.Requests)
	se := math.Sqrt(pool * (1 - pool) * (1/float64(b.Requests) + 1/float64(c.Requests)))
	if se == 0 {
		return false
	}
	z := (pc - pb) / se
	return 0.5*math.Erfc(z/math.Sqrt2) <= 1-o.Confidence
}

// All is every row compared: the endpoints, then the total.
func (r *Result) All() []Row {
	return append(append(make([]Row, 0, len(r.Rows)+1), r.Rows...), r.Total)
}
