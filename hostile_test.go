package gust

import (
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/gustload/gust/internal/faulty"
	"github.com/gustload/gust/internal/report"
)

// Tests against hostile targets (issue 14), with each client: what gust
// keeps in memory, how long the run takes whatever the target does, how the
// requests it cuts short are counted, and how failures group.

// hostileUser is a kind of user that GETs / from host with client c, keeping at
// most maxBody of a body.
func hostileUser(host string, c Client, maxBody int64) User {
	return User{Name: "Getter", Host: host, Client: c, MaxBody: maxBody,
		Tasks: []Task{{Run: func(s *Session) { s.Get("/") }}}}
}

// peakHeap samples the live heap (what the last garbage collection found
// still in use) every 50 ms until stop is called, which returns its largest
// growth over the live heap at the start. Garbage not yet collected is left
// out: how much of it there is depends on how soon the collector gets a CPU,
// which on a busy machine is late, while what a client keeps is the bound.
func peakHeap() (stop func() uint64) {
	runtime.GC()
	base := liveHeap()
	var peak atomic.Uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			if live := liveHeap(); live > base && live-base > peak.Load() {
				peak.Store(live - base)
			}
			select {
			case <-done:
				return
			case <-time.After(50 * time.Millisecond):
			}
		}
	}()
	return func() uint64 { close(done); wg.Wait(); return peak.Load() }
}

// liveHeap reads the runtime's /gc/heap/live:bytes.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// runTimed runs the command line and returns its result and how long it took.
func runTimed(t *testing.T, args []string, users ...User) (result, time.Duration) {
	t.Helper()
	began := time.Now()
	r := command(t, nil, args, users...)
	return r, time.Since(began)
}

// wantNothingCompleted checks a run in which every user's request was cut
// short in phase: exit 1, every user's request interrupted, none recorded,
// and the line that says what they waited on.
func wantNothingCompleted(t *testing.T, r result, users int, phase, addr string) {
	t.Helper()
	rep := decodeJSON(t, r)
	if r.code != 1 || rep.Total.NumRequests != 0 || rep.Total.NumFailures != 0 || rep.Total.Interrupted != int64(users) {
		t.Errorf("exit %d, %d requests, %d failures, %d interrupted; want 1, 0, 0, %d\n%s",
			r.code, rep.Total.NumRequests, rep.Total.NumFailures, rep.Total.Interrupted, users, r.stderr)
	}
	if e := entry(rep, "/"); e.Interrupted != int64(users) {
		t.Errorf("GET / has %d interrupted, want %d", e.Interrupted, users)
	}
	want := "No request completed: " + strconv.Itoa(users) + " interrupted when the test ended: " +
		strconv.Itoa(users) + " " + phase + " (" + addr + ")."
	if !strings.Contains(r.stderr, want) {
		t.Errorf("the summary lacks %q:\n%s", want, r.stderr)
	}
}

// An endless body costs at most MaxBody per user and ends with the test
// (issue 14: 1.47 GB in 8 s with 20 users, growing after the stop).
func TestAnEndlessBodyCostsBoundedMemory(t *testing.T) {
	eachClient(t, func(t *testing.T, c Client) {
		srv := faulty.EndlessBody(t)
		const users, maxBody = 10, 1 << 20
		stop := peakHeap()
		r, took := runTimed(t, []string{"-u", "10", "-r", "100", "-t", "2s", "--json"}, hostileUser(srv.URL, c, maxBody))
		peak := stop()
		t.Logf("the heap grew by at most %d MB; the run took %v", peak>>20, took.Round(10*time.Millisecond))
		if limit := uint64(users*2*(1<<20) + 100<<20); peak > limit {
			t.Errorf("the heap grew by %d MB, want at most %d MB", peak>>20, limit>>20)
		}
		if took > 10*time.Second {
			t.Errorf("a 2 s run took %v", took)
		}
		wantNothingCompleted(t, r, users, "reading the body", srv.Addr)
	})
}

// A body that trickles, and a target that accepts and never answers, end
// with the test: their requests are interrupted, not failures, and a run in
// which none completed exits 1 saying what they waited on.
func TestRequestsInFlightAtTheEndAreInterrupted(t *testing.T) {
	for _, tc := range []struct {
		name  string
		start func(testing.TB) *faulty.Server
		phase string
	}{
		{"trickle", func(t testing.TB) *faulty.Server { return faulty.Trickle(t, time.Second) }, "reading the body"},
		{"accept and hold", faulty.AcceptAndHold, "waiting for a response"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			eachClient(t, func(t *testing.T, c Client) {
				srv := tc.start(t)
				r, took := runTimed(t, []string{"-u", "3", "-r", "100", "-t", "1s", "--json"}, hostileUser(srv.URL, c, 0))
				if took > 8*time.Second {
					t.Errorf("a 1 s run took %v", took)
				}
				wantNothingCompleted(t, r, 3, tc.phase, srv.Addr)
			})
		})
	}
}

// Against a full backlog the dial hangs: the run still ends within run
// time + stop timeout + a few seconds (issue 14: 31 s for an 8 s run).
func TestAFullBacklogDoesNotHoldTheRun(t *testing.T) {
	eachClient(t, func(t *testing.T, c Client) {
		addr := faulty.FullBacklog(t)
		r, took := runTimed(t, []string{"-u", "3", "-r", "100", "-t", "2s", "-s", "1s", "--json"}, hostileUser("http://"+addr, c, 0))
		t.Logf("the run took %v", took.Round(10*time.Millisecond))
		if took > 10*time.Second {
			t.Errorf("a 2 s run with a 1 s stop timeout took %v", took)
		}
		wantNothingCompleted(t, r, 3, "connecting", addr)
	})
}

// Headers of 8 KB pass with both clients (issue 14: every one failed in
// URL mode); past 1 MB they fail, in one row.
func TestLargeResponseHeaders(t *testing.T) {
	eachClient(t, func(t *testing.T, c Client) {
		ok := faulty.BigHeaders(t, 8<<10)
		r := command(t, nil, []string{"-u", "2", "-r", "100", "-t", "1s", "--json"}, hostileUser(ok.URL, c, 0))
		if rep := decodeJSON(t, r); r.code != 0 || rep.Total.NumRequests == 0 || rep.Total.NumFailures != 0 {
			t.Errorf("8 KB headers: exit %d, %d requests, %d failures; want 0, some, 0\n%v",
				r.code, rep.Total.NumRequests, rep.Total.NumFailures, rep.Errors)
		}
		huge := faulty.BigHeaders(t, 2<<20)
		r = command(t, nil, []string{"-u", "2", "-r", "100", "-t", "1s", "--json"}, hostileUser(huge.URL, c, 0))
		rep := decodeJSON(t, r)
		if r.code != 1 || rep.Total.NumFailures == 0 || len(rep.Errors) != 1 {
			t.Fatalf("2 MB headers: exit %d, %d failures in %d rows; want 1, some, one row\n%+v",
				r.code, rep.Total.NumFailures, len(rep.Errors), rep.Errors)
		}
		if e := rep.Errors[0].Error; !strings.Contains(e, "1024 KB") && !strings.Contains(e, "header") {
			t.Errorf("the failure reads %q, want it to say the headers are too large", e)
		}
	})
}

// Against a target that closes every connection, the cost of connecting
// shows in a CONNECT row per host, one per request, and stays out of the
// requests' own times and the total.
func TestConnectionSetUpIsShownApart(t *testing.T) {
	eachClient(t, func(t *testing.T, c Client) {
		srv := faulty.CloseEach(t)
		r := command(t, nil, []string{"-u", "2", "-r", "100", "-t", "1s", "--json"}, hostileUser(srv.URL, c, 0))
		rep := decodeJSON(t, r)
		get, conn := entryOf(rep, "GET", "/"), entryOf(rep, "CONNECT", srv.Addr)
		if r.code != 0 || get.NumRequests == 0 || conn.NumRequests < get.NumRequests {
			t.Errorf("exit %d, %d GETs, %d CONNECTs; want 0 and a connection per request", r.code, get.NumRequests, conn.NumRequests)
		}
		if rep.Total.NumRequests != get.NumRequests {
			t.Errorf("the total counts %d requests, want the %d GETs alone", rep.Total.NumRequests, get.NumRequests)
		}
	})
}

func entryOf(rep report.JSONReport, method, name string) report.JSONEntry {
	for _, e := range rep.Stats {
		if e.Method == method && e.Name == name {
			return e
		}
	}
	return report.JSONEntry{}
}

// A body past MaxBody is cut in memory, counted whole in the statistics,
// and the Response says so; DiscardBody keeps none.
func TestBodiesPastMaxBodyAreCutAndCounted(t *testing.T) {
	big := strings.Repeat("x", 100<<10)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { io.WriteString(w, big) }))
	defer srv.Close()
	eachClient(t, func(t *testing.T, c Client) {
		for _, tc := range []struct {
			maxBody int64
			kept    int
			cut     bool
		}{{1 << 10, 1 << 10, true}, {DiscardBody, 0, true}, {0, len(big), false}} {
			s, rec := newTestSession(t, c, srv, DefaultTimeout)
			s.maxBody = tc.maxBody
			r := s.Get("/")
			if r.Err != nil || len(r.Body) != tc.kept || r.Size != int64(len(big)) || r.Truncated != tc.cut {
				t.Errorf("MaxBody %d: err %v, kept %d, size %d, truncated %v; want %d kept of %d, truncated %v",
					tc.maxBody, r.Err, len(r.Body), r.Size, r.Truncated, tc.kept, len(big), tc.cut)
			}
			if len(rec.samples) != 1 || rec.samples[0].Size != int64(len(big)) {
				t.Errorf("MaxBody %d: samples %+v, want one of %d bytes", tc.maxBody, rec.samples, len(big))
			}
		}
	})
}
