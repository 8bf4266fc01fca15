package cluster

import (
	"reflect"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/runner"
)

func TestWorkerOrderSpreadsHostsFirst(t *testing.T) {
	got := workerOrder([]string{"b_1", "a_2", "a_1", "c_9", "a_3"})
	want := []string{"a_1", "b_1", "c_9", "a_2", "a_3"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("workerOrder = %v, want %v", got, want)
	}
}

func TestMasterDispatchesByLocustsRule(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(t, MasterOptions{})
		for _, id := range []string{"a_1", "a_2", "b_1"} {
			c.join(id, WorkerOptions{})
		}
		wait(time.Second)
		c.master.Start(8, 0)
		wait(time.Second)
		// The spawn order is A A B A A A B A; the workers in Locust's order
		// a_1, b_1, a_2 take users 0,3,6 / 1,4,7 / 2,5.
		want := map[string]map[string]int{"a_1": {"A": 2, "B": 1}, "b_1": {"A": 3}, "a_2": {"A": 1, "B": 1}}
		if got := c.counts(); !reflect.DeepEqual(got, want) {
			t.Fatalf("workers run %v, want %v", got, want)
		}
		if n, per := c.master.Users(); n != 8 || per["A"] != 6 || per["B"] != 2 {
			t.Errorf("master.Users() = %d %v, want 8 (A 6, B 2)", n, per)
		}
		if s := c.master.State(); s != runner.Running {
			t.Errorf("state %s, want running", s)
		}
	})
}

func TestMasterPacesTheRamp(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		spawned := make(chan int, 1)
		c := newCluster(t, MasterOptions{})
		c.master.OnSpawned(func(users int) { spawned <- users })
		c.join("a_1", WorkerOptions{})
		c.join("b_1", WorkerOptions{})
		// Steps at 1.5 s, 2.5 s...: none at the same instant as the workers'
		// reports (every 3 s from their start), whose user count, taken
		// before a spawn of that instant, may reach the master after it.
		wait(1500 * time.Millisecond)
		c.master.Start(10, 2) // 2 users a step, a step a second
		start := time.Now()
		for _, want := range []int{2, 4, 6, 8, 10} {
			wait(time.Until(start.Add(100 * time.Millisecond)))
			if n, _ := c.master.Users(); n != want {
				t.Fatalf("after %v: %d users, want %d", time.Since(start), n, want)
			}
			start = start.Add(time.Second)
		}
		select {
		case n := <-spawned:
			if n != 10 {
				t.Errorf("OnSpawned(%d), want 10", n)
			}
		default:
			t.Error("OnSpawned was not called at the end of the ramp")
		}
		c.master.Start(4, 3) // down by 3 a step
		wait(100 * time.Millisecond)
		if n, _ := c.master.Users(); n != 7 {
			t.Errorf("first step down: %d users, want 7", n)
		}
		wait(2 * time.Second)
		if n, _ := c.master.Users(); n != 4 {
			t.Errorf("after the ramp down: %d users, want 4", n)
		}
	})
}

func TestMasterRebalancesWhenAWorkerJoins(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(t, MasterOptions{Kinds: []runner.Kind{{Name: "A", Weight: 1}}})
		c.join("a_1", WorkerOptions{Kinds: []runner.Kind{{Name: "A", Weight: 1}}})
		c.join("a_2", WorkerOptions{Kinds: []runner.Kind{{Name: "A", Weight: 1}}})
		wait(time.Second)
		c.master.Start(10, 0)
		wait(time.Second)
		c.join("b_1", WorkerOptions{Kinds: []runner.Kind{{Name: "A", Weight: 1}}})
		wait(time.Second)
		want := map[string]map[string]int{"a_1": {"A": 4}, "b_1": {"A": 3}, "a_2": {"A": 3}}
		if got := c.counts(); !reflect.DeepEqual(got, want) {
			t.Fatalf("after b_1 joined: %v, want %v", got, want)
		}
		if ws := c.master.Workers(); len(ws) != 3 || ws[2].ID != "b_1" || ws[2].Users != 3 {
			t.Errorf("Workers() = %+v, want b_1 third with 3 users", ws)
		}
	})
}

func TestMasterStopWaitsForTheLastReports(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(t, MasterOptions{})
		w := c.join("a_1", WorkerOptions{})
		wait(time.Second)
		c.master.Start(4, 0)
		wait(time.Second)
		for i := range 7 {
			w.rec.Record(i, sample("/x", "", time.Now()))
		}
		w.rec.Exception("boom", "trace", "local")
		c.master.Stop() // before the next periodic report
		s := c.rec.Snapshot(time.Now())
		if s.Total.Requests != 7 || len(s.Exceptions) != 1 || s.Exceptions[0].Nodes[0] != "a_1" {
			t.Fatalf("after Stop the master has %d requests, exceptions %+v; want 7 and boom from a_1", s.Total.Requests, s.Exceptions)
		}
		if st := c.master.State(); st != runner.Stopped {
			t.Errorf("state %s, want stopped", st)
		}
		wait(time.Second)
		if got := c.counts()["a_1"]; len(got) != 0 {
			t.Errorf("worker still runs %v after stop", got)
		}
		if ws := c.master.Workers(); len(ws) != 1 || ws[0].State != StateReady {
			t.Errorf("Workers() = %+v, want a_1 ready for the next test", ws)
		}
	})
}

func TestMasterRunsOnlyTheSelectedKinds(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(t, MasterOptions{})
		c.join("a_1", WorkerOptions{})
		c.join("b_1", WorkerOptions{})
		wait(time.Second)
		if err := c.master.Select([]string{"Nope"}); err == nil || !strings.Contains(err.Error(), "want some of A, B") {
			t.Errorf("Select of an unknown kind: %v", err)
		}
		if err := c.master.Select([]string{"B"}); err != nil {
			t.Fatal(err)
		}
		c.master.Start(4, 0)
		wait(time.Second)
		want := map[string]map[string]int{"a_1": {"B": 2}, "b_1": {"B": 2}}
		if got := c.counts(); !reflect.DeepEqual(got, want) {
			t.Fatalf("workers run %v, want only B: %v", got, want)
		}
		if err := c.master.Select(nil); err == nil {
			t.Error("Select while a test runs succeeded")
		}
	})
}
