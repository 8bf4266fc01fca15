package monitor

import (
	"context"
	"runtime"
	"sync"
	"time"
)

// Defaults of Options.
const (
	DefaultInterval   = time.Second
	DefaultCPULimit   = 0.9
	DefaultDelayLimit = 10 * time.Millisecond
)

// Options tune a Monitor; zero values take the defaults.
type Options struct {
	// Interval is the time between two readings (DefaultInterval).
	Interval time.Duration
	// CPULimit is the share of the usable cores (0 to 1) from which the
	// generator counts as saturated (DefaultCPULimit).
	CPULimit float64
	// DelayLimit is the 99th percentile of the scheduling delay, or of the
	// receive delay, from which the generator counts as saturated
	// (DefaultDelayLimit).
	DelayLimit time.Duration
	// Cores is how many cores the process may use (runtime.GOMAXPROCS).
	Cores int
	// Read returns the process's cumulative counters (ReadProcess); tests
	// give their own.
	Read func() Counters
}

// Monitor takes a Reading of the generator every interval and sums them up.
// Its methods are safe for concurrent use.
type Monitor struct {
	opts Options

	mu     sync.Mutex
	first  Counters // at the start of the summary
	prev   Counters // at the last reading
	prevAt time.Time
	latest Reading
	sum    Summary
	frozen bool    // the summary takes no more readings until Reset
	gc     gcPacer // paces the collector of this process (see gc.go)
}

// New returns a Monitor whose summary starts now.
func New(opts Options) *Monitor {
	if opts.Interval <= 0 {
		opts.Interval = DefaultInterval
	}
	if opts.CPULimit <= 0 {
		opts.CPULimit = DefaultCPULimit
	}
	if opts.DelayLimit <= 0 {
		opts.DelayLimit = DefaultDelayLimit
	}
	if opts.Cores <= 0 {
		opts.Cores = runtime.GOMAXPROCS(0)
	}
	m := &Monitor{}
	if opts.Read == nil {
		opts.Read, m.gc = ReadProcess, newGCPacer()
	}
	m.opts = opts
	m.Reset(time.Now())
	return m
}

// Reset starts the summary afresh at now, as for a new test.
func (m *Monitor) Reset(now time.Time) {
	c := m.opts.Read()
	m.mu.Lock()
	defer m.mu.Unlock()
	m.first, m.prev, m.prevAt = c, c, now
	m.latest = Reading{Time: now, Cores: m.opts.Cores}
	m.sum = Summary{Cores: m.opts.Cores}
	m.frozen = false
}

// Freeze takes a last reading into the summary, which then keeps its
// figures until Reset: readings go on (for Latest) but no longer count.
// The end of a test calls it, so that the stopping users do not count as
// the generator's load.
func (m *Monitor) Freeze(now time.Time) {
	m.Sample(now)
	m.mu.Lock()
	defer m.mu.Unlock()
	m.frozen = true
}

// Run takes a reading every interval until ctx ends, and hands each to
// onReading (which may be nil) from Run's goroutine.
func (m *Monitor) Run(ctx context.Context, onReading func(Reading)) {
	t := time.NewTicker(m.opts.Interval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			r := m.Sample(time.Now()) // not the tick's time: a stalled process reads it late

			if onReading != nil {
				onReading(r)
			}
		}
	}
}

// Sample takes a reading now, covering the time since the last one.
func (m *Monitor) Sample(now time.Time) Reading {
	c := m.opts.Read()
	m.mu.Lock()
	defer m.mu.Unlock()
	r := m.reading(now, c)
	m.gc.step(c, m.prev, r.Elapsed.Seconds())
	m.prev, m.prevAt, m.latest = c, now, r
	if !m.frozen {
		m.add(r, c)
	}
	return r
}

// reading compares c with the previous counters.
func (m *Monitor) reading(now time.Time, c Counters) Reading {
	r := Reading{Time: now, Elapsed: now.Sub(m.prevAt), Cores: m.opts.Cores,
		SchedP99: c.Sched.Sub(m.prev.Sched).Quantile(0.99), ReceiveP99: c.Receive.Sub(m.prev.Receive).Quantile(0.99)}
	if r.Elapsed > 0 {
		r.CPU = float64(c.CPU-m.prev.CPU) / float64(r.Elapsed)
	}
	r.Tripped = m.tripped(r)
	r.Saturated = r.Tripped != 0
	return r
}

// tripped is the set of r's signals at their limit. The CPU time of a
// few milliseconds is too coarse to judge (the reading the end of a test
// takes is followed by the ticker's a moment later): the CPU signal needs a
// reading of half an interval at least.
func (m *Monitor) tripped(r Reading) Signals {
	var s Signals
	if r.Elapsed >= m.opts.Interval/2 && r.CPU >= m.opts.CPULimit*float64(r.Cores) {
		s |= SignalCPU
	}
	if r.SchedP99 >= m.opts.DelayLimit {
		s |= SignalSched
	}
	if r.ReceiveP99 >= m.opts.DelayLimit {
		s |= SignalReceive
	}
	return s
}

// add counts r into the summary.
func (m *Monitor) add(r Reading, c Counters) {
	s := &m.sum
	s.Seconds += r.Elapsed.Seconds()
	if r.Elapsed >= m.opts.Interval/2 { // too coarse for a peak, as for a signal (tripped)
		s.CPUPeak = max(s.CPUPeak, r.CPU)
	}
	s.SchedP99Peak = max(s.SchedP99Peak, r.SchedP99)
	if s.Seconds > 0 {
		s.CPU = (c.CPU - m.first.CPU).Seconds() / s.Seconds
	}
	s.SchedP99 = c.Sched.Sub(m.first.Sched).Quantile(0.99)
	s.ReceiveP99Peak = max(s.ReceiveP99Peak, r.ReceiveP99)
	s.ReceiveP99 = c.Receive.Sub(m.first.Receive).Quantile(0.99)
	if r.Saturated {
		s.SaturatedSeconds += r.Elapsed.Seconds()
	}
}

// Latest returns the last reading (a zero one before the first).
func (m *Monitor) Latest() Reading {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.latest
}

// Summary sums up the readings since New or Reset.
func (m *Monitor) Summary() Summary {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.sum
}
