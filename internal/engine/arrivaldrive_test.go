package engine

import (
	"bytes"
	"context"
	"log/slog"
	"reflect"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/shape"
	"github.com/gustload/gust/internal/stats"
)

// fakeArrivalDriver is a master that runs an arrival rate on its workers:
// their summed counts are fixed, and the schedule ends after ends.
type fakeArrivalDriver struct {
	fakeDriver
	opts runner.ArrivalOptions
	ends time.Duration
}

func (d *fakeArrivalDriver) StartArrival(rate shape.RateStages, opts runner.ArrivalOptions) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.calls, d.opts, d.users, d.state = append(d.calls, "arrival "+config.ArrivalTarget(rate)), opts, 4, runner.Running
}

func (d *fakeArrivalDriver) Arrival() (runner.ArrivalStats, bool) {
	return runner.ArrivalStats{Elapsed: 2 * time.Second, Requested: 100, Due: 90, Started: 80, Dropped: 10, Users: 4, MaxUsers: 8}, true
}

func (d *fakeArrivalDriver) ArrivalEnded(ctx context.Context) bool {
	select {
	case <-time.After(d.ends):
		return true
	case <-ctx.Done():
		return false
	}
}

func TestDrivenEngineRunsAnArrivalRateOnTheDriver(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		d := &fakeArrivalDriver{ends: 2 * time.Second}
		rate, _ := config.ParseArrivalRate("50")
		opts := &config.Options{Headless: true, Users: 2, MaxUsers: 8, ArrivalRate: rate, Autoquit: -1}
		out := Outputs{Stdout: &bytes.Buffer{}, Console: &bytes.Buffer{}, Log: slog.New(slog.DiscardHandler)}
		kinds := []runner.Kind{{Name: "A", Weight: 1, Run: idleUser, Iterate: func(context.Context, <-chan struct{}, int, int, runner.NextFunc) {}}}
		e, err := NewDriven(opts, kinds, &d.fakeDriver, stats.NewRecorder(), out, Hooks{})
		if err != nil {
			t.Fatal(err)
		}
		e.drv = d // the driver that can run an arrival rate
		if code := e.Run(t.Context(), nil, nil); code != 0 {
			t.Errorf("exit code %d", code)
		}
		if want := []string{"arrival 50/s", "stop"}; len(d.calls) < 2 || !reflect.DeepEqual(d.calls[:2], want) {
			t.Errorf("driver calls %v, want %v (the schedule's end stops the test)", d.calls, want)
		}
		if d.opts != (runner.ArrivalOptions{Users: 2, MaxUsers: 8}) {
			t.Errorf("the driver's pool %+v, want -u 2 and --max-users 8", d.opts)
		}
		a := e.Snapshot().Arrival
		if a == nil || a.Due != 90 || a.Started != 80 || a.Dropped != 10 || a.Requested != 50 || a.Achieved != 40 || a.MaxUsers != 8 {
			t.Errorf("final arrival %+v, want the driver's counts, 50/s asked and 40/s started", a)
		}
	})
}

func idleUser(ctx context.Context, stopping <-chan struct{}, _, _ int) { <-stopping }
