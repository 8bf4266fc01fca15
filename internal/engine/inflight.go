package engine

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// StallAfter is how long requests to a host may wait with none answered
// before the engine warns about that host, and how often it repeats the
// warning while the host stays silent.
const StallAfter = 10 * time.Second

// stalls remembers when each silent host was last warned about.
type stalls struct {
	mu     sync.Mutex
	warned map[string]time.Time
}

// warnStalled warns about each host that has kept requests waiting longer
// than StallAfter with no answer, at most once per StallAfter.
func (e *Engine) warnStalled(now time.Time) {
	e.stalls.mu.Lock()
	defer e.stalls.mu.Unlock()
	for _, s := range e.rec.Waits().Stalled(now, StallAfter) {
		if now.Sub(e.stalls.warned[s.Host]) < StallAfter {
			continue
		}
		if e.stalls.warned == nil {
			e.stalls.warned = map[string]time.Time{}
		}
		e.stalls.warned[s.Host] = now
		e.log().Warn(fmt.Sprintf("requests to %s have waited %s with none answered", s.Host, s.Quiet.Round(time.Second)),
			"host", s.Host, "in_flight", s.InFlight)
	}
}

// nothingCompleted says, for a run in which no request completed but some
// were cut short or are still in flight, how many waited on what; "" for
// any other run.
func nothingCompleted(final *stats.Snapshot, w *stats.Waits) string {
	left := w.InFlight()
	if final.Total == nil || final.Total.Requests > 0 || (final.Total.Interrupted == 0 && left == 0) {
		return ""
	}
	var parts []string
	for _, c := range w.Interrupted() {
		parts = append(parts, fmt.Sprintf("%d %s (%s)", c.Requests, c.Phase, c.Host))
	}
	msg := fmt.Sprintf("No request completed: %d interrupted when the test ended", final.Total.Interrupted)
	if len(parts) > 0 {
		msg += ": " + strings.Join(parts, ", ")
	}
	if left > 0 {
		msg += fmt.Sprintf("; %d still in flight, left behind", left)
	}
	return msg + "."
}

// writeNothingCompleted ends the summary with nothingCompleted's line, if
// any, and reports whether it wrote one.
func writeNothingCompleted(w io.Writer, final *stats.Snapshot, waits *stats.Waits) bool {
	line := nothingCompleted(final, waits)
	if line != "" {
		fmt.Fprintf(w, "\n%s\n", line)
	}
	return line != ""
}
