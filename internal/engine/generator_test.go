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

func TestGeneratorWarnsWhenSaturatedAndSaysWhenItKeepsUp(t *testing.T) {
	var log bytes.Buffer
	g := newGenerator(slog.New(slog.NewTextHandler(&log, nil)), monitor.Options{})
	t0 := time.Now()
	steps := []struct {
		at        time.Duration
		saturated bool
		want      string // in the log line this reading writes; "" for none
	}{
		{0, false, ""},
		{1 * time.Second, true, "level=WARN msg=\"the load generator is saturated"},
		{2 * time.Second, true, ""}, // warned already
		{3 * time.Second, false, "level=INFO msg=\"the load generator keeps up again\" saturated_for=2s"},
		{4 * time.Second, true, ""},                   // within 30 s of the last warning
		{40 * time.Second, true, "saturated_for=36s"}, // still saturated: warned again
	}
	for _, s := range steps {
		log.Reset()
		g.observe(monitor.Reading{Time: t0.Add(s.at), Cores: 1, CPU: 0.95, Saturated: s.saturated})
		if s.want == "" && log.Len() > 0 || !strings.Contains(log.String(), s.want) {
			t.Fatalf("at %v: logged %q, want %q", s.at, log.String(), s.want)
		}
	}
}

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
	if sat, detail := e.Saturation(); !sat || !strings.Contains(detail, "saturated") {
		t.Fatalf("after a busy second: %v %q, want saturated with a reason", sat, detail)
	}
}
