package web

import (
	"net/http"

	"github.com/gustload/gust/internal/metrics"
	"github.com/gustload/gust/internal/monitor"
)

// states are the runner's states, each a sample of gust_state.
var states = []string{StateReady, StateSpawning, StateRunning, StateStopping, StateStopped}

// metrics serves GET /metrics in the Prometheus text format (version 0.0.4).
func (s *Server) metrics(w http.ResponseWriter, r *http.Request) {
	metrics.Handler(func() metrics.Run { return MetricsOf(s.ctl) }).ServeHTTP(w, r)
}

// MetricsOf is what ctl shows to Prometheus now: its snapshot, state,
// saturation and workers, and this process's CPU time. /metrics serves it,
// and --prometheus-remote-write pushes it.
func MetricsOf(ctl Controller) metrics.Run {
	saturated, _ := ctl.Saturation()
	run := metrics.Run{Snap: snapshotOf(ctl), State: ctl.State(), States: states, Saturated: saturated}
	run.CPU, run.HasCPU = monitor.ProcessCPU()
	for _, w := range ctl.Workers() {
		run.Workers = append(run.Workers, metrics.Worker{ID: w.ID, CPU: w.CPU, Users: w.Users, Saturated: w.Saturation != ""})
	}
	return run
}
