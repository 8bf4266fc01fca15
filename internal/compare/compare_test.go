package compare_test

import (
	"bytes"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/gustload/gust/internal/compare"
	"github.com/gustload/gust/internal/stats"
)

// target is the response times of a server that takes delay milliseconds
// plus an exponentially distributed overhead (mean 0.4 ms), as a service
// with a fixed delay on a busy machine does.
func target(seed uint64, delayMS float64, n int) compare.Endpoint {
	r := rand.New(rand.NewPCG(seed, 7))
	h := stats.NewHistogram()
	for range n {
		_ = h.RecordValue(int64(1000 * (delayMS + 0.4*r.ExpFloat64())))
	}
	return compare.Endpoint{Method: "GET", Name: "/delay", Requests: int64(n), Hist: h}
}

func run(path string, es ...compare.Endpoint) *compare.Run {
	total := compare.Endpoint{Name: "Aggregated", Hist: stats.NewHistogram()}
	for _, e := range es {
		total.Requests += e.Requests
		total.Failures += e.Failures
		total.Hist.Merge(e.Hist)
	}
	return &compare.Run{Path: path, Duration: 10, Entries: es, Total: total}
}

func TestSlowerIsFound(t *testing.T) {
	for _, metric := range []string{"p50", "p95", "p99", "avg"} {
		m, err := compare.ParseMetric(metric)
		if err != nil {
			t.Fatal(err)
		}
		res := compare.Compare(run("base", target(1, 5, 2000)), run("cur", target(2, 6, 2000)),
			compare.Options{Metric: m, Tolerance: 0.05})
		if !res.Regressed || res.Rows[0].Verdict != compare.Slower || res.Total.Verdict != compare.Slower {
			t.Errorf("%s: 5 ms against 6 ms: verdict %q (total %q), want slower", metric, res.Rows[0].Verdict, res.Total.Verdict)
		}
		back := compare.Compare(run("base", target(2, 6, 2000)), run("cur", target(1, 5, 2000)), compare.Options{Metric: m, Tolerance: 0.05})
		if back.Regressed || back.Rows[0].Verdict != compare.Faster {
			t.Errorf("%s: 6 ms against 5 ms: verdict %q, want faster", metric, back.Rows[0].Verdict)
		}
	}
}

// TestSameIsSame compares 20 pairs of runs drawn from one distribution: at
// most one may be called a regression (the test's confidence is 99%). The
// seeds are fixed, so the outcome never changes from one run to the next.
func TestSameIsSame(t *testing.T) {
	for _, metric := range []string{"p50", "p95", "p99", "avg"} {
		m, _ := compare.ParseMetric(metric)
		regressed := 0
		for i := range uint64(20) {
			res := compare.Compare(run("base", target(100+2*i, 5, 2000)), run("cur", target(101+2*i, 5, 2000)),
				compare.Options{Metric: m, Tolerance: 0.05, Seed: i})
			if res.Regressed {
				regressed++
			}
		}
		if regressed > 1 {
			t.Errorf("%s: %d of 20 comparisons of one distribution regressed, want at most 1", metric, regressed)
		}
	}
}

// TestSmallChangeWithinTolerance: with many samples a 2% slowdown is real,
// but smaller than the tolerance, so it is no regression; with no tolerance
// it is one.
func TestSmallChangeWithinTolerance(t *testing.T) {
	base, cur := run("base", target(1, 5, 50000)), run("cur", target(2, 5.1, 50000))
	if res := compare.Compare(base, cur, compare.Options{Tolerance: 0.05}); res.Regressed {
		t.Errorf("2%% slower with a 5%% tolerance regressed: change %+.3f", *res.Total.Change)
	}
	if res := compare.Compare(base, cur, compare.Options{Tolerance: 0}); !res.Regressed {
		t.Errorf("2%% slower with 50000 samples and no tolerance did not regress: change %+.3f, p %.4f",
			*res.Total.Change, *res.Total.PNotSlower)
	}
}

// TestFewSamplesAreNotEnough: a p95 of 99 requests has 4 above it, too few
// for a verdict even when the run is much slower; from 100 requests (5
// above) it has one. Too few samples never regresses.
func TestFewSamplesAreNotEnough(t *testing.T) {
	for _, tt := range []struct {
		metric  string
		n, need int
	}{{"p95", 100, 100}, {"p99", 500, 500}, {"p50", 11, 11}, {"p99.9", 5000, 5000}, {"avg", 30, 30}} {
		m, _ := compare.ParseMetric(tt.metric)
		o := compare.Options{Metric: m, Tolerance: 0.05}
		res := compare.Compare(run("base", target(1, 5, tt.n-1)), run("cur", target(2, 10, tt.n-1)), o)
		if res.Rows[0].Verdict != compare.TooFew || res.Regressed || res.Rows[0].PNotSlower != nil || res.MinSamples != int64(tt.need) {
			t.Errorf("%s, %d requests: verdict %q, regressed %v, min samples %d; want %q, no regression, %d",
				tt.metric, tt.n-1, res.Rows[0].Verdict, res.Regressed, res.MinSamples, compare.TooFew, tt.need)
		}
		if res := compare.Compare(run("base", target(1, 5, tt.n)), run("cur", target(2, 10, tt.n)), o); res.Rows[0].Verdict != compare.Slower {
			t.Errorf("%s, %d requests, 5 ms against 10 ms: verdict %q, want slower", tt.metric, tt.n, res.Rows[0].Verdict)
		}
	}
}

func TestMoreFailures(t *testing.T) {
	b, c := target(1, 5, 5000), target(2, 5, 5000)
	b.Failures, c.Failures = 10, 200
	res := compare.Compare(run("base", b), run("cur", c), compare.Options{Tolerance: 0.05})
	if res.Rows[0].Verdict != compare.MoreFailures || !res.Regressed {
		t.Errorf("failures 0.2%% -> 4%%: verdict %q, want %q", res.Rows[0].Verdict, compare.MoreFailures)
	}
	c.Failures = 12 // 0.2% -> 0.24%: chance
	if res := compare.Compare(run("base", b), run("cur", c), compare.Options{Tolerance: 0.05}); res.Regressed {
		t.Errorf("failures 10 -> 12 of 5000 regressed")
	}
}

func TestEndpointsInOneRun(t *testing.T) {
	a, b := target(1, 5, 100), target(2, 5, 100)
	b.Name = "/new"
	res := compare.Compare(run("base", a), run("cur", b), compare.Options{})
	if len(res.Rows) != 0 || len(res.OnlyBase) != 1 || res.OnlyBase[0] != "GET /delay" ||
		len(res.OnlyCurrent) != 1 || res.OnlyCurrent[0] != "GET /new" {
		t.Fatalf("rows %d, only in base %v, only in current %v", len(res.Rows), res.OnlyBase, res.OnlyCurrent)
	}
	if res.Total.Verdict == compare.NoData {
		t.Error("the total was not compared")
	}
}

func TestParseMetric(t *testing.T) {
	tests := []struct {
		in   string
		want float64
		ok   bool
	}{
		{"p95", 0.95, true}, {"P99.9", 0.999, true}, {"median", 0.5, true}, {"avg", 0, true},
		{"p100", 0, false}, {"p0", 0, false}, {"95", 0, false}, {"pxx", 0, false},
	}
	for _, tt := range tests {
		m, err := compare.ParseMetric(tt.in)
		if (err == nil) != tt.ok || (tt.ok && math.Abs(m.Quantile-tt.want) > 1e-12) {
			t.Errorf("ParseMetric(%q) = %+v, %v", tt.in, m, err)
		}
	}
}

// TestNoResponses: a target that answered in the baseline and completed no
// request now (it hangs) is a regression, and its times read n/a, not a
// change of -100%, in the table as in the JSON.
func TestNoResponses(t *testing.T) {
	hung := compare.Endpoint{Method: "GET", Name: "/delay", Hist: stats.NewHistogram()}
	res := compare.Compare(run("base", target(1, 5, 2000)), run("cur", hung), compare.Options{Tolerance: 0.05})
	for _, row := range res.All() {
		if row.Verdict != compare.NoResponses || !row.Regressed || row.Change != nil {
			t.Errorf("%s: verdict %q, regressed %v, change %v; want %q, regressed, no change",
				row.Endpoint, row.Verdict, row.Regressed, row.Change, compare.NoResponses)
		}
	}
	var table, js bytes.Buffer
	if err := compare.WriteTable(&table, res); err != nil {
		t.Fatal(err)
	}
	if !res.Regressed || strings.Contains(table.String(), "100.0%") || !strings.Contains(table.String(), "ms -> n/a") ||
		!strings.Contains(table.String(), "REGRESSED: GET /delay (no responses), Aggregated (no responses)") {
		t.Errorf("regressed %v, table:\n%s", res.Regressed, &table)
	}
	if err := compare.WriteJSON(&js, res); err != nil || !strings.Contains(js.String(), `"change": null`) {
		t.Errorf("JSON (%v) lacks a null change:\n%s", err, &js)
	}
	if res := compare.Compare(run("base", hung), run("cur", hung), compare.Options{}); res.Regressed || res.Total.Verdict != compare.NoData {
		t.Errorf("no requests in either run: verdict %q, regressed %v; want %q", res.Total.Verdict, res.Regressed, compare.NoData)
	}
}

// TestSetUpRowsNeverGate: gust's CONNECT and TLS rows (its own dials, not
// in the total) show their verdict but never make the comparison regress.
func TestSetUpRowsNeverGate(t *testing.T) {
	for _, method := range []string{"CONNECT", "TLS"} {
		b, c := target(1, 5, 2000), target(2, 10, 2000)
		b.Method, c.Method = method, method
		get := target(3, 5, 2000)
		base, cur := run("base", get), run("cur", get)
		base.Entries, cur.Entries = append(base.Entries, b), append(cur.Entries, c)
		res := compare.Compare(base, cur, compare.Options{Tolerance: 0.05})
		row := res.Rows[1]
		if row.Verdict != compare.Slower || row.Gating || row.Regressed || res.Regressed || !res.Rows[0].Gating {
			t.Errorf("%s twice slower: %+v, comparison regressed %v; want slower, not gating, no regression", method, row, res.Regressed)
		}
		var table bytes.Buffer
		if err := compare.WriteTable(&table, res); err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{"slower (+", ", not gated", "never gating", "no regression"} {
			if !strings.Contains(table.String(), want) {
				t.Errorf("%s: the table lacks %q:\n%s", method, want, &table)
			}
		}
	}
}
