package web

import (
	"bufio"
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/gustload/gust/internal/monitor"
	"github.com/gustload/gust/internal/stats"
)

// latencyBuckets are the upper bounds, in seconds, of the latency histogram
// /metrics exports: fixed, so that series from any run or node aggregate.
var latencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60}

// metrics serves GET /metrics in the Prometheus text format (version 0.0.4).
// Counters restart from zero when the statistics are reset, which
// Prometheus' rate() treats as a counter reset.
func (s *Server) metrics(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	bw := bufio.NewWriter(w)
	snap := s.snapshot()
	m := &promWriter{w: bw}
	writeRequestMetrics(m, snap)
	s.writeRunMetrics(m, snap)
	_ = bw.Flush()
}

func writeRequestMetrics(m *promWriter, snap *stats.Snapshot) {
	m.family("gust_requests_total", "counter", "Requests made, failures included, per endpoint.")
	for _, e := range snap.Entries {
		m.sample("gust_requests_total", entryLabels(e), float64(e.Requests))
	}
	m.family("gust_failures_total", "counter", "Failed requests per endpoint.")
	for _, e := range snap.Entries {
		m.sample("gust_failures_total", entryLabels(e), float64(e.Failures))
	}
	m.family("gust_request_duration_seconds", "histogram",
		"Response times per endpoint; bucket counts are exact to the histogram's 0.1% precision.")
	for _, e := range snap.Entries {
		writeHistogram(m, e)
	}
}

// writeHistogram writes one entry's cumulative buckets, _sum and _count.
func writeHistogram(m *promWriter, e *stats.Entry) {
	counts := bucketCounts(e)
	base := entryLabels(e)
	var total int64
	for i, le := range latencyBuckets {
		total += counts[i]
		m.sample("gust_request_duration_seconds_bucket", base+`,le="`+formatFloat(le)+`"`, float64(total))
	}
	total += counts[len(latencyBuckets)]
	m.sample("gust_request_duration_seconds_bucket", base+`,le="+Inf"`, float64(total))
	m.sample("gust_request_duration_seconds_sum", base, e.TotalTime.Seconds())
	m.sample("gust_request_duration_seconds_count", base, float64(total))
}

// bucketCounts spreads the entry's HDR histogram (microseconds) over
// latencyBuckets; the last count is for values above every bound.
func bucketCounts(e *stats.Entry) []int64 {
	counts := make([]int64, len(latencyBuckets)+1)
	if e.Hist == nil || e.Hist.TotalCount() == 0 {
		return counts
	}
	i := 0
	for _, bar := range e.Hist.Distribution() {
		if bar.Count == 0 {
			continue
		}
		for i < len(latencyBuckets) && float64(bar.From) > latencyBuckets[i]*1e6 {
			i++
		}
		counts[i] += bar.Count
	}
	return counts
}

func (s *Server) writeRunMetrics(m *promWriter, snap *stats.Snapshot) {
	m.family("gust_users", "gauge", "Running users.")
	m.sample("gust_users", "", float64(snap.Users))
	m.family("gust_kind_users", "gauge", "Running users per user kind.")
	for _, kind := range sortedKeys(snap.UserKinds) {
		m.sample("gust_kind_users", label("kind", kind), float64(snap.UserKinds[kind]))
	}
	m.family("gust_current_rps", "gauge", "Requests per second over the last seconds, all endpoints.")
	m.sample("gust_current_rps", "", snap.Total.CurrentRPS(snap.Time))
	m.family("gust_state", "gauge", "1 for the runner's current state.")
	state := s.ctl.State()
	for _, st := range []string{StateReady, StateSpawning, StateRunning, StateStopping, StateStopped} {
		m.sample("gust_state", label("state", st), boolValue(st == state))
	}
	saturated, _ := s.ctl.Saturation()
	m.family("gust_generator_saturated", "gauge", "1 when the load generator is saturated and latencies are inflated.")
	m.sample("gust_generator_saturated", "", boolValue(saturated))
	if cpu, ok := monitor.ProcessCPU(); ok {
		m.family("process_cpu_seconds_total", "counter", "User and system CPU time of the gust process.")
		m.sample("process_cpu_seconds_total", "", cpu.Seconds())
	}
	writeWorkerMetrics(m, s.ctl.Workers())
}

func writeWorkerMetrics(m *promWriter, ws []Worker) {
	if len(ws) == 0 {
		return
	}
	m.family("gust_worker_cpu_percent", "gauge", "CPU use of each worker: percent of one core for a Locust worker, of its usable cores for a gust worker.")
	for _, w := range ws {
		m.sample("gust_worker_cpu_percent", label("worker", w.ID), w.CPU)
	}
	m.family("gust_worker_users", "gauge", "Running users per worker.")
	for _, w := range ws {
		m.sample("gust_worker_users", label("worker", w.ID), float64(w.Users))
	}
	m.family("gust_worker_saturated", "gauge", "1 when the worker is saturated and its latencies are inflated.")
	for _, w := range ws {
		m.sample("gust_worker_saturated", label("worker", w.ID), boolValue(w.Saturation != ""))
	}
}

// promWriter writes the text exposition format.
type promWriter struct {
	w *bufio.Writer
}

func (m *promWriter) family(name, typ, help string) {
	m.w.WriteString("# HELP " + name + " " + help + "\n# TYPE " + name + " " + typ + "\n")
}

func (m *promWriter) sample(name, labels string, v float64) {
	m.w.WriteString(name)
	if labels != "" {
		m.w.WriteString("{" + labels + "}")
	}
	m.w.WriteString(" " + formatFloat(v) + "\n")
}

func entryLabels(e *stats.Entry) string {
	return label("method", e.Method) + "," + label("name", e.Name)
}

// labelEscaper escapes a label value: backslash, double quote and newline.
var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

func label(name, value string) string {
	return name + `="` + labelEscaper.Replace(value) + `"`
}

func formatFloat(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func sortedKeys(m map[string]int) []string {
	return slices.Sorted(maps.Keys(m))
}
