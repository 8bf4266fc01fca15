package web

import (
	"context"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/stats"
)

func TestHistoryOf(t *testing.T) {
	start := time.Unix(1_800_000_000, 0)
	for _, tc := range []struct {
		name      string
		n         int
		since     int64
		wantLen   int
		wantFirst int64
	}{
		{"empty", 0, 0, 0, 0},
		{"all", 10, 0, 10, start.Unix() + 1},
		{"since", 10, start.Unix() + 7, 3, start.Unix() + 8},
		{"since the end", 10, start.Unix() + 10, 0, 0},
		{"an hour", maxChartPoints, 0, maxChartPoints, start.Unix() + 1},
		{"four hours, thinned", 4 * maxChartPoints, 0, maxChartPoints, start.Unix() + 4},
		{"one point too many", maxChartPoints + 1, 0, maxChartPoints/2 + 1, start.Unix() + 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := historyOf(fixtureHistory(start, tc.n), tc.since)
			if c.len() != tc.wantLen || len(c.Users) != tc.wantLen || len(c.P99) != tc.wantLen {
				t.Fatalf("%d points (%d users), want %d", c.len(), len(c.Users), tc.wantLen)
			}
			if tc.wantLen == 0 {
				return
			}
			if c.Time[0] != tc.wantFirst || c.Time[c.len()-1] != start.Unix()+int64(tc.n) {
				t.Errorf("points from %d to %d, want from %d to the last", c.Time[0], c.Time[c.len()-1], tc.wantFirst)
			}
		})
	}
}

// entrySnapshot is a snapshot at time at with one entry per name.
func entrySnapshot(start, at time.Time, names ...string) *stats.Snapshot {
	snap := &stats.Snapshot{Time: at, Start: start, Total: &stats.Entry{Key: stats.Key{Name: stats.TotalName}}}
	for _, n := range names {
		e := &stats.Entry{Key: stats.Key{Method: "GET", Name: n}, Hist: stats.NewHistogram(), First: start,
			Seconds: map[int64]stats.Count{at.Unix() - 1: {Requests: 4}}}
		_ = e.Hist.RecordValue(2000)
		e.Requests, e.Min, e.Max = 1, 2*time.Millisecond, 2*time.Millisecond
		snap.Entries = append(snap.Entries, e)
	}
	return snap
}

func TestSeriesStore(t *testing.T) {
	start := time.Unix(1_800_000_000, 0)
	st := newSeriesStore()
	key := stats.Key{Method: "GET", Name: "/a"}
	for i := range 3 * maxSeriesPoints {
		st.add(entrySnapshot(start, start.Add(time.Duration(i+1)*time.Second), "/a"))
	}
	got := st.get(key)
	if got.len() > maxSeriesPoints || got.len() < maxSeriesPoints/2 {
		t.Fatalf("%d points kept, want between %d and %d", got.len(), maxSeriesPoints/2, maxSeriesPoints)
	}
	if got.Time[0] > start.Unix()+8 || got.Time[got.len()-1] < start.Unix()+3*maxSeriesPoints-4 {
		t.Errorf("kept points span %d..%d, want the whole run", got.Time[0]-start.Unix(), got.Time[got.len()-1]-start.Unix())
	}
	if got.P50[0] != 2 || got.RPS[0] <= 0 {
		t.Errorf("first point: p50 %v, rps %v", got.P50[0], got.RPS[0])
	}

	st.add(entrySnapshot(start, start.Add(time.Second), "/a")) // older than the last: ignored
	if n := st.get(key).len(); n != got.len() {
		t.Errorf("an older snapshot added a point: %d, want %d", n, got.len())
	}
	st.reset()
	st.add(entrySnapshot(start, start.Add(time.Hour), "/a")) // taken before the reset reached the recorder
	if n := st.get(key).len(); n != 0 {
		t.Errorf("after reset: %d points from a stale snapshot", n)
	}
	restart := start.Add(2 * time.Hour)
	st.add(entrySnapshot(restart, restart.Add(time.Second), "/a"))
	if n := st.get(key).len(); n != 1 {
		t.Errorf("after the statistics restarted: %d points, want 1", n)
	}
}

func TestSeriesStoreBoundsEndpoints(t *testing.T) {
	start := time.Unix(1_800_000_000, 0)
	names := make([]string, maxSeries+20)
	for i := range names {
		names[i] = "/" + itoa(int64(i))
	}
	st := newSeriesStore()
	st.add(entrySnapshot(start, start.Add(time.Second), names...))
	if len(st.byKey) != maxSeries {
		t.Errorf("%d series kept, want %d", len(st.byKey), maxSeries)
	}
}

// clockController is a running controller whose snapshot is taken at the
// (fake) time of each call.
type clockController struct {
	*fakeController
	start time.Time
}

func (c clockController) Snapshot() *stats.Snapshot {
	return entrySnapshot(c.start, time.Now(), "/a", "/b")
}

func TestSampleLoop(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake(nil)
		f.state = StateRunning
		s := &Server{ctl: clockController{f, time.Now()}, series: newSeriesStore(), opts: Options{HistoryInterval: 2 * time.Second}}
		ctx, cancel := context.WithCancel(context.Background())
		var wg sync.WaitGroup
		wg.Go(func() { s.sampleLoop(ctx) })
		time.Sleep(9 * time.Second)
		f.Stop() // stopped: no more samples
		time.Sleep(10 * time.Second)
		cancel()
		wg.Wait()
		if n := s.series.get(stats.Key{Method: "GET", Name: "/b"}).len(); n != 4 {
			t.Errorf("%d samples in 19 s (running for 9 s, every 2 s), want 4", n)
		}
	})
}
