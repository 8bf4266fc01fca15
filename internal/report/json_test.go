package report_test

import (
	"bytes"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/stats"
)

func TestJSONGolden(t *testing.T) {
	tests := []struct {
		name string
		snap *stats.Snapshot
	}{
		{"report_json", realistic()},
		{"report_json_idle", idle()},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var b bytes.Buffer
			if err := report.WriteJSON(&b, tt.snap); err != nil {
				t.Fatal(err)
			}
			golden(t, tt.name, b.Bytes())
		})
	}
}

func TestJSONRoundTrip(t *testing.T) {
	for _, s := range []*stats.Snapshot{realistic(), idle()} {
		var b bytes.Buffer
		if err := report.WriteJSON(&b, s); err != nil {
			t.Fatal(err)
		}
		var got report.JSONReport
		dec := json.NewDecoder(&b)
		dec.DisallowUnknownFields()
		if err := dec.Decode(&got); err != nil {
			t.Fatalf("the report does not decode into JSONReport: %v", err)
		}
		if want := report.NewJSONReport(s); !reflect.DeepEqual(&got, want) {
			t.Errorf("round trip changed the report:\n got %+v\nwant %+v", got, *want)
		}
	}
}

func TestJSONContent(t *testing.T) {
	s := realistic()
	r := report.NewJSONReport(s)
	if len(r.Stats) != len(s.Entries) || r.Total.Name != "Aggregated" {
		t.Fatalf("%d stats and total %q, want %d and Aggregated", len(r.Stats), r.Total.Name, len(s.Entries))
	}
	var keys []string
	for k := range r.Total.ResponseTimePercentiles {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	want := []string{"0.5", "0.66", "0.75", "0.8", "0.9", "0.95", "0.98", "0.99", "0.999", "0.9999", "1.0"}
	if !slices.Equal(keys, want) {
		t.Errorf("percentile keys %q, want %q", keys, want)
	}
	slow := s.Entry("GET", "/slow")
	i := slices.IndexFunc(r.Stats, func(e report.JSONEntry) bool { return e.Name == "/slow" })
	tests := []struct {
		name      string
		got, want float64
	}{
		{"num_requests", float64(r.Stats[i].NumRequests), 90},
		{"min_response_time", r.Stats[i].MinResponseTime, 153.5},
		{"max_response_time", r.Stats[i].MaxResponseTime, stats.Millis(slow.Max)},
		{"median_response_time", r.Stats[i].MedianResponseTime, float64(slow.Median().Microseconds()) / 1000},
		{"start_time", r.Stats[i].StartTime, float64(slow.First.UnixMicro()) / 1e6},
		{"duration_s", r.DurationS, s.Time.Sub(s.Start).Seconds()},
		{"user_count", float64(r.UserCount), 10},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
}

func TestJSONNeverNull(t *testing.T) {
	var b bytes.Buffer
	if err := report.WriteJSON(&b, idle()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "null") {
		t.Errorf("the report of an idle run has a null:\n%s", b.String())
	}
}

func TestJSONOption(t *testing.T) {
	var b bytes.Buffer
	setUsers := func(r *report.JSONReport) { r.UserCount = 1234 }
	if err := report.WriteJSON(&b, idle(), setUsers); err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if got["user_count"] != 1234.0 {
		t.Errorf("user_count = %v after an option set it to 1234", got["user_count"])
	}
	for _, k := range []string{"start_time", "end_time", "duration_s", "user_count", "user_kinds", "stats", "total", "errors", "exceptions"} {
		if _, ok := got[k]; !ok {
			t.Errorf("no top-level key %q", k)
		}
	}
}

func TestJSONHistogram(t *testing.T) {
	s := realistic()
	var b bytes.Buffer
	if err := report.WriteJSON(&b, s); err != nil {
		t.Fatal(err)
	}
	var got report.JSONReport
	if err := json.Unmarshal(b.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	for _, j := range append(got.Stats, got.Total) {
		h, err := stats.DecodeHistogram(j.Histogram)
		if err != nil {
			t.Fatalf("%s %s: %v", j.Method, j.Name, err)
		}
		if want := j.NumRequests - j.NumNoneRequests; h.TotalCount() != want {
			t.Errorf("%s %s: histogram holds %d response times, want %d", j.Method, j.Name, h.TotalCount(), want)
		}
	}
}
