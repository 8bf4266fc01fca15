package config_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/gustload/gust/internal/config"
)

func TestLoadModelOptions(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		vars    map[string]string
		file    string
		stages  string // Stages.String()
		arrival string // ArrivalTarget
		ts      string // thresholds, as fmt prints them
	}{
		{"stages", []string{"--stages", "1m:100:10, 5m:100 ,1m:0"}, nil, "", "1m:100:10,5m:100,1m:0", "", "[]"},
		{"constant rate", []string{"--arrival-rate", "500"}, nil, "", "", "500/s", "[]"},
		{"rate with a unit", []string{"--arrival-rate", "30/m"}, nil, "", "", "0.5/s", "[]"},
		{"rate stages", []string{"--arrival-rate", "30s:100,1m:500,30s:0"}, nil, "", "", "30s:100,1m:500,30s:0", "[]"},
		{"rate from the environment", nil, map[string]string{"GUST_ARRIVAL_RATE": "20"}, "", "", "20/s", "[]"},
		{"thresholds repeated", []string{"--threshold", "p95<300ms", "--threshold", "GET /api/items:p99<500ms"}, nil, "",
			"", "", "[p95<300ms GET /api/items:p99<500ms]"},
		{"thresholds with commas", []string{"--threshold", "p95<300ms,fail_ratio<1%"}, nil, "", "", "", "[p95<300ms fail_ratio<0.01]"},
		{"thresholds in the environment", nil, map[string]string{"GUST_THRESHOLD": "rps>100, avg<1s"}, "", "", "", "[rps>100 avg<1s]"},
		{"thresholds and stages in gust.conf", nil, nil, "threshold = p99<1s, /login:max<2s\nstages = 10s:5\n",
			"10s:5", "", "[p99<1s /login:max<2s]"},
		{"flags win over the file", []string{"--threshold", "p50<1ms"}, nil, "threshold = p99<1s\n", "", "", "[p50<1ms]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := tt.args
			if tt.file != "" {
				args = append([]string{"--config", writeConf(t, tt.file)}, args...)
			}
			o := mustParse(t, args, tt.vars)
			arrival := ""
			if o.ArrivalRate != nil {
				arrival = config.ArrivalTarget(o.ArrivalRate)
			}
			got := []string{o.Stages.String(), arrival, fmt.Sprint(o.Thresholds)}
			if want := []string{tt.stages, tt.arrival, tt.ts}; fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("stages, arrival, thresholds = %q, want %q", got, want)
			}
		})
	}
}

func TestLoadModelOptionErrors(t *testing.T) {
	tests := []struct {
		args  []string
		wants []string
	}{
		{[]string{"--stages", "1m:x"}, []string{`invalid value "1m:x" for --stages`, `users "x" is not a whole number`}},
		{[]string{"--stages", "60:10"}, []string{"--stages", `duration "60" has no unit`}},
		{[]string{"--stages", ""}, []string{`invalid value "" for --stages`, "no stages given: want duration:users[:rate]", "leave --stages out"}},
		{[]string{"--stages= "}, []string{`for --stages`, "no stages given"}},
		{[]string{"--arrival-rate", ""}, []string{`invalid value "" for --arrival-rate`, "no rate given: want iterations per second", "leave --arrival-rate out"}},
		{[]string{"--arrival-rate", "fast"}, []string{"--arrival-rate", `"fast" is not a number of iterations per second above zero`}},
		{[]string{"--arrival-rate", "0"}, []string{"--arrival-rate", "above zero"}},
		{[]string{"--arrival-rate", "30s:100,1m"}, []string{"--arrival-rate", `stage 2 "1m": want two fields`}},
		{[]string{"--threshold", "p95<300"}, []string{"--threshold", `"300" has no unit`}},
		{[]string{"--threshold", "p95<1s", "--threshold", "latency<1s"}, []string{"--threshold", `unknown metric "latency"`}},
		{[]string{"--max-users", "0"}, []string{"--max-users", "a whole number >= 1"}},
		{[]string{"--stages", "10s:5", "--arrival-rate", "5"}, []string{"--stages", "--arrival-rate", "give one of them"}},
	}
	for _, tt := range tests {
		_, err := config.Parse(tt.args, nil)
		usageError(t, err, tt.wants...)
	}
}

func TestParseArrivalRateConstantIsEndless(t *testing.T) {
	rs, err := config.ParseArrivalRate("2/s")
	if err != nil {
		t.Fatal(err)
	}
	if at, ok := rs.Due(0); !ok || at != 0 {
		t.Errorf("Due(0) = %v, %v; want 0s, true", at, ok)
	}
	if at, ok := rs.Due(7200); !ok || at != time.Hour {
		t.Errorf("Due(7200) = %v, %v; want 1h, true: a constant rate lasts until the test stops", at, ok)
	}
}

// FuzzParseArrivalRate checks that ParseArrivalRate never panics, that a
// rate it accepts is a valid schedule, and that ArrivalTarget reads back.
func FuzzParseArrivalRate(f *testing.F) {
	for _, s := range []string{"500", "30/m", "2.5/s", "0", "-1", "1e9", "2e9", "30s:100,1m:500,30s:0", "x", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		rs, err := config.ParseArrivalRate(s)
		if err != nil || rs == nil {
			return
		}
		if err := rs.Validate(); err != nil {
			t.Fatalf("ParseArrivalRate(%q) = %v, which is invalid: %v", s, rs, err)
		}
		again, err := config.ParseArrivalRate(config.ArrivalTarget(rs))
		if err != nil || fmt.Sprint(again) != fmt.Sprint(rs) {
			t.Fatalf("ParseArrivalRate(%q) = %v; its target %q reads back as %v, %v", s, rs, config.ArrivalTarget(rs), again, err)
		}
	})
}
