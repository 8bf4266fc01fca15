package cluster

import (
	"context"
	"maps"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/cluster/transport"
	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/stats"
)

// fakeUsers stands in for a worker's runner: Apply takes effect at once.
type fakeUsers struct {
	mu          sync.Mutex
	counts      map[string]int
	stopTimeout time.Duration
	applied     int // Apply calls
}

func (f *fakeUsers) Apply(counts map[string]int, _ float64) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.counts = maps.Clone(counts)
	f.applied++
	return nil
}

func (f *fakeUsers) Stop() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.counts = nil
}

func (f *fakeUsers) Users() (int, map[string]int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	total := 0
	for _, c := range f.counts {
		total += c
	}
	return total, maps.Clone(f.counts)
}

func (f *fakeUsers) SetStopTimeout(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.stopTimeout = d
}

// running returns the users per kind.
func (f *fakeUsers) running() map[string]int {
	_, c := f.Users()
	return c
}

// kindsAB are a master's kinds for the tests: A three times as often as B.
var kindsAB = []runner.Kind{{Name: "A", Weight: 3}, {Name: "B", Weight: 1}}

// testCluster is a master and gust workers on an in-memory network, inside a
// synctest bubble.
type testCluster struct {
	t       *testing.T
	net     *transport.Network
	rec     *stats.Recorder
	master  *Master
	workers map[string]*testWorker
}

// testWorker is one gust worker of a cluster.
type testWorker struct {
	users  *fakeUsers
	rec    *stats.Recorder
	cancel context.CancelFunc
	done   chan error
}

func newCluster(t *testing.T, o MasterOptions) *testCluster {
	c := &testCluster{t: t, net: transport.NewNetwork(), rec: stats.NewRecorder(), workers: map[string]*testWorker{}}
	if o.Kinds == nil {
		o.Kinds = kindsAB
	}
	o.Recorder = c.rec
	c.master = NewMaster(c.net.Master(), o)
	t.Cleanup(c.close)
	return c
}

// join starts a gust worker with the given id and options.
func (c *testCluster) join(id string, o WorkerOptions) *testWorker {
	ctx, cancel := context.WithCancel(context.Background())
	w := &testWorker{users: &fakeUsers{}, rec: stats.NewRecorder(), cancel: cancel, done: make(chan error, 1)}
	o.ID, o.Users, o.Recorder = id, w.users, w.rec
	if o.Kinds == nil {
		o.Kinds = kindsAB
	}
	tr := c.net.Worker(id)
	go func() {
		w.done <- NewWorker(tr, o).Run(ctx)
		tr.Close()
	}()
	c.workers[id] = w
	return w
}

// close stops every worker, then the master.
func (c *testCluster) close() {
	for _, w := range c.workers {
		w.cancel()
		<-w.done
	}
	c.master.Close()
}

// wait lets the cluster run for d of fake time and settle.
func wait(d time.Duration) {
	time.Sleep(d)
	synctest.Wait()
}

// counts returns every worker's users per kind, dropping zero counts.
func (c *testCluster) counts() map[string]map[string]int {
	out := map[string]map[string]int{}
	for id, w := range c.workers {
		m := map[string]int{}
		for k, n := range w.users.running() {
			if n != 0 {
				m[k] = n
			}
		}
		out[id] = m
	}
	return out
}

// sample is one request to name, failed with err unless err is "".
func sample(name, err string, end time.Time) stats.Sample {
	return stats.Sample{Method: "GET", Name: name, Duration: 12 * time.Millisecond, Size: 10, Err: err, End: end}
}

// rawWorker speaks the protocol by hand, as a test drives it: a Locust
// worker, or a gust worker that falls silent.
type rawWorker struct {
	t   *testing.T
	tr  transport.Transport
	id  string
	mu  sync.Mutex
	got []wire.Message
}

// raw connects a hand-driven worker and sends client_ready with version.
func (c *testCluster) raw(id, version string) *rawWorker {
	r := &rawWorker{t: c.t, tr: c.net.Worker(id), id: id}
	go func() {
		for {
			_, m, err := transport.RecvMessage(context.Background(), r.tr)
			if err != nil {
				return
			}
			r.mu.Lock()
			r.got = append(r.got, m)
			r.mu.Unlock()
		}
	}()
	c.t.Cleanup(func() { r.tr.Close() })
	r.send(wire.TypeClientReady, wire.ClientReady{Version: version})
	return r
}

func (r *rawWorker) send(typ string, data any) {
	r.t.Helper()
	if err := transport.SendMessage(context.Background(), r.tr, "", wire.Message{Type: typ, Data: data, NodeID: r.id}); err != nil {
		r.t.Fatalf("%s: send %s: %v", r.id, typ, err)
	}
}

// received returns the messages of type typ received so far.
func (r *rawWorker) received(typ string) []wire.Message {
	r.mu.Lock()
	defer r.mu.Unlock()
	var out []wire.Message
	for _, m := range r.got {
		if m.Type == typ {
			out = append(out, m)
		}
	}
	return out
}

// lastSpawn returns the counts of the last spawn received, or nil.
func (r *rawWorker) lastSpawn() map[string]int {
	s := r.received(wire.TypeSpawn)
	if len(s) == 0 {
		return nil
	}
	return s[len(s)-1].Data.(wire.Spawn).UserClassesCount
}

// state is the state the master shows for worker id, "" when it has none.
func (c *testCluster) state(id string) string {
	for _, w := range c.master.Workers() {
		if w.ID == id {
			return w.State
		}
	}
	return ""
}

// shortContext is t's context, ending after d.
func shortContext(t *testing.T, d time.Duration) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), d)
	t.Cleanup(cancel)
	return ctx
}
