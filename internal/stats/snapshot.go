package stats

import (
	"math"
	"sort"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// Histogram geometry: every latency histogram in gust has the same shape, so
// histograms from any shard, node or snapshot merge exactly.
const (
	// LowestUS is the smallest latency tracked, in microseconds.
	LowestUS = 1
	// HighestUS is the largest latency tracked (one hour); longer samples are
	// clamped into the top bucket, while Max keeps the true value.
	HighestUS = int64(time.Hour / time.Microsecond)
	// SigFigs is the number of significant decimal digits kept: a recorded
	// value is off by at most 0.1%.
	SigFigs = 3
)

// NewHistogram returns an empty histogram of gust's geometry (microseconds).
func NewHistogram() *hdrhistogram.Histogram {
	return hdrhistogram.New(LowestUS, HighestUS, SigFigs)
}

// WindowSigFigs is the precision of the current-window histograms (1%): they
// only feed live charts, and at this precision one takes about 27 KB instead
// of the 188 KB of a whole-run histogram.
const WindowSigFigs = 2

// NewWindowHistogram returns an empty histogram of the current-window
// geometry: the same range as NewHistogram, WindowSigFigs digits. A
// whole-run histogram merges into it exactly, because its buckets nest.
func NewWindowHistogram() *hdrhistogram.Histogram {
	return hdrhistogram.New(LowestUS, HighestUS, WindowSigFigs)
}

// TotalName is the Name of the aggregated entry (whose Method is ""), as in
// Locust's reports.
const TotalName = "Aggregated"

// Percentiles are the percentiles gust reports, as fractions, in Locust's order.
var Percentiles = []float64{0.50, 0.66, 0.75, 0.80, 0.90, 0.95, 0.98, 0.99, 0.999, 0.9999, 1.0}

// Key identifies an entry: a request type (HTTP method or a custom protocol's
// verb) and a name (the URL path or the name the author gave).
type Key struct {
	Method string
	Name   string
}

// Count is how many requests and failures ended in one wall-clock second.
type Count struct {
	Requests int64
	Failures int64
}

// Entry is the statistics of one (method, name) pair, or of all of them
// (the aggregated total, whose Name is "Aggregated" and Method "").
type Entry struct {
	Key
	Requests      int64         // every request, failures included
	Failures      int64         // requests that failed
	NoTime        int64         // requests counted without a response time (Locust's None)
	TotalTime     time.Duration // sum of all timed requests' durations
	Min           time.Duration // exact, 0 when no timed request
	Max           time.Duration // exact
	ContentLength int64         // sum of response sizes in bytes
	// Interrupted counts requests still in flight when the test ended,
	// cut short by the stop: not in Requests, not failures of the target.
	Interrupted int64
	First       time.Time // when the first request was recorded
	Last        time.Time // when the last request was recorded

	// Hist holds every timed request's duration in microseconds.
	Hist *hdrhistogram.Histogram
	// Seconds counts requests and failures per Unix second. In a cumulative
	// snapshot it keeps only the recent seconds (enough for CurrentRPS); in a
	// delta it holds every second of the delta.
	Seconds map[int64]Count
	// Window holds the durations of the recent seconds (between 5 and 10 s),
	// for current percentiles in live charts and history. It may be nil.
	Window *hdrhistogram.Histogram
	// Corrected holds the response times corrected for coordinated omission
	// (see Sample.Corrected), in microseconds, or is nil when no sample of
	// this entry had one.
	Corrected *hdrhistogram.Histogram
	// CorrectedMax is the largest corrected response time (exact).
	CorrectedMax time.Duration
	// Buckets may stand in for Hist in a delta given to Merge: the
	// non-empty buckets of a whole-run histogram, which spares a master a
	// 188 KB histogram per entry of every worker's report.
	Buckets []Bucket
	// RateLag leaves the newest seconds out of CurrentRPS and
	// CurrentFailPerSec: on a master, whose workers report every few
	// seconds, they are still incomplete (see Recorder.SetRateLag).
	RateLag time.Duration
	// NoUsers is set on the entries of a snapshot ticked while no user ran
	// (the test stopped, or a shape at 0 users): their current rates are 0
	// at once instead of fading over the CurrentWindow.
	NoUsers bool
}

// Timed is the number of requests that have a response time.
func (e *Entry) Timed() int64 { return e.Requests - e.NoTime }

// Avg is the mean response time of the timed requests.
func (e *Entry) Avg() time.Duration {
	if e.Timed() <= 0 {
		return 0
	}
	return e.TotalTime / time.Duration(e.Timed())
}

// AvgSize is the mean content length per request, in bytes.
func (e *Entry) AvgSize() float64 {
	if e.Requests == 0 {
		return 0
	}
	return float64(e.ContentLength) / float64(e.Requests)
}

// FailRatio is failures divided by requests (0 with no requests).
func (e *Entry) FailRatio() float64 {
	if e.Requests == 0 {
		return 0
	}
	return float64(e.Failures) / float64(e.Requests)
}

// Percentile returns the response time at fraction q (0.95 for p95) of the
// whole run. It never exceeds Max nor falls below Min.
func (e *Entry) Percentile(q float64) time.Duration {
	if q >= 1 && e.Timed() > 0 {
		return e.Max // exact, where the histogram keeps whole microseconds
	}
	return clampedQuantile(e.Hist, q, e.Min, e.Max)
}

// Median is Percentile(0.5).
func (e *Entry) Median() time.Duration { return e.Percentile(0.5) }

// CurrentPercentile is the percentile over the recent window (see Window),
// falling back to the whole run when no window is kept.
func (e *Entry) CurrentPercentile(q float64) time.Duration {
	if e.Window == nil {
		return e.Percentile(q)
	}
	if e.Window.TotalCount() == 0 {
		return 0
	}
	return clampedQuantile(e.Window, q, e.Min, e.Max)
}

func clampedQuantile(h *hdrhistogram.Histogram, q float64, lo, hi time.Duration) time.Duration {
	if h == nil || h.TotalCount() == 0 {
		return 0
	}
	var v time.Duration
	if q >= 1 {
		v = time.Duration(h.Max()) * time.Microsecond
	} else {
		v = time.Duration(h.ValueAtQuantile(q*100)) * time.Microsecond
	}
	return min(max(v, lo), hi)
}

// Duration is the span between the first and the last request.
func (e *Entry) Duration() time.Duration {
	if e.First.IsZero() || e.Last.IsZero() {
		return 0
	}
	return e.Last.Sub(e.First)
}

// TotalRPS is requests per second over the whole run, as Locust computes it:
// requests divided by the time from the first to the last request.
func (e *Entry) TotalRPS() float64 { return perSecond(e.Requests, e.Duration()) }

// TotalFailPerSec is failures per second over the whole run.
func (e *Entry) TotalFailPerSec() float64 { return perSecond(e.Failures, e.Duration()) }

func perSecond(n int64, d time.Duration) float64 {
	if n == 0 {
		return 0
	}
	s := d.Seconds()
	if s < 1 {
		s = 1
	}
	return float64(n) / s
}

// CurrentWindow is how many whole seconds the current rates average over.
const CurrentWindow = 10

// CurrentRPS is the mean requests per second over the last CurrentWindow
// complete seconds before now, leaving out the second still in progress; 0
// when no user runs (NoUsers).
func (e *Entry) CurrentRPS(now time.Time) float64 {
	r, _ := e.current(now)
	return r
}

// CurrentFailPerSec is CurrentRPS for failures.
func (e *Entry) CurrentFailPerSec(now time.Time) float64 {
	_, f := e.current(now)
	return f
}

func (e *Entry) current(now time.Time) (rps, fps float64) {
	if len(e.Seconds) == 0 || e.NoUsers {
		return 0, 0
	}
	end := now.Add(-e.RateLag).Unix() // the second in progress is left out
	start := end - CurrentWindow
	if first := e.First.Unix(); first > start {
		start = first
	}
	n := end - start
	if n <= 0 {
		return 0, 0
	}
	var req, fail int64
	for s, c := range e.Seconds {
		if s >= start && s < end {
			req += c.Requests
			fail += c.Failures
		}
	}
	return float64(req) / float64(n), float64(fail) / float64(n)
}

// Error is one kind of failure: the same method, name and error text.
type Error struct {
	Method      string
	Name        string
	Error       string
	Occurrences int64
	FirstSeen   time.Time
	LastSeen    time.Time
	// Example is the text of the first failure of this kind as it was,
	// when Normalize took volatile parts out of it for Error; "" when
	// they are the same.
	Example string
}

// Exception is a panic (or other error) raised in user code, grouped by its
// stack trace.
type Exception struct {
	Count     int64
	Message   string
	Traceback string
	Nodes     []string // "local" or the worker ids that raised it
}

// Point is one second of history, for charts and the history CSV.
type Point struct {
	Time     time.Time
	Users    int
	RPS      float64 // current requests/s
	FailPS   float64 // current failures/s
	P50      time.Duration
	P95      time.Duration
	P99      time.Duration
	AvgTime  time.Duration // average response time of the whole run so far
	Requests int64         // total requests so far
	Failures int64         // total failures so far
}

// Snapshot is the state of the statistics at one moment. It is immutable once
// made: the console, the web API, the reports and the worker all read the same
// snapshot, and none of them changes it.
type Snapshot struct {
	Time       time.Time      // when it was taken
	Start      time.Time      // when the statistics were started or last reset
	Entries    []*Entry       // sorted by Name, then Method
	Total      *Entry         // the aggregated entry
	Errors     []*Error       // sorted by occurrences, most first
	Exceptions []*Exception   // sorted by count, most first
	Users      int            // running users
	UserKinds  map[string]int // running users per user kind
	History    []Point        // one point per second, oldest first (bounded)
	// Arrival is how an arrival-rate test kept its schedule; nil for a test
	// of a number of users. The engine fills it in.
	Arrival *Arrival
}

// Entry returns the entry with the given method and name, or nil.
func (s *Snapshot) Entry(method, name string) *Entry {
	for _, e := range s.Entries {
		if e.Method == method && e.Name == name {
			return e
		}
	}
	return nil
}

// SortEntries orders entries by name, then method, as Locust's CSV does.
func SortEntries(es []*Entry) {
	sort.Slice(es, func(i, j int) bool {
		if es[i].Name != es[j].Name {
			return es[i].Name < es[j].Name
		}
		return es[i].Method < es[j].Method
	})
}

// Millis converts a duration to float milliseconds, the unit of every report.
func Millis(d time.Duration) float64 {
	return float64(d) / float64(time.Millisecond)
}

// RoundMillis rounds a duration to whole milliseconds, half away from zero.
func RoundMillis(d time.Duration) int64 {
	return int64(math.Round(Millis(d)))
}
