package cluster

import (
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/monitor"
)

// locustCPULimit is the CPU use, in percent of one core, at which a Locust
// worker counts as saturated: a Python process runs on one core, and Locust
// itself warns at 90%.
const locustCPULimit = 90

// saturationOf says why the worker that sent h is saturated, "" when it
// keeps up. A gust worker says so itself; a Locust worker is judged by its
// CPU.
func saturationOf(n *node, h wire.Heartbeat) string {
	if isGust(n.version) {
		return h.Saturation
	}
	if h.CPUUsage >= locustCPULimit {
		return fmt.Sprintf("CPU at %.0f%% of the one core a Locust worker uses: its users run late and its response "+
			"times may include its own delay; add workers", h.CPUUsage)
	}
	return ""
}

// noteSaturation keeps what a heartbeat says of the worker's saturation and
// warns when it becomes saturated (at most every monitor.RewarnAfter per
// worker). mu is held.
func (m *Master) noteSaturation(n *node, h wire.Heartbeat, now time.Time) {
	was := n.saturation
	n.saturation = saturationOf(n, h)
	if n.saturation == "" || was != "" || now.Sub(n.satWarned) < monitor.RewarnAfter {
		return
	}
	n.satWarned = now
	m.log.Warn("cluster: a worker is saturated", "worker", n.id, "index", n.index, "why", n.saturation)
}

// countSaturation adds the time since the last count to the test's
// saturated time when a live worker is saturated. check calls it every
// second; mu is held.
func (m *Master) countSaturation(now time.Time) {
	last := m.satCounted
	m.satCounted = now
	if !m.active() || last.IsZero() || m.saturatedWorker() == nil {
		return
	}
	m.satSeconds += min(now.Sub(last), 2*HeartbeatInterval).Seconds()
}

// saturatedWorker is the first live worker, by index, that is saturated;
// nil when none is. mu is held.
func (m *Master) saturatedWorker() *node {
	nodes := slices.SortedFunc(maps.Values(m.nodes), func(a, b *node) int { return a.index - b.index })
	for _, n := range nodes {
		if n.live() && n.saturation != "" {
			return n
		}
	}
	return nil
}

// Saturation reports whether a worker is saturated, as of its last
// heartbeat, with a sentence naming it and saying why.
func (m *Master) Saturation() (bool, string) {
	m.lock()
	defer m.unlock()
	n := m.saturatedWorker()
	if n == nil {
		return false, ""
	}
	return true, fmt.Sprintf("worker %d (%s) is saturated: %s", n.index, n.id, n.saturation)
}

// SaturatedSeconds is how long, in the current or last test, at least one
// worker was saturated.
func (m *Master) SaturatedSeconds() float64 {
	m.lock()
	defer m.unlock()
	return m.satSeconds
}
