package gust

import (
	"context"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/shape"
	"github.com/gustload/gust/internal/stats"
)

// memRecorder keeps what a session reports, for tests.
type memRecorder struct {
	mu         sync.Mutex
	samples    []stats.Sample
	setups     []stats.Sample // the CONNECT and TLS rows, apart (stats.IsSetup)
	exceptions []string       // message + "\n" + traceback
}

func (m *memRecorder) Record(_ int, s stats.Sample) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if stats.IsSetup(s.Method) {
		m.setups = append(m.setups, s)
		return
	}
	m.samples = append(m.samples, s)
}

func (m *memRecorder) Exception(msg, tb, _ string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.exceptions = append(m.exceptions, msg+"\n"+tb)
}

func (m *memRecorder) names() map[string]int {
	m.mu.Lock()
	defer m.mu.Unlock()
	c := map[string]int{}
	for _, s := range m.samples {
		c[s.Name]++
	}
	return c
}

// runFor runs one user of u for d of fake time, then stops it.
func runFor(t *testing.T, u *User, d time.Duration) *memRecorder {
	t.Helper()
	rec := &memRecorder{}
	k := newKind(u, u.Tasks, nil, rec)
	stopping := make(chan struct{})
	done := make(chan struct{})
	go func() { defer close(done); k.run(context.Background(), stopping, 1, 0) }()
	time.Sleep(d)
	close(stopping)
	<-done
	return rec
}

func record(name string) func(*Session) {
	return func(s *Session) { s.Record("test", name, time.Millisecond, 1, nil) }
}

func TestConstantWaitPacesTasks(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		u := &User{Name: "U", Wait: Constant(100 * time.Millisecond), Tasks: []Task{{Run: record("t")}}}
		// Tasks at 0, 100, ..., 900 ms: ten before the stop at 950 ms.
		if got := runFor(t, u, 950*time.Millisecond).names()["t"]; got != 10 {
			t.Fatalf("%d tasks in 950ms with a 100ms wait, want 10", got)
		}
	})
}

func TestConstantPacingSubtractsTaskTime(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		slow := func(s *Session) { time.Sleep(300 * time.Millisecond); record("t")(s) }
		u := &User{Name: "U", Wait: ConstantPacing(time.Second), Tasks: []Task{{Run: slow}}}
		// Task starts at 0, 1s, 2s, 3s: four by 3.5 s (a 1 s wait would give three).
		if got := runFor(t, u, 3500*time.Millisecond).names()["t"]; got != 4 {
			t.Fatalf("%d tasks in 3.5s paced at 1s, want 4", got)
		}
	})
}

func TestStopEndsWaitAtOnce(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		u := &User{Name: "U", Wait: Constant(time.Hour), Tasks: []Task{{Run: record("t")}}}
		start := time.Now()
		runFor(t, u, time.Second)
		if took := time.Since(start); took != time.Second {
			t.Fatalf("the user ended %v after start, want 1s: the hour-long wait must end at the stop", took)
		}
	})
}

func TestWaitFunctions(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	tests := []struct {
		name     string
		wait     Wait
		took     time.Duration
		min, max time.Duration
	}{
		{"constant", Constant(2 * time.Second), 0, 2 * time.Second, 2 * time.Second},
		{"between", Between(time.Second, 3*time.Second), 0, time.Second, 3 * time.Second},
		{"pacing", ConstantPacing(time.Second), 300 * time.Millisecond, 700 * time.Millisecond, 700 * time.Millisecond},
		{"pacing overrun", ConstantPacing(time.Second), 3 * time.Second, 0, 0},
		{"throughput 4/s", ConstantThroughput(4), 50 * time.Millisecond, 200 * time.Millisecond, 200 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for range 1000 {
				if got := tt.wait.Next(r, tt.took); got < tt.min || got > tt.max {
					t.Fatalf("Next = %v, want within [%v, %v]", got, tt.min, tt.max)
				}
			}
		})
	}
}

func TestPickFollowsTaskWeights(t *testing.T) {
	u := &User{Name: "U", Tasks: []Task{{Name: "a", Weight: 3, Run: record("a")}, {Name: "b", Run: record("b")}}}
	k := newKind(u, u.Tasks, nil, nil)
	r := rand.New(rand.NewPCG(7, 7))
	n, a := 100000, 0
	for i := range n {
		if k.pick(r, i).Name == "a" {
			a++
		}
	}
	// Binomial(100000, 0.75): the standard deviation is 137; allow 5 of them.
	if math.Abs(float64(a)-0.75*float64(n)) > 5*137 {
		t.Fatalf("task a picked %d times of %d, want about 75%%", a, n)
	}
}

func TestSequentialRunsTasksInOrderByWeight(t *testing.T) {
	u := &User{Name: "U", Sequential: true, Tasks: []Task{{Name: "a", Weight: 2, Run: record("a")}, {Name: "b", Run: record("b")}}}
	k := newKind(u, u.Tasks, nil, nil)
	var got []string
	for i := range 6 {
		got = append(got, k.pick(nil, i).Name)
	}
	if s := strings.Join(got, ""); s != "aabaab" {
		t.Fatalf("sequence %q, want aabaab", s)
	}
}

func TestPanicIsRecordedAndUserGoesOn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		boom := func(s *Session) { var m map[string]int; m["x"]++ } // a real runtime panic
		u := &User{Name: "U", Wait: Constant(100 * time.Millisecond),
			Tasks: []Task{{Run: boom}}, OnStart: func(s *Session) { panic("start failed") }}
		rec := runFor(t, u, 450*time.Millisecond)
		if len(rec.exceptions) != 6 { // OnStart, then tasks at 0, 100, 200, 300, 400 ms
			t.Fatalf("%d exceptions, want 6: %q", len(rec.exceptions), rec.exceptions)
		}
		if !strings.Contains(rec.exceptions[1], "assignment to entry in nil map") ||
			!strings.Contains(rec.exceptions[1], "kind_test.go") {
			t.Fatalf("exception lacks message or the task's frame:\n%s", rec.exceptions[1])
		}
		if rec.exceptions[1] != rec.exceptions[2] {
			t.Fatalf("the same panic gave different tracebacks, so it would not group:\n%s\n---\n%s", rec.exceptions[1], rec.exceptions[2])
		}
		if strings.Contains(rec.exceptions[1], "0x") {
			t.Fatalf("traceback holds addresses:\n%s", rec.exceptions[1])
		}
	})
}

func TestStopUserRunsOnStopAndEndsTheUser(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		u := &User{Name: "U",
			Tasks:  []Task{{Run: func(s *Session) { record("t")(s); s.StopUser(); record("never")(s) }}},
			OnStop: record("stop")}
		rec := runFor(t, u, time.Second)
		if got := rec.names(); got["t"] != 1 || got["never"] != 0 || got["stop"] != 1 {
			t.Fatalf("samples %v, want one task, nothing after StopUser, and OnStop once", got)
		}
		if len(rec.exceptions) != 0 {
			t.Fatalf("StopUser recorded as an exception: %q", rec.exceptions)
		}
	})
}

// Users calling StopUser leave the runner's count and are not started again;
// in an arrival rate, one calling it in OnStart drops its iteration, and the
// schedule still ends.
func TestStopUserLeavesTheRunner(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rec := &memRecorder{}
		u := &User{Name: "SU", Wait: Constant(time.Second), Tasks: []Task{{Run: func(s *Session) {
			if s.Index() < 2 {
				s.StopUser()
			}
		}}}}
		k := newKind(u, u.Tasks, nil, rec)
		r, err := runner.New([]runner.Kind{{Name: "SU", Weight: 1, Run: k.run, Iterate: k.iterate}}, runner.Options{})
		if err != nil {
			t.Fatal(err)
		}
		r.Start(3, 0)
		time.Sleep(5 * time.Second)
		synctest.Wait()
		if n, per := r.Users(); n != 1 || per["SU"] != 1 {
			t.Errorf("%d users (%v) once two called StopUser, want 1", n, per)
		}
		r.Stop()

		u.OnStart = func(s *Session) { s.StopUser() }
		ended := make(chan struct{})
		if err := r.StartArrival(shape.RateStages{{Rate: 10}, {Duration: time.Second, Rate: 10}}, runner.ArrivalOptions{MaxUsers: 2},
			func() { close(ended) }); err != nil {
			t.Fatal(err)
		}
		select {
		case <-ended:
		case <-time.After(time.Hour):
			t.Error("the arrival rate never ended")
		}
		a, _ := r.Arrival()
		r.Stop()
		if a.Due != 10 || a.Started != 0 || a.Dropped != 10 {
			t.Errorf("due %d, started %d, dropped %d; want 10 due, all dropped", a.Due, a.Started, a.Dropped)
		}
	})
}

// Cleanup functions run after OnStop, the last registered first, and a
// panic in one is recorded without skipping the others.
func TestCleanupRunsAfterOnStopInReverse(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var order []string
		note := func(s string) func() { return func() { order = append(order, s) } }
		u := &User{Name: "U",
			OnStart: func(s *Session) {
				s.Cleanup(note("first"))
				s.Cleanup(func() { panic("cleanup failed") })
				s.Cleanup(note("last"))
			},
			OnStop: func(*Session) { note("OnStop")() },
			Tasks:  []Task{{Run: func(s *Session) { s.Sleep(time.Second) }}},
		}
		rec := runFor(t, u, 3*time.Second)
		if got := strings.Join(order, ","); got != "OnStop,last,first" {
			t.Errorf("order %q; want OnStop,last,first", got)
		}
		if len(rec.exceptions) != 1 || !strings.HasPrefix(rec.exceptions[0], "cleanup failed\n") {
			t.Errorf("exceptions %q; want the cleanup's panic", rec.exceptions)
		}
	})
}
