package report_test

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/stats"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden with the current output")

// golden compares got with testdata/name.golden, or rewrites the file with
// -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (go test -update rewrites it)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// t0 is when the fixture's statistics start: fixed, so golden files are
// deterministic.
var t0 = time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)

// sample is n requests of duration d.
type sample struct {
	d time.Duration
	n int64
}

// spec describes an entry of a fixture snapshot.
type spec struct {
	method, name string
	samples      []sample
	fails, none  int64 // failed requests (among all), requests without a time
	size         int64 // bytes per request
}

// ms is n milliseconds (fractions allowed).
func ms(n float64) time.Duration { return time.Duration(n * float64(time.Millisecond)) }

// build makes the entry of sp, its requests spread evenly from first to now;
// its window holds a sixth of each sample.
func build(sp spec, first, now time.Time) *stats.Entry {
	e := &stats.Entry{Key: stats.Key{Method: sp.method, Name: sp.name},
		Hist: stats.NewHistogram(), Window: stats.NewHistogram(),
		Seconds: map[int64]stats.Count{}, NoTime: sp.none, Failures: sp.fails}
	for _, s := range sp.samples {
		us := s.d.Microseconds()
		_ = e.Hist.RecordValues(us, s.n)
		_ = e.Window.RecordValues(us, (s.n+5)/6)
		e.Requests += s.n
		e.TotalTime += s.d * time.Duration(s.n)
		if e.Min == 0 || s.d < e.Min {
			e.Min = s.d
		}
		e.Max = max(e.Max, s.d)
	}
	e.Requests += sp.none
	e.ContentLength = sp.size * e.Requests
	if e.Requests > 0 {
		e.First, e.Last = first, now.Add(-300*time.Millisecond)
		spreadSeconds(e)
	}
	return e
}

// spreadSeconds shares the requests and failures out over the seconds from
// First to Last.
func spreadSeconds(e *stats.Entry) {
	lo, hi := e.First.Unix(), e.Last.Unix()
	n := hi - lo + 1
	for s := lo; s <= hi; s++ {
		i := s - lo
		e.Seconds[s] = stats.Count{
			Requests: e.Requests*(i+1)/n - e.Requests*i/n,
			Failures: e.Failures*(i+1)/n - e.Failures*i/n,
		}
	}
}

// aggregate merges entries into the Aggregated entry.
func aggregate(es []*stats.Entry) *stats.Entry {
	t := &stats.Entry{Key: stats.Key{Name: "Aggregated"}, Hist: stats.NewHistogram(),
		Window: stats.NewHistogram(), Seconds: map[int64]stats.Count{}}
	for _, e := range es {
		t.Hist.Merge(e.Hist)
		t.Window.Merge(e.Window)
		t.Requests += e.Requests
		t.Failures += e.Failures
		t.NoTime += e.NoTime
		t.TotalTime += e.TotalTime
		t.ContentLength += e.ContentLength
		if e.Timed() > 0 && (t.Min == 0 || e.Min < t.Min) {
			t.Min = e.Min
		}
		t.Max = max(t.Max, e.Max)
		if !e.First.IsZero() && (t.First.IsZero() || e.First.Before(t.First)) {
			t.First = e.First
		}
		t.Last = later(t.Last, e.Last)
		for s, c := range e.Seconds {
			old := t.Seconds[s]
			t.Seconds[s] = stats.Count{Requests: old.Requests + c.Requests, Failures: old.Failures + c.Failures}
		}
	}
	return t
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// snapshot makes a snapshot taken at elapsed after t0 with the given entries.
func snapshot(elapsed time.Duration, users map[string]int, specs ...spec) *stats.Snapshot {
	now := t0.Add(elapsed)
	s := &stats.Snapshot{Time: now, Start: t0, UserKinds: users, Errors: []*stats.Error{},
		Exceptions: []*stats.Exception{}, Entries: []*stats.Entry{}}
	for _, sp := range specs {
		s.Entries = append(s.Entries, build(sp, t0.Add(200*time.Millisecond), now))
	}
	stats.SortEntries(s.Entries)
	s.Total = aggregate(s.Entries)
	for _, n := range users {
		s.Users += n
	}
	return s
}

// spread returns n samples from lo to hi, denser at the low end, as response
// times usually are.
func spread(lo, hi time.Duration, n int64) []sample {
	out := make([]sample, 0, 8)
	step := (hi - lo) / 49
	left := n
	for i := int64(0); i < 50 && left > 0; i++ {
		c := max(n*(50-i)/1275, 1)
		if i == 49 {
			c = left
		}
		c = min(c, left)
		out = append(out, sample{lo + step*time.Duration(i*i)/49, c})
		left -= c
	}
	return out
}

// longName is the longest request name of the realistic snapshot.
const longName = "/api/v1/organisations/[org]/projects/[project]/member/invite"

// realistic is a snapshot of a test in progress: every kind of entry the
// console must lay out, names up to 60 characters, failures and exceptions.
func realistic() *stats.Snapshot {
	long := longName
	s := snapshot(42*time.Second+700*time.Millisecond, map[string]int{"WebsiteUser": 7, "ApiUser": 3},
		spec{method: "GET", name: "/", samples: spread(ms(1.22), ms(42.8), 629), fails: 103, size: 110},
		spec{method: "GET", name: "/item?id=[id]", samples: spread(ms(1.28), ms(26.9), 169), size: 110},
		spec{method: "GET", name: "/missing", samples: spread(ms(0.35), ms(38.8), 96), fails: 96, size: 4},
		spec{method: "GET", name: "/slow", samples: spread(ms(153.5), ms(2561), 90), size: 1234567},
		spec{method: "POST", name: long, samples: spread(ms(12), ms(95_000), 61), fails: 2, size: 15_000},
		spec{method: "DELETE", name: "/api/v1/sessions/[id]", samples: []sample{{850 * time.Microsecond, 12}}},
		spec{method: "OPTIONS", name: "/", samples: []sample{{40 * time.Microsecond, 3}}},
		spec{method: "grpc.unary", name: "/helloworld.Greeter/SayHello", samples: spread(ms(2), ms(9.97), 12_345_678), fails: 1_234_567, size: 48},
		spec{method: "WS", name: "connect", none: 5},
	)
	s.Errors = []*stats.Error{
		{Method: "GET", Name: "/", Error: "500 Internal Server Error", Occurrences: 103, FirstSeen: t0.Add(2 * time.Second), LastSeen: t0.Add(42 * time.Second)},
		{Method: "GET", Name: "/missing", Error: "404 Not Found for url: http://127.0.0.1:18080/missing", Occurrences: 96, FirstSeen: t0.Add(time.Second), LastSeen: t0.Add(41 * time.Second)},
		{Method: "POST", Name: long, Error: "Post \"http://127.0.0.1:18080/api\": context deadline exceeded\n(Client.Timeout exceeded while awaiting headers)", Occurrences: 2, FirstSeen: t0.Add(30 * time.Second), LastSeen: t0.Add(31 * time.Second)},
	}
	s.Exceptions = []*stats.Exception{
		{Count: 116, Message: "runtime error: index out of range [3] with length 3", Nodes: []string{"local"},
			Traceback: "goroutine 12 [running]:\nmain.browse(0xc000123450)\n\t/home/me/loadtest/main.go:25 +0x1d\ngithub.com/gustload/gust.(*Session).run(...)\n\t/home/me/go/pkg/mod/github.com/gustload/gust/session.go:88 +0x65\n"},
		{Count: 2, Message: "checkout failed: \"cart is empty\"", Nodes: []string{"worker-1", "worker-2"},
			Traceback: "goroutine 40 [running]:\nmain.checkout(0xc0001a2000)\n\t/home/me/loadtest/main.go:41 +0x2a\n"},
	}
	return s
}

// idle is a snapshot before any request.
func idle() *stats.Snapshot {
	return snapshot(0, nil)
}

// lines splits output into lines, without the final newline.
func lines(b []byte) []string {
	return strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
}
