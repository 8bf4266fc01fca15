package engine

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/monitor"
	"github.com/gustload/gust/internal/stats"
	"github.com/gustload/gust/internal/threshold"
	"github.com/gustload/gust/internal/web"
)

func TestModelNamesMatchTheWebUI(t *testing.T) {
	for _, pair := range [][2]string{
		{ModelUsers, web.ModelUsers}, {ModelShape, web.ModelShape},
		{ModelStages, web.ModelStages}, {ModelArrival, web.ModelArrival},
	} {
		if pair[0] != pair[1] {
			t.Errorf("engine model %q, web model %q", pair[0], pair[1])
		}
	}
}

func TestWebThresholds(t *testing.T) {
	p95 := mustThresholds(t, "GET /a:p95<300ms")[0]
	tests := []struct {
		name string
		in   threshold.Result
		want web.ThresholdResult
	}{
		{"a pass", threshold.Result{Threshold: p95, Actual: "12ms", Pass: true},
			web.ThresholdResult{Threshold: "GET /a:p95<300ms", Actual: "12ms", Pass: true}},
		{"a breach", threshold.Result{Threshold: p95, Actual: "1.2s"},
			web.ThresholdResult{Threshold: "GET /a:p95<300ms", Actual: "1.2s"}},
		{"no request to the endpoint yet", threshold.Result{Threshold: p95, Err: fmt.Errorf("%w: GET /a", threshold.ErrNoMatch)},
			web.ThresholdResult{Threshold: "GET /a:p95<300ms", Pending: true, Error: threshold.ErrNoMatch.Error() + ": GET /a"}},
		{"nothing to measure yet", threshold.Result{Threshold: p95, Err: threshold.ErrNoData},
			web.ThresholdResult{Threshold: "GET /a:p95<300ms", Pending: true, Error: threshold.ErrNoData.Error()}},
		{"an invalid threshold is not pending", threshold.Result{Threshold: p95, Err: threshold.ErrInvalid},
			web.ThresholdResult{Threshold: "GET /a:p95<300ms", Error: threshold.ErrInvalid.Error()}},
	}
	for _, tt := range tests {
		if got := webThresholds([]threshold.Result{tt.in}); len(got) != 1 || got[0] != tt.want {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
	if webThresholds(nil) != nil {
		t.Error("no thresholds gave results")
	}
}

func TestThresholdResultsAreTheLatestEvaluation(t *testing.T) {
	e := newTestEngine(t, &config.Options{}, Hooks{Thresholds: mustThresholds(t, "p95<1s", "GET /later:p99<1ms")}, &bytes.Buffer{})
	if rs := e.ThresholdResults(); rs != nil {
		t.Fatalf("results before any evaluation: %+v", rs)
	}
	e.rec.Record(0, stats.Sample{Method: "GET", Name: "/x", Duration: 5 * time.Millisecond})
	e.evaluate(e.rec.Snapshot(time.Now()))
	rs := e.ThresholdResults()
	if len(rs) != 2 || !rs[0].Pass || rs[0].Actual != "5ms" || rs[1].Pass || !rs[1].Pending {
		t.Errorf("results %+v", rs)
	}
}

func TestHTMLReportShowsTheModelAndThresholds(t *testing.T) {
	rate, _ := config.ParseArrivalRate("500")
	path := filepath.Join(t.TempDir(), "report.html")
	opts := &config.Options{HTML: path, ArrivalRate: rate}
	e := newTestEngine(t, opts, Hooks{Thresholds: mustThresholds(t, "p95<1ms")}, &bytes.Buffer{})
	e.rec.Record(0, stats.Sample{Method: "GET", Name: "/x", Duration: 5 * time.Millisecond})
	final := e.rec.Snapshot(time.Now())
	final.Arrival = &stats.Arrival{Target: "500/s", Requested: 500, Achieved: 310, Due: 5000, Started: 3100, Dropped: 1900, MaxUsers: 10}
	e.evaluate(final)
	gen := monitor.Summary{Cores: 2, Seconds: 10, CPU: 1.9, CPUPeak: 2, SaturatedSeconds: 7}
	if err := e.writeHTML(final, gen); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<dd>arrival-rate 500/s</dd>", "The threshold failed", "p95&lt;1ms", ">FAIL<",
		"<h2>Arrival rate</h2>", "<b>1900</b>", "could not keep the schedule",
		"<h2>Load generator</h2>", "<span>CPU, average</span><b>95%</b>", "<b>7 s of 10 s</b>", "its own bottleneck for 7 s"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("the report lacks %q", want)
		}
	}
}
