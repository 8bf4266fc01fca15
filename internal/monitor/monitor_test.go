package monitor_test

import (
	"context"
	"strings"
	"sync"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/monitor"
)

// fakeProcess is a process whose counters a test moves on by hand.
type fakeProcess struct {
	mu sync.Mutex
	c  monitor.Counters
}

func newFake() *fakeProcess {
	return &fakeProcess{c: monitor.Counters{Sched: hist(0, 0, 0, 0, 0, 0), Receive: hist(0, 0, 0, 0, 0, 0)}}
}

func (f *fakeProcess) read() monitor.Counters {
	f.mu.Lock()
	defer f.mu.Unlock()
	c := f.c
	c.Sched.Counts = append([]uint64(nil), c.Sched.Counts...)
	c.Receive.Counts = append([]uint64(nil), c.Receive.Counts...)
	return c
}

// lateReads adds n receive delays in bucket b.
func (f *fakeProcess) lateReads(b int, n uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.c.Receive.Counts[b] += n
}

// busy adds cpu of CPU time and n scheduling delays in bucket b.
func (f *fakeProcess) busy(cpu time.Duration, b int, n uint64) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.c.CPU += cpu
	f.c.Sched.Counts[b] += n
}

func TestSaturationRule(t *testing.T) {
	tests := []struct {
		name      string
		cpu       time.Duration // used in the second
		bucket    int           // where 100 scheduling delays fall
		recv      int           // where 100 receive delays fall
		saturated bool
		tripped   monitor.Signals
		words     string // what Detail says, once
	}{
		{"idle", 10 * time.Millisecond, 0, 0, false, 0, "gust keeps up: CPU 0% of 2 cores"},
		{"busy but keeping up", 1500 * time.Millisecond, 1, 1, false, 0, "gust keeps up: CPU 75% of 2 cores"},
		{"CPU at the limit", 1800 * time.Millisecond, 0, 0, true, monitor.SignalCPU, "gust is busy: CPU 90% of 2 cores is at its limit"},
		{"CPU above the limit", 2 * time.Second, 0, 0, true, monitor.SignalCPU, "gust is busy: CPU 100% of 2 cores is at its limit"},
		{"late goroutines on an idle CPU", 100 * time.Millisecond, 4, 0, true, monitor.SignalSched,
			"gust is late: its goroutines waited 20 ms to run (scheduling delay p99); CPU 5% of 2 cores."},
		{"responses read late", 100 * time.Millisecond, 0, 4, true, monitor.SignalReceive,
			"gust is late: responses waited 20 ms to be read after they arrived (receive delay p99); CPU 5% of 2 cores."},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake()
			start := time.Now()
			m := monitor.New(monitor.Options{Cores: 2, Read: f.read})
			m.Reset(start)
			f.busy(tt.cpu, tt.bucket, 100)
			f.lateReads(tt.recv, 100)
			r := m.Sample(start.Add(time.Second))
			if r.Saturated != tt.saturated {
				t.Fatalf("saturated = %v (CPU %.2f cores, p99 %v), want %v", r.Saturated, r.CPU, r.SchedP99, tt.saturated)
			}
			if r.Tripped != tt.tripped {
				t.Errorf("tripped %b, want %b", r.Tripped, tt.tripped)
			}
			d := r.Detail()
			if !strings.HasPrefix(d, tt.words) || strings.Count(d, "gust") != 1 || strings.Count(d, "CPU") != 1 {
				t.Errorf("detail %q, want it to start %q and name gust and the CPU once", d, tt.words)
			}
		})
	}
}

func TestSummaryCountsSaturatedSeconds(t *testing.T) {
	f := newFake()
	start := time.Now()
	m := monitor.New(monitor.Options{Cores: 1, Read: f.read})
	m.Reset(start)
	for i, cpu := range []time.Duration{200 * time.Millisecond, time.Second, 950 * time.Millisecond, 250 * time.Millisecond} {
		f.busy(cpu, 0, 10)
		m.Sample(start.Add(time.Duration(i+1) * time.Second))
	}
	s := m.Summary()
	if s.SaturatedSeconds != 2 || s.Seconds != 4 {
		t.Fatalf("saturated %v s of %v s, want 2 of 4", s.SaturatedSeconds, s.Seconds)
	}
	if s.CPU != 0.6 || s.CPUPeak != 1 {
		t.Fatalf("CPU %v peak %v, want 0.6 and 1", s.CPU, s.CPUPeak)
	}
	if !strings.Contains(s.String(), "saturated 2 s of 4 s") {
		t.Fatalf("summary line %q lacks the saturated time", s.String())
	}
	m.Reset(start.Add(5 * time.Second))
	if s := m.Summary(); s.SaturatedSeconds != 0 || s.Seconds != 0 {
		t.Fatalf("after Reset: %+v, want an empty summary", s)
	}
}

func TestRunReadsEverySecondUntilCancelled(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		f := newFake()
		m := monitor.New(monitor.Options{Cores: 1, Read: f.read})
		ctx, cancel := context.WithCancel(context.Background())
		var readings []monitor.Reading
		done := make(chan struct{})
		go func() { defer close(done); m.Run(ctx, func(r monitor.Reading) { readings = append(readings, r) }) }()
		for range 3 {
			f.busy(time.Second, 0, 1)
			time.Sleep(time.Second)
			synctest.Wait()
		}
		cancel()
		<-done
		if len(readings) != 3 || !readings[2].Saturated || m.Latest() != readings[2] {
			t.Fatalf("readings %+v, want 3 saturated ones, the last kept as Latest", readings)
		}
	})
}

func TestMillis(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{250 * time.Microsecond, "0.25 ms"},
		{1500 * time.Microsecond, "1.5 ms"},
		{14 * time.Millisecond, "14 ms"},
	}
	for _, tt := range tests {
		if got := monitor.Millis(tt.d); got != tt.want {
			t.Errorf("Millis(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestFreezeKeepsTheSummary(t *testing.T) {
	f := newFake()
	start := time.Now()
	m := monitor.New(monitor.Options{Cores: 1, Read: f.read})
	m.Reset(start)
	f.busy(100*time.Millisecond, 0, 10)
	m.Freeze(start.Add(time.Second))
	f.busy(time.Second, 5, 1000) // the users stopping: all busy and late
	r := m.Sample(start.Add(2 * time.Second))
	if s := m.Summary(); !r.Saturated || s.SaturatedSeconds != 0 || s.Seconds != 1 || s.SchedP99Peak >= 10*time.Millisecond {
		t.Fatalf("after Freeze: reading %+v, summary %+v; want the reading saturated, the summary as at Freeze", r, s)
	}
	m.Reset(start.Add(3 * time.Second))
	f.busy(time.Second, 0, 1)
	m.Sample(start.Add(4 * time.Second))
	if s := m.Summary(); s.SaturatedSeconds != 1 {
		t.Fatalf("after Reset: %+v, want the summary counting again", s)
	}
}

func TestAShortLastReadingSetsNoCPUPeak(t *testing.T) {
	f := newFake()
	start := time.Now()
	m := monitor.New(monitor.Options{Cores: 1, Read: f.read})
	m.Reset(start)
	f.busy(500*time.Millisecond, 0, 1)
	m.Sample(start.Add(time.Second))
	f.busy(8*time.Millisecond, 0, 1) // accounted late: more CPU than the 5 ms passed
	m.Freeze(start.Add(time.Second + 5*time.Millisecond))
	if s := m.Summary(); s.CPUPeak != 0.5 {
		t.Fatalf("CPU peak %v, want 0.5 from the whole second, not 1.6 from the last 5 ms", s.CPUPeak)
	}
}

func TestAShortReadingIsNotBusy(t *testing.T) {
	f := newFake()
	start := time.Now()
	m := monitor.New(monitor.Options{Cores: 2, Read: f.read})
	m.Reset(start)
	f.busy(50*time.Millisecond, 0, 1)
	m.Freeze(start.Add(time.Second))
	f.busy(10*time.Millisecond, 0, 1) // one tick of CPU accounting in the next millisecond
	if r := m.Sample(start.Add(time.Second + time.Millisecond)); r.Saturated {
		t.Fatalf("a reading of 1 ms with 10 ms of CPU: %+v; want it not saturated (%q)", r, r.Detail())
	}
}
