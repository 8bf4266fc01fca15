package stats_test

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/stats"
)

func TestRecordEntry(t *testing.T) {
	type want struct {
		requests, failures, noTime int64
		min, max, avg              time.Duration
		size                       int64
		first, last                float64
	}
	cases := []struct {
		name    string
		samples []stats.Sample
		want    want
	}{
		{"one", []stats.Sample{
			{Duration: ms(12), Size: 100, End: at(base + 1)},
		}, want{1, 0, 0, ms(12), ms(12), ms(12), 100, base + 1, base + 1}},
		{"failures count as requests", []stats.Sample{
			{Duration: ms(10), End: at(base + 1)},
			{Duration: ms(30), Err: "boom", End: at(base + 2)},
		}, want{2, 1, 0, ms(10), ms(30), ms(20), 0, base + 1, base + 2}},
		{"no time is counted but not timed", []stats.Sample{
			{Duration: ms(10), End: at(base + 3)},
			{NoTime: true, Duration: ms(999), Size: 5, End: at(base + 1)},
		}, want{2, 0, 1, ms(10), ms(10), ms(10), 5, base + 1, base + 3}},
		{"only no time", []stats.Sample{
			{NoTime: true, End: at(base + 1)},
		}, want{1, 0, 1, 0, 0, 0, 0, base + 1, base + 1}},
		{"out of order ends", []stats.Sample{
			{Duration: ms(5), End: at(base + 9)},
			{Duration: ms(1), End: at(base + 2)},
			{Duration: ms(3), End: at(base + 5)},
		}, want{3, 0, 0, ms(1), ms(5), ms(3), 0, base + 2, base + 9}},
		{"beyond the histogram", []stats.Sample{
			{Duration: 2 * time.Hour, End: at(base + 1)},
		}, want{1, 0, 0, 2 * time.Hour, 2 * time.Hour, 2 * time.Hour, 0, base + 1, base + 1}},
		{"negative duration reads as zero", []stats.Sample{
			{Duration: -ms(5), End: at(base + 1)},
		}, want{1, 0, 0, 0, 0, 0, 0, base + 1, base + 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := newRecorder()
			for i, s := range tc.samples {
				s.Method, s.Name = "GET", "/x"
				r.Record(i, s)
			}
			e := r.Snapshot(at(base+10)).Entry("GET", "/x")
			got := want{e.Requests, e.Failures, e.NoTime, e.Min, e.Max, e.Avg(), e.ContentLength,
				float64(e.First.UnixNano()) / 1e9, float64(e.Last.UnixNano()) / 1e9}
			if got != tc.want {
				t.Errorf("got  %+v\nwant %+v", got, tc.want)
			}
			if h := e.Hist.TotalCount(); h != e.Timed() {
				t.Errorf("histogram holds %d, want the %d timed requests", h, e.Timed())
			}
			if p := e.Percentile(0.99); p > e.Max {
				t.Errorf("p99 %v exceeds max %v", p, e.Max)
			}
		})
	}
}

func TestSnapshotOrderAndTotal(t *testing.T) {
	r := newRecorder()
	keys := []stats.Key{{"POST", "/b"}, {"GET", "/b"}, {"GET", "/a"}, {"PUT", "/a"}, {"GET", "/c"}}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range 5000 {
		k := keys[rng.IntN(len(keys))]
		s := stats.Sample{Method: k.Method, Name: k.Name, Duration: time.Duration(rng.ExpFloat64() * 2e7),
			Size: rng.Int64N(1000), NoTime: i%97 == 0, End: at(base + float64(i)/500)}
		if i%13 == 0 {
			s.Err = "timeout"
		}
		r.Record(i, s)
	}
	snap := r.Snapshot(at(base + 10))
	var names []string
	for _, e := range snap.Entries {
		names = append(names, e.Name+" "+e.Method)
	}
	if want := []string{"/a GET", "/a PUT", "/b GET", "/b POST", "/c GET"}; !slices.Equal(names, want) {
		t.Errorf("entries in order %v, want %v", names, want)
	}
	if snap.Total.Name != stats.TotalName || snap.Total.Method != "" || snap.Total.Requests != 5000 {
		t.Errorf("total %v with %d requests, want Aggregated with 5000", snap.Total.Key, snap.Total.Requests)
	}
	sumOfEntries(t, snap)
}

func TestPercentileAccuracy(t *testing.T) {
	r := newRecorder()
	rng := rand.New(rand.NewPCG(3, 4))
	const n = 200_000
	exact := make([]time.Duration, n)
	for i := range exact {
		us := int64(math.Exp(rng.NormFloat64()*1.5 + 10)) // lognormal around 22 ms
		exact[i] = time.Duration(max(us, 1)) * time.Microsecond
		r.Record(i, stats.Sample{Method: "GET", Name: "/", Duration: exact[i], End: at(base + 1)})
	}
	slices.Sort(exact)
	e := r.Snapshot(at(base + 2)).Total
	for _, q := range stats.Percentiles {
		// The histogram's rank is round(q*n), as HdrHistogram defines it.
		want := exact[min(max(int(q*n+0.5), 1), n)-1]
		got := e.Percentile(q)
		if got < want || float64(got-want) > 0.001*float64(want) {
			t.Errorf("p%v = %v, exact %v: off by more than 0.1%%", q*100, got, want)
		}
	}
	if e.Percentile(1) != exact[n-1] {
		t.Errorf("p100 = %v, want the exact max %v", e.Percentile(1), exact[n-1])
	}
}

func TestEndDefaultsToNow(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r := stats.NewRecorder()
		start := time.Now()
		r.Record(0, stats.Sample{Method: "GET", Name: "/", Duration: ms(1)})
		time.Sleep(3 * time.Second)
		r.Record(0, stats.Sample{Method: "GET", Name: "/", Duration: ms(1)})
		e := r.Snapshot(time.Now()).Total
		if !e.First.Equal(start) || !e.Last.Equal(time.Now()) {
			t.Errorf("span %v..%v, want %v..%v", e.First, e.Last, start, time.Now())
		}
		want := map[int64]stats.Count{start.Unix(): {Requests: 1}, start.Unix() + 3: {Requests: 1}}
		if !mapsEqual(e.Seconds, want) {
			t.Errorf("seconds %v, want %v", e.Seconds, want)
		}
	})
}

func mapsEqual(a, b map[int64]stats.Count) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func TestReset(t *testing.T) {
	r := newRecorder()
	for i := range 300 {
		r.Record(i, stats.Sample{Method: "GET", Name: "/", Duration: ms(5), Err: "e", End: at(base + 1)})
	}
	r.Exception("panic", "tb", "local")
	r.Tick(at(base+2), 3, map[string]int{"U": 3})
	r.Reset(at(base + 5))
	s := r.Snapshot(at(base + 6))
	switch {
	case len(s.Entries) != 0, s.Total.Requests != 0, s.Total.Hist.TotalCount() != 0:
		t.Errorf("entries survive Reset: %d entries, total %d", len(s.Entries), s.Total.Requests)
	case len(s.Errors) != 0, len(s.Exceptions) != 0, len(s.History) != 0:
		t.Errorf("errors %d, exceptions %d, history %d survive Reset", len(s.Errors), len(s.Exceptions), len(s.History))
	case !s.Start.Equal(at(base + 5)), r.NameCount() != 0:
		t.Errorf("Start %v, NameCount %d after Reset", s.Start, r.NameCount())
	case s.Users != 3:
		t.Errorf("Users %d, want the last ticked 3: Reset does not stop users", s.Users)
	}
	r.Record(0, stats.Sample{Method: "GET", Name: "/", Duration: ms(7), End: at(base + 6)})
	if e := r.Snapshot(at(base + 7)).Total; e.Requests != 1 || e.Min != ms(7) {
		t.Errorf("after Reset: %d requests, min %v; want 1, 7ms", e.Requests, e.Min)
	}
}

func TestSnapshotIsImmutable(t *testing.T) {
	r := newRecorder()
	rec := func(sec float64) {
		for i := range 1000 {
			r.Record(i, stats.Sample{Method: "GET", Name: "/", Duration: ms(float64(i)), Err: "e", End: at(sec)})
		}
		r.Exception("m", "tb", "w1")
	}
	rec(base + 1)
	old := r.Tick(at(base+2), 1, map[string]int{"U": 1})
	frozen := exceptionRows(old)
	e := old.Total
	was := []int64{e.Requests, e.Hist.TotalCount(), e.Window.TotalCount(), int64(len(e.Seconds)),
		int64(len(old.History)), old.Errors[0].Occurrences, int64(old.UserKinds["U"])}
	rec(base + 3)
	r.Merge(r.Drain(at(base + 4)))
	r.Exception("m", "tb", "w2")
	for s := 5; s < 30; s++ {
		rec(base + float64(s))
		r.Tick(at(base+float64(s)), 2, map[string]int{"U": 2})
	}
	is := []int64{e.Requests, e.Hist.TotalCount(), e.Window.TotalCount(), int64(len(e.Seconds)),
		int64(len(old.History)), old.Errors[0].Occurrences, int64(old.UserKinds["U"])}
	if !slices.Equal(was, is) {
		t.Errorf("snapshot changed after more recording: %v, now %v", was, is)
	}
	if got := exceptionRows(old); !slices.Equal(got, frozen) {
		t.Errorf("exceptions changed: %v, now %v", frozen, got)
	}
}

func TestNameCount(t *testing.T) {
	r := newRecorder()
	for i := range 100 {
		r.Record(i, stats.Sample{Method: "GET", Name: string(rune('a' + i%7)), End: at(base)})
	}
	r.Record(0, stats.Sample{Method: "POST", Name: "a", End: at(base)})
	if n := r.NameCount(); n != 8 {
		t.Errorf("NameCount = %d, want 8", n)
	}
}
