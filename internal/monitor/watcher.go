package monitor

import (
	"log/slog"
	"sync"
	"time"
)

// RewarnAfter is how long a saturated generator stays quiet after a
// warning before a Watcher warns again.
const RewarnAfter = 30 * time.Second

// Watcher tells the user when the load generator becomes its own
// bottleneck: a warning when a reading is saturated (repeated every
// RewarnAfter while it lasts), and a note when it keeps up again. The
// engine and a worker watch their own process with one.
type Watcher struct {
	log *slog.Logger

	mu        sync.Mutex
	saturated bool      // as of the last reading
	since     time.Time // when the current saturation began
	warned    time.Time // when the last warning was given
}

// NewWatcher returns a Watcher that logs to log.
func NewWatcher(log *slog.Logger) *Watcher { return &Watcher{log: log} }

// Observe logs what r changes in the generator's saturation.
func (w *Watcher) Observe(r Reading) {
	w.mu.Lock()
	was, warned := w.saturated, w.warned
	w.saturated = r.Saturated
	if r.Saturated && !was {
		w.since = r.Time
	}
	since := w.since
	warn := r.Saturated && r.Time.Sub(warned) >= RewarnAfter
	if warn {
		w.warned = r.Time
	}
	w.mu.Unlock()
	switch {
	case warn:
		w.log.Warn(r.Detail(), "cpu_percent", Round1(100*r.CPUShare()), "sched_delay_p99_ms", MillisFloat(r.SchedP99),
			"receive_delay_p99_ms", MillisFloat(r.ReceiveP99), "saturated_for", r.Time.Sub(since).Round(time.Second).String())
	case was && !r.Saturated:
		w.log.Info("the load generator keeps up again", "saturated_for", r.Time.Sub(since).Round(time.Second).String())
	}
}
