package cluster

import (
	"reflect"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/runner"
)

// A gust worker joining a master that runs other user kinds (a Locust
// master with a locustfile's classes) spreads those users over its own
// kinds by weight and reports them under the master's names.
func TestWorkerRunsUnknownKindsAsItsOwn(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(t, MasterOptions{Kinds: []runner.Kind{{Name: "WebUser", Weight: 1}}})
		w := c.join("a_1", WorkerOptions{Kinds: []runner.Kind{{Name: "U1", Weight: 3}, {Name: "U2", Weight: 1}}})
		wait(time.Second)
		c.master.Start(8, 0)
		wait(time.Second)
		if got, want := w.users.running(), map[string]int{"U1": 6, "U2": 2}; !reflect.DeepEqual(got, want) {
			t.Fatalf("the worker runs %v, want %v", got, want)
		}
		if n, per := c.master.Users(); n != 8 || per["WebUser"] != 8 {
			t.Errorf("the master sees %d users %v, want 8 WebUser", n, per)
		}
	})
}

// A Locust worker whose classes differ from the master's kinds gets its
// users under its own class names, learnt from its first report.
func TestMasterNamesLocustWorkersUsersAfterItsClasses(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(t, MasterOptions{})
		b := c.raw("b_1", "2.12.1")
		wait(time.Second)
		if got := c.master.WaitForWorkers(shortContext(t, time.Second), 1); got == nil {
			t.Fatal("a Locust worker counted before its classes are known")
		}
		r := wire.NewStatsReport(requests(0))
		r.UserClassesCount = map[string]int{"WebUser": 0, "Admin": 0}
		b.send(wire.TypeStats, r)
		wait(time.Second)
		c.master.Start(5, 0)
		b.send(wire.TypeHeartbeat, wire.Heartbeat{State: "running"})
		wait(time.Second)
		if got, want := b.lastSpawn(), map[string]int{"Admin": 3, "WebUser": 2}; !reflect.DeepEqual(got, want) {
			t.Errorf("the Locust worker was asked for %v, want %v", got, want)
		}
		if n := len(b.received(wire.TypeHeartbeat)); n != 0 {
			t.Errorf("a Locust 2.12.1 worker got %d heartbeats; it does not know them", n)
		}
	})
}

func TestHearsBeats(t *testing.T) {
	for v, want := range map[string]bool{"-1": true, "2.19.0": true, "2.32.4": true, "3.0": true,
		"2.18.4": false, "2.12.1": false, "": false, "dev": false} {
		if got := hearsBeats(v); got != want {
			t.Errorf("hearsBeats(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestSplitException(t *testing.T) {
	tests := []struct {
		count int64
		n     int
		want  []int64
	}{
		{1, 10, []int64{1}},
		{3, 10, []int64{1, 1, 1}},
		{25, 4, []int64{1, 1, 1, 22}},
		{7, 1, []int64{7}},
	}
	for _, tt := range tests {
		var got []int64
		for _, x := range splitException(wire.Exception{Msg: "m", Traceback: "t", Count: tt.count}, tt.n) {
			got = append(got, x.Count)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("splitException(count %d, %d) = %v, want %v", tt.count, tt.n, got, tt.want)
		}
	}
}

// A worker's exceptions reach the master with their counts, and the
// messages a Locust master would count stay bounded.
func TestWorkerSendsExceptions(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(t, MasterOptions{})
		w := c.join("a_1", WorkerOptions{})
		wait(time.Second)
		for range 25 {
			w.rec.Exception("boom", "trace 1", "local")
		}
		w.rec.Exception("bang", "trace 2", "local")
		wait(ReportInterval)
		s := c.rec.Snapshot(time.Now())
		got := map[string]int64{}
		for _, x := range s.Exceptions {
			got[x.Message] = x.Count
		}
		if want := map[string]int64{"boom": 25, "bang": 1}; !reflect.DeepEqual(got, want) {
			t.Errorf("the master counts %v, want %v", got, want)
		}
	})
}
