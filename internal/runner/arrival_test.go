package runner

import (
	"context"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/shape"
)

// starts records when each iteration started, from the test's start.
type starts struct {
	mu    sync.Mutex
	start time.Time
	at    []time.Duration
	lags  []time.Duration
}

// iterate is an IterateFunc whose users take took per iteration.
func (s *starts) iterate(took time.Duration) IterateFunc {
	return func(ctx context.Context, stopping <-chan struct{}, id, index int, next NextFunc) {
		for {
			it, ok := next()
			if !ok {
				return
			}
			s.mu.Lock()
			s.at = append(s.at, time.Since(s.start))
			s.lags = append(s.lags, time.Since(it.Due))
			s.mu.Unlock()
			time.Sleep(took)
		}
	}
}

// perSecond counts the iterations started in each second.
func (s *starts) perSecond(seconds int) []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]int, seconds)
	for _, d := range s.at {
		if i := int(d / time.Second); i < seconds {
			out[i]++
		}
	}
	return out
}

func mustRate(t *testing.T, s string) shape.RateStages {
	t.Helper()
	rs, err := shape.ParseRateStages(s)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// runArrival runs an arrival-rate test of one kind to its end and returns
// what started when, the stats, and when done was called.
func runArrival(t *testing.T, sched Schedule, opts ArrivalOptions, took time.Duration) (*starts, ArrivalStats, time.Duration) {
	t.Helper()
	rec := &starts{start: time.Now()}
	r, _ := New([]Kind{{Name: "A", Weight: 1, Run: idle, Iterate: rec.iterate(took)}}, Options{})
	ended := make(chan time.Duration, 1)
	if err := r.StartArrival(sched, opts, func() { ended <- time.Since(rec.start) }); err != nil {
		t.Fatal(err)
	}
	var end time.Duration
	select {
	case end = <-ended:
	case <-time.After(24 * time.Hour):
		t.Error("the schedule never ended: an iteration was never finished nor dropped")
	}
	stats, _ := r.Arrival()
	r.Stop()
	return rec, stats, end
}

func TestArrivalStartsIterationsOnSchedule(t *testing.T) {
	tests := []struct {
		name   string
		stages string
		took   time.Duration
		want   []int // iterations started in each second
		users  int   // the pool at the end
	}{
		{"constant 10/s", "0s:10,3s:10", 50 * time.Millisecond, []int{10, 10, 10}, 1},
		{"constant 10/s, each taking 1.05s: the pool grows", "0s:10,3s:10", 1050 * time.Millisecond, []int{10, 10, 10}, 11},
		{"ramp from 0 to 8/s", "4s:8", 10 * time.Millisecond, []int{1, 3, 5, 7}, 1},
		{"nothing for a second, then a jump", "1s:0,0s:5,2s:5", 10 * time.Millisecond, []int{0, 5, 5}, 1},
		{"ramp down from 6/s", "0s:6,3s:0", 10 * time.Millisecond, []int{5, 3, 1}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				rs := mustRate(t, tt.stages)
				rec, stats, end := runArrival(t, rs, ArrivalOptions{MaxUsers: 100}, tt.took)
				got := rec.perSecond(len(tt.want))
				if !slices.Equal(got, tt.want) {
					t.Errorf("iterations per second %v, want %v", got, tt.want)
				}
				total := int64(len(rec.at))
				if stats.Started != total || stats.Due != total || stats.Dropped != 0 || stats.Late != 0 || stats.MaxLag != 0 {
					t.Errorf("stats %+v, want %d due and started, none dropped or late", stats, total)
				}
				if stats.Users != tt.users || stats.MaxUsers != 100 {
					t.Errorf("a pool of %d of at most %d, want %d of 100", stats.Users, stats.MaxUsers, tt.users)
				}
				last := slices.Max(rec.at)
				if want := max(rs.Total(), last+tt.took); end != want {
					t.Errorf("done after %v, want %v: at the end of the schedule, once the last iteration finished", end, want)
				}
			})
		})
	}
}

func TestArrivalPoolGrowsOnlyAsNeeded(t *testing.T) {
	tests := []struct {
		name      string
		opts      ArrivalOptions
		took      time.Duration
		wantUsers int
	}{
		{"one user keeps up", ArrivalOptions{MaxUsers: 100}, 50 * time.Millisecond, 1},
		{"iterations of 1.05s at 10/s need 11 users", ArrivalOptions{MaxUsers: 100}, 1050 * time.Millisecond, 11},
		{"users started first are used first", ArrivalOptions{Users: 5, MaxUsers: 100}, 50 * time.Millisecond, 5},
		{"the cap counts as at least the users started first", ArrivalOptions{Users: 3, MaxUsers: 1}, 50 * time.Millisecond, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				rec := &starts{start: time.Now()}
				r, _ := New([]Kind{{Name: "A", Weight: 1, Run: idle, Iterate: rec.iterate(tt.took)}}, Options{})
				if err := r.StartArrival(mustRate(t, "0s:10,1h:10"), tt.opts, nil); err != nil {
					t.Fatal(err)
				}
				time.Sleep(5*time.Second - time.Millisecond) // iteration 50 is due at 5s
				stats, _ := r.Arrival()
				r.Stop()
				if stats.Users != tt.wantUsers || stats.Started != 50 || stats.Dropped+stats.Late != 0 {
					t.Errorf("after 5s: %d users, %d started, %d dropped, %d late; want %d users, 50 started, none dropped or late",
						stats.Users, stats.Started, stats.Dropped, stats.Late, tt.wantUsers)
				}
			})
		})
	}
}

func TestArrivalBeyondThePoolWaitsThenDrops(t *testing.T) {
	tests := []struct {
		name                   string
		opts                   ArrivalOptions
		took                   time.Duration
		started, dropped, late int64
		maxLag, end            time.Duration
	}{
		// One user, busy 1.05s an iteration, 20 due in 2s: it0 at once; it1..it10
		// fill the backlog of 10; it11 takes it1's place at 1.1s; it12..it19 drop.
		// The backlog then drains one every 1.05s: it11 starts at 11.55s.
		{"a pool of one", ArrivalOptions{MaxUsers: 1}, 1050 * time.Millisecond, 12, 8, 11,
			11550*time.Millisecond - 1100*time.Millisecond, 12600 * time.Millisecond},
		// Two users take it0 and it1; the backlog of 20 holds the rest, which
		// they take in turn: it18 starts at 9.45s, it19 at 9.55s, 7.65s late.
		{"a pool of two", ArrivalOptions{MaxUsers: 2}, 1050 * time.Millisecond, 20, 0, 18,
			7650 * time.Millisecond, 10600 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				_, stats, end := runArrival(t, mustRate(t, "0s:10,2s:10"), tt.opts, tt.took)
				got := []int64{stats.Due, stats.Started, stats.Dropped, stats.Late}
				if want := []int64{20, tt.started, tt.dropped, tt.late}; !slices.Equal(got, want) {
					t.Errorf("due, started, dropped, late = %v, want %v", got, want)
				}
				if stats.MaxLag != tt.maxLag || end != tt.end {
					t.Errorf("max lag %v, done after %v; want %v and %v", stats.MaxLag, end, tt.maxLag, tt.end)
				}
			})
		})
	}
}

// once is an IterateFunc whose users run one iteration (or none) and end
// by themselves, as a task calling Session.StopUser does.
func (s *starts) once(take bool) IterateFunc {
	return func(ctx context.Context, stopping <-chan struct{}, id, index int, next NextFunc) {
		if !take {
			return // StopUser in OnStart
		}
		if _, ok := next(); ok {
			s.mu.Lock()
			s.at = append(s.at, time.Since(s.start))
			s.mu.Unlock()
		}
	}
}

// A user of the pool that ends by itself frees its slot: a new user takes
// the next iteration. One that ends before its first iteration drops it,
// and the schedule still ends.
func TestArrivalUsersThatEndThemselvesFreeTheirSlot(t *testing.T) {
	tests := []struct {
		name                   string
		take                   bool
		started, dropped, late int64
	}{
		{"each user runs one iteration", true, 30, 0, 0},
		{"each user ends before its first", false, 0, 30, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				rec := &starts{start: time.Now()}
				r, _ := New([]Kind{{Name: "A", Weight: 1, Run: idle, Iterate: rec.once(tt.take)}}, Options{})
				ended := make(chan struct{})
				if err := r.StartArrival(mustRate(t, "0s:10,3s:10"), ArrivalOptions{MaxUsers: 1}, func() { close(ended) }); err != nil {
					t.Fatal(err)
				}
				select {
				case <-ended:
				case <-time.After(time.Hour):
					t.Error("the schedule never ended")
				}
				stats, _ := r.Arrival()
				r.Stop()
				got := []int64{stats.Due, stats.Started, stats.Dropped, stats.Late, int64(stats.Users)}
				if want := []int64{30, tt.started, tt.dropped, tt.late, 0}; !slices.Equal(got, want) {
					t.Errorf("due, started, dropped, late, users = %v, want %v", got, want)
				}
			})
		})
	}
}

// Iterations still waiting for a user when the test stops never start: they
// count as dropped, so that due = started + dropped.
func TestArrivalStopDropsTheIterationsWaiting(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &starts{start: time.Now()}
		r, _ := New([]Kind{{Name: "A", Weight: 1, Run: idle, Iterate: rec.iterate(time.Hour)}}, Options{StopTimeout: time.Second})
		if err := r.StartArrival(mustRate(t, "0s:10,1h:10"), ArrivalOptions{MaxUsers: 1}, nil); err != nil {
			t.Fatal(err)
		}
		time.Sleep(3*time.Second - time.Millisecond) // it0 runs, it1..it10 wait, it11..it29 drop
		r.Stop()
		stats, _ := r.Arrival()
		got := []int64{stats.Due, stats.Started, stats.Dropped}
		if want := []int64{30, 1, 29}; !slices.Equal(got, want) {
			t.Errorf("due, started, dropped = %v, want %v", got, want)
		}
	})
}

func TestStopEndsAnArrivalRate(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &starts{start: time.Now()}
		r, _ := New([]Kind{{Name: "A", Weight: 1, Run: idle, Iterate: rec.iterate(time.Hour)}}, Options{StopTimeout: time.Second})
		called := false
		if err := r.StartArrival(mustRate(t, "0s:100,1h:100"), ArrivalOptions{MaxUsers: 10}, func() { called = true }); err != nil {
			t.Fatal(err)
		}
		time.Sleep(3 * time.Second)
		r.Stop() // users stuck in their hour-long iterations are cancelled after the stop timeout
		before, _ := r.Arrival()
		time.Sleep(time.Hour)
		after, _ := r.Arrival()
		if called || after.Due != before.Due || after.Elapsed != 3*time.Second {
			t.Fatalf("after Stop: done %v, due %d then %d, elapsed %v; want no done, no more iterations, 3s",
				called, before.Due, after.Due, after.Elapsed)
		}
	})
}

func TestStartArrivalNeedsIterate(t *testing.T) {
	r, _ := New(kinds(Kind{Name: "Closed", Weight: 1}), Options{})
	err := r.StartArrival(shape.RateStages{{Duration: time.Second, Rate: 1}}, ArrivalOptions{}, nil)
	if err == nil || !strings.Contains(err.Error(), `"Closed"`) {
		t.Fatalf("StartArrival without Iterate: %v, want an error naming the kind", err)
	}
}
