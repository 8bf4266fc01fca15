package report_test

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/stats"
	"github.com/gustload/gust/internal/threshold"
)

// scheduled is a snapshot of an arrival-rate test against a target that
// stalled: /stall has corrected response times far above its plain ones,
// /login (run once per user, off the schedule) has none.
func scheduled(a *stats.Arrival) *stats.Snapshot {
	s := snapshot(30*time.Second, map[string]int{"Visitor": 37},
		spec{method: "GET", name: "/stall", samples: spread(ms(0.4), ms(2000), 14_950)},
		spec{method: "POST", name: "/login", samples: spread(ms(3), ms(9), 37)},
	)
	stall := s.Entry("GET", "/stall")
	stall.Corrected = stats.NewHistogram()
	for _, sm := range spread(ms(0.4), ms(2000), 13_000) {
		_ = stall.Corrected.RecordValues(sm.d.Microseconds(), sm.n)
	}
	for _, sm := range spread(ms(200), ms(3400), 1_950) {
		_ = stall.Corrected.RecordValues(sm.d.Microseconds(), sm.n)
	}
	stall.CorrectedMax = ms(3400)
	s.Total.Corrected, s.Total.CorrectedMax = stall.Corrected, stall.CorrectedMax
	s.Arrival = a
	return s
}

// behind is an arrival rate that the generator could not keep.
func behind() *stats.Arrival {
	return &stats.Arrival{Target: "500/s", Requested: 500, Achieved: 498.33, Due: 15_000, Started: 14_950,
		Dropped: 50, Late: 1_312, Lag: 850 * time.Microsecond, MaxLag: ms(1402), Users: 37, MaxUsers: 1000}
}

func TestScheduledGolden(t *testing.T) {
	tests := []struct {
		name  string
		snap  *stats.Snapshot
		write func(io.Writer, *stats.Snapshot)
	}{
		{"summary_scheduled", scheduled(behind()), report.WriteSummary},
		{"table_scheduled", scheduled(&stats.Arrival{Target: "30s:100,1m:500,30s:0", Requested: 250, Achieved: 250,
			Due: 7500, Started: 7500, Lag: 120 * time.Microsecond, MaxLag: ms(3.1), Users: 12, MaxUsers: 1000}),
			func(w io.Writer, s *stats.Snapshot) { report.WriteTable(w, s, false) }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			tt.write(&b, tt.snap)
			golden(t, tt.name, b.Bytes())
		})
	}
}

func TestScheduledFitsWidth(t *testing.T) {
	huge := &stats.Arrival{Target: strings.Repeat("10m:1000000000,", 20) + "1s:0", Requested: 1e9, Achieved: 1e9,
		Due: 1 << 62, Started: 1 << 62, Dropped: 1 << 62, Late: 1 << 62, Lag: 1 << 62, MaxLag: 1 << 62,
		Users: 1 << 40, MaxUsers: 1 << 40}
	for _, a := range []*stats.Arrival{behind(), huge, {}} {
		var b bytes.Buffer
		s := scheduled(a)
		report.WriteTable(&b, s, false)
		report.WriteSummary(&b, s)
		assertWidth(t, b.Bytes())
	}
}

func TestSummaryShowsCorrectedOnlyWhenThereAreAny(t *testing.T) {
	tests := []struct {
		name string
		snap *stats.Snapshot
		want bool
	}{
		{"scheduled", scheduled(behind()), true},
		{"users", realistic(), false},
		{"idle", idle(), false},
	}
	for _, tt := range tests {
		var b bytes.Buffer
		report.WriteSummary(&b, tt.snap)
		if got := strings.Contains(b.String(), report.CorrectedTitle); got != tt.want {
			t.Errorf("%s: corrected table shown %v, want %v", tt.name, got, tt.want)
		}
	}
}

// thresholdResults evaluates a passing, a breached and an unevaluable
// threshold against s.
func thresholdResults(t *testing.T, s *stats.Snapshot) []threshold.Result {
	t.Helper()
	ts, err := threshold.ParseAll([]string{"p95<3s", "GET /stall:p99<500ms", "/missing:fail_ratio<1%"})
	if err != nil {
		t.Fatal(err)
	}
	return threshold.Evaluate(ts, s)
}

func TestJSONScheduled(t *testing.T) {
	s := scheduled(behind())
	var b bytes.Buffer
	if err := report.WriteJSON(&b, s, report.WithThresholds(thresholdResults(t, s), true)); err != nil {
		t.Fatal(err)
	}
	golden(t, "report_json_scheduled", b.Bytes())
	var got report.JSONReport
	dec := json.NewDecoder(bytes.NewReader(b.Bytes()))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&got); err != nil {
		t.Fatalf("the report does not decode into JSONReport: %v", err)
	}
	want := report.NewJSONReport(s)
	report.WithThresholds(thresholdResults(t, s), true)(want)
	if !reflect.DeepEqual(&got, want) {
		t.Errorf("round trip changed the report:\n got %+v\nwant %+v", got, *want)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"arrival dropped", got.Arrival.Dropped, int64(50)},
		{"arrival max lag", got.Arrival.MaxLag, 1402.0},
		{"corrected p100 of /stall", got.Stats[1].CorrectedResponseTimePercentiles["1.0"], 3400.0},
		{"no corrected for /login", got.Stats[0].CorrectedResponseTimePercentiles == nil, true},
		{"thresholds passed", got.Thresholds.Passed, false},
		{"thresholds aborted", got.Thresholds.Aborted, true},
		{"results", fmt.Sprint(got.Thresholds.Results[0].Pass, got.Thresholds.Results[1].Pass, got.Thresholds.Results[2].Error != ""), "true false true"},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s = %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestJSONWithoutScheduleOrThresholdsHasNoSuchSections(t *testing.T) {
	var b bytes.Buffer
	if err := report.WriteJSON(&b, realistic(), report.WithThresholds(nil, false)); err != nil {
		t.Fatal(err)
	}
	for _, key := range []string{`"arrival"`, `"thresholds"`, `"corrected_response_time_percentiles"`} {
		if strings.Contains(b.String(), key) {
			t.Errorf("the JSON of a test of users holds %s", key)
		}
	}
}
