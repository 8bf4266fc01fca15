package threshold_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
	"github.com/gustload/gust/internal/threshold"
)

func TestEvaluate(t *testing.T) {
	tests := []struct {
		in     string
		pass   bool
		actual string
		value  float64
	}{
		// one (method, name) entry: every time metric and operator
		{"GET /api/items:p50<=500us", true, "500µs", 0.5},
		{"GET /api/items:p50<500us", false, "500µs", 0.5},
		{"GET /api/items:p(99.9)>=1ms", true, "1ms", 1},
		{"GET /api/items:p90>900us", false, "900µs", 0.9},
		{"GET /api/items:avg==505us", true, "505µs", 0.505},
		{"GET /api/items:med>400us", true, "500µs", 0.5},
		{"GET /api/items:min==10us", true, "10µs", 0.01},
		{"GET /api/items:max<1ms", false, "1ms", 1},
		{"GET /api/items:rps>=10", true, "10.00", 10},
		{"GET /api/items:rps>10/s", false, "10.00", 10},
		{"GET /api/items:fail_ratio==0", true, "0", 0},
		// a name alone combines its methods
		{"/api/items:requests==110", true, "110", 110},
		{"/api/items:failures<2", false, "2", 2},
		{"/api/items:min==10us", true, "10µs", 0.01},
		{"/api/items:max==2ms", true, "2ms", 2},
		{"/api/items:p95>=2ms", true, "2ms", 2},
		{"/api/items:fail_ratio<0.02", true, "0.01818", 2.0 / 110},
		{"/api/items:rps==11", true, "11.00", 11},
		{"POST /api/items:fail_ratio>=20%", true, "0.2", 0.2},
		{"GET /login:fail_ratio==1", true, "1", 1},
		{"GET /login:failures<=4", true, "4", 4},
		// no filter: the aggregated total
		{"requests>=114", true, "114", 114},
		{"requests>114", false, "114", 114},
		{"failures<6", false, "6", 6},
		{"max<=2ms", true, "2ms", 2},
		{"p50<500us", false, "550µs", 0.55},
	}
	snap := snapshot()
	for _, tt := range tests {
		th, err := threshold.Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		r := threshold.Evaluate([]threshold.Threshold{th}, snap)[0]
		if r.Err != nil || r.Pass != tt.pass || r.Actual != tt.actual || !near(r.Value, tt.value) || r.Threshold != th {
			t.Errorf("%s: got pass=%v actual=%q value=%g err=%v; want pass=%v actual=%q value=%g",
				tt.in, r.Pass, r.Actual, r.Value, r.Err, tt.pass, tt.actual, tt.value)
		}
	}
}

// Large counts and small ratios are written out without an exponent, as
// people read and CI tools match them.
func TestEvaluateWritesNumbersInFull(t *testing.T) {
	big := entry("", "Aggregated", 0, 0)
	big.Requests, big.Failures, big.NoTime = 3_000_000, 96, 96
	snap := &stats.Snapshot{Time: t0.Add(10 * time.Second), Start: t0, Total: big}
	for _, tt := range []struct{ in, threshold, actual string }{
		{"requests>2000000", "requests>2000000", "3000000"},
		{"fail_ratio<1e-4", "fail_ratio<0.0001", "0.000032"},
		{"rps>=1e5", "rps>=100000", "300000.00"},
	} {
		th, err := threshold.Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		r := threshold.Evaluate([]threshold.Threshold{th}, snap)[0]
		if r.Err != nil || th.String() != tt.threshold || r.Actual != tt.actual {
			t.Errorf("%s: threshold %q, actual %q, %v; want %q and %q", tt.in, th, r.Actual, r.Err, tt.threshold, tt.actual)
		}
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

func TestEvaluateErrors(t *testing.T) {
	empty := &stats.Snapshot{Total: &stats.Entry{Key: stats.Key{Name: "Aggregated"}, Hist: stats.NewHistogram()}}
	tests := []struct {
		in   string
		snap *stats.Snapshot
		is   error
		want string
	}{
		{"GET /nope:p95<1s", snapshot(), threshold.ErrNoMatch,
			`gust: threshold filter matched no request: GET "/nope"; seen: GET /api/items, POST /api/items, GET /login`},
		{"DELETE /api/items:p95<1s", snapshot(), threshold.ErrNoMatch, `request: DELETE "/api/items"; seen:`},
		{"/api/item:rps>0", snapshot(), threshold.ErrNoMatch, `request: "/api/item" (any method); seen:`},
		{"/a:rps>0", empty, threshold.ErrNoMatch, `request: "/a" (any method); no request was recorded at all`},
		{"p95<1s", nil, threshold.ErrNoMatch, "no statistics were recorded"},
		{"p95<1s", &stats.Snapshot{}, threshold.ErrNoMatch, "no statistics were recorded"},
		{"GET /login:p95<1s", snapshot(), threshold.ErrNoData,
			`gust: threshold has nothing to measure: p95 needs at least one timed request to GET "/login"`},
		{"GET /login:avg<1s", snapshot(), threshold.ErrNoData, "avg needs at least one timed request"},
		{"p95<1s", empty, threshold.ErrNoData, "p95 needs at least one timed request to the aggregated total"},
		{"fail_ratio<0.01", empty, threshold.ErrNoData, "fail_ratio needs at least one request to the aggregated total"},
	}
	for _, tt := range tests {
		th, err := threshold.Parse(tt.in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", tt.in, err)
		}
		r := threshold.Evaluate([]threshold.Threshold{th}, tt.snap)[0]
		if r.Pass || r.Actual != "" || !errors.Is(r.Err, tt.is) || !strings.Contains(r.Err.Error(), tt.want) {
			t.Errorf("%s: got pass=%v actual=%q err=%v; want an error wrapping %v containing %q", tt.in, r.Pass, r.Actual, r.Err, tt.is, tt.want)
		}
	}
}

func TestEvaluateCountsWithoutRequests(t *testing.T) {
	empty := &stats.Snapshot{Total: &stats.Entry{Key: stats.Key{Name: "Aggregated"}}}
	for in, pass := range map[string]bool{"requests>0": false, "failures==0": true, "rps>=1": false} {
		th, _ := threshold.Parse(in)
		r := threshold.Evaluate([]threshold.Threshold{th}, empty)[0]
		if r.Err != nil || r.Pass != pass {
			t.Errorf("%s on an empty run: pass=%v err=%v, want pass=%v and no error", in, r.Pass, r.Err, pass)
		}
	}
}

func TestEvaluateListsFewRecorded(t *testing.T) {
	snap := &stats.Snapshot{}
	for _, n := range []string{"/a", "/b", "/c", "/d", "/e", "/f", "/g"} {
		snap.Entries = append(snap.Entries, entry("GET", n, 0, 0, time.Millisecond))
	}
	th, _ := threshold.Parse("/z:max<1s")
	err := threshold.Evaluate([]threshold.Threshold{th}, snap)[0].Err
	if want := "seen: GET /a, GET /b, GET /c, GET /d, GET /e and 2 more"; err == nil || !strings.HasSuffix(err.Error(), want) {
		t.Errorf("error = %v, want it to end %q", err, want)
	}
}

func TestEvaluateUnknownMetric(t *testing.T) {
	th := threshold.Threshold{Metric: "p95x", Op: threshold.Less, Duration: time.Second}
	r := threshold.Evaluate([]threshold.Threshold{th}, snapshot())[0]
	if r.Pass || !errors.Is(r.Err, threshold.ErrInvalid) || !strings.Contains(r.Err.Error(), `unknown metric "p95x"`) {
		t.Errorf("Evaluate(metric p95x) = pass %v, err %v; want ErrInvalid naming the metric", r.Pass, r.Err)
	}
}

func TestBreached(t *testing.T) {
	pass := threshold.Result{Pass: true}
	fail := threshold.Result{Pass: false}
	broken := threshold.Result{Err: threshold.ErrNoMatch}
	tests := []struct {
		rs   []threshold.Result
		want bool
	}{
		{nil, false},
		{[]threshold.Result{pass, pass}, false},
		{[]threshold.Result{pass, fail}, true},
		{[]threshold.Result{broken, pass}, true},
	}
	for _, tt := range tests {
		if got := threshold.Breached(tt.rs); got != tt.want {
			t.Errorf("Breached(%+v) = %v, want %v", tt.rs, got, tt.want)
		}
	}
	if threshold.ExitCode != 3 {
		t.Errorf("ExitCode = %d, want 3", threshold.ExitCode)
	}
}

// A custom type of Record or Measure need not be in capitals: "kv measure"
// picks the entry of type kv named measure, as the error's list writes it.
func TestEvaluateFindsALowerCaseType(t *testing.T) {
	snap := snapshot()
	snap.Entries = append(snap.Entries, entry("kv", "measure", 0, 0, repeat(3, time.Millisecond)...))
	for _, in := range []string{"kv measure:requests==3", "measure:requests==3"} {
		th, err := threshold.Parse(in)
		if err != nil {
			t.Fatalf("Parse(%q): %v", in, err)
		}
		if r := threshold.Evaluate([]threshold.Threshold{th}, snap)[0]; r.Err != nil || !r.Pass {
			t.Errorf("%s: pass=%v err=%v; want it to match the kv entry and pass", in, r.Pass, r.Err)
		}
	}
}
