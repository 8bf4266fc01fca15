package metrics

import (
	"maps"
	"slices"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// LatencyBuckets are the upper bounds, in seconds, of the response-time
// histogram: fixed, so that series from any run or node aggregate.
var LatencyBuckets = []float64{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60}

// Label is one label of a sample.
type Label struct{ Name, Value string }

// Sample is one value of a series: a family's name, or for a histogram the
// family's name with _bucket, _sum or _count.
type Sample struct {
	Name   string
	Labels []Label
	Value  float64
}

// Family is a metric family: its samples with the help and type that the
// text format declares before them.
type Family struct {
	Name, Type, Help string // Type: counter, gauge or histogram
	Samples          []Sample
}

// Run is what the families are made of: the statistics and the runner's
// state at one moment.
type Run struct {
	Snap      *stats.Snapshot
	State     string   // the runner's current state
	States    []string // every state, each a sample of gust_state
	Saturated bool     // the load generator is saturated
	CPU       time.Duration
	HasCPU    bool     // CPU is known
	Workers   []Worker // a master's workers
}

// Worker is one worker of a master.
type Worker struct {
	ID        string
	CPU       float64 // percent
	Users     int
	Saturated bool
}

// Families returns every family of r, in a fixed order.
func Families(r Run) []Family {
	fams := requestFamilies(r.Snap)
	fams = append(fams, runFamilies(r)...)
	fams = append(fams, arrivalFamilies(r.Snap.Arrival)...)
	return append(fams, workerFamilies(r.Workers)...)
}

func requestFamilies(snap *stats.Snapshot) []Family {
	reqs := Family{Name: "gust_requests_total", Type: "counter", Help: "Requests made, failures included, per endpoint."}
	fails := Family{Name: "gust_failures_total", Type: "counter", Help: "Failed requests per endpoint."}
	hist := Family{Name: "gust_request_duration_seconds", Type: "histogram",
		Help: "Response times per endpoint; bucket counts are exact to the histogram's 0.1% precision."}
	for _, e := range snap.Entries {
		reqs.Samples = append(reqs.Samples, Sample{reqs.Name, entryLabels(e), float64(e.Requests)})
		fails.Samples = append(fails.Samples, Sample{fails.Name, entryLabels(e), float64(e.Failures)})
		hist.Samples = append(hist.Samples, histogram(hist.Name, e)...)
	}
	return []Family{reqs, fails, hist}
}

// histogram is one entry's cumulative buckets, _sum and _count.
func histogram(name string, e *stats.Entry) []Sample {
	counts := bucketCounts(e)
	var out []Sample
	var total int64
	for i, le := range LatencyBuckets {
		total += counts[i]
		out = append(out, Sample{name + "_bucket", append(entryLabels(e), Label{"le", FormatFloat(le)}), float64(total)})
	}
	total += counts[len(LatencyBuckets)]
	return append(out, Sample{name + "_bucket", append(entryLabels(e), Label{"le", "+Inf"}), float64(total)},
		Sample{name + "_sum", entryLabels(e), e.TotalTime.Seconds()},
		Sample{name + "_count", entryLabels(e), float64(total)})
}

// bucketCounts spreads the entry's HDR histogram (microseconds) over
// LatencyBuckets; the last count is for values above every bound.
func bucketCounts(e *stats.Entry) []int64 {
	counts := make([]int64, len(LatencyBuckets)+1)
	if e.Hist == nil || e.Hist.TotalCount() == 0 {
		return counts
	}
	i := 0
	for _, bar := range e.Hist.Distribution() {
		if bar.Count == 0 {
			continue
		}
		for i < len(LatencyBuckets) && float64(bar.From) > LatencyBuckets[i]*1e6 {
			i++
		}
		counts[i] += bar.Count
	}
	return counts
}

func runFamilies(r Run) []Family {
	fams := []Family{gauge("gust_users", "Running users.", float64(r.Snap.Users))}
	kinds := Family{Name: "gust_kind_users", Type: "gauge", Help: "Running users per user kind."}
	for _, k := range slices.Sorted(maps.Keys(r.Snap.UserKinds)) {
		kinds.Samples = append(kinds.Samples, Sample{kinds.Name, []Label{{"kind", k}}, float64(r.Snap.UserKinds[k])})
	}
	fams = append(fams, kinds,
		gauge("gust_current_rps", "Requests per second over the last seconds, all endpoints.", r.Snap.Total.CurrentRPS(r.Snap.Time)))
	state := Family{Name: "gust_state", Type: "gauge", Help: "1 for the runner's current state."}
	for _, st := range r.States {
		state.Samples = append(state.Samples, Sample{state.Name, []Label{{"state", st}}, boolValue(st == r.State)})
	}
	fams = append(fams, state, gauge("gust_generator_saturated",
		"1 when the load generator is saturated and latencies are inflated.", boolValue(r.Saturated)))
	if r.HasCPU {
		fams = append(fams, Family{Name: "process_cpu_seconds_total", Type: "counter",
			Help: "User and system CPU time of the gust process.", Samples: []Sample{{Name: "process_cpu_seconds_total", Value: r.CPU.Seconds()}}})
	}
	return fams
}

func workerFamilies(ws []Worker) []Family {
	if len(ws) == 0 {
		return nil
	}
	cpu := Family{Name: "gust_worker_cpu_percent", Type: "gauge",
		Help: "CPU use of each worker: percent of one core for a Locust worker, of its usable cores for a gust worker."}
	users := Family{Name: "gust_worker_users", Type: "gauge", Help: "Running users per worker."}
	sat := Family{Name: "gust_worker_saturated", Type: "gauge", Help: "1 when the worker is saturated and its latencies are inflated."}
	for _, w := range ws {
		l := []Label{{"worker", w.ID}}
		cpu.Samples = append(cpu.Samples, Sample{cpu.Name, l, w.CPU})
		users.Samples = append(users.Samples, Sample{users.Name, l, float64(w.Users)})
		sat.Samples = append(sat.Samples, Sample{sat.Name, l, boolValue(w.Saturated)})
	}
	return []Family{cpu, users, sat}
}

func gauge(name, help string, v float64) Family {
	return Family{Name: name, Type: "gauge", Help: help, Samples: []Sample{{Name: name, Value: v}}}
}

func entryLabels(e *stats.Entry) []Label {
	return []Label{{"method", e.Method}, {"name", e.Name}}
}

func boolValue(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
