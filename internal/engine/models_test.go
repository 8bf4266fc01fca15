package engine

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/shape"
	"github.com/gustload/gust/internal/stats"
	"github.com/gustload/gust/internal/threshold"
)

// newTestEngine is an engine of one idle kind of user, logging into log.
func newTestEngine(t *testing.T, opts *config.Options, hooks Hooks, log *bytes.Buffer) *Engine {
	t.Helper()
	idle := func(ctx context.Context, stopping <-chan struct{}, id, index int) { <-stopping }
	kinds := []runner.Kind{{Name: "A", Weight: 1, Run: idle}}
	out := Outputs{Stdout: &bytes.Buffer{}, Console: &bytes.Buffer{}, Log: slog.New(slog.NewTextHandler(log, nil))}
	e, err := New(opts, kinds, stats.NewRecorder(), out, hooks)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func mustThresholds(t *testing.T, ss ...string) []threshold.Threshold {
	t.Helper()
	ts, err := threshold.ParseAll(ss)
	if err != nil {
		t.Fatal(err)
	}
	return ts
}

func TestModel(t *testing.T) {
	stages := shape.Stages{{Duration: time.Minute, Users: 10}}
	goShape := shape.ShapeFunc(func(time.Duration) (int, float64, bool) { return 1, 1, true })
	rate, _ := config.ParseArrivalRate("500")
	tests := []struct {
		name          string
		opts          config.Options
		hooks         Hooks
		model, target string
	}{
		{"users", config.Options{}, Hooks{}, ModelUsers, ""},
		{"a shape in Go", config.Options{}, Hooks{Shape: goShape}, ModelShape, ""},
		{"--stages wins over a shape in Go", config.Options{Stages: stages}, Hooks{Shape: goShape}, ModelStages, "1m:10"},
		{"--arrival-rate wins over a shape in Go", config.Options{ArrivalRate: rate}, Hooks{Shape: goShape}, ModelArrival, "500/s"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := newTestEngine(t, &tt.opts, tt.hooks, &bytes.Buffer{})
			if m, target := e.Model(); m != tt.model || target != tt.target {
				t.Errorf("Model() = %q, %q; want %q, %q", m, target, tt.model, tt.target)
			}
		})
	}
}

func TestExitCodePrecedence(t *testing.T) {
	breach := []threshold.Result{{Pass: true}, {Pass: false}}
	unknown := []threshold.Result{{Err: fmt.Errorf("%w: GET /nope", threshold.ErrNoMatch)}}
	tests := []struct {
		name     string
		failures int64
		rs       []threshold.Result
		want     int
	}{
		{"clean, no thresholds", 0, nil, 0},
		{"clean, thresholds pass", 0, []threshold.Result{{Pass: true}}, 0},
		{"failures, thresholds pass", 4, []threshold.Result{{Pass: true}}, 1},
		{"a breach", 0, breach, threshold.ExitCode},
		{"a breach wins over failures", 4, breach, threshold.ExitCode},
		{"an endpoint that never appeared is a breach", 0, unknown, threshold.ExitCode},
	}
	for _, tt := range tests {
		e := &Engine{opts: &config.Options{ExitCodeOnError: 1}}
		final := &stats.Snapshot{Total: &stats.Entry{Requests: 10, Failures: tt.failures}}
		if got := e.exitCode(final, tt.rs); got != tt.want {
			t.Errorf("%s: exit code %d, want %d", tt.name, got, tt.want)
		}
	}
}

func TestThresholdAbort(t *testing.T) {
	tests := []struct {
		name      string
		abort     bool
		threshold string
		stops     bool
	}{
		{"a breach stops the test", true, "p95<1ms", true},
		{"without --threshold-abort it does not", false, "p95<1ms", false},
		{"a threshold that holds does not", true, "p95<1s", false},
		{"an endpoint not seen yet does not", true, "GET /later:p95<1ms", false},
		{"nothing to measure yet does not", true, "POST /x:fail_ratio<0.1", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var log bytes.Buffer
				opts := &config.Options{ThresholdAbort: tt.abort}
				e := newTestEngine(t, opts, Hooks{Thresholds: mustThresholds(t, tt.threshold)}, &log)
				e.startTest(1, 0, 0)
				e.rec.Record(0, stats.Sample{Method: "GET", Name: "/x", Duration: 5 * time.Millisecond})
				e.tick(time.Now())
				synctest.Wait()
				stopped := e.State() == string(runner.Stopped)
				if stopped != tt.stops || e.ThresholdsAborted() != tt.stops {
					t.Errorf("stopped %v, aborted %v; want %v\n%s", stopped, e.ThresholdsAborted(), tt.stops, &log)
				}
				if tt.stops && !strings.Contains(log.String(), "threshold breached, stopping the test") {
					t.Errorf("no warning in the log:\n%s", &log)
				}
				if rs := e.Thresholds(); len(rs) != 1 {
					t.Errorf("%d results kept, want 1", len(rs))
				}
				e.stopTest()
			})
		})
	}
}

func TestWarnBehindIsThrottled(t *testing.T) {
	steps := []struct {
		at            time.Duration
		dropped, late int64
		warns         bool
	}{
		{1 * time.Second, 0, 0, false},
		{2 * time.Second, 5, 1, true},
		{3 * time.Second, 9, 1, false}, // within warnEvery of the last warning
		{7 * time.Second, 9, 1, true},  // what came since the last warning
		{12 * time.Second, 9, 1, false},
		{13 * time.Second, 9, 2, true},
	}
	var log bytes.Buffer
	e := newTestEngine(t, &config.Options{}, Hooks{}, &log)
	t0 := time.Now()
	for _, s := range steps {
		log.Reset()
		e.warnBehind(&stats.Arrival{Dropped: s.dropped, Late: s.late, MaxUsers: 5}, t0.Add(s.at))
		if got := strings.Contains(log.String(), "cannot keep the arrival rate"); got != s.warns {
			t.Errorf("at %v: warned %v, want %v: %s", s.at, got, s.warns, &log)
		}
	}
	if e.warnBehind(nil, t0.Add(time.Hour)); strings.Contains(log.String(), "dropped=0 late=1") != true {
		t.Errorf("the last warning does not count what came since the one before: %s", &log)
	}
}

func TestArrivalStatsForTheSnapshot(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		rate, _ := config.ParseArrivalRate("20")
		e := newTestEngine(t, &config.Options{ArrivalRate: rate, MaxUsers: 7}, Hooks{}, &bytes.Buffer{})
		if e.arrival(0) != nil {
			t.Fatal("an arrival section before any arrival-rate test")
		}
		iterate := func(ctx context.Context, stopping <-chan struct{}, id, index int, next runner.NextFunc) {
			for _, ok := next(); ok; _, ok = next() {
			}
		}
		e.runner, _ = runner.New([]runner.Kind{{Name: "A", Weight: 1, Run: func(context.Context, <-chan struct{}, int, int) {}, Iterate: iterate}}, runner.Options{})
		e.startTest(2, 0, 0)
		time.Sleep(2*time.Second - time.Millisecond)
		a := e.arrival(0)
		e.stopTest()
		achieved := 40 / (2*time.Second - time.Millisecond).Seconds()
		want := stats.Arrival{Target: "20/s", Requested: 20, Achieved: achieved, Due: 40, Started: 40, Users: 2, MaxUsers: 7}
		if a == nil || *a != want {
			t.Fatalf("arrival %+v, want %+v", a, want)
		}
		if e.arrival(2).Users != 2 {
			t.Fatal("the final snapshot does not report the pool at the stop")
		}
	})
}

// The "starting test" line gives the load that will run: with stages or a
// shape, not the -u/-r defaults they ignore.
func TestStartingLineNamesTheLoadThatRuns(t *testing.T) {
	stages := shape.Stages{{Duration: time.Minute, Users: 10}}
	goShape := shape.ShapeFunc(func(time.Duration) (int, float64, bool) { return 1, 1, true })
	rate, _ := config.ParseArrivalRate("500")
	tests := []struct {
		name    string
		opts    config.Options
		hooks   Hooks
		runTime time.Duration
		want    string // the attributes after msg="starting test"
	}{
		{"users", config.Options{}, Hooks{}, 0, "users=1 spawn_rate=1 run_time=0s"},
		{"stages", config.Options{Stages: stages}, Hooks{}, 0, "model=stages stages=1m:10"},
		{"stages with a run time", config.Options{Stages: stages}, Hooks{}, time.Second, "model=stages stages=1m:10 run_time=1s"},
		{"a shape in Go", config.Options{}, Hooks{Shape: goShape}, 0, "model=shape"},
		{"arrival rate", config.Options{ArrivalRate: rate}, Hooks{}, 0, "model=arrival-rate rate=500/s users=1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				var log bytes.Buffer
				e := newTestEngine(t, &tt.opts, tt.hooks, &log)
				e.startTest(1, 1, tt.runTime)
				e.stopTest()
				_, line, _ := strings.Cut(log.String(), `msg="starting test" `)
				if line, _, _ = strings.Cut(line, "\n"); line != tt.want {
					t.Errorf("starting test %s, want %s\n%s", line, tt.want, &log)
				}
			})
		})
	}
}
