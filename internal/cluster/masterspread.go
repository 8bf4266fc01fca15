package cluster

import (
	"math"
	"slices"
	"time"

	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/runner"
)

// active reports whether a test is starting or running. mu is held.
func (m *Master) active() bool {
	return m.state == runner.Spawning || m.state == runner.Running
}

// takers lists the workers that get a share of the users, in Locust's
// order. mu is held.
func (m *Master) takers() []string {
	var ids []string
	for id, n := range m.nodes {
		if n.takesUsers() {
			ids = append(ids, id)
		}
	}
	return workerOrder(ids)
}

// liveCount is the number of connected workers. mu is held.
func (m *Master) liveCount() int {
	c := 0
	for _, n := range m.nodes {
		if n.live() {
			c++
		}
	}
	return c
}

// spread shares the users allocated so far among the workers that take
// users, sharing them anew when those workers changed, and sends a spawn to
// every worker whose share changed. mu is held.
func (m *Master) spread() {
	if m.arr != nil {
		m.spreadArrival()
		return
	}
	if ids := m.takers(); !slices.Equal(ids, m.alloc.ids) {
		m.alloc.reset(ids)
	}
	m.alloc.resize(m.dispatch)
	for i, id := range m.alloc.ids {
		n := m.nodes[id]
		counts := m.countsFor(n, m.alloc.counts[i])
		if sameCounts(counts, n.assigned) {
			continue
		}
		n.assigned = counts
		m.queue(id, wire.TypeSpawn, wire.Spawn{Timestamp: m.stamp(), UserClassesCount: counts, Host: m.host,
			StopTimeout: m.o.StopTimeout, ParsedOptions: m.o.ParsedOptions})
	}
}

// countsFor names a worker's share by kind. A Locust worker that reported
// user classes other than the master's kinds gets its share under its own
// class names, spread evenly, since the master's names would fail there.
// mu is held.
func (m *Master) countsFor(n *node, counts []int) map[string]int {
	out := make(map[string]int, len(counts))
	for k, c := range counts {
		out[m.names[k]] = c
	}
	if len(n.classes) == 0 {
		return out
	}
	return m.renamed(n, out)
}

// renamed moves the users of kinds a worker does not have onto its classes.
func (m *Master) renamed(n *node, counts map[string]int) map[string]int {
	out := make(map[string]int, len(n.classes))
	extra := 0
	for name, c := range counts {
		if slices.Contains(n.classes, name) {
			out[name] += c
		} else {
			extra += c
		}
	}
	if extra == 0 {
		return out
	}
	if !n.renamedOnce {
		m.log.Warn("cluster: the worker has none of the master's user kinds; its users run as its own classes",
			"worker", n.id, "kinds", m.names, "classes", n.classes)
		n.renamedOnce = true
	}
	for i, c := range n.classes {
		out[c] += extra / len(n.classes)
		if i < extra%len(n.classes) {
			out[c]++
		}
	}
	return out
}

// sameCounts compares two shares, a missing kind counting as 0.
func sameCounts(a, b map[string]int) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	for k, v := range b {
		if a[k] != v {
			return false
		}
	}
	return true
}

// stamp returns the timestamp of a new spawn: now, and always after the
// previous one, as workers discard a spawn not newer than the last. mu is
// held.
func (m *Master) stamp() float64 {
	ts := float64(time.Now().UnixNano()) / 1e9
	if ts <= m.lastSpawn {
		ts = math.Nextafter(m.lastSpawn, math.Inf(1))
	}
	m.lastSpawn = ts
	return ts
}

// check marks silent workers missing, forgets long-missing ones, stops
// waiting for a Locust worker's classes, and notices the end of a ramp.
// It runs once a second.
func (m *Master) check(now time.Time) {
	m.lock()
	defer m.unlock()
	moved := false
	for id, n := range m.nodes {
		switch {
		case n.state != StateMissing && now.Sub(n.heard) > m.o.WorkerTimeout:
			m.goMissing(n, now)
			moved = true
		case n.state == StateMissing && now.Sub(n.missing) > forgetAfter:
			delete(m.nodes, id)
			m.log.Info("cluster: forgot a worker missing for a minute", "worker", id)
		case n.waiting && now.Sub(n.joined) > classWait:
			n.waiting, moved = false, true
		}
	}
	if moved && m.active() {
		m.spread()
	}
	m.checkSpawned(now)
	m.countSaturation(now)
	m.wake()
}

// goMissing marks a silent worker missing; its users go to the others, and
// the statistics it reported stay. mu is held.
func (m *Master) goMissing(n *node, now time.Time) {
	m.log.Warn("cluster: worker missing, its users go to the other workers", "worker", n.id, "index", n.index,
		"silent_for", now.Sub(n.heard).Round(time.Second).String())
	n.before, n.state, n.missing, n.reported = n.state, StateMissing, now, map[string]int{}
	if m.active() && m.liveCount() == 0 {
		m.log.Warn("cluster: no worker left; the test waits for workers to come back or join")
	}
}

// revive takes back a missing worker that spoke again. mu is held.
func (m *Master) revive(n *node) {
	m.log.Info("cluster: missing worker is back", "worker", n.id, "index", n.index)
	n.state = n.before
	switch {
	case m.active():
		m.spread()
	case n.before == StateSpawning || n.before == StateRunning:
		m.queue(n.id, wire.TypeStop, nil) // the test ended while it was away
		n.assigned = nil
	}
}

// checkSpawned ends the spawning phase once the ramp is over and the
// workers run their shares, or settleWait after the ramp, as Locust does.
// mu is held.
func (m *Master) checkSpawned(now time.Time) {
	if m.state != runner.Spawning || m.rampEnd.IsZero() {
		return
	}
	if !m.settled() && now.Sub(m.rampEnd) < settleWait {
		return
	}
	m.state = runner.Running
	users, _ := m.usersLocked()
	m.log.Info("cluster: all users spawned", "users", users, "workers", m.liveCount())
	if f := m.onSpawned; f != nil {
		m.after(func() { f(users) })
	}
}

// settled reports whether every worker that takes users runs its share.
// mu is held.
func (m *Master) settled() bool {
	for _, id := range m.alloc.ids {
		n := m.nodes[id]
		if n == nil || !n.takesUsers() {
			continue
		}
		want := 0
		for _, c := range n.assigned {
			want += c
		}
		if n.users() != want {
			return false
		}
	}
	return true
}
