package stats_test

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"
	"github.com/gustload/gust/internal/stats"
)

// workload returns n varied samples over about 25 seconds: several names and
// methods, failures of a few kinds, requests without a time, sizes, and
// response times from microseconds to past the histogram's range.
func workload(n int, seed uint64) []stats.Sample {
	rng := rand.New(rand.NewPCG(seed, 7))
	names := []string{"/", "/items", "/items/[id]", "/login"}
	errs := []string{"", "", "", "", "HTTP 500", "connection refused"}
	out := make([]stats.Sample, n)
	for i := range out {
		d := time.Duration(rng.ExpFloat64() * float64(30*time.Millisecond))
		if i%1000 == 999 {
			d = 90 * time.Minute
		}
		out[i] = stats.Sample{
			Method: []string{"GET", "POST"}[rng.IntN(2)], Name: names[rng.IntN(len(names))],
			Duration: d, NoTime: rng.IntN(50) == 0, Size: rng.Int64N(4096),
			Err: errs[rng.IntN(len(errs))], End: at(base + 25*float64(i)/float64(n)),
		}
		if out[i].Name == "/items" { // on a schedule: corrected for its lateness
			out[i].Corrected = d + time.Duration(rng.Int64N(int64(time.Second)))
		}
	}
	return out
}

func TestDrainMergeIsExact(t *testing.T) {
	cases := []struct {
		name    string
		workers int
		every   int // drain after this many samples per worker (0: only at the end)
	}{
		{"one drain at the end", 1, 0},
		{"several drains a second", 1, 97},
		{"drain every 1000 samples", 1, 1000},
		{"three workers, drain every 250", 3, 250},
		{"two workers, more drains than seconds", 2, 150},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			local, master := newRecorder(), newRecorder()
			workers := make([]*stats.Recorder, tc.workers)
			for i := range workers {
				workers[i] = newRecorder()
			}
			for i, s := range workload(6000, 11) {
				w := workers[i%tc.workers]
				local.Record(i, s)
				w.Record(i/tc.workers, s)
				if i%500 == 0 {
					local.Exception("boom", fmt.Sprintf("tb%d", i%3), fmt.Sprint("w", i%tc.workers))
					w.Exception("boom", fmt.Sprintf("tb%d", i%3), fmt.Sprint("w", i%tc.workers))
				}
				if tc.every > 0 && i%tc.every == tc.every-1 {
					master.Merge(w.Drain(s.End))
				}
			}
			for _, w := range workers {
				master.Merge(w.Drain(at(base + 30)))
			}
			want, got := local.Snapshot(at(base+26)), master.Snapshot(at(base+26))
			sameSnapshot(t, want, got)
			sumOfEntries(t, got)
			if !got.Total.Window.Equals(want.Total.Window) {
				t.Errorf("current windows differ")
			}
		})
	}
}

func TestDrainEmptiesTheDelta(t *testing.T) {
	r := newRecorder()
	for i, s := range workload(500, 3) {
		r.Record(i, s)
	}
	r.Exception("m", "tb", "w1")
	d := r.Drain(at(base + 26))
	if d.Total.Requests != 500 || len(d.Entries) == 0 || len(d.Errors) == 0 || len(d.Exceptions) != 1 {
		t.Fatalf("first delta: %d requests, %d entries, %d errors, %d exceptions",
			d.Total.Requests, len(d.Entries), len(d.Errors), len(d.Exceptions))
	}
	if len(d.Total.Seconds) != 25 || d.Total.Window != nil || !d.Start.Equal(at(base)) {
		t.Errorf("delta has %d seconds (want all 25), window %v, start %v", len(d.Total.Seconds), d.Total.Window, d.Start)
	}
	sumOfEntries(t, d)
	again := r.Drain(at(base + 27))
	if again.Total.Requests != 0 || len(again.Entries) != 0 || len(again.Errors) != 0 || len(again.Exceptions) != 0 {
		t.Errorf("second delta not empty: %d requests, %d entries, %d errors, %d exceptions",
			again.Total.Requests, len(again.Entries), len(again.Errors), len(again.Exceptions))
	}
	if !again.Start.Equal(at(base + 26)) {
		t.Errorf("second delta starts %v, want the end of the first", again.Start)
	}
	r.Merge(nil) // a nil delta is ignored
}

func TestMergeWidensAndUnites(t *testing.T) {
	r := newRecorder()
	mk := func(first, last float64, n int64, mn, mx time.Duration, node string) *stats.Snapshot {
		e := &stats.Entry{Key: stats.Key{Method: "GET", Name: "/"}, Requests: n, Min: mn, Max: mx,
			TotalTime: mn + mx, First: at(first), Last: at(last), Hist: stats.NewHistogram()}
		_ = e.Hist.RecordValue(int64(mn / time.Microsecond))
		_ = e.Hist.RecordValue(int64(mx / time.Microsecond))
		return &stats.Snapshot{Entries: []*stats.Entry{e},
			Errors:     []*stats.Error{{Method: "GET", Name: "/", Error: "x", Occurrences: n, FirstSeen: at(first), LastSeen: at(last)}},
			Exceptions: []*stats.Exception{{Count: n, Message: "m", Traceback: "tb", Nodes: []string{node}}}}
	}
	r.Merge(mk(base+5, base+8, 2, ms(3), ms(9), "w2"))
	r.Merge(mk(base+2, base+6, 2, ms(4), ms(20), "w1"))
	s := r.Snapshot(at(base + 10))
	e := s.Entry("GET", "/")
	if e.Requests != 4 || e.Min != ms(3) || e.Max != ms(20) || !e.First.Equal(at(base+2)) || !e.Last.Equal(at(base+8)) {
		t.Errorf("merged entry %+v", e)
	}
	er := s.Errors[0]
	if er.Occurrences != 4 || !er.FirstSeen.Equal(at(base+2)) || !er.LastSeen.Equal(at(base+8)) {
		t.Errorf("merged error %+v", er)
	}
	if x := s.Exceptions[0]; x.Count != 4 || fmt.Sprint(x.Nodes) != "[w1 w2]" {
		t.Errorf("merged exception %+v", x)
	}
	sumOfEntries(t, s)
}

func TestMergeMatchesHistogramMerge(t *testing.T) {
	cases := []struct {
		name string
		src  *hdrhistogram.Histogram
	}{
		{"whole-run geometry", stats.NewHistogram()},
		{"window geometry", stats.NewWindowHistogram()},
		{"wider range", hdrhistogram.New(1, 10*stats.HighestUS, 3)},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			// A value in every bucket, each bucket with its own count.
			for v, n := int64(0), int64(1); v <= tc.src.HighestTrackableValue(); v, n = v+max(1, v>>12), n%7+1 {
				_ = tc.src.RecordValues(v, n)
			}
			want, wantWin := stats.NewHistogram(), stats.NewWindowHistogram()
			want.Merge(clamped(tc.src))
			wantWin.Merge(clamped(tc.src))
			r := newRecorder()
			r.Merge(&stats.Snapshot{Entries: []*stats.Entry{{Key: stats.Key{Name: "/"}, Requests: tc.src.TotalCount(), Hist: tc.src}}})
			got := r.Snapshot(at(base)).Total
			if !got.Hist.Equals(want) {
				t.Errorf("merged histogram differs from hdrhistogram's Merge")
			}
			if !got.Window.Equals(wantWin) {
				t.Errorf("merged window differs from hdrhistogram's Merge")
			}
		})
	}
}

// clamped is h with values past HighestUS moved to HighestUS.
func clamped(h *hdrhistogram.Histogram) *hdrhistogram.Histogram {
	out := hdrhistogram.New(1, h.HighestTrackableValue(), int(h.SignificantFigures()))
	for _, b := range h.Distribution() {
		if b.Count > 0 {
			_ = out.RecordValues(min(b.From, stats.HighestUS), b.Count)
		}
	}
	return out
}
