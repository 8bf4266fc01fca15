package wire

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

var t0 = time.Date(2026, 11, 22, 10, 0, 0, 123456789, time.UTC)

// recordSome records a spread of requests (fast, slow and paced, failed,
// without response time) into a new recorder and returns it.
func recordSome(t *testing.T, seed uint64) *stats.Recorder {
	t.Helper()
	rec := stats.NewRecorder()
	rng := rand.New(rand.NewPCG(seed, 1))
	for i := range 3000 {
		s := stats.Sample{Method: "GET", Name: "/fast", Duration: time.Duration(200+rng.IntN(90_000)) * time.Microsecond,
			Size: int64(rng.IntN(2000)), End: t0.Add(time.Duration(i) * time.Millisecond)}
		switch i % 10 {
		case 3: // on a schedule: corrected for its lateness
			s.Name, s.Duration = "/slow", time.Duration(rng.ExpFloat64()*float64(2*time.Second))+time.Millisecond
			s.Corrected = s.Duration + time.Duration(rng.Int64N(int64(3*time.Second)))
		case 7:
			s.Method, s.Name, s.Err = "POST", "/missing", "HTTPError('404 Client Error: it\\'s \"gone\"')"
		case 9:
			s.Method, s.Name, s.NoTime = "WS", "recv", true
		}
		rec.Record(i, s)
	}
	rec.Tick(t0.Add(3*time.Second), 5, map[string]int{"WebUser": 3, "Admin": 2})
	return rec
}

// viaWire sends a delta through NewStatsReport, Encode, Decode and Delta.
func viaWire(t *testing.T, delta *stats.Snapshot, strip bool) *stats.Snapshot {
	t.Helper()
	r := NewStatsReport(delta)
	if strip { // as from a Locust worker
		for i := range r.Stats {
			r.Stats[i].Hist, r.Stats[i].Corrected = nil, nil
		}
		r.Total.Hist, r.Total.Corrected = nil, nil
	}
	m, err := Decode(mustEncode(t, Message{TypeStats, r, "w_1"}))
	if err != nil {
		t.Fatal(err)
	}
	got, err := m.Data.(*StatsReport).Delta()
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func TestDeltaRoundTripExact(t *testing.T) {
	delta := recordSome(t, 1).Drain(t0.Add(4 * time.Second))
	if len(delta.Entries) != 4 {
		t.Fatalf("recorded %d entries, want 4", len(delta.Entries))
	}
	got := viaWire(t, delta, false)
	if len(got.Entries) != len(delta.Entries) {
		t.Fatalf("%d entries after the round trip, want %d", len(got.Entries), len(delta.Entries))
	}
	for i, want := range append(delta.Entries, delta.Total) {
		g := got.Total
		if i < len(got.Entries) {
			g = got.Entries[i]
		}
		checkEntry(t, g, want)
		if !g.Hist.Equals(want.Hist) {
			t.Errorf("%s %s: histogram changed in the round trip", want.Method, want.Name)
		}
		for _, q := range stats.Percentiles {
			if a, b := g.Percentile(q), want.Percentile(q); a != b {
				t.Errorf("%s %s: p%g = %v, want %v", want.Method, want.Name, q*100, a, b)
			}
		}
	}
	checkErrors(t, got.Errors, delta.Errors)
	if got.Users != 5 || !reflect.DeepEqual(got.UserKinds, delta.UserKinds) {
		t.Errorf("users = %d %v, want 5 %v", got.Users, got.UserKinds, delta.UserKinds)
	}
}

// checkEntry compares everything but the histograms: counts and Min/Max
// exactly, times to the microsecond (float Unix seconds).
func checkEntry(t *testing.T, got, want *stats.Entry) {
	t.Helper()
	name := want.Method + " " + want.Name
	if got.Key != want.Key || got.Requests != want.Requests || got.Failures != want.Failures ||
		got.NoTime != want.NoTime || got.ContentLength != want.ContentLength {
		t.Errorf("%s: counts = %+v, want %+v", name, got, want)
	}
	if got.Min != want.Min || got.Max != want.Max || got.TotalTime != want.TotalTime {
		t.Errorf("%s: min/max/total = %v/%v/%v, want %v/%v/%v", name, got.Min, got.Max, got.TotalTime, want.Min, want.Max, want.TotalTime)
	}
	if !near(got.First, want.First) || !near(got.Last, want.Last) {
		t.Errorf("%s: first/last = %v/%v, want %v/%v", name, got.First, got.Last, want.First, want.Last)
	}
	if !reflect.DeepEqual(got.Seconds, want.Seconds) {
		t.Errorf("%s: seconds = %v, want %v", name, got.Seconds, want.Seconds)
	}
}

func near(a, b time.Time) bool {
	d := a.Sub(b)
	return a.IsZero() == b.IsZero() && d < time.Microsecond && d > -time.Microsecond
}

func checkErrors(t *testing.T, got, want []*stats.Error) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d errors, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Method != w.Method || g.Name != w.Name || g.Error != w.Error || g.Occurrences != w.Occurrences ||
			!near(g.FirstSeen, w.FirstSeen) || !near(g.LastSeen, w.LastSeen) {
			t.Errorf("error %d = %+v, want %+v", i, g, w)
		}
	}
}

// Without gust_hdr (a Locust worker), percentiles come from Locust's
// rounded buckets: within the bucket's rounding of the exact value.
func TestDeltaRoundTripLocustBuckets(t *testing.T) {
	delta := recordSome(t, 2).Drain(t0.Add(4 * time.Second))
	got := viaWire(t, delta, true)
	for i, want := range delta.Entries {
		g := got.Entries[i]
		checkEntry(t, g, want)
		if g.Hist.TotalCount() != want.Timed() {
			t.Errorf("%s: %d timed samples, want %d", want.Name, g.Hist.TotalCount(), want.Timed())
		}
		for _, q := range stats.Percentiles {
			a, b := g.Percentile(q), want.Percentile(q)
			if math.Abs(float64(a-b)) > bucketError(b) {
				t.Errorf("%s: p%g = %v, want %v within Locust's rounding", want.Name, q*100, a, b)
			}
			if a < g.Min || a > g.Max {
				t.Errorf("%s: p%g = %v outside [%v, %v]", want.Name, q*100, a, g.Min, g.Max)
			}
		}
	}
}

// bucketError is how far a Locust bucket can be from a value d: half its
// rounding unit, plus gust's histogram resolution (0.1%) on both sides.
func bucketError(d time.Duration) float64 {
	unit := float64(time.Millisecond)
	for limit := 100 * time.Millisecond; d >= limit && limit <= 10*time.Second; limit *= 10 {
		unit *= 10
	}
	return unit/2 + 0.002*float64(d) + float64(time.Microsecond)
}

// A master that merges a worker's delta has exactly the numbers of the
// worker that recorded it.
func TestMergedDeltaEqualsRecorded(t *testing.T) {
	worker := recordSome(t, 3)
	master := stats.NewRecorder()
	master.Merge(viaWire(t, worker.Drain(t0.Add(4*time.Second)), false))
	want := recordSome(t, 3).Snapshot(t0.Add(5 * time.Second))
	got := master.Snapshot(t0.Add(5 * time.Second))
	for i, w := range want.Entries {
		g := got.Entries[i]
		if g.Key != w.Key || g.Requests != w.Requests || g.Min != w.Min || g.Max != w.Max {
			t.Errorf("merged %s = %+v, want %+v", w.Name, g, w)
		}
		for _, q := range stats.Percentiles {
			if a, b := g.Percentile(q), w.Percentile(q); a != b {
				t.Errorf("merged %s: p%g = %v, want %v", w.Name, q*100, a, b)
			}
		}
	}
	if got.Total.Requests != want.Total.Requests || got.Total.Percentile(0.99) != want.Total.Percentile(0.99) {
		t.Errorf("merged total = %d reqs p99 %v, want %d p99 %v", got.Total.Requests, got.Total.Percentile(0.99),
			want.Total.Requests, want.Total.Percentile(0.99))
	}
}

func TestNewStatsReportFields(t *testing.T) {
	delta := recordSome(t, 4).Drain(t0.Add(4 * time.Second))
	r := NewStatsReport(delta)
	if r.Total.Name != "Aggregated" || r.Total.Method != "" {
		t.Errorf("total is %q %q, want Aggregated and an empty method", r.Total.Method, r.Total.Name)
	}
	for _, e := range append(r.Stats, r.Total) {
		var sum int64
		for ms, n := range e.ResponseTimes {
			if ms != math.Trunc(ms) || BucketMicros(int64(ms*1000)) != int64(ms) {
				t.Errorf("%s: bucket key %v is not one of Locust's buckets", e.Name, ms)
			}
			sum += n
		}
		if sum != e.NumRequests-e.NumNoneRequests {
			t.Errorf("%s: buckets hold %d samples, want %d", e.Name, sum, e.NumRequests-e.NumNoneRequests)
		}
		if (e.MinResponseTime == nil) != (e.NumRequests == e.NumNoneRequests) {
			t.Errorf("%s: min_response_time %v with %d timed requests; want nil exactly when none", e.Name,
				e.MinResponseTime, e.NumRequests-e.NumNoneRequests)
		}
	}
	for key, e := range r.Errors {
		if key != ErrorKey(e.Method, e.Name, e.Error) {
			t.Errorf("error %+v filed under %s, want ErrorKey", e, key)
		}
	}
}

func TestNewStatsReportEmpty(t *testing.T) {
	r := NewStatsReport(&stats.Snapshot{Start: t0, Time: t0.Add(3 * time.Second)})
	if len(r.Stats) != 0 || r.UserClassesCount == nil || r.Errors == nil {
		t.Errorf("empty report = %+v, want no entries and empty (not nil) maps", r)
	}
	if r.Total.StartTime != epoch(t0) || r.Total.LastRequestTimestamp != nil || r.Total.MinResponseTime != nil {
		t.Errorf("empty total = %+v, want start_time %v and None for the rest", r.Total, epoch(t0))
	}
	if r.Total.Hist != nil {
		t.Error("empty total carries gust_hdr, want none")
	}
}

// The reference's example entry from a Locust worker becomes a delta whose
// percentiles never pass the exact min and max (Locust's 100% would be 30).
func TestDeltaFromLocustExample(t *testing.T) {
	r := &StatsReport{Stats: []StatsEntry{decodeEntry(t, pyExampleEntry)},
		Total: StatsEntry{Name: "Aggregated", StartTime: 1795307050.577007}}
	delta, err := r.Delta()
	if err != nil {
		t.Fatal(err)
	}
	e := delta.Entries[0]
	if e.Requests != 4 || e.Failures != 4 || e.Hist.TotalCount() != 4 || e.ContentLength != 16 {
		t.Errorf("entry = %+v, want 4 requests, 4 failures, 4 timed, 16 bytes", e)
	}
	if want := fromMillis(29.748401000006197); e.Max != want || e.Percentile(1) != want {
		t.Errorf("max = %v, p100 = %v, want both %v", e.Max, e.Percentile(1), want)
	}
	if want := fromMillis(2.1448240000268015); e.Min != want || e.Percentile(0.25) != want {
		t.Errorf("min = %v, p25 = %v, want both %v (the 2 ms bucket clamped to min)", e.Min, e.Percentile(0.25), want)
	}
	if want := map[int64]stats.Count{1795307050: {Requests: 1, Failures: 1}, 1795307051: {Requests: 2, Failures: 2}, 1795307052: {Requests: 1, Failures: 1}}; !reflect.DeepEqual(e.Seconds, want) {
		t.Errorf("seconds = %v, want %v", e.Seconds, want)
	}
	if want := time.Unix(1795307050, 577007000); !near(e.First, want) {
		t.Errorf("first = %v, want the start_time %v", e.First, want)
	}
}

func TestDeltaRejectsBadEntries(t *testing.T) {
	tests := map[string]StatsEntry{
		"negative requests": {Name: "/", NumRequests: -1},
		"corrupt gust_hdr":  {Name: "/", Hist: []byte{1, 1}},
	}
	for name, e := range tests {
		r := &StatsReport{Stats: []StatsEntry{e}, Total: StatsEntry{Name: "Aggregated"}}
		if _, err := r.Delta(); err == nil {
			t.Errorf("%s: Delta succeeded, want an error", name)
		}
	}
}

func TestExceptionConversion(t *testing.T) {
	x := ExceptionOf(&stats.Exception{Count: 3, Message: "boom", Traceback: "tb"})
	if x != (Exception{Msg: "boom", Traceback: "tb", Count: 3}) {
		t.Errorf("ExceptionOf = %+v", x)
	}
	got := x.Stats("w_1")
	if got.Count != 3 || got.Message != "boom" || got.Traceback != "tb" || !reflect.DeepEqual(got.Nodes, []string{"w_1"}) {
		t.Errorf("Stats = %+v", got)
	}
}
