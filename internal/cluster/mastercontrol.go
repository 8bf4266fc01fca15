package cluster

import (
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"time"

	"github.com/gustload/gust/internal/cluster/lifecycle"
	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/web"
)

// Start moves the cluster towards users users, rate users per second in
// total (the master paces the ramp; workers apply each step at once). Called
// again while a test runs, it changes the count or the rate.
func (m *Master) Start(users int, rate float64) {
	m.lock()
	defer m.unlock()
	if !m.active() {
		m.arr = nil
	} else if m.arr != nil {
		return // an arrival rate decides its users itself
	}
	m.fresh()
	m.target, m.rate, m.state, m.rampEnd = max(users, 0), rate, runner.Spawning, time.Time{}
	m.gen++
	gen := m.gen
	m.life.Go(func() { m.ramp(gen) })
}

// ramp allocates users step by step as Locust's dispatcher does: each step
// adds (or removes) max(1, floor(rate)) users, and steps are that many
// users' worth of time apart. A rate <= 0 takes one step.
func (m *Master) ramp(gen int) {
	for {
		wait, done := m.rampStep(gen)
		if done || !lifecycle.Sleep(m.life.Context(), wait) {
			return
		}
	}
}

// rampStep takes one step of the ramp of generation gen.
func (m *Master) rampStep(gen int) (wait time.Duration, done bool) {
	m.lock()
	defer m.unlock()
	if gen != m.gen {
		return 0, true
	}
	step := m.target
	if m.rate > 0 {
		step = max(1, int(math.Floor(m.rate)))
		wait = time.Duration(float64(step) / m.rate * float64(time.Second))
	}
	if m.dispatch < m.target {
		m.dispatch = min(m.target, m.dispatch+step)
	} else {
		m.dispatch = max(m.target, m.dispatch-step)
	}
	m.spread()
	if m.dispatch != m.target {
		return wait, false
	}
	m.rampEnd = time.Now()
	m.checkSpawned(m.rampEnd)
	return 0, true
}

// Stop stops the test: every worker is asked to stop its users, and Stop
// returns once each has stopped and sent its last statistics (or after the
// stop timeout and a few seconds more, or at once after Kill). The workers
// stay connected for the next test.
func (m *Master) Stop() {
	m.lock()
	if m.state == runner.Ready || m.state == runner.Stopped {
		m.unlock()
		return
	}
	if m.state != runner.Stopping {
		m.beginStop()
	}
	deadline := time.Now().Add(m.o.StopTimeout + stopGrace)
	m.unlock()
	if !m.waitFor(deadline, m.allStopped) {
		m.log.Warn("cluster: some workers did not confirm the stop in time")
	}
	m.lock()
	defer m.unlock()
	if m.state == runner.Stopping {
		m.state = runner.Stopped
		m.wake()
	}
}

// beginStop sends stop to every worker. mu is held.
func (m *Master) beginStop() {
	m.gen++
	m.state, m.target, m.dispatch = runner.Stopping, 0, 0
	m.alloc.reset(nil)
	if m.arr != nil && m.arr.stopped.IsZero() {
		m.arr.stopped = time.Now()
	}
	for id, n := range m.nodes {
		n.assigned, n.stopAcked, n.flushed = nil, false, false
		n.stopSent = n.state != StateMissing
		if n.stopSent {
			m.queue(id, wire.TypeStop, nil)
		}
	}
	m.wake()
}

// allStopped reports whether every worker asked to stop has stopped and
// sent its last statistics, or Kill was called. mu is held.
func (m *Master) allStopped() bool {
	if m.killed || m.state != runner.Stopping {
		return true
	}
	for _, n := range m.nodes {
		if n.stopSent && n.state != StateMissing && !n.flushed {
			return false
		}
	}
	return true
}

// Kill stops the test without waiting for the workers: the second Ctrl-C.
func (m *Master) Kill() {
	m.lock()
	m.killed = true
	m.wake()
	m.unlock()
	m.Stop()
}

// Quit asks every worker to quit, as a master does when it exits, and waits
// a moment for their goodbyes (and final statistics).
func (m *Master) Quit() {
	m.lock()
	m.gen++
	for id, n := range m.nodes {
		n.quitSent = n.state != StateMissing
		if n.quitSent {
			m.queue(id, wire.TypeQuit, nil)
		}
	}
	m.unlock()
	m.waitFor(time.Now().Add(quitWait), func() bool {
		for _, n := range m.nodes {
			if n.quitSent {
				return false
			}
		}
		return true
	})
}

// WaitForWorkers waits until at least n workers are connected and ready to
// take users, or ctx ends (then it returns an error wrapping ErrNoWorkers).
func (m *Master) WaitForWorkers(ctx context.Context, n int) error {
	enough := func() bool { return len(m.takers()) >= n }
	for {
		m.lock()
		ok, ch, have := enough(), m.changed, len(m.takers())
		m.unlock()
		if ok {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("%w: %d of %d expected", ErrNoWorkers, have, n)
		case <-m.life.Context().Done():
			return fmt.Errorf("%w: the master closed", ErrNoWorkers)
		}
	}
}

// waitFor waits until cond (called with mu held) holds, or deadline
// passes; it reports whether cond held.
func (m *Master) waitFor(deadline time.Time, cond func() bool) bool {
	t := time.NewTimer(time.Until(deadline))
	defer t.Stop()
	for {
		m.lock()
		ok, ch := cond(), m.changed
		m.unlock()
		if ok {
			return true
		}
		select {
		case <-ch:
		case <-t.C:
			return false
		case <-m.life.Context().Done():
			return false
		}
	}
}

// Users returns the users the connected workers report running, in total
// and per kind.
func (m *Master) Users() (int, map[string]int) {
	m.lock()
	defer m.unlock()
	return m.usersLocked()
}

func (m *Master) usersLocked() (int, map[string]int) {
	per := make(map[string]int, len(m.names))
	for _, name := range m.names {
		per[name] = 0
	}
	total := 0
	for _, n := range m.nodes {
		if n.live() {
			for k, c := range n.reported {
				per[k] += c
				total += c
			}
		}
	}
	return total, per
}

// State is the test's state, with the runner's names.
func (m *Master) State() runner.State {
	m.lock()
	defer m.unlock()
	return m.state
}

// Workers lists the workers for the web UI, by index.
func (m *Master) Workers() []web.Worker {
	m.lock()
	defer m.unlock()
	nodes := slices.SortedFunc(maps.Values(m.nodes), func(a, b *node) int { return a.index - b.index })
	out := make([]web.Worker, len(nodes))
	for i, n := range nodes {
		out[i] = web.Worker{ID: n.id, State: n.state, Users: n.users(), CPU: n.cpu, Memory: n.mem, Saturation: n.saturation}
	}
	return out
}

// SetHost changes the host sent to the workers from the next spawn on.
func (m *Master) SetHost(host string) {
	m.lock()
	defer m.unlock()
	m.host = host
}

// OnSpawned sets a function called (outside the master's lock) each time
// the workers run the requested number of users.
func (m *Master) OnSpawned(f func(users int)) {
	m.lock()
	defer m.unlock()
	m.onSpawned = f
}

// Select makes the next test run only the named kinds (no names: all of
// them), as runner.Runner.Select does: the others get no users on any
// worker. It is for a master between tests.
func (m *Master) Select(names []string) error {
	kinds, err := runner.SelectKinds(m.o.Kinds, names)
	if err != nil {
		return err
	}
	m.lock()
	defer m.unlock()
	if m.active() {
		return fmt.Errorf("gust: the user kinds can only change between tests, not while %s", m.state)
	}
	m.alloc = newAllocation(kinds)
	return nil
}
