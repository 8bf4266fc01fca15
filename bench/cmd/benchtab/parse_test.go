package main

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestParseEachToolsOutput(t *testing.T) {
	tests := []struct {
		tool, file string
		want       result
	}{
		{"wrk", "wrk.txt", result{Requests: 46158, P50: 101 * time.Microsecond, P99: 4540 * time.Microsecond}},
		{"hey", "hey.txt", result{Requests: 60, P50: 51100 * time.Microsecond}}, // hey printed "0% in" for its p99
		{"k6", "k6.json", result{Requests: 60, P50: 51074921 * time.Nanosecond, P99: 54242174 * time.Nanosecond}},
		{"locust", "locust_stats.csv", result{Requests: 40, P50: 58 * time.Millisecond, P99: 66 * time.Millisecond}},
		{"gust", "gust.json", result{Requests: 57, P50: 51039 * time.Microsecond, P99: 51999 * time.Microsecond}},
		{"ghz", "ghz.txt", result{Requests: 2533, Failures: 3, P50: 1330 * time.Microsecond, P99: 58490 * time.Microsecond}},
	}
	for _, tt := range tests {
		t.Run(tt.tool, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			got, err := parse(tt.tool, b)
			if err != nil {
				t.Fatal(err)
			}
			if got.Requests != tt.want.Requests || got.Failures != tt.want.Failures || !near(got.P50, tt.want.P50) || !near(got.P99, tt.want.P99) {
				t.Fatalf("parse = %+v, want %+v", got, tt.want)
			}
		})
	}
}

// near says whether a and b agree to a microsecond (the tools print
// rounded figures).
func near(a, b time.Duration) bool { return (a - b).Abs() <= time.Microsecond }

func TestParseRejectsOtherOutput(t *testing.T) {
	for _, tool := range []string{"wrk", "hey", "k6", "locust", "gust", "ghz", "ab"} {
		if _, err := parse(tool, []byte("Segmentation fault\n")); err == nil {
			t.Errorf("%s: no error for output without results", tool)
		}
	}
}

func TestParseCost(t *testing.T) {
	cpu, rss, err := parseCost("wall_s=10.002 user_s=1.500 sys_s=2.250 cpu_s=3.750 maxrss_kb=18244 exit=0\n")
	if err != nil || cpu != 3750*time.Millisecond || rss != 18244 {
		t.Fatalf("parseCost = %v, %d, %v", cpu, rss, err)
	}
	if _, _, err := parseCost("exit=1"); err == nil {
		t.Fatal("no error for a cost line without cpu_s and maxrss_kb")
	}
}

func FuzzParse(f *testing.F) {
	for _, name := range []string{"wrk.txt", "hey.txt", "k6.json", "locust_stats.csv", "gust.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, tool := range []string{"wrk", "hey", "k6", "locust", "gust"} {
			if r, err := parse(tool, b); err == nil && r.Requests < 0 {
				t.Fatalf("%s: negative request count from %q", tool, b)
			}
		}
	})
}
