package engine

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/gustload/gust/internal/monitor"
	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/stats"
)

// rewarnAfter is how long a saturated generator stays quiet after a
// warning before it warns again.
const rewarnAfter = 30 * time.Second

// generator watches the load generator (this process) with a monitor and
// says when it is its own bottleneck: a warning in the log when it becomes
// saturated, a note when it keeps up again, and the saturated time in the
// final summary and JSON.
type generator struct {
	mon *monitor.Monitor
	log *slog.Logger

	mu        sync.Mutex
	saturated bool      // as of the last reading
	since     time.Time // when the current saturation began
	warned    time.Time // when the last warning was given
}

func newGenerator(log *slog.Logger, opts monitor.Options) *generator {
	return &generator{mon: monitor.New(opts), log: log}
}

// checkGenerator takes the generator's reading of the last second and
// logs a change in its saturation. The tick loop calls it, so that its
// warnings and the live table come from one goroutine.
func (e *Engine) checkGenerator() {
	e.gen.observe(e.gen.mon.Sample(time.Now()))
}

// observe logs the changes in the generator's saturation.
func (g *generator) observe(r monitor.Reading) {
	g.mu.Lock()
	was, warned := g.saturated, g.warned
	g.saturated = r.Saturated
	if r.Saturated && !was {
		g.since = r.Time
	}
	since := g.since
	warn := r.Saturated && r.Time.Sub(warned) >= rewarnAfter
	if warn {
		g.warned = r.Time
	}
	g.mu.Unlock()
	switch {
	case warn:
		g.log.Warn(r.Detail(), "cpu_percent", round(100*r.CPUShare()), "sched_delay_p99_ms", millis(r.SchedP99),
			"receive_delay_p99_ms", millis(r.ReceiveP99), "saturated_for", r.Time.Sub(since).Round(time.Second).String())
	case was && !r.Saturated:
		g.log.Info("the load generator keeps up again", "saturated_for", r.Time.Sub(since).Round(time.Second).String())
	}
}

// Saturation reports whether the load generator is its own bottleneck as
// of its last reading, with a sentence saying why.
func (e *Engine) Saturation() (bool, string) {
	r := e.gen.mon.Latest()
	if !r.Saturated {
		return false, ""
	}
	return true, r.Detail()
}

// Generator sums up the generator's readings from the start of the test
// until it was asked to stop (until the last reading, if it was not).
func (e *Engine) Generator() monitor.Summary {
	return e.gen.mon.Summary()
}

// finalGenerator is Generator at the end of a test: it takes a last
// reading, and none after it counts.
func (e *Engine) finalGenerator() monitor.Summary {
	e.gen.mon.Freeze(time.Now())
	return e.gen.mon.Summary()
}

// GeneratorJSON is the "generator" section of the --json report: how busy
// gust itself was, and how long it was its own bottleneck.
type GeneratorJSON struct {
	Cores               int     `json:"cores"`                   // cores gust may use (GOMAXPROCS)
	CPUPercent          float64 `json:"cpu_percent"`             // average CPU, percent of those cores
	CPUPeakPercent      float64 `json:"cpu_peak_percent"`        // the busiest second
	SchedDelayP99Ms     float64 `json:"sched_delay_p99_ms"`      // goroutines' wait to run, whole test
	SchedDelayP99PeakMs float64 `json:"sched_delay_p99_peak_ms"` // the worst second's p99
	// ReceiveDelayP99Ms is how long responses waited to be read after they
	// arrived (left out of their response times), whole test.
	ReceiveDelayP99Ms     float64 `json:"receive_delay_p99_ms"`
	ReceiveDelayP99PeakMs float64 `json:"receive_delay_p99_peak_ms"` // the worst second's p99
	SaturatedS            float64 `json:"saturated_s"`               // seconds gust was saturated
	ObservedS             float64 `json:"observed_s"`                // seconds the readings cover
}

// NewGeneratorJSON is s as the JSON report's section.
func NewGeneratorJSON(s monitor.Summary) GeneratorJSON {
	cores := float64(max(s.Cores, 1))
	return GeneratorJSON{Cores: s.Cores, CPUPercent: round(100 * s.CPU / cores), CPUPeakPercent: round(100 * s.CPUPeak / cores),
		SchedDelayP99Ms: millis(s.SchedP99), SchedDelayP99PeakMs: millis(s.SchedP99Peak),
		ReceiveDelayP99Ms: millis(s.ReceiveP99), ReceiveDelayP99PeakMs: millis(s.ReceiveP99Peak),
		SaturatedS: round(s.SaturatedSeconds), ObservedS: round(s.Seconds)}
}

// writeJSON writes the --json report of final with the generator section.
func writeJSON(w io.Writer, final *stats.Snapshot, gen monitor.Summary, opts ...report.JSONOption) error {
	r := report.NewJSONReport(final)
	for _, o := range opts {
		o(r)
	}
	doc := struct {
		*report.JSONReport
		Generator GeneratorJSON `json:"generator"`
	}{r, NewGeneratorJSON(gen)}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // as report.WriteJSON
	return enc.Encode(doc)
}

// writeGenerator ends the console summary with the generator's line.
func writeGenerator(w io.Writer, gen monitor.Summary) {
	fmt.Fprintf(w, "\n%s\n", gen)
}

func round(x float64) float64 { return float64(int64(x*10+0.5)) / 10 }

func millis(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
