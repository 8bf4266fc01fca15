package monitor_test

import (
	"math"
	"testing"
	"time"

	"github.com/gustload/gust/internal/monitor"
)

// hist is a histogram over buckets of 1, 2, 5, 10, 20 ms and more.
func hist(counts ...uint64) monitor.Histogram {
	return monitor.Histogram{Counts: counts, Buckets: []float64{0, 0.001, 0.002, 0.005, 0.010, 0.020, math.Inf(1)}}
}

func TestHistogramQuantile(t *testing.T) {
	tests := []struct {
		name string
		h    monitor.Histogram
		q    float64
		want time.Duration
	}{
		{"empty", hist(0, 0, 0, 0, 0, 0), 0.99, 0},
		{"all in the first bucket", hist(100, 0, 0, 0, 0, 0), 0.99, time.Millisecond},
		{"p99 in the tail", hist(98, 0, 0, 1, 1, 0), 0.99, 10 * time.Millisecond},
		{"p50 at the edge", hist(50, 50, 0, 0, 0, 0), 0.5, time.Millisecond},
		{"unbounded bucket gives its lower bound", hist(0, 0, 0, 0, 0, 3), 0.99, 20 * time.Millisecond},
		{"malformed", monitor.Histogram{Counts: []uint64{1}}, 0.99, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.h.Quantile(tt.q); got != tt.want {
				t.Fatalf("Quantile(%v) = %v, want %v", tt.q, got, tt.want)
			}
		})
	}
}

func TestHistogramSubIsWhatHappenedInBetween(t *testing.T) {
	before, after := hist(10, 0, 0, 0, 0, 0), hist(10, 0, 0, 0, 5, 0)
	if got := after.Sub(before).Quantile(0.5); got != 20*time.Millisecond {
		t.Fatalf("p50 of the difference %v, want 20ms (only the new samples)", got)
	}
	if got := after.Sub(monitor.Histogram{}).Quantile(0.5); got != time.Millisecond {
		t.Fatalf("p50 against no earlier reading %v, want 1ms (everything)", got)
	}
}

func TestReadProcessSeesThisProcess(t *testing.T) {
	c := monitor.ReadProcess()
	if c.CPU <= 0 {
		t.Fatalf("CPU %v, want the time this test has used", c.CPU)
	}
	if len(c.Sched.Counts) == 0 || len(c.Sched.Buckets) != len(c.Sched.Counts)+1 {
		t.Fatalf("scheduling histogram of %d counts and %d buckets", len(c.Sched.Counts), len(c.Sched.Buckets))
	}
}
