package engine

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/monitor"
	"github.com/gustload/gust/internal/stats"
)

func TestJSONHasTheGeneratorSection(t *testing.T) {
	rec := stats.NewRecorder()
	rec.Record(0, stats.Sample{Method: "GET", Name: "/", Duration: time.Millisecond})
	gen := monitor.Summary{Seconds: 10, Cores: 2, CPU: 1, CPUPeak: 1.9, SchedP99: 1500 * time.Microsecond,
		SchedP99Peak: 12 * time.Millisecond, SaturatedSeconds: 3}
	var out bytes.Buffer
	if err := writeJSON(&out, rec.Snapshot(time.Now()), gen); err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Total struct {
			NumRequests int64 `json:"num_requests"`
		} `json:"total"`
		Generator GeneratorJSON `json:"generator"`
	}
	if err := json.Unmarshal(out.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	want := GeneratorJSON{Cores: 2, CPUPercent: 50, CPUPeakPercent: 95, SchedDelayP99Ms: 1.5, SchedDelayP99PeakMs: 12,
		SaturatedS: 3, ObservedS: 10}
	if doc.Total.NumRequests != 1 || doc.Generator != want {
		t.Fatalf("JSON total %d generator %+v, want 1 request and %+v", doc.Total.NumRequests, doc.Generator, want)
	}
}

func TestSummaryEndsWithTheGeneratorLine(t *testing.T) {
	var out bytes.Buffer
	writeGenerator(&out, monitor.Summary{Seconds: 10, Cores: 1, CPU: 0.5, SaturatedSeconds: 2})
	if !strings.Contains(out.String(), "Load generator: CPU 50% of 1 core") || !strings.Contains(out.String(), "saturated 2 s of 10 s") {
		t.Fatalf("summary line %q", out.String())
	}
}

func TestSaturationReportsTheLatestReading(t *testing.T) {
	busy := monitor.Counters{}
	read := func() monitor.Counters { return busy }
	e := &Engine{gen: newGenerator(slog.New(slog.DiscardHandler), monitor.Options{Cores: 1, Read: read})}
	if sat, detail := e.Saturation(); sat || detail != "" {
		t.Fatalf("before any reading: %v %q, want not saturated", sat, detail)
	}
	busy.CPU = 5 * time.Second // far more than one core for the time since New
	e.gen.mon.Sample(time.Now().Add(time.Second))
	if sat, detail := e.Saturation(); !sat || !strings.Contains(detail, "gust is busy: CPU 500% of 1 core is at its limit") {
		t.Fatalf("after a busy second: %v %q, want saturated with a reason", sat, detail)
	}
}

// saturatedWorkers is a Driver whose workers report saturation.
type saturatedWorkers struct {
	fakeDriver
	why     string
	seconds float64
}

func (d *saturatedWorkers) Saturation() (bool, string) { return d.why != "", d.why }

func (d *saturatedWorkers) SaturatedSeconds() float64 { return d.seconds }

func TestSaturationAndSummaryIncludeTheWorkers(t *testing.T) {
	idle := func() monitor.Counters { return monitor.Counters{} }
	d := &saturatedWorkers{why: "worker 0 (w_1) is saturated: CPU at 99%", seconds: 4}
	e := &Engine{gen: newGenerator(slog.New(slog.DiscardHandler), monitor.Options{Cores: 1, Read: idle}), drv: d}
	e.gen.mon.Sample(time.Now().Add(time.Second))
	if sat, why := e.Saturation(); !sat || why != d.why {
		t.Errorf("Saturation() = %v %q, want the driver's %q", sat, why, d.why)
	}
	s := e.finalGenerator()
	if !s.Distributed || s.WorkersSaturatedSeconds != 4 || s.SaturatedSeconds != 0 {
		t.Errorf("summary %+v, want distributed with 4 s of a saturated worker", s)
	}
	if line := s.String(); !strings.HasPrefix(line, "Master process: CPU 0%") ||
		!strings.HasSuffix(line, "workers: at least one saturated for 4 s (each worker's log says when)") {
		t.Errorf("summary line %q", line)
	}
	var out bytes.Buffer
	if err := writeJSON(&out, stats.NewRecorder().Snapshot(time.Now()), s); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), `"workers_saturated_s": 4`) {
		t.Errorf("JSON lacks workers_saturated_s:\n%s", out.String())
	}
	d.why = ""
	if sat, why := e.Saturation(); sat || why != "" {
		t.Errorf("Saturation() = %v %q once the workers keep up", sat, why)
	}
}
