package stats_test

import (
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// entryOf builds an entry by hand from response times, as a recorder would.
func entryOf(ds ...time.Duration) *stats.Entry {
	e := &stats.Entry{Hist: stats.NewHistogram()}
	for i, d := range ds {
		us := min((d+500*time.Nanosecond)/time.Microsecond, time.Duration(stats.HighestUS))
		_ = e.Hist.RecordValue(int64(us))
		if i == 0 || d < e.Min {
			e.Min = d
		}
		e.Max = max(e.Max, d)
		e.TotalTime += d
		e.Requests++
	}
	return e
}

func TestPercentileStaysWithinMinMax(t *testing.T) {
	cases := []struct {
		name   string
		ds     []time.Duration
		coarse bool // the raw histogram's top exceeds Max, so clamping matters
	}{
		{"one sample in a wide bucket", []time.Duration{1234567 * time.Microsecond}, true},
		{"many equal samples", []time.Duration{7 * time.Second, 7 * time.Second, 7 * time.Second}, true},
		{"spread", []time.Duration{time.Millisecond, 20 * time.Millisecond, 300 * time.Millisecond, 4001 * time.Millisecond}, true},
		{"above the histogram's range", []time.Duration{2 * time.Hour, 3 * time.Hour}, false},
		{"sub-microsecond", []time.Duration{300 * time.Nanosecond, 800 * time.Nanosecond}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := entryOf(tc.ds...)
			if raw := time.Duration(e.Hist.Max()) * time.Microsecond; tc.coarse && raw <= e.Max {
				t.Fatalf("case does not exercise clamping: histogram max %v <= Max %v", raw, e.Max)
			}
			for _, q := range stats.Percentiles {
				if p := e.Percentile(q); p > e.Max || p < e.Min {
					t.Errorf("Percentile(%v) = %v, outside [%v, %v]", q, p, e.Min, e.Max)
				}
			}
			if e.Max <= time.Hour && e.Percentile(1) != e.Max {
				t.Errorf("Percentile(1) = %v, want Max %v", e.Percentile(1), e.Max)
			}
		})
	}
}

func TestPercentileEmpty(t *testing.T) {
	for _, e := range []*stats.Entry{{}, {Hist: stats.NewHistogram()}} {
		if p := e.Percentile(0.5); p != 0 {
			t.Errorf("Percentile of an empty entry = %v, want 0", p)
		}
	}
}

// secondsEntry is an entry with n requests and f failures in each Unix
// second from..to (inclusive), first seen at first.
func secondsEntry(first float64, from, to, n, f int64) *stats.Entry {
	e := &stats.Entry{Seconds: map[int64]stats.Count{}, First: at(first)}
	for s := from; s <= to; s++ {
		e.Seconds[s] = stats.Count{Requests: n, Failures: f}
	}
	return e
}

func at(sec float64) time.Time {
	return time.Unix(0, int64(sec*1e9))
}

func TestCurrentRPS(t *testing.T) {
	busy := secondsEntry(100, 100, 116, 10, 1)
	busy.Seconds[117] = stats.Count{Requests: 1000, Failures: 1000} // in progress
	cases := []struct {
		name     string
		e        *stats.Entry
		now      float64
		rps, fps float64
	}{
		{"ten complete seconds, in-progress left out", busy, 117.5, 10, 1},
		{"on a second boundary", busy, 117.0, 10, 1},
		{"window older than the data", busy, 140, 0, 0},
		{"started four seconds ago", secondsEntry(113.4, 113, 116, 10, 2), 117.2, 10, 2},
		{"only the second in progress", secondsEntry(117.1, 117, 117, 10, 0), 117.5, 0, 0},
		{"ramp", rampEntry(), 110.5, 5.5, 0},
		{"no seconds", &stats.Entry{}, 117, 0, 0},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.e.CurrentRPS(at(tc.now)); got != tc.rps {
				t.Errorf("CurrentRPS = %v, want %v", got, tc.rps)
			}
			if got := tc.e.CurrentFailPerSec(at(tc.now)); got != tc.fps {
				t.Errorf("CurrentFailPerSec = %v, want %v", got, tc.fps)
			}
		})
	}
}

// rampEntry has 1, 2, ... 11 requests in seconds 100, 101, ... 110: at 110.5
// the complete seconds 100..109 average 55/10.
func rampEntry() *stats.Entry {
	e := &stats.Entry{Seconds: map[int64]stats.Count{}, First: at(99)}
	for i := int64(1); i <= 11; i++ {
		e.Seconds[99+i] = stats.Count{Requests: i}
	}
	return e
}

func TestCurrentPercentile(t *testing.T) {
	e := entryOf(10*time.Millisecond, 20*time.Millisecond, 30*time.Millisecond)
	if got, want := e.CurrentPercentile(0.5), e.Percentile(0.5); got != want {
		t.Errorf("without a window: %v, want the whole run's %v", got, want)
	}
	e.Window = stats.NewWindowHistogram()
	if got := e.CurrentPercentile(0.5); got != 0 {
		t.Errorf("empty window: %v, want 0", got)
	}
	_ = e.Window.RecordValue(30_000)
	if got := e.CurrentPercentile(0.5); got != 30*time.Millisecond {
		t.Errorf("window of one 30 ms sample: %v, want 30ms (clamped to Max)", got)
	}
}

func TestEntryDerived(t *testing.T) {
	e := &stats.Entry{Requests: 10, Failures: 4, NoTime: 2, TotalTime: 800 * time.Millisecond,
		ContentLength: 1000, First: at(100), Last: at(104)}
	checks := []struct {
		name      string
		got, want any
	}{
		{"Timed", e.Timed(), int64(8)},
		{"Avg", e.Avg(), 100 * time.Millisecond},
		{"AvgSize", e.AvgSize(), 100.0},
		{"FailRatio", e.FailRatio(), 0.4},
		{"Duration", e.Duration(), 4 * time.Second},
		{"TotalRPS", e.TotalRPS(), 2.5},
		{"TotalFailPerSec", e.TotalFailPerSec(), 1.0},
		{"empty Avg", (&stats.Entry{}).Avg(), time.Duration(0)},
		{"empty FailRatio", (&stats.Entry{}).FailRatio(), 0.0},
		{"short run TotalRPS", (&stats.Entry{Requests: 3, First: at(1), Last: at(1.5)}).TotalRPS(), 3.0},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestWindowHistogramNests(t *testing.T) {
	// Merging a whole-run histogram into a window histogram must give the
	// same buckets as recording the raw values there.
	whole, direct := stats.NewHistogram(), stats.NewWindowHistogram()
	for v := int64(1); v < 5_000_000; v = v*3/2 + 7 {
		_ = whole.RecordValue(v)
		_ = direct.RecordValue(v)
	}
	merged := stats.NewWindowHistogram()
	merged.Merge(whole)
	if !merged.Equals(direct) {
		t.Errorf("merged window histogram differs from direct recording")
	}
}
