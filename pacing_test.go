package gust

import (
	"context"
	"slices"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/runner"
)

// timed is a task that takes took(i) on its i-th run (from 0) and records it.
func timed(took func(i int) time.Duration) func(*Session) {
	i := 0
	return func(s *Session) {
		start := time.Now()
		time.Sleep(took(i))
		i++
		s.Record("test", "t", time.Since(start), 0, nil)
	}
}

// firstSlow makes the first run take 450ms and the others 10ms.
func firstSlow(i int) time.Duration {
	if i == 0 {
		return 450 * time.Millisecond
	}
	return 10 * time.Millisecond
}

func (m *memRecorder) corrected() []time.Duration {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []time.Duration
	for _, s := range m.samples {
		out = append(out, s.Corrected)
	}
	return out
}

func TestClosedLoopCorrection(t *testing.T) {
	const ms = time.Millisecond
	tests := []struct {
		name string
		wait Wait
		want []time.Duration // each task's corrected response time, in the 945 ms run
	}{
		// Due at 0, 100, 200...: after the 450 ms task, the four tasks owed
		// run at once (at 450, 460, 470, 480), each timed from when it was
		// due; from 500 on the user is back on schedule.
		{"constant pacing catches up and corrects", ConstantPacing(100 * ms),
			[]time.Duration{450 * ms, 360 * ms, 270 * ms, 180 * ms, 90 * ms, 10 * ms, 10 * ms, 10 * ms, 10 * ms, 10 * ms}},
		{"constant throughput is pacing", ConstantThroughput(10),
			[]time.Duration{450 * ms, 360 * ms, 270 * ms, 180 * ms, 90 * ms, 10 * ms, 10 * ms, 10 * ms, 10 * ms, 10 * ms}},
		// No schedule, so nothing to correct: tasks at 0, 550, 660, 770, 880.
		{"a constant wait keeps no schedule", Constant(100 * ms), []time.Duration{0, 0, 0, 0, 0}},
		{"no wait keeps no schedule", nil, slices.Repeat([]time.Duration{0}, 51)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			synctest.Test(t, func(t *testing.T) {
				u := &User{Name: "U", Wait: tt.wait, Tasks: []Task{{Run: timed(firstSlow)}}}
				if got := runFor(t, u, 945*ms).corrected(); !slices.Equal(got, tt.want) {
					t.Fatalf("corrected response times %v, want %v", got, tt.want)
				}
			})
		})
	}
}

func TestArrivalIterationsAreCorrected(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		const ms = time.Millisecond
		rec := &memRecorder{}
		u := &User{Name: "U", Wait: Constant(time.Hour), // ignored: iterations replace the wait
			OnStart: func(s *Session) { s.Record("test", "login", 5*ms, 0, nil) },
			Tasks:   []Task{{Run: timed(func(int) time.Duration { return 20 * ms })}},
			OnStop:  func(s *Session) { s.Record("test", "logout", 5*ms, 0, nil) }}
		k := newKind(u, u.Tasks, nil, rec)
		start := time.Now()
		lags := []time.Duration{0, 300 * ms, 0, 50 * ms} // how late each iteration is handed out
		i := 0
		next := runner.NextFunc(func() (runner.Iteration, bool) {
			if i == len(lags) {
				return runner.Iteration{}, false
			}
			due := start.Add(time.Duration(i) * time.Second)
			time.Sleep(time.Until(due.Add(lags[i])))
			i++
			return runner.Iteration{N: int64(i - 1), Due: due}, true
		})
		k.iterate(context.Background(), make(chan struct{}), 1, 0, next)
		want := []time.Duration{0, 20 * ms, 320 * ms, 20 * ms, 70 * ms, 0} // login, 4 tasks, logout
		if got := rec.corrected(); !slices.Equal(got, want) {
			t.Fatalf("corrected response times %v, want %v: off-schedule hooks uncorrected, each iteration its lag added", got, want)
		}
	})
}
