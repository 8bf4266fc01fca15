package cluster

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"

	"github.com/gustload/gust/internal/cluster/lifecycle"
	"github.com/gustload/gust/internal/cluster/peerlog"
	"github.com/gustload/gust/internal/cluster/transport"
	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/stats"
)

// Timing of the protocol, as in Locust.
const (
	// HeartbeatInterval is how often workers and the master send heartbeats.
	HeartbeatInterval = time.Second
	// ReportInterval is how often a worker sends its statistics.
	ReportInterval = 3 * time.Second
	// DefaultWorkerTimeout is how long a worker may stay silent before a
	// master marks it missing and gives its users to the others (Locust:
	// about 4 to 5 s).
	DefaultWorkerTimeout = 5 * time.Second
	// RateLag is how much of the newest statistics a master leaves out of
	// its current rates (stats.Recorder.SetRateLag): a report interval and
	// a second for the one in progress.
	RateLag = ReportInterval + time.Second
)

const (
	forgetAfter = 60 * time.Second // a missing worker is forgotten (Locust's HEARTBEAT_DEAD_INTERNAL)
	classWait   = 5 * time.Second  // the longest a Locust worker's classes are awaited
	settleWait  = time.Second      // how long a ramp's end waits for the workers' counts
	stopGrace   = 5 * time.Second  // added to the stop timeout when waiting for stopped workers
	quitWait    = 2 * time.Second  // how long Quit waits for the workers' goodbyes
	sendTimeout = 10 * time.Second // bound on sending one message
	outQueue    = 4096             // messages waiting for the sender
)

// MasterOptions configure a Master.
type MasterOptions struct {
	// Kinds are the user kinds: names, weights and fixed counts decide how
	// many users of each kind every worker runs (Run is not used).
	Kinds []runner.Kind
	// Recorder receives the workers' statistics (stats.Recorder.Merge).
	Recorder *stats.Recorder
	// Log is where the master reports workers coming and going; nil
	// discards.
	Log *slog.Logger
	// Token, when set, refuses every worker that does not prove it knows
	// it (see Auth); Locust's workers cannot.
	Token string
	// Host is sent to the workers as the host of their users ("" keeps
	// their own).
	Host string
	// StopTimeout is sent to the workers: how long stopping users may take
	// to finish their task.
	StopTimeout time.Duration
	// WorkerTimeout is how long a worker may stay silent before it is
	// marked missing; 0 means DefaultWorkerTimeout.
	WorkerTimeout time.Duration
	// ParsedOptions are sent in every spawn, by Locust's option names; a
	// Locust worker reads "tags" and "exclude_tags" from them.
	ParsedOptions map[string]any
	// ID is the master's node id in its messages; "" makes one.
	ID string
	// OnLastQuit is called when the last worker quits (not when it goes
	// missing) while a test runs, as Locust stops the test then.
	OnLastQuit func()
}

// Master drives workers over Locust's protocol: it takes their
// registrations, decides how many users of each kind every worker runs,
// paces the cluster's spawn rate, watches their heartbeats, and merges their
// statistics into one recorder. It stands in for a local runner: Start,
// Stop, Kill, Users and State mean what they mean for runner.Runner. Its
// methods are safe for concurrent use.
type Master struct {
	t     transport.Transport
	o     MasterOptions
	log   *slog.Logger
	warns *peerlog.Limiter // the warnings a worker causes, limited
	names []string         // kind names, in the order of o.Kinds
	life  *lifecycle.Group
	out   chan outMsg

	flushing  sync.Mutex // held while queued messages move to out; after mu
	mu        sync.Mutex
	queued    []outMsg // sent once mu is released
	nodes     map[string]*node
	indexes   map[string]int // every id ever seen, for stable indexes
	authed    map[string]bool
	refused   map[string]bool
	nudged    map[string]time.Time // unknown workers asked to reconnect, and when
	later     []func()             // run once mu is released
	alloc     *allocation
	state     runner.State
	target    int
	dispatch  int // users allocated so far in the ramp
	rate      float64
	gen       int       // ramp generation: a new Start or a Stop ends older ramps
	rampEnd   time.Time // when the ramp allocated its last user; zero while ramping
	killed    bool
	changed   chan struct{} // closed and replaced whenever a waiter may proceed
	onSpawned func(users int)
	host      string
	lastSpawn float64

	arr *arrivalRun // the arrival-rate test running or last run; nil for users (masterarrival.go)

	satCounted time.Time // when countSaturation last ran
	satSeconds float64   // this test's time with a saturated worker
}

// outMsg is a message waiting to be sent.
type outMsg struct {
	peer string
	m    wire.Message
}

// ErrNoWorkers is returned by WaitForWorkers when too few workers connected
// in time.
var ErrNoWorkers = errors.New("gust: not enough workers connected")

// NewMaster starts a master on t, the master's end of the network (a Router
// from Listen). Close stops it; t stays open for the caller to close.
func NewMaster(t transport.Transport, o MasterOptions) *Master {
	if o.WorkerTimeout <= 0 {
		o.WorkerTimeout = DefaultWorkerTimeout
	}
	if o.ID == "" {
		o.ID = wire.NewNodeID()
	}
	if o.Recorder != nil {
		o.Recorder.SetRateLag(RateLag)
	}
	m := &Master{t: t, o: o, log: o.Log, life: lifecycle.New(), out: make(chan outMsg, outQueue),
		nodes: map[string]*node{}, indexes: map[string]int{}, authed: map[string]bool{},
		refused: map[string]bool{}, nudged: map[string]time.Time{}, alloc: newAllocation(o.Kinds), state: runner.Ready,
		changed: make(chan struct{}), host: o.Host}
	if m.log == nil {
		m.log = slog.New(slog.DiscardHandler)
	}
	m.warns = peerlog.New(m.log)
	for _, k := range o.Kinds {
		m.names = append(m.names, k.Name)
	}
	m.life.Go(m.receive)
	m.life.Go(m.send)
	m.life.Go(m.watch)
	return m
}

// Close stops the master's goroutines. It does not tell the workers; call
// Quit first for that.
func (m *Master) Close() error {
	if m.life.Close() {
		m.life.Wait()
		m.warns.Close()
	}
	return nil
}

// lock takes the master's lock; unlock releases it and hands the messages
// queued meanwhile to the sender, in order.
func (m *Master) lock() { m.mu.Lock() }

func (m *Master) unlock() {
	q := m.queued
	m.queued = nil
	later := m.later
	m.later = nil
	m.flushing.Lock() // taken before mu is released: messages leave in the order they were queued
	m.mu.Unlock()
	m.push(q)
	m.flushing.Unlock()
	for _, f := range later {
		f()
	}
}

// push hands messages to the sender. flushing is held.
func (m *Master) push(q []outMsg) {
	for _, o := range q {
		select {
		case m.out <- o:
		case <-m.life.Context().Done():
			return
		}
	}
}

// after runs f once mu is released. mu is held.
func (m *Master) after(f func()) { m.later = append(m.later, f) }

// queue sends m to peer once the lock is released. mu is held.
func (m *Master) queue(peer, typ string, data any) {
	m.queued = append(m.queued, outMsg{peer: peer, m: wire.Message{Type: typ, Data: data, NodeID: m.o.ID}})
}

// wake lets every waiter re-check its condition. mu is held.
func (m *Master) wake() {
	close(m.changed)
	m.changed = make(chan struct{})
}

// send delivers queued messages until the master closes.
func (m *Master) send() {
	for {
		select {
		case o := <-m.out:
			ctx, cancel := context.WithTimeout(m.life.Context(), sendTimeout)
			if err := transport.SendMessage(ctx, m.t, o.peer, o.m); err != nil && m.life.Context().Err() == nil {
				m.warns.Warn(o.peer, "cluster: cannot send to a worker", "worker", o.peer, "type", o.m.Type, "error", err)
			}
			cancel()
		case <-m.life.Context().Done():
			return
		}
	}
}

// receive handles messages until the master closes.
func (m *Master) receive() {
	for {
		peer, msg, err := transport.RecvMessage(m.life.Context(), m.t)
		switch {
		case errors.Is(err, wire.ErrMalformed):
			m.malformed(peer, err)
		case err != nil:
			if m.life.Context().Err() == nil && !errors.Is(err, transport.ErrClosed) {
				m.log.Error("cluster: receiving from workers failed", "error", err)
			}
			return
		default:
			m.handle(peer, msg)
		}
	}
}

// watch checks the workers' liveness and the ramp's end once a second.
func (m *Master) watch() {
	t := time.NewTicker(HeartbeatInterval)
	defer t.Stop()
	for {
		select {
		case now := <-t.C:
			m.check(now)
		case <-m.life.Context().Done():
			return
		}
	}
}
