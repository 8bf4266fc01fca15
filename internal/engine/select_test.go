package engine

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"reflect"
	"testing"
	"testing/synctest"

	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/stats"
	"github.com/gustload/gust/internal/web"
)

// selectingDriver is a master that records the kinds it is asked to run.
type selectingDriver struct {
	fakeDriver
	selected [][]string
	err      error
}

func (d *selectingDriver) Select(names []string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.selected = append(d.selected, names)
	d.calls = append(d.calls, "select")
	return d.err
}

func TestStartSelectsTheKindsOfANewTest(t *testing.T) {
	synctest.Test(t, testStartSelects)
}

func testStartSelects(t *testing.T) {
	d := &selectingDriver{}
	idle := func(context.Context, <-chan struct{}, int, int) {}
	kinds := []runner.Kind{{Name: "A", Weight: 1, Run: idle}, {Name: "B", Weight: 1, Run: idle}}
	out := Outputs{Stdout: &bytes.Buffer{}, Console: &bytes.Buffer{}, Log: slog.New(slog.DiscardHandler)}
	e, err := NewDriven(&config.Options{Autoquit: -1}, kinds, d, stats.NewRecorder(), out, Hooks{})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Start(web.StartRequest{Users: 2, SpawnRate: 1, Kinds: []string{"B"}}); err != nil {
		t.Fatal(err)
	}
	// A running test keeps its kinds; a request without kinds keeps them too.
	if err := e.Start(web.StartRequest{Users: 3, SpawnRate: 1, Kinds: []string{"A"}}); err != nil {
		t.Fatal(err)
	}
	e.Stop()
	synctest.Wait() // the stop runs on its own goroutine
	if err := e.Start(web.StartRequest{Users: 2, SpawnRate: 1}); err != nil {
		t.Fatal(err)
	}
	if want := [][]string{{"B"}}; !reflect.DeepEqual(d.selected, want) {
		t.Errorf("selected %q, want only the first test's %q", d.selected, want)
	}
	e.Stop()
	synctest.Wait()
	d.err = errors.New("gust: user kind \"C\": want some of A, B")
	if err := e.Start(web.StartRequest{Users: 2, SpawnRate: 1, Kinds: []string{"C"}}); err == nil || err != d.err {
		t.Errorf("Start with a refused selection: %v, want the driver's error", err)
	}
	if n := len(d.calls); d.calls[n-1] != "select" {
		t.Errorf("calls %v: a refused selection started a test", d.calls)
	}
}

func TestTasksFollowTheSelectedKinds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		all := web.TaskRatios{Total: map[string]web.Ratio{"A": {Ratio: 0.5}, "B": {Ratio: 0.5}}}
		var asked []string
		hooks := Hooks{Tasks: all, TasksOf: func(names []string) web.TaskRatios {
			asked = names
			return web.TaskRatios{Total: map[string]web.Ratio{names[0]: {Ratio: 1}}}
		}}
		idle := func(context.Context, <-chan struct{}, int, int) {}
		kinds := []runner.Kind{{Name: "A", Weight: 1, Run: idle}, {Name: "B", Weight: 1, Run: idle}}
		out := Outputs{Stdout: &bytes.Buffer{}, Console: &bytes.Buffer{}, Log: slog.New(slog.DiscardHandler)}
		e, err := NewDriven(&config.Options{Autoquit: -1}, kinds, &selectingDriver{}, stats.NewRecorder(), out, hooks)
		if err != nil {
			t.Fatal(err)
		}
		if got := e.Tasks(); !reflect.DeepEqual(got, all) {
			t.Errorf("before any selection: %+v, want every kind's", got)
		}
		if err := e.Start(web.StartRequest{Users: 2, SpawnRate: 1, Kinds: []string{"B"}}); err != nil {
			t.Fatal(err)
		}
		if got := e.Tasks(); !reflect.DeepEqual(asked, []string{"B"}) || got.Total["B"].Ratio != 1 || len(got.Total) != 1 {
			t.Errorf("with B selected: %+v (asked for %q), want B's alone", got, asked)
		}
		e.Stop()
		synctest.Wait()
	})
}
