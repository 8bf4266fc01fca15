package compare

import (
	"math"
	"math/rand/v2"
)

// Defaults of Options.
const (
	DefaultTolerance  = 0.05
	DefaultConfidence = 0.99
	DefaultDraws      = 2000
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
)

// Side is one run's numbers for one endpoint.
type Side struct {
	Requests  int64   `json:"requests"`
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
	// slower, -0.1 10% faster.
	Change float64 `json:"change"`
	// PNotSlower is the share of bootstrap draws in which the current run's
	// metric is not above the baseline's: small when it really grew.
	PNotSlower float64 `json:"p_not_slower"`
	Verdict    string  `json:"verdict"`
	Regressed  bool    `json:"regressed"`
}

// Result is a whole comparison.
type Result struct {
	Baseline    string   `json:"baseline"` // file names
	Current     string   `json:"current"`
	Metric      string   `json:"metric"`
	Tolerance   float64  `json:"tolerance"`
	Confidence  float64  `json:"confidence"`
	Rows        []Row    `json:"endpoints"` // in the baseline's order
	Total       Row      `json:"total"`
	OnlyBase    []string `json:"only_in_baseline"`
	OnlyCurrent []string `json:"only_in_current"`
	Regressed   bool     `json:"regressed"`
}

// Compare compares cur with base, endpoint by endpoint and in total.
func Compare(base, cur *Run, o Options) *Result {
	o = o.withDefaults()
	res := &Result{Baseline: base.Path, Current: cur.Path, Metric: o.Metric.Name, Tolerance: o.Tolerance,
		Confidence: o.Confidence, OnlyBase: []string{}, OnlyCurrent: []string{}, Rows: []Row{}}
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
	row := Row{Endpoint: b.Key(), Verdict: NoData}
	bd, cd := newDist(b.Hist), newDist(c.Hist)
	row.Baseline, row.Current = side(b, bd, bDur, o.Metric), side(c, cd, cDur, o.Metric)
	if bd.n == 0 || cd.n == 0 || row.Baseline.Metric == 0 {
		return row
	}
	row.Change = row.Current.Metric/row.Baseline.Metric - 1
	row.PNotSlower = notSlower(bd, cd, o)
	row.Verdict = Same
	switch {
	case row.PNotSlower <= 1-o.Confidence && row.Change > o.Tolerance:
		row.Verdict, row.Regressed = Slower, true
	case 1-row.PNotSlower <= 1-o.Confidence && -row.Change > o.Tolerance:
		row.Verdict = Faster
	}
	if moreFailures(b, c, o) {
		v := MoreFailures
		if row.Verdict == Slower {
			v = SlowerAndMoreFailures
		}
		row.Verdict, row.Regressed = v, true
	}
	return row
}

func side(e Endpoint, d dist, dur float64, m Metric) Side {
	s := Side{Requests: e.Requests}
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
