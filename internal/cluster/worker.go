package cluster

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gustload/gust/internal/cluster/peerlog"
	"github.com/gustload/gust/internal/cluster/transport"
	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/monitor"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/stats"
)

const (
	// DefaultMasterTimeout is how long a worker goes on without hearing
	// from its master (heartbeats, or a connection at all) before it stops
	// its users and exits. Locust waits 60 s.
	DefaultMasterTimeout = 10 * time.Second
	// DefaultConnectTimeout is how long a worker waits for its master to
	// answer client_ready, as Locust's 60 tries 5 s apart.
	DefaultConnectTimeout = 5 * time.Minute
	// readyRetry is how often client_ready is sent again until acked.
	readyRetry = 5 * time.Second
)

// Errors that end a worker's Run.
var (
	// ErrMasterGone: the master stopped answering for the master timeout.
	ErrMasterGone = errors.New("gust: worker: lost the master")
	// ErrNoMaster: no master answered within the connect timeout.
	ErrNoMaster = errors.New("gust: worker: no master answered")
	// ErrRefused: the master refused this worker (see Refused).
	ErrRefused = errors.New("gust: worker: refused by the master")
)

// Users is what a worker needs of the local users; *runner.Runner has it.
type Users interface {
	Apply(counts map[string]int, rate float64) error
	Stop()
	Users() (int, map[string]int)
	SetStopTimeout(d time.Duration)
}

// WorkerOptions configure a Worker.
type WorkerOptions struct {
	// ID is the worker's node id, the identity of its transport.
	ID string
	// Users runs the local users.
	Users Users
	// Kinds are the local user kinds (Run is not used): a master's spawn
	// that names a kind this worker does not have (a Locust master running
	// a locustfile with other class names) is spread over these by weight.
	Kinds []runner.Kind
	// Recorder is drained into a stats message every ReportInterval.
	Recorder *stats.Recorder
	// SetHost points the users at the host a spawn names.
	SetHost func(host string) error
	// Log is where the worker reports; nil discards.
	Log *slog.Logger
	// Token is the cluster token to present ("" presents none).
	Token string
	// MasterTimeout: 0 means DefaultMasterTimeout.
	MasterTimeout time.Duration
	// ConnectTimeout: 0 means DefaultConnectTimeout.
	ConnectTimeout time.Duration
	// Monitor watches this process for the heartbeats' CPU use and
	// saturation; nil makes one with the monitor's defaults.
	Monitor *monitor.Monitor
}

// masterPeer names the master in a worker's limited warnings.
const masterPeer = "the master"

// Worker runs users for a master (gust's or Locust's): it registers,
// follows the master's spawns at once (the master paces the ramp), sends
// heartbeats every second and statistics every ReportInterval, and stops
// or quits when told.
type Worker struct {
	t     transport.Transport
	o     WorkerOptions
	log   *slog.Logger
	warns *peerlog.Limiter // the warnings the master causes, limited
	state atomic.Value     // string: the state heartbeats report

	reportMu sync.Mutex  // one report at a time, in order
	acked    atomic.Bool // the current client_ready was acked
	joined   atomic.Bool // a client_ready was acked once: heartbeats and reports flow

	// Owned by Run's goroutine.
	lastSpawn float64
	host      string
	warned    map[string]bool // master's kinds this worker lacks, warned about
	refused   string          // why the master refused this worker
	seq       *runner.Sequence

	usersMu sync.Mutex
	shown   map[string]int // users per kind to report, in the master's names; nil: the runner's

	arr workerArrival // the arrival-rate test, when the master runs one (workerarrival.go)
}

// NewWorker returns a worker on t, the worker's end of the network (a
// Dealer from Dial).
func NewWorker(t transport.Transport, o WorkerOptions) *Worker {
	if o.MasterTimeout <= 0 {
		o.MasterTimeout = DefaultMasterTimeout
	}
	if o.ConnectTimeout <= 0 {
		o.ConnectTimeout = DefaultConnectTimeout
	}
	if o.Monitor == nil {
		o.Monitor = monitor.New(monitor.Options{})
	}
	w := &Worker{t: t, o: o, log: o.Log, warned: map[string]bool{}, seq: runner.NewSequence(o.Kinds)}
	w.arr.kick = make(chan struct{}, 1)
	if w.log == nil {
		w.log = slog.New(slog.DiscardHandler)
	}
	w.warns = peerlog.New(w.log)
	w.state.Store(StateReady)
	return w
}

// Run works for the master until it says quit (nil), ctx ends (the worker
// stops its users, says quit and returns nil), or the master is lost or
// refuses the worker (an error wrapping ErrMasterGone, ErrNoMaster or
// ErrRefused). The users are stopped whichever way it ends.
func (w *Worker) Run(ctx context.Context) error {
	defer w.warns.Close()
	bg, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	msgs := make(chan wire.Message)
	for _, f := range []func(context.Context){w.beat, w.report, func(c context.Context) { w.receive(c, msgs) }} {
		wg.Go(func() { f(bg) })
	}
	err := w.loop(ctx, msgs)
	cancel() // before the goodbye: a report waiting for a lost master lets go of reportMu
	wg.Wait()
	w.o.Users.Stop()
	w.state.Store(StateStopped)
	if err == nil || errors.Is(err, ErrMasterGone) {
		w.goodbye(err == nil && w.refused == "")
	}
	return err
}

// goodbye sends the last statistics and, when saying quit, a quit.
func (w *Worker) goodbye(quit bool) {
	if !w.joined.Load() {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), quitWait)
	defer cancel()
	w.sendReport(ctx)
	if quit {
		w.send(ctx, wire.TypeQuit, nil)
	}
}

// send sends one message to the master, logging a failure. It gives up
// after the master timeout: a send waits while the master is unreachable.
func (w *Worker) send(ctx context.Context, typ string, data any) {
	ctx, cancel := context.WithTimeout(ctx, w.o.MasterTimeout)
	defer cancel()
	err := transport.SendMessage(ctx, w.t, "", wire.Message{Type: typ, Data: data, NodeID: w.o.ID})
	if err != nil && ctx.Err() == nil {
		w.log.Warn("cluster: cannot send to the master", "type", typ, "error", err)
	}
}

// receive passes the master's messages to out until ctx ends; frames that
// cannot be decoded are logged and dropped.
func (w *Worker) receive(ctx context.Context, out chan<- wire.Message) {
	for {
		_, m, err := transport.RecvMessage(ctx, w.t)
		if errors.Is(err, wire.ErrMalformed) {
			w.warns.Warn(masterPeer, "cluster: dropped a message from the master that cannot be decoded", "error", err)
			continue
		}
		if err != nil {
			return
		}
		select {
		case out <- m:
		case <-ctx.Done():
			return
		}
	}
}

// beat sends a heartbeat every second once registered, with the worker's
// reading of itself; a saturated worker also warns in its own log.
func (w *Worker) beat(ctx context.Context) {
	watch := monitor.NewWatcher(w.log)
	t := time.NewTicker(HeartbeatInterval)
	defer t.Stop()
	for {
		select {
		case now := <-t.C:
			r := w.o.Monitor.Sample(now)
			watch.Observe(r)
			if w.joined.Load() {
				w.send(ctx, wire.TypeHeartbeat, w.heartbeat(r))
			}
		case <-ctx.Done():
			return
		}
	}
}

// heartbeat is the heartbeat that says r. Its CPU use is a percent of the
// cores the worker may use rather than of one core (a Python worker has
// one), so that a Locust master's warning above 90% means the same for a
// gust worker on many cores.
func (w *Worker) heartbeat(r monitor.Reading) wire.Heartbeat {
	h := wire.Heartbeat{State: w.state.Load().(string), CPUUsage: 100 * r.CPUShare(), MemoryUsage: memoryInUse()}
	if r.Saturated {
		h.Saturation = r.Detail()
	}
	return h
}

// report sends the statistics every ReportInterval once registered, and
// at once when the worker's arrival-rate schedule ends.
func (w *Worker) report(ctx context.Context) {
	t := time.NewTicker(ReportInterval)
	defer t.Stop()
	for {
		select {
		case <-t.C:
			if w.joined.Load() {
				w.sendReport(ctx)
			}
		case <-w.arr.kick:
			if w.joined.Load() {
				w.sendReport(ctx)
			}
		case <-ctx.Done():
			return
		}
	}
}

// errorf wraps a sentinel error with details.
func errorf(sentinel error, format string, args ...any) error {
	return fmt.Errorf("%w: %s", sentinel, fmt.Sprintf(format, args...))
}
