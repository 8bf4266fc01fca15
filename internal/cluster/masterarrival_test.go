package cluster

import (
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/stats"
	"github.com/gustload/gust/internal/syncbuf"
)

// fakeArrival stands in for a worker's runner in an arrival-rate test: it
// keeps the schedule and options it was started with, and reports stats.
type fakeArrival struct {
	fakeUsers
	amu    sync.Mutex
	sched  *runner.Partitioned
	opts   runner.ArrivalOptions
	starts int
	stats  runner.ArrivalStats
}

func (f *fakeArrival) StartArrival(s runner.Schedule, o runner.ArrivalOptions, _ func()) error {
	f.amu.Lock()
	defer f.amu.Unlock()
	f.sched, f.opts, f.starts = s.(*runner.Partitioned), o, f.starts+1
	return nil
}

func (f *fakeArrival) Arrival() (runner.ArrivalStats, bool) {
	f.amu.Lock()
	defer f.amu.Unlock()
	return f.stats, f.sched != nil
}

// view returns the slot in force, the options and how often it started.
func (f *fakeArrival) view() (runner.Slot, runner.ArrivalOptions, int) {
	f.amu.Lock()
	defer f.amu.Unlock()
	if f.sched == nil {
		return runner.Slot{}, f.opts, f.starts
	}
	return f.sched.Slot(), f.opts, f.starts
}

func (f *fakeArrival) setStats(s runner.ArrivalStats) {
	f.amu.Lock()
	defer f.amu.Unlock()
	f.stats = s
}

// joinArrival starts a gust worker whose users can run an arrival rate.
func (c *testCluster) joinArrival(id string) *fakeArrival {
	f := &fakeArrival{}
	ctx, cancel := context.WithCancel(context.Background())
	w := &testWorker{users: &f.fakeUsers, rec: stats.NewRecorder(), cancel: cancel, done: make(chan error, 1)}
	tr := c.net.Worker(id)
	go func() {
		w.done <- NewWorker(tr, WorkerOptions{ID: id, Users: f, Recorder: w.rec, Kinds: kindsAB}).Run(ctx)
		tr.Close()
	}()
	c.workers[id] = w
	return f
}

// checkSlots fails unless the workers hold distinct slots of count workers
// from iteration from, and each started its pool once.
func checkSlots(t *testing.T, ws []*fakeArrival, count int, from int64) {
	t.Helper()
	seen := map[int]bool{}
	for i, w := range ws {
		s, _, starts := w.view()
		if s.Count != count || s.From != from || seen[s.Index] || starts != 1 {
			t.Fatalf("worker %d: slot %+v, started %d times; want one of %d from %d, distinct, started once", i, s, starts, count, from)
		}
		seen[s.Index] = true
	}
}

func TestMasterSharesAnArrivalRate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log syncbuf.Buffer
		c := newCluster(t, MasterOptions{Log: slog.New(slog.NewTextHandler(&log, nil))})
		w1, w2 := c.joinArrival("w1"), c.joinArrival("w2")
		locust := c.raw("locust", "2.12.1")
		wait(2 * time.Second)
		rate, _ := config.ParseArrivalRate("100")
		c.master.StartArrival(rate, runner.ArrivalOptions{Users: 3, MaxUsers: 9})
		wait(time.Second)
		checkSlots(t, []*fakeArrival{w1, w2}, 2, 0)
		if _, o, _ := w1.view(); o.MaxUsers != 5 || o.Users != 2 {
			t.Fatalf("worker's pool %+v, want users 2 and max users 5 (3 and 9 shared by 2, rounded up)", o)
		}

		w3 := c.joinArrival("w3")
		wait(2 * time.Second)
		s, o, _ := w3.view()
		if s.From != 200 || o.Begin != time.Second {
			t.Fatalf("the joining worker's slot %+v begins at %v: want iteration 200 (a second past 1s at 100/s), begun 1s in", s, o.Begin)
		}
		checkSlots(t, []*fakeArrival{w1, w2, w3}, 3, s.From)

		locust.send(wire.TypeStats, &wire.StatsReport{UserClassesCount: map[string]int{"A": 0}})
		wait(time.Second)
		if got := locust.lastSpawn(); got != nil {
			t.Fatalf("the Locust worker got a spawn %v, want none", got)
		}
		if n := strings.Count(log.String(), "cannot run an arrival rate"); n != 1 || !strings.Contains(log.String(), "worker=locust") {
			t.Fatalf("%d warnings about the Locust worker, want one naming it:\n%s", n, log.String())
		}

		w1.setStats(runner.ArrivalStats{Due: 10, Started: 8, Dropped: 1, Late: 2, Lag: 5 * time.Millisecond, MaxLag: 20 * time.Millisecond, Users: 2, MaxUsers: 4})
		w2.setStats(runner.ArrivalStats{Due: 7, Started: 7, Late: 1, Lag: 3 * time.Millisecond, MaxLag: 30 * time.Millisecond, Users: 3, MaxUsers: 4})
		wait(ReportInterval + time.Second)
		got, ok := c.master.Arrival()
		want := runner.ArrivalStats{Due: 17, Started: 15, Dropped: 1, Late: 3, Lag: 5 * time.Millisecond, MaxLag: 30 * time.Millisecond, Users: 5, MaxUsers: 8}
		got.Elapsed, got.Requested = 0, 0
		if !ok || got != want {
			t.Fatalf("master's arrival %+v, want %+v", got, want)
		}
		c.master.Stop()
	})
}
