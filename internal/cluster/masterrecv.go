package cluster

import (
	"maps"
	"slices"
	"time"

	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/stats"
)

// maxRemembered bounds the master's sets of ids seen once (authorised,
// refused, nudged), so that a flood of made-up ids cannot grow them forever.
const maxRemembered = 10000

// typeLogs is the log lines a Locust 2.29+ worker sends every 10 s.
const typeLogs = "logs"

// nudgeEvery is how often an unknown worker that keeps sending heartbeats
// is asked to reconnect.
const nudgeEvery = 5 * time.Second

// handle reacts to one message from the worker whose identity is peer.
func (m *Master) handle(peer string, msg wire.Message) {
	m.lock()
	defer m.unlock()
	now := time.Now()
	switch msg.Type {
	case wire.TypeAuth:
		m.onAuth(peer, msg.Data)
		return
	case wire.TypeClientReady:
		m.onReady(peer, msg.Data, now)
		return
	}
	n := m.nodes[peer]
	if n == nil {
		m.fromUnknown(peer, msg, now)
		return
	}
	n.heard = now
	if n.state == StateMissing {
		m.revive(n)
	}
	m.fromNode(n, msg, now)
}

// fromNode handles a message from a registered worker. mu is held.
func (m *Master) fromNode(n *node, msg wire.Message, now time.Time) {
	switch msg.Type {
	case wire.TypeHeartbeat:
		m.onHeartbeat(n, msg.Data, now)
	case wire.TypeStats:
		m.onStats(n, msg.Data)
	case wire.TypeException:
		if x, ok := msg.Data.(wire.Exception); ok {
			m.o.Recorder.Merge(&stats.Snapshot{Exceptions: []*stats.Exception{x.Stats(n.id)}})
		}
	case wire.TypeSpawning:
		if n.live() {
			n.state = StateSpawning
		}
	case wire.TypeSpawningComplete:
		m.onSpawningComplete(n, msg.Data, now)
	case wire.TypeClientStopped:
		m.onClientStopped(n)
	case wire.TypeQuit:
		m.onQuit(n)
	case typeLogs: // Locust 2.29+: the worker's log lines, for Locust's Logs tab
	default:
		m.warns.Warn(n.id, "cluster: unknown message type from a worker", "worker", n.id, "type", msg.Type)
	}
}

// onAuth checks a worker's proof of the cluster token. mu is held.
func (m *Master) onAuth(peer string, data any) {
	a, ok := data.(wire.Auth)
	switch {
	case m.o.Token == "":
		m.log.Debug("cluster: a worker presented a token, but none is needed", "worker", peer)
	case ok && wire.ValidAuth(m.o.Token, peer, a.MAC):
		remember(m.authed, peer)
	default:
		m.refuse(peer, "wrong cluster token")
	}
}

// onReady registers a worker (again). mu is held.
func (m *Master) onReady(peer string, data any, now time.Time) {
	if m.o.Token != "" && !m.authed[peer] {
		m.refuse(peer, "no cluster token: start the worker with --cluster-token or GUST_CLUSTER_TOKEN "+
			"(a Locust worker cannot present one)")
		return
	}
	version := ""
	if r, ok := data.(wire.ClientReady); ok {
		version = r.Version
	}
	n := m.nodes[peer]
	if n == nil {
		n = newNode(peer, version, m.indexOf(peer), now)
		m.nodes[peer] = n
		m.greet(n)
	}
	n.state, n.heard, n.assigned, n.version = StateReady, now, nil, version
	m.queue(peer, wire.TypeAck, wire.Ack{Index: n.index})
	if m.active() {
		m.spread()
	}
	m.wake()
}

// greet logs a new worker. mu is held.
func (m *Master) greet(n *node) {
	attrs := []any{"worker", n.id, "index", n.index, "workers", m.liveCount()}
	switch {
	case isGust(n.version):
	case n.version == "":
		m.log.Warn("cluster: a worker without a version connected (Debian's Locust 2.12.1 sends none); accepting it", attrs...)
	default:
		m.log.Warn("cluster: a Locust worker connected; versions are not compared", append(attrs, "version", n.version)...)
		return
	}
	m.log.Info("cluster: worker connected", attrs...)
}

// indexOf returns the stable index of id. mu is held.
func (m *Master) indexOf(id string) int {
	i, ok := m.indexes[id]
	if !ok {
		i = len(m.indexes)
		m.indexes[id] = i
	}
	return i
}

// refuse turns a worker away: it is told why and asked to quit. mu is held.
func (m *Master) refuse(peer, reason string) {
	if !m.refused[peer] {
		m.warns.Warn(peer, "cluster: refused a worker", "worker", peer, "reason", reason)
		remember(m.refused, peer)
	}
	m.queue(peer, wire.TypeRefused, wire.Refused{Reason: reason})
	m.queue(peer, wire.TypeQuit, nil)
}

// fromUnknown handles a message from an id that is not registered: a
// heartbeat gets a reconnect (the worker then registers again, as after
// the master restarted), everything else is dropped. mu is held.
func (m *Master) fromUnknown(peer string, msg wire.Message, now time.Time) {
	if msg.Type != wire.TypeHeartbeat || m.refused[peer] || now.Sub(m.nudged[peer]) < nudgeEvery {
		m.log.Debug("cluster: dropped a message from an unknown worker", "worker", peer, "type", msg.Type)
		return
	}
	if len(m.nudged) >= maxRemembered {
		clear(m.nudged)
	}
	m.nudged[peer] = now
	m.log.Info("cluster: heartbeat from an unknown worker, asking it to reconnect", "worker", peer)
	m.queue(peer, wire.TypeReconnect, nil)
}

func (m *Master) onHeartbeat(n *node, data any, now time.Time) {
	if h, ok := data.(wire.Heartbeat); ok {
		n.beat, n.cpu, n.mem = h.State, h.CPUUsage, h.MemoryUsage
		m.noteSaturation(n, h, now)
	}
	if hearsBeats(n.version) {
		m.queue(n.id, wire.TypeHeartbeat, wire.Heartbeat{})
	}
}

// onStats merges a report. mu is held.
func (m *Master) onStats(n *node, data any) {
	r, ok := data.(*wire.StatsReport)
	if !ok {
		return
	}
	delta, err := r.SparseDelta()
	if err != nil {
		m.warns.Warn(n.id, "cluster: dropped a statistics report that cannot be read", "worker", n.id, "error", err)
		return
	}
	m.o.Recorder.Merge(delta)
	m.noteArrival(n, r.Arrival)
	if n.live() {
		n.reported = maps.Clone(r.UserClassesCount)
	}
	if n.stopAcked {
		n.flushed = true
	}
	if n.waiting {
		n.classes, n.waiting = slices.Sorted(maps.Keys(r.UserClassesCount)), false
		if m.active() {
			m.spread()
		}
	}
	m.wake()
}

func (m *Master) onSpawningComplete(n *node, data any, now time.Time) {
	if !n.live() {
		return
	}
	n.state = StateRunning
	if s, ok := data.(wire.SpawningComplete); ok && s.UserClassesCount != nil {
		n.reported = maps.Clone(s.UserClassesCount)
	}
	m.checkSpawned(now)
	m.wake()
}

// onClientStopped notes a worker that stopped its users. A gust worker sent
// its final report just before; a Locust worker sends it within the next
// report interval. mu is held.
func (m *Master) onClientStopped(n *node) {
	n.state, n.stopAcked, n.reported, n.assigned = StateStopped, true, map[string]int{}, nil
	n.flushed = n.flushed || isGust(n.version)
	if m.active() {
		m.spread()
	}
	m.wake()
}

// onQuit forgets a worker that left. mu is held.
func (m *Master) onQuit(n *node) {
	delete(m.nodes, n.id)
	m.log.Info("cluster: worker quit", "worker", n.id, "index", n.index, "workers", m.liveCount())
	if !m.active() {
		m.wake()
		return
	}
	m.spread()
	if m.liveCount() == 0 && m.o.OnLastQuit != nil {
		m.log.Info("cluster: the last worker quit, stopping the test")
		m.after(m.o.OnLastQuit)
	}
	m.wake()
}

// malformed logs a frame that cannot be decoded and asks a known worker to
// reconnect, as Locust does; it is dropped either way.
func (m *Master) malformed(peer string, err error) {
	m.lock()
	defer m.unlock()
	m.warns.Warn(peer, "cluster: dropped a message that cannot be decoded", "worker", peer, "error", err)
	if m.nodes[peer] != nil {
		m.queue(peer, wire.TypeReconnect, nil)
	}
}

// remember adds id to a bounded set.
func remember(set map[string]bool, id string) {
	if len(set) >= maxRemembered {
		clear(set)
	}
	set[id] = true
}
