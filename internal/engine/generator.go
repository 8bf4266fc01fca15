package engine

import (
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"time"

	"github.com/gustload/gust/internal/monitor"
	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/stats"
)

// generator watches the load generator (this process) with a monitor and
// says when it is its own bottleneck: a warning in the log when it becomes
// saturated, a note when it keeps up again, and the saturated time in the
// final summary and JSON.
type generator struct {
	mon   *monitor.Monitor
	watch *monitor.Watcher
}

func newGenerator(log *slog.Logger, opts monitor.Options) *generator {
	return &generator{mon: monitor.New(opts), watch: monitor.NewWatcher(log)}
}

// checkGenerator takes the generator's reading of the last second and
// logs a change in its saturation. The tick loop calls it, so that its
// warnings and the live table come from one goroutine.
func (e *Engine) checkGenerator() {
	e.gen.watch.Observe(e.gen.mon.Sample(time.Now()))
}

// Saturation reports whether the load generator is its own bottleneck as
// of its last reading, with a sentence saying why.
func (e *Engine) Saturation() (bool, string) {
	if r := e.gen.mon.Latest(); r.Saturated {
		return true, r.Detail()
	}
	if s, ok := e.drv.(saturationReporter); ok {
		return s.Saturation()
	}
	return false, ""
}

// Generator sums up the generator's readings from the start of the test
// until it was asked to stop (until the last reading, if it was not).
func (e *Engine) Generator() monitor.Summary {
	return e.withWorkers(e.gen.mon.Summary())
}

// finalGenerator is Generator at the end of a test: it takes a last
// reading, and none after it counts.
func (e *Engine) finalGenerator() monitor.Summary {
	e.gen.mon.Freeze(time.Now())
	return e.Generator()
}

// withWorkers adds to s how long a worker was saturated, when the users
// run on workers.
func (e *Engine) withWorkers(s monitor.Summary) monitor.Summary {
	if r, ok := e.drv.(saturationReporter); ok {
		s.Distributed, s.WorkersSaturatedSeconds = true, r.SaturatedSeconds()
	}
	return s
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
	// WorkersSaturatedS is, in distributed mode, how many seconds at least
	// one worker was saturated (the figures above are then the master's).
	WorkersSaturatedS *float64 `json:"workers_saturated_s,omitempty"`
}

// NewGeneratorJSON is s as the JSON report's section.
func NewGeneratorJSON(s monitor.Summary) GeneratorJSON {
	cores := float64(max(s.Cores, 1))
	return GeneratorJSON{Cores: s.Cores, CPUPercent: monitor.Round1(100 * s.CPU / cores), CPUPeakPercent: monitor.Round1(100 * s.CPUPeak / cores),
		SchedDelayP99Ms: monitor.MillisFloat(s.SchedP99), SchedDelayP99PeakMs: monitor.MillisFloat(s.SchedP99Peak),
		ReceiveDelayP99Ms: monitor.MillisFloat(s.ReceiveP99), ReceiveDelayP99PeakMs: monitor.MillisFloat(s.ReceiveP99Peak),
		SaturatedS: monitor.Round1(s.SaturatedSeconds), ObservedS: monitor.Round1(s.Seconds), WorkersSaturatedS: workersSaturated(s)}
}

func workersSaturated(s monitor.Summary) *float64 {
	if !s.Distributed {
		return nil
	}
	v := monitor.Round1(s.WorkersSaturatedSeconds)
	return &v
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
