package web

import (
	"bytes"
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gustload/gust/internal/monitor"
	"github.com/gustload/gust/internal/stats"
	"go.uber.org/goleak"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/")

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// fakeController records what the server asks of it and serves a fixed
// snapshot.
type fakeController struct {
	mu        sync.Mutex
	snap      *stats.Snapshot
	state     string
	host      string
	starts    []StartRequest
	stops     int
	resets    int
	startErr  error
	saturated bool
	workers   []Worker
	model     string // "" is ModelUsers
	target    string
	results   []ThresholdResult
	aborted   bool
}

func newFake(snap *stats.Snapshot) *fakeController {
	return &fakeController{snap: snap, state: StateReady, host: "http://127.0.0.1:8080"}
}

func (f *fakeController) Start(req StartRequest) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.startErr != nil {
		return f.startErr
	}
	f.starts = append(f.starts, req)
	f.state = StateRunning
	if req.Host != "" {
		f.host = req.Host
	}
	return nil
}

func (f *fakeController) Stop() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stops++
	f.state = StateStopped
}

func (f *fakeController) Reset() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.resets++
}

func (f *fakeController) Snapshot() *stats.Snapshot {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.snap
}

func (f *fakeController) State() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.state
}

func (f *fakeController) Host() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.host
}

func (f *fakeController) Tasks() TaskRatios {
	return TaskRatios{
		PerClass: map[string]Ratio{
			"WebUser": {Ratio: 0.75, Tasks: map[string]Ratio{"browse": {Ratio: 0.8}, "search": {Ratio: 0.2}}},
			"APIUser": {Ratio: 0.25, Tasks: map[string]Ratio{"create": {Ratio: 1}}},
		},
		Total: map[string]Ratio{
			"WebUser": {Ratio: 0.75, Tasks: map[string]Ratio{"browse": {Ratio: 0.6}, "search": {Ratio: 0.15}}},
			"APIUser": {Ratio: 0.25, Tasks: map[string]Ratio{"create": {Ratio: 0.25}}},
		},
	}
}

// satDetail is the fake's saturation detail, as monitor.Reading.Detail words it.
const satDetail = "gust is late: its goroutines waited 14 ms to run (scheduling delay p99); CPU 12% of 2 cores. " +
	"Its users run late and response times may include its own delay"

func (f *fakeController) Saturation() (bool, string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.saturated {
		return true, satDetail
	}
	return false, ""
}

func (f *fakeController) Generator() monitor.Summary {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.saturated {
		return monitor.Summary{Cores: 2, Seconds: 12, CPU: 1.96, CPUPeak: 2, SchedP99: 14 * time.Millisecond, SaturatedSeconds: 9}
	}
	return monitor.Summary{Cores: 2, Seconds: 12, CPU: 0.5, CPUPeak: 0.7, SchedP99: 80 * time.Microsecond}
}

func (f *fakeController) Workers() []Worker {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.workers
}

func (f *fakeController) Model() (string, string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.model == "" {
		return ModelUsers, ""
	}
	return f.model, f.target
}

func (f *fakeController) ThresholdResults() []ThresholdResult {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.results
}

func (f *fakeController) ThresholdsAborted() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.aborted
}

// counts returns how often Start, Stop and Reset were called.
func (f *fakeController) counts() (starts, stops, resets int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.starts), f.stops, f.resets
}

// fixtureTime is when the fixture snapshot was taken.
var fixtureTime = time.Date(2026, 1, 2, 15, 4, 5, 0, time.UTC)

// fixtureSnapshot is a small, fixed test: three endpoints, two kinds of
// failure, one exception and a minute of history.
func fixtureSnapshot() *stats.Snapshot {
	start := fixtureTime.Add(-time.Minute)
	fast := makeEntry("GET", "/fast", start, spread(100, time.Millisecond, 5*time.Millisecond), 5, 120)
	items := makeEntry("POST", "/api/items", start, spread(20, 10*time.Millisecond, 20*time.Millisecond), 0, 64)
	slow := makeEntry("GET", "/slow", start, spread(10, 800*time.Millisecond, 2500*time.Millisecond), 2, 2048)
	entries := []*stats.Entry{items, fast, slow}
	stats.SortEntries(entries)
	return &stats.Snapshot{
		Time: fixtureTime, Start: start, Entries: entries, Total: totalOf(entries),
		Errors: []*stats.Error{
			{Method: "GET", Name: "/fast", Error: "HTTP 503 Service Unavailable", Occurrences: 5,
				FirstSeen: start.Add(3 * time.Second), LastSeen: fixtureTime.Add(-2 * time.Second)},
			{Method: "GET", Name: "/slow", Error: "context deadline exceeded", Occurrences: 2,
				FirstSeen: start.Add(10 * time.Second), LastSeen: fixtureTime.Add(-5 * time.Second)},
		},
		Exceptions: []*stats.Exception{{Count: 3, Message: "panic: index out of range [3] with length 3",
			Traceback: "goroutine 7 [running]:\nmain.browse(...)\n\t/src/main.go:42 +0x1d", Nodes: []string{"local"}}},
		Users:     10,
		UserKinds: map[string]int{"WebUser": 7, "APIUser": 3},
		History:   fixtureHistory(start, 60),
	}
}

// spread returns n durations evenly from lo to hi.
func spread(n int, lo, hi time.Duration) []time.Duration {
	ds := make([]time.Duration, n)
	for i := range ds {
		ds[i] = lo + (hi-lo)*time.Duration(i)/time.Duration(max(1, n-1))
	}
	return ds
}

// makeEntry builds an entry whose requests are spread over the 30 seconds
// before fixtureTime; the last `fails` of them failed.
func makeEntry(method, name string, start time.Time, ds []time.Duration, fails int, size int64) *stats.Entry {
	e := &stats.Entry{Key: stats.Key{Method: method, Name: name}, Hist: stats.NewHistogram(), Seconds: map[int64]stats.Count{}}
	for i, d := range ds {
		at := fixtureTime.Add(-30*time.Second + time.Duration(i)*30*time.Second/time.Duration(len(ds)))
		record(e, d, i >= len(ds)-fails, size, at)
	}
	e.First = start
	return e
}

func record(e *stats.Entry, d time.Duration, failed bool, size int64, at time.Time) {
	_ = e.Hist.RecordValue(d.Microseconds())
	e.Requests++
	e.TotalTime += d
	e.ContentLength += size
	if e.Min == 0 || d < e.Min {
		e.Min = d
	}
	e.Max = max(e.Max, d)
	c := e.Seconds[at.Unix()]
	c.Requests++
	if failed {
		e.Failures++
		c.Failures++
	}
	e.Seconds[at.Unix()] = c
	if at.After(e.Last) {
		e.Last = at
	}
}

func totalOf(es []*stats.Entry) *stats.Entry {
	t := &stats.Entry{Key: stats.Key{Name: stats.TotalName}, Hist: stats.NewHistogram(), Seconds: map[int64]stats.Count{}}
	for _, e := range es {
		t.Hist.Merge(e.Hist)
		t.Requests += e.Requests
		t.Failures += e.Failures
		t.TotalTime += e.TotalTime
		t.ContentLength += e.ContentLength
		if t.Min == 0 || e.Min < t.Min {
			t.Min = e.Min
		}
		t.Max = max(t.Max, e.Max)
		for s, c := range e.Seconds {
			tc := t.Seconds[s]
			t.Seconds[s] = stats.Count{Requests: tc.Requests + c.Requests, Failures: tc.Failures + c.Failures}
		}
		if t.First.IsZero() || e.First.Before(t.First) {
			t.First = e.First
		}
		if e.Last.After(t.Last) {
			t.Last = e.Last
		}
	}
	return t
}

func fixtureHistory(start time.Time, n int) []stats.Point {
	ps := make([]stats.Point, n)
	for i := range ps {
		ps[i] = stats.Point{
			Time: start.Add(time.Duration(i+1) * time.Second), Users: min(10, i+1),
			RPS: float64(i % 7), FailPS: float64(i%7) / 10,
			P50: time.Duration(3+i%5) * time.Millisecond, P95: time.Duration(40+i%9) * time.Millisecond,
			P99: time.Duration(900+i%11) * time.Millisecond, AvgTime: 12 * time.Millisecond,
			Requests: int64(i * 3), Failures: int64(i / 10),
		}
	}
	return ps
}

// newTestServer returns a server on a free loopback port that is never
// served: tests call its Handler directly.
func newTestServer(t *testing.T, ctl Controller, opts Options) *Server {
	t.Helper()
	if opts.Port == 0 {
		opts.Port = -1
	}
	s, err := New(ctl, opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// do sends one request to the handler, as from 127.0.0.1 to its own host.
func do(h http.Handler, method, target string, body io.Reader, header http.Header) *httptest.ResponseRecorder {
	r := httptest.NewRequest(method, target, body)
	r.Host = "127.0.0.1:8089"
	for k, vs := range header {
		r.Header[k] = vs
	}
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func httpRequest(method, target string) *http.Request {
	return httptest.NewRequest(method, target, nil)
}

func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}

func get(h http.Handler, target string) *httptest.ResponseRecorder {
	return do(h, http.MethodGet, target, nil, nil)
}

func postForm(h http.Handler, form url.Values, header http.Header) *httptest.ResponseRecorder {
	if header == nil {
		header = http.Header{}
	}
	header.Set("Content-Type", "application/x-www-form-urlencoded")
	return do(h, http.MethodPost, "/swarm", strings.NewReader(form.Encode()), header)
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
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
		t.Errorf("%s differs from the golden file (run go test -update if the change is intended)\ngot:\n%s", name, got)
	}
}
