package shape_test

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/shape"
)

type tick struct {
	users int
	rate  float64
	ok    bool
}

func TestStagesTick(t *testing.T) {
	const ms = time.Millisecond
	tests := []struct {
		stages  string
		elapsed time.Duration
		want    tick
	}{
		// given rate, then a hold that keeps it, then a linear ramp down
		{"1m:100:10,5m:100,1m:0", -time.Second, tick{100, 10, true}},
		{"1m:100:10,5m:100,1m:0", 0, tick{100, 10, true}},
		{"1m:100:10,5m:100,1m:0", time.Minute - ms, tick{100, 10, true}},
		{"1m:100:10,5m:100,1m:0", time.Minute, tick{100, 10, true}},
		{"1m:100:10,5m:100,1m:0", 6*time.Minute - ms, tick{100, 10, true}},
		{"1m:100:10,5m:100,1m:0", 6 * time.Minute, tick{0, 100.0 / 60, true}},
		{"1m:100:10,5m:100,1m:0", 7*time.Minute - 1, tick{0, 100.0 / 60, true}},
		{"1m:100:10,5m:100,1m:0", 7 * time.Minute, tick{0, 0, false}},
		{"1m:100:10,5m:100,1m:0", time.Hour, tick{0, 0, false}},
		// linear ramps from the previous target
		{"1m:60,1m:120,30s:120,10s:100", 0, tick{60, 1, true}},
		{"1m:60,1m:120,30s:120,10s:100", 90 * time.Second, tick{120, 1, true}},
		{"1m:60,1m:120,30s:120,10s:100", 2 * time.Minute, tick{120, 1, true}},
		{"1m:60,1m:120,30s:120,10s:100", 150 * time.Second, tick{100, 2, true}},
		{"1m:60,1m:120,30s:120,10s:100", 160 * time.Second, tick{0, 0, false}},
		// waiting with no users, then a ramp
		{"30s:0,1m:10", 29 * time.Second, tick{0, 0, true}},
		{"30s:0,1m:10", 30 * time.Second, tick{10, 10.0 / 60, true}},
		// a given rate wins over the ramp
		{"10s:50:100", 5 * time.Second, tick{50, 100, true}},
		{"1s:1", 999 * ms, tick{1, 1, true}},
	}
	for _, tt := range tests {
		s, err := shape.ParseStages(tt.stages)
		if err != nil {
			t.Fatalf("ParseStages(%q): %v", tt.stages, err)
		}
		var sh shape.Shape = s
		users, rate, ok := sh.Tick(tt.elapsed)
		if got := (tick{users, rate, ok}); !same(got, tt.want) {
			t.Errorf("%q Tick(%v) = %+v, want %+v", tt.stages, tt.elapsed, got, tt.want)
		}
	}
}

func same(a, b tick) bool {
	return a.users == b.users && a.ok == b.ok && math.Abs(a.rate-b.rate) < 1e-12
}

func TestStagesTotal(t *testing.T) {
	s, err := shape.ParseStages("1m:100:10, 5m:100 ,1m30s:0")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := s.Total(), 7*time.Minute+30*time.Second; got != want {
		t.Errorf("Total() = %v, want %v", got, want)
	}
}

func TestShapeFunc(t *testing.T) {
	var sh shape.Shape = shape.ShapeFunc(func(e time.Duration) (int, float64, bool) {
		return int(e / time.Second), 2.5, e < time.Minute
	})
	users, rate, ok := sh.Tick(42 * time.Second)
	if users != 42 || rate != 2.5 || !ok {
		t.Errorf("Tick(42s) = %d, %g, %v; want 42, 2.5, true", users, rate, ok)
	}
	if _, _, ok := sh.Tick(time.Minute); ok {
		t.Error("Tick(1m) ok = true, want the test to end")
	}
}

func TestStagesValidate(t *testing.T) {
	tests := []struct {
		stages shape.Stages
		want   string // "" for valid
	}{
		{shape.Stages{{Duration: time.Second, Users: 1}}, ""},
		{shape.Stages{{Duration: time.Second, Users: 1, Rate: 3}}, ""},
		{nil, "no stages"},
		{shape.Stages{{Duration: 0, Users: 1}}, `stage 1 "0s:1": the duration must be above zero`},
		{shape.Stages{{Duration: time.Second, Users: -1}}, "the user count must not be negative"},
		{shape.Stages{{Duration: time.Second, Users: 1, Rate: math.NaN()}}, "the rate must be a number above zero"},
		{shape.Stages{{Duration: time.Second, Users: 1, Rate: -1}}, "the rate must be a number above zero"},
		{shape.Stages{{Duration: math.MaxInt64, Users: 1}, {Duration: 1, Users: 1}}, `stage 2 "1ns:1": the stages last too long`},
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
