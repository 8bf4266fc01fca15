package cluster

import (
	"errors"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/cluster/transport"
	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/stats"
)

var kindA = []runner.Kind{{Name: "A", Weight: 1}}

// A worker silent for longer than the worker timeout is marked missing: its
// users go to the others and its reported requests stay. When it speaks
// again it is taken back and the users are shared again.
func TestMissingWorkerLosesItsUsersAndComesBack(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(t, MasterOptions{Kinds: kindA, WorkerTimeout: 3 * time.Second})
		c.join("a_1", WorkerOptions{Kinds: kindA})
		c.join("a_2", WorkerOptions{Kinds: kindA})
		b := c.raw("b_1", wire.SkipVersionCheck)
		wait(time.Second)
		c.master.Start(9, 0)
		wait(100 * time.Millisecond)
		if got := b.lastSpawn(); got["A"] != 3 {
			t.Fatalf("b_1 was asked for %v, want 3 A", got)
		}
		b.send(wire.TypeSpawningComplete, wire.SpawningComplete{UserClassesCount: map[string]int{"A": 3}, UserCount: 3})
		b.send(wire.TypeStats, wire.NewStatsReport(requests(5)))
		wait(5 * time.Second) // b_1 is silent from now on
		if got := c.counts(); got["a_1"]["A"]+got["a_2"]["A"] != 9 {
			t.Fatalf("after b_1 went missing the others run %v, want all 9 users", got)
		}
		if st := c.state("b_1"); st != StateMissing {
			t.Errorf("b_1 is %q, want missing", st)
		}
		if n, _ := c.master.Users(); n != 9 {
			t.Errorf("Users() = %d, want the 9 of the live workers", n)
		}
		if s := c.rec.Snapshot(time.Now()); s.Total.Requests != 5 {
			t.Errorf("the master has %d requests, want b_1's 5 kept", s.Total.Requests)
		}
		b.send(wire.TypeHeartbeat, wire.Heartbeat{State: "running"})
		wait(time.Second)
		if st := c.state("b_1"); st != StateRunning {
			t.Errorf("after its heartbeat b_1 is %q, want running again", st)
		}
		if got := c.counts(); got["a_1"]["A"] != 3 || got["a_2"]["A"] != 3 {
			t.Errorf("after b_1 came back: %v, want 3 each again", got)
		}
	})
}

// requests is a delta of n requests to /x, one a second.
func requests(n int) *stats.Snapshot {
	rec := stats.NewRecorder()
	now := time.Now()
	for i := range n {
		rec.Record(i, sample("/x", "", now.Add(time.Duration(i-n)*time.Second)))
	}
	return rec.Drain(now)
}

func TestWorkerQuitsWhenTheMasterIsLost(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(t, MasterOptions{})
		w := c.join("a_1", WorkerOptions{MasterTimeout: 3 * time.Second})
		wait(time.Second)
		c.master.Start(2, 0)
		wait(time.Second)
		c.master.Close() // no more heartbeats
		start := time.Now()
		err := <-w.done
		w.done <- err // for the cleanup
		if !errors.Is(err, ErrMasterGone) {
			t.Fatalf("Run = %v, want ErrMasterGone", err)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("the worker gave up after %v, want about the 3 s master timeout", took)
		}
		if n, _ := w.users.Users(); n != 0 {
			t.Errorf("%d users still run", n)
		}
	})
}

// After a master restarts, a worker's heartbeats reach a master that does
// not know it; it is asked to reconnect and registers again.
func TestWorkerRegistersWithARestartedMaster(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(t, MasterOptions{})
		c.join("a_1", WorkerOptions{})
		wait(time.Second)
		c.master.Close()
		c.master = NewMaster(c.net.Master(), MasterOptions{Kinds: kindsAB, Recorder: c.rec})
		wait(3 * time.Second)
		if ws := c.master.Workers(); len(ws) != 1 || ws[0].ID != "a_1" {
			t.Fatalf("the new master knows %+v, want a_1", ws)
		}
		c.master.Start(4, 0)
		wait(time.Second)
		if n, _ := c.master.Users(); n != 4 {
			t.Errorf("Users() = %d, want 4", n)
		}
	})
}

func TestLastWorkerQuittingStopsTheTest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		quit := make(chan struct{}, 1)
		c := newCluster(t, MasterOptions{OnLastQuit: func() { quit <- struct{}{} }})
		w := c.join("a_1", WorkerOptions{})
		wait(time.Second)
		c.master.Start(2, 0)
		wait(time.Second)
		w.cancel() // Ctrl-C on the worker: it says quit
		wait(time.Second)
		select {
		case <-quit:
		default:
			t.Fatal("OnLastQuit was not called")
		}
		if ws := c.master.Workers(); len(ws) != 0 {
			t.Errorf("Workers() = %+v after the worker quit", ws)
		}
	})
}

func TestMalformedFrameAsksForAReconnect(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		c := newCluster(t, MasterOptions{})
		b := c.raw("b_1", wire.SkipVersionCheck)
		wait(time.Second)
		if err := b.tr.Send(t.Context(), "", []byte{0x93, 0xa5, 's'}); err != nil {
			t.Fatal(err)
		}
		b.send(wire.TypeHeartbeat, wire.Heartbeat{State: "ready"})
		wait(time.Second)
		if n := len(b.received(wire.TypeReconnect)); n != 1 {
			t.Errorf("%d reconnects after a malformed frame, want 1", n)
		}
		if n := len(b.received(wire.TypeHeartbeat)); n != 1 {
			t.Errorf("%d heartbeats answered after the bad frame, want 1: the master goes on", n)
		}
	})
}

func TestWorkerGivesUpWithoutAMaster(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		network := transport.NewNetwork() // nobody reads the master's end
		w := NewWorker(network.Worker("a_1"), WorkerOptions{ID: "a_1", Users: &fakeUsers{}, Kinds: kindA,
			Recorder: stats.NewRecorder(), ConnectTimeout: 20 * time.Second})
		start := time.Now()
		if err := w.Run(t.Context()); !errors.Is(err, ErrNoMaster) {
			t.Fatalf("Run = %v, want ErrNoMaster", err)
		}
		if took := time.Since(start); took < 20*time.Second || took > 25*time.Second {
			t.Errorf("gave up after %v, want just past the 20 s connect timeout", took)
		}
	})
}
