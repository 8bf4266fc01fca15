package shape_test

import (
	"errors"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/shape"
)

func mustRate(t *testing.T, s string) shape.RateStages {
	t.Helper()
	rs, err := shape.ParseRateStages(s)
	if err != nil {
		t.Fatalf("ParseRateStages(%q): %v", s, err)
	}
	return rs
}

func TestRateAt(t *testing.T) {
	tests := []struct {
		stages  string
		elapsed time.Duration
		want    float64
		ok      bool
	}{
		{"30s:100,1m:500,30s:0", -time.Second, 0, true},
		{"30s:100,1m:500,30s:0", 0, 0, true},
		{"30s:100,1m:500,30s:0", 15 * time.Second, 50, true},
		{"30s:100,1m:500,30s:0", 30 * time.Second, 100, true},
		{"30s:100,1m:500,30s:0", 60 * time.Second, 300, true},
		{"30s:100,1m:500,30s:0", 90 * time.Second, 500, true},
		{"30s:100,1m:500,30s:0", 105 * time.Second, 250, true},
		{"30s:100,1m:500,30s:0", 120*time.Second - 1, 500.0 / 30e9, true},
		{"30s:100,1m:500,30s:0", 120 * time.Second, 0, false},
		{"0s:500,5m:500", 0, 500, true},
		{"0s:500,5m:500", 5*time.Minute - 1, 500, true},
		{"0s:500,5m:500", 5 * time.Minute, 0, false},
		{"10s:0,0s:50,10s:50", 10*time.Second - 1, 0, true},
		{"10s:0,0s:50,10s:50", 10 * time.Second, 50, true},
		{"1m:30/m", time.Minute - 1, 0.5, true},
		{"1h:7200/h,0s:1/s,1s:1", time.Hour, 1, true},
	}
	for _, tt := range tests {
		got, ok := mustRate(t, tt.stages).RateAt(tt.elapsed)
		if ok != tt.ok || math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%q RateAt(%v) = %g, %v; want %g, %v", tt.stages, tt.elapsed, got, ok, tt.want, tt.ok)
		}
	}
}

func TestIterations(t *testing.T) {
	tests := []struct {
		stages  string
		elapsed time.Duration
		want    float64
	}{
		{"0s:10,1m:10", -time.Second, 0},
		{"0s:10,1m:10", time.Second, 10},
		{"0s:10,1m:10", time.Minute, 600},
		{"0s:10,1m:10", time.Hour, 600},
		{"30s:100", 15 * time.Second, 375},
		{"30s:100", 30 * time.Second, 1500},
		{"30s:100,1m:500,30s:0", 2 * time.Minute, 1500 + 18000 + 7500},
		{"10s:0,10s:100", 10 * time.Second, 0},
	}
	for _, tt := range tests {
		if got := mustRate(t, tt.stages).Iterations(tt.elapsed); math.Abs(got-tt.want) > 1e-9 {
			t.Errorf("%q Iterations(%v) = %g, want %g", tt.stages, tt.elapsed, got, tt.want)
		}
	}
}

// perSecond counts the iterations due in each second of the test.
func perSecond(rs shape.RateStages) []int {
	counts := make([]int, int(rs.Total()/time.Second))
	for n := int64(0); ; n++ {
		at, ok := rs.Due(n)
		if !ok {
			return counts
		}
		counts[at/time.Second]++
	}
}

func TestDuePerSecond(t *testing.T) {
	tests := []struct {
		stages string
		want   []int
	}{
		{"0s:10,5s:10", []int{10, 10, 10, 10, 10}},
		{"0s:3/s,2s:3", []int{3, 3}},
		{"10s:100", []int{5, 15, 25, 35, 45, 55, 65, 75, 85, 95}}, // 5t² due by t
		{"0s:10,10s:0", []int{10, 8, 8, 6, 6, 4, 4, 2, 2, 0}},     // 10t - t²/2
		{"3s:0,0s:2,2s:2", []int{0, 0, 0, 2, 2}},
		{"4s:0", []int{0, 0, 0, 0}},
	}
	for _, tt := range tests {
		if got := perSecond(mustRate(t, tt.stages)); !slices.Equal(got, tt.want) {
			t.Errorf("%q iterations per second = %v, want %v", tt.stages, got, tt.want)
		}
	}
}

func TestDue(t *testing.T) {
	tests := []struct {
		stages string
		n      int64
		want   time.Duration
		ok     bool
	}{
		{"0s:10,1s:10", 0, 0, true},
		{"0s:10,1s:10", 7, 700 * time.Millisecond, true},
		{"0s:10,1s:10", 9, 900 * time.Millisecond, true},
		{"0s:10,1s:10", 10, 0, false},
		{"10s:0,10s:100", 0, 10 * time.Second, true}, // nothing is due while the rate is 0
		{"10s:100", 20, 2 * time.Second, true},
		{"0s:1/m,1h:1/m", 59, 59 * time.Minute, true},
	}
	for _, tt := range tests {
		got, ok := mustRate(t, tt.stages).Due(tt.n)
		if got != tt.want || ok != tt.ok {
			t.Errorf("%q Due(%d) = %v, %v; want %v, %v", tt.stages, tt.n, got, ok, tt.want, tt.ok)
		}
	}
}

func TestRateStagesValidate(t *testing.T) {
	tests := []struct {
		stages shape.RateStages
		want   string // "" for valid
	}{
		{shape.RateStages{{Duration: 0, Rate: 5}, {Duration: time.Second, Rate: 5}}, ""},
		{nil, "the stages last no time"},
		{shape.RateStages{{Duration: 0, Rate: 5}}, "the stages last no time"},
		{shape.RateStages{{Duration: -1, Rate: 5}}, `stage 1 "-1ns:5": the duration must not be negative`},
		{shape.RateStages{{Duration: time.Second, Rate: -1}}, "the rate must be from 0 to 1e+09 iterations per second"},
		{shape.RateStages{{Duration: time.Second, Rate: math.Inf(1)}}, "the rate must be from 0"},
		{shape.RateStages{{Duration: time.Second, Rate: 2e9}}, "the rate must be from 0"},
		{shape.RateStages{{Duration: math.MaxInt64, Rate: 1}, {Duration: 1, Rate: 1}}, "the stages last too long"},
	}
	for _, tt := range tests {
		err := tt.stages.Validate()
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%v.Validate() = %v, want nil", tt.stages, err)
		case tt.want != "" && (!errors.Is(err, shape.ErrInvalid) || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%v.Validate() = %v, want ErrInvalid containing %q", tt.stages, err, tt.want)
		}
	}
}

func timeOf(ns int64) time.Duration { return time.Duration(ns) }
