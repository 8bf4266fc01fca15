package cluster

import (
	"context"
	"math"
	"slices"
	"time"

	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/shape"
)

// A distributed arrival-rate test: every gust worker runs the whole
// schedule and starts the iterations of its slot (runner.Partitioned).
// When gust workers join or leave, every one gets a new slot from a
// boundary a second ahead; Locust workers cannot run an arrival rate and
// get no users.

// boundaryAhead is how far ahead of now a new partition takes effect: the
// time the new slots have to reach the workers before their iterations
// fall due.
const boundaryAhead = time.Second

// arrivalRun is the master's state of an arrival-rate test.
type arrivalRun struct {
	rate            shape.RateStages
	users, maxUsers int       // the cluster's totals, shared among the gust workers
	start           time.Time // when the first gust worker got its slot; zero until then
	stopped         time.Time // when the test was asked to stop; zero while it runs
	ids             []string  // the gust workers holding slots, in slot order
	from            int64     // the first iteration of the current partition
	reports         map[string]*wire.ArrivalReport
	warned          map[string]bool // Locust workers told they get no users
	waiting         bool            // the wait for a gust worker was logged
}

// StartArrival starts an arrival-rate test of the given rate on the gust
// workers: each runs the schedule and takes its slot of the iterations;
// opts are the cluster's pool (-u and --max-users), shared among them.
func (m *Master) StartArrival(rate shape.RateStages, opts runner.ArrivalOptions) {
	m.lock()
	defer m.unlock()
	m.fresh()
	m.gen++ // ends a ramp still running
	m.target, m.dispatch, m.rate, m.rampEnd = 0, 0, 0, time.Time{}
	m.alloc.reset(nil)
	for _, n := range m.nodes {
		n.assigned = nil
	}
	m.arr = &arrivalRun{rate: rate, users: opts.Users, maxUsers: opts.MaxUsers,
		reports: map[string]*wire.ArrivalReport{}, warned: map[string]bool{}}
	m.state = runner.Running
	m.spread()
	m.wake()
}

// fresh readies the master's view of the workers for a new test. mu is held.
func (m *Master) fresh() {
	if m.active() {
		return
	}
	m.killed, m.satSeconds = false, 0
	for _, n := range m.nodes {
		n.stopSent, n.stopAcked, n.flushed = false, false, false
	}
}

// spreadArrival gives every gust worker its slot, anew when the gust
// workers changed, and warns each Locust worker once. mu is held.
func (m *Master) spreadArrival() {
	a := m.arr
	m.warnLocust(a)
	var ids []string
	for _, id := range m.takers() {
		if isGust(m.nodes[id].version) {
			ids = append(ids, id)
		}
	}
	changed := !slices.Equal(ids, a.ids)
	if len(ids) == 0 {
		if !a.waiting {
			m.log.Warn("cluster: no gust worker connected; the arrival rate waits for one")
			a.waiting = true
		}
		a.ids = nil
		return
	}
	a.waiting = false
	now := time.Now()
	switch {
	case a.start.IsZero():
		a.start, a.from = now, 0
	case changed:
		el := now.Sub(a.start) + boundaryAhead
		a.from = max(a.from, int64(math.Ceil(a.rate.Iterations(el))))
		m.log.Info("cluster: the gust workers changed; new slots from an iteration on", "workers", len(ids), "from", a.from)
	}
	a.ids = ids
	for i, id := range ids {
		if n := m.nodes[id]; changed || n.assigned == nil {
			m.sendSlot(n, i, now)
		}
	}
}

// sendSlot sends worker n its slot i of the current partition. mu is held.
func (m *Master) sendSlot(n *node, i int, now time.Time) {
	a := m.arr
	count := len(a.ids)
	spec := wire.ArrivalSpec{Rate: config.ArrivalTarget(a.rate), Slot: i, Workers: count, From: a.from,
		Users: ceilDiv(a.users, count), MaxUsers: ceilDiv(a.maxUsers, count), Elapsed: now.Sub(a.start)}
	n.assigned = map[string]int{}
	m.queue(n.id, wire.TypeSpawn, wire.Spawn{Timestamp: m.stamp(), UserClassesCount: map[string]int{}, Host: m.host,
		StopTimeout: m.o.StopTimeout, ParsedOptions: wire.WithArrival(m.o.ParsedOptions, spec)})
}

// warnLocust warns once for each Locust worker connected during an
// arrival-rate test: it gets no users. mu is held.
func (m *Master) warnLocust(a *arrivalRun) {
	for id, n := range m.nodes {
		if n.live() && !isGust(n.version) && !a.warned[id] {
			a.warned[id] = true
			m.log.Warn("cluster: a Locust worker cannot run an arrival rate; it gets no users in this test", "worker", id)
		}
	}
}

func ceilDiv(a, b int) int { return (max(a, 0) + b - 1) / b }

// noteArrival keeps a gust worker's latest counts of the arrival-rate test.
// mu is held.
func (m *Master) noteArrival(n *node, r *wire.ArrivalReport) {
	if m.arr != nil && r != nil && isGust(n.version) {
		m.arr.reports[n.id] = r
	}
}

// Arrival sums the gust workers' counts of the arrival-rate test running
// (or last run): Elapsed and Requested are the master's, from when the
// first worker got its slot. ok=false when the last test was not one.
func (m *Master) Arrival() (runner.ArrivalStats, bool) {
	m.lock()
	defer m.unlock()
	a := m.arr
	if a == nil {
		return runner.ArrivalStats{}, false
	}
	s := wire.SumArrival(a.reports)
	if !a.start.IsZero() {
		end := time.Now()
		if !a.stopped.IsZero() {
			end = a.stopped
		}
		s.Elapsed = max(end.Sub(a.start), 0)
		s.Requested = a.rate.Iterations(s.Elapsed)
	}
	return s, true
}

// ArrivalEnded waits until the arrival-rate test's schedule has ended and
// every gust worker has finished its iterations (true), or ctx ends, the
// test stops or the master closes (false). A worker that does not say so
// is waited for the stop timeout and two reports at most.
func (m *Master) ArrivalEnded(ctx context.Context) bool {
	for {
		m.lock()
		ended, over, ch := m.arrivalEnded(time.Now()), m.arr == nil || !m.arr.stopped.IsZero(), m.changed
		m.unlock()
		switch {
		case ended:
			return true
		case over:
			return false
		}
		select {
		case <-ch: // the watch wakes waiters every second
		case <-ctx.Done():
			return false
		case <-m.life.Context().Done():
			return false
		}
	}
}

// arrivalEnded reports whether the schedule is over and the workers are
// done with it. mu is held.
func (m *Master) arrivalEnded(now time.Time) bool {
	a := m.arr
	if a == nil || a.start.IsZero() || !a.stopped.IsZero() {
		return false
	}
	el, total := now.Sub(a.start), a.rate.Total()
	if el < total {
		return false
	}
	if el-total > m.o.StopTimeout+2*ReportInterval {
		return true
	}
	for _, id := range a.ids {
		if r := a.reports[id]; r == nil || !r.Done {
			return false
		}
	}
	return true
}
