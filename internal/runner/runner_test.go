package runner

import (
	"context"
	"math"
	"reflect"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/synctest"
	"time"

	"go.uber.org/goleak"
)

func TestMain(m *testing.M) { goleak.VerifyTestMain(m) }

// idle is a user that waits until it is told to stop.
func idle(ctx context.Context, stopping <-chan struct{}, id, index int) {
	select {
	case <-stopping:
	case <-ctx.Done():
	}
}

func kinds(specs ...Kind) []Kind {
	for i := range specs {
		if specs[i].Run == nil {
			specs[i].Run = idle
		}
	}
	return specs
}

func TestOrderPrefixFollowsWeights(t *testing.T) {
	tests := []struct {
		name           string
		fixed, weights []int
		n              int
		want           []int
	}{
		{"5 to 1, six users", []int{0, 0}, []int{5, 1}, 6, []int{5, 1}},
		{"5 to 1, three users", []int{0, 0}, []int{5, 1}, 3, []int{3, 0}},
		{"3:2:1 exact", []int{0, 0, 0}, []int{3, 2, 1}, 600, []int{300, 200, 100}},
		{"equal weights, odd count", []int{0, 0}, []int{1, 1}, 5, []int{3, 2}},
		{"fixed first", []int{2, 0}, []int{0, 1}, 2, []int{2, 0}},
		{"fixed then weighted", []int{2, 0}, []int{0, 1}, 7, []int{2, 5}},
		{"only fixed, more wanted than fixed", []int{3}, []int{0}, 10, []int{3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := newOrder(tt.fixed, tt.weights).counts(tt.n)
			if !reflect.DeepEqual(got, tt.want) {
				t.Fatalf("counts(%d) = %v, want %v", tt.n, got, tt.want)
			}
		})
	}
}

func TestOrderEveryPrefixWithinOneOfWeights(t *testing.T) {
	o := newOrder([]int{0, 0, 0}, []int{7, 2, 1})
	for n := 1; n <= 200; n++ {
		c := o.counts(n)
		for k, w := range []float64{0.7, 0.2, 0.1} {
			ideal := w * float64(n)
			if d := float64(c[k]) - ideal; d > 1 || d < -1 {
				t.Fatalf("prefix %d: kind %d has %d users, ideal %.1f", n, k, c[k], ideal)
			}
		}
	}
}

func TestNewRejectsUnusableKinds(t *testing.T) {
	if _, err := New(kinds(Kind{Name: "A"}), Options{}); err != ErrNoKinds {
		t.Fatalf("weight 0 and fixed 0: got %v, want ErrNoKinds", err)
	}
	if _, err := New(kinds(Kind{Name: "A", Weight: -1}), Options{}); err == nil {
		t.Fatal("negative weight accepted")
	}
	if _, err := New([]Kind{{Name: "A", Weight: 1}}, Options{}); err == nil {
		t.Fatal("kind without run function accepted")
	}
}

func TestSpawnRateIsHonoured(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r, _ := New(kinds(Kind{Name: "A", Weight: 1}), Options{})
		r.Start(10, 2) // one user every 500 ms, the first at once
		checks := []struct {
			at   time.Duration
			want int
		}{{0, 1}, {400 * time.Millisecond, 1}, {600 * time.Millisecond, 2}, {2600 * time.Millisecond, 6}, {5 * time.Second, 10}}
		start := time.Now()
		for _, c := range checks {
			time.Sleep(c.at - time.Since(start))
			synctest.Wait()
			if n, _ := r.Users(); n != c.want {
				t.Fatalf("after %v: %d users, want %d", c.at, n, c.want)
			}
		}
		if s := r.State(); s != Running {
			t.Fatalf("state %s after the ramp, want running", s)
		}
		r.Stop()
	})
}

func TestLoweringTheCountStopsTheNewestUsers(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var mu sync.Mutex
		var stoppedIDs []int
		var running atomic.Int32
		run := func(ctx context.Context, stopping <-chan struct{}, id, index int) {
			running.Add(1)
			<-stopping
			mu.Lock()
			stoppedIDs = append(stoppedIDs, id)
			mu.Unlock()
			running.Add(-1)
		}
		r, _ := New([]Kind{{Name: "A", Weight: 1, Run: run}}, Options{})
		r.Start(5, 0)
		synctest.Wait()
		r.Start(2, 0)
		synctest.Wait()
		if got := running.Load(); got != 2 {
			r.Stop()
			t.Fatalf("%d users still running, want 2", got)
		}
		r.Stop()
		sort.Ints(stoppedIDs[:3])
		if !reflect.DeepEqual(stoppedIDs[:3], []int{3, 4, 5}) {
			t.Fatalf("first stopped users %v, want the newest three [3 4 5]", stoppedIDs[:3])
		}
	})
}

// A user that ends by itself (Session.StopUser) no longer counts, is not
// started again, and a later ramp-down stops users that still run: the
// first five of ten end after a second, then the test asks for three.
func TestUsersThatEndThemselvesLeaveTheCount(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var running atomic.Int32
		run := func(ctx context.Context, stopping <-chan struct{}, id, index int) {
			running.Add(1)
			defer running.Add(-1)
			if index < 5 {
				time.Sleep(time.Second)
				return
			}
			<-stopping
		}
		r, _ := New([]Kind{{Name: "A", Weight: 1, Run: run}}, Options{})
		defer r.Stop()
		r.Start(10, 100)
		check := func(when string, want int) {
			t.Helper()
			synctest.Wait()
			if n, per := r.Users(); n != want || per["A"] != want || running.Load() != int32(want) {
				t.Fatalf("%s: %d users counted (%v), %d running, want %d of each", when, n, per, running.Load(), want)
			}
		}
		time.Sleep(2 * time.Second)
		check("after 2s", 5)
		time.Sleep(time.Minute)
		check("a minute later (none started again)", 5)
		r.Start(3, 0)
		check("asked for 3", 3)
	})
}

func TestStopTimeoutCancelsStuckTasks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var cancelledAfter atomic.Int64
		start := time.Now()
		stuck := func(ctx context.Context, stopping <-chan struct{}, id, index int) {
			<-ctx.Done() // a task that ignores stopping, like an in-flight request
			cancelledAfter.Store(int64(time.Since(start)))
		}
		r, _ := New([]Kind{{Name: "A", Weight: 1, Run: stuck}}, Options{StopTimeout: 3 * time.Second})
		r.Start(3, 0)
		synctest.Wait()
		r.Stop()
		if got := time.Duration(cancelledAfter.Load()); got != 3*time.Second {
			t.Fatalf("cancelled after %v, want the 3s stop timeout", got)
		}
		if s := r.State(); s != Stopped {
			t.Fatalf("state %s, want stopped", s)
		}
	})
}

func TestKillCancelsAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		stuck := func(ctx context.Context, stopping <-chan struct{}, id, index int) { <-ctx.Done() }
		r, _ := New([]Kind{{Name: "A", Weight: 1, Run: stuck}}, Options{StopTimeout: time.Hour})
		r.Start(4, 0)
		synctest.Wait()
		start := time.Now()
		r.Kill()
		if took := time.Since(start); took != 0 {
			t.Fatalf("Kill took %v of fake time, want 0", took)
		}
	})
}

func TestFixedCountsAndWeights(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r, _ := New(kinds(Kind{Name: "Admin", Fixed: 2}, Kind{Name: "Web", Weight: 3}, Kind{Name: "API", Weight: 1}), Options{})
		r.Start(42, 0)
		synctest.Wait()
		total, per := r.Users()
		want := map[string]int{"Admin": 2, "Web": 30, "API": 10}
		if total != 42 || !reflect.DeepEqual(per, want) {
			t.Fatalf("users %d %v, want 42 %v", total, per, want)
		}
		r.Stop()
	})
}

func TestApplyFollowsExactCounts(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r, _ := New(kinds(Kind{Name: "A", Weight: 1}, Kind{Name: "B", Weight: 1}), Options{})
		if err := r.Apply(map[string]int{"A": 1, "B": 4}, 0); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		if err := r.Apply(map[string]int{"A": 3, "B": 2}, 0); err != nil {
			t.Fatal(err)
		}
		synctest.Wait()
		_, per := r.Users()
		if want := map[string]int{"A": 3, "B": 2}; !reflect.DeepEqual(per, want) {
			t.Fatalf("users %v, want %v", per, want)
		}
		if err := r.Apply(map[string]int{"C": 1}, 0); err == nil {
			t.Fatal("unknown kind accepted")
		}
		r.Stop()
	})
}

func TestOnSpawnedAndRestart(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var reached []int
		r, _ := New(kinds(Kind{Name: "A", Weight: 1}), Options{OnSpawned: func(n int) { reached = append(reached, n) }})
		r.Start(3, 10)
		time.Sleep(time.Second)
		synctest.Wait()
		r.Stop()
		r.Start(2, 0) // a new test after a stop
		synctest.Wait()
		if n, _ := r.Users(); n != 2 {
			t.Fatalf("%d users after restart, want 2", n)
		}
		r.Stop()
		if !reflect.DeepEqual(reached, []int{3, 2}) {
			t.Fatalf("OnSpawned saw %v, want [3 2]", reached)
		}
	})
}

// A ramp at rate 0 takes its steps without waiting; cancelled, it must end
// rather than step on (a stop during such a ramp used to hang).
func TestRampAtRateZeroEndsWhenCancelled(t *testing.T) {
	r, _ := New(kinds(Kind{Name: "A", Weight: 1}), Options{})
	r.mu.Lock()
	r.target[0] = 5
	r.mu.Unlock()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r.rampWG.Add(1)
	done := make(chan struct{})
	go func() { r.runRamp(ctx, 0); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second): // a liveness bound, not a timing: the ramp returns at once
		t.Fatal("the ramp steps on after its context ended")
	}
}

func TestApplyRefusesMoreUsersThanTheMachineHolds(t *testing.T) {
	r, err := New(kinds(Kind{Name: "A", Weight: 1}, Kind{Name: "B", Weight: 1}), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Kill()
	err = r.Apply(map[string]int{"A": math.MaxInt, "B": math.MaxInt}, 0)
	if err == nil || !strings.Contains(err.Error(), "what this gust process can hold") {
		t.Fatalf("Apply of absurd counts: %v, want the capacity error", err)
	}
	if n, _ := r.Users(); n != 0 || r.State() != Ready {
		t.Errorf("after a refused Apply: %d users, state %s", n, r.State())
	}
}

// Asking for a trillion users neither builds anything that large nor holds
// the lock: the ramp starts at its rate, and the count and Stop answer at
// once (issue 14: the process ignored -t and SIGTERM until kill -9).
func TestATrillionUsersDoNotWedgeTheRunner(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		r, err := New(kinds(Kind{Name: "A", Weight: 3}, Kind{Name: "B", Weight: 1}), Options{})
		if err != nil {
			t.Fatal(err)
		}
		r.Start(1_000_000_000_000, 2)
		time.Sleep(2250 * time.Millisecond) // users due at 0, 0.5, ... 2 s
		if n, _ := r.Users(); n != 5 {
			t.Errorf("%d users after 2.25 s at 2 per second, want 5", n)
		}
		r.Stop()
		if n, _ := r.Users(); n != 0 || r.State() != Stopped {
			t.Errorf("after Stop: %d users, state %s", n, r.State())
		}
	})
}
