package engine

import (
	"bytes"
	"context"
	"log/slog"
	"reflect"
	"slices"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/stats"
	"github.com/gustload/gust/internal/web"
)

// fakeDriver stands in for a cluster master: it records the calls and runs
// no user.
type fakeDriver struct {
	mu      sync.Mutex
	calls   []string
	users   int
	state   runner.State
	spawned func(int)
}

func (d *fakeDriver) Start(users int, rate float64) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls, d.users, d.state = append(d.calls, "start"), users, runner.Running
}

func (d *fakeDriver) Stop() {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls, d.users, d.state = append(d.calls, "stop"), 0, runner.Stopped
}

func (d *fakeDriver) Kill() { d.Stop() }

func (d *fakeDriver) Users() (int, map[string]int) {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.users, map[string]int{"A": d.users}
}

func (d *fakeDriver) State() runner.State {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.state == "" {
		return runner.Ready
	}
	return d.state
}

func (d *fakeDriver) Workers() []web.Worker {
	n, _ := d.Users()
	return []web.Worker{{ID: "w_1", State: "running", Users: n}}
}

func (d *fakeDriver) OnSpawned(f func(int)) { d.spawned = f }

func TestDrivenEngineLeavesTheUsersToTheDriver(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := &fakeDriver{}
		ran := false
		kinds := []runner.Kind{{Name: "A", Weight: 1, Run: func(context.Context, <-chan struct{}, int, int) { ran = true }}}
		opts := &config.Options{Headless: true, Users: 5, SpawnRate: 1, RunTime: 3 * time.Second, Autoquit: -1}
		out := Outputs{Stdout: &bytes.Buffer{}, Console: &bytes.Buffer{}, Log: slog.New(slog.DiscardHandler)}
		e, err := NewDriven(opts, kinds, d, stats.NewRecorder(), out, Hooks{})
		if err != nil {
			t.Fatal(err)
		}
		if d.spawned == nil {
			t.Error("the engine did not ask to hear when the users are spawned")
		}
		seen := make(chan []web.Worker, 1)
		go func() {
			time.Sleep(1500 * time.Millisecond)
			seen <- e.Workers()
		}()
		if code := e.Run(t.Context(), nil, nil); code != 0 {
			t.Errorf("exit code %d", code)
		}
		if len(d.calls) < 2 || !reflect.DeepEqual(d.calls[:2], []string{"start", "stop"}) || slices.Index(d.calls[1:], "start") >= 0 {
			t.Errorf("driver calls %v, want start, then stop", d.calls)
		}
		if ran {
			t.Error("a local user ran")
		}
		if workers := <-seen; len(workers) != 1 || workers[0].Users != 5 {
			t.Errorf("Workers() = %+v, want the driver's worker with 5 users", workers)
		}
		if s := e.Snapshot(); s.Users != 5 {
			t.Errorf("the final snapshot has %d users, want the driver's 5", s.Users)
		}
	})
}
