package compare_test

import (
	"math"
	"math/rand/v2"
	"testing"

	"github.com/gustload/gust/internal/compare"
	"github.com/gustload/gust/internal/stats"
)

// lognormal is n response times of one fixed distribution (median 20 ms,
// sigma 0.5), as the QA report's simulator draws them.
func lognormal(seed uint64, n int) compare.Endpoint {
	r := rand.New(rand.NewPCG(seed, 13))
	h := stats.NewHistogram()
	for range n {
		_ = h.RecordValue(int64(math.Exp(math.Log(20000) + 0.5*r.NormFloat64())))
	}
	return compare.Endpoint{Method: "GET", Name: "/x", Requests: int64(n), Hist: h}
}

// TestFalseAlarmsAtSmallN compares 200 pairs of runs drawn from one
// distribution for each metric and sample size, from the few samples where
// the bootstrap of a percentile is not valid to just above the fewest that
// compare gives a verdict for. At 99% confidence about 2 of 200 may be
// called regressions by chance; more than 6 (P < 0.5% at the nominal 1%)
// means the verdict is not calibrated. The seeds are fixed, so the counts
// never change from one run to the next.
func TestFalseAlarmsAtSmallN(t *testing.T) {
	const pairs, most = 200, 6
	tests := []struct {
		metric string
		n      []int
	}{
		{"p95", []int{3, 5, 10, 20, 100}},
		{"p99", []int{20, 60, 500}},
		{"p50", []int{3, 12}},
		{"avg", []int{3, 5, 30}},
	}
	for _, tt := range tests {
		m, err := compare.ParseMetric(tt.metric)
		if err != nil {
			t.Fatal(err)
		}
		for _, n := range tt.n {
			regressed := 0
			for i := range uint64(pairs) {
				res := compare.Compare(run("base", lognormal(1000+2*i, n)), run("cur", lognormal(1001+2*i, n)),
					compare.Options{Metric: m, Tolerance: 0.05, Seed: i})
				if res.Regressed {
					regressed++
				}
			}
			t.Logf("%s, n=%d: %d of %d false alarms", tt.metric, n, regressed, pairs)
			if regressed > most {
				t.Errorf("%s, n=%d: %d of %d pairs of one distribution regressed (%.1f%%), want at most %d",
					tt.metric, n, regressed, pairs, 100*float64(regressed)/pairs, most)
			}
		}
	}
}
