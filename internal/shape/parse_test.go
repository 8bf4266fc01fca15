package shape_test

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/shape"
)

func TestParseStages(t *testing.T) {
	tests := []struct {
		in   string
		want shape.Stages
	}{
		{"1m:100:10,5m:100,1m:0", shape.Stages{{time.Minute, 100, 10}, {5 * time.Minute, 100, 0}, {time.Minute, 0, 0}}},
		{" 30s : 5 : 0.5 , 1m30s:0 ", shape.Stages{{30 * time.Second, 5, 0.5}, {90 * time.Second, 0, 0}}},
		{"500ms:1", shape.Stages{{500 * time.Millisecond, 1, 0}}},
		{"1h:0", shape.Stages{{time.Hour, 0, 0}}},
	}
	for _, tt := range tests {
		got, err := shape.ParseStages(tt.in)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("ParseStages(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseStagesErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "no stages"},
		{"  ", "no stages"},
		{"1m:10,", "stage 2 is empty"},
		{",1m:10", "stage 1 is empty"},
		{"1m", `stage 1 "1m": want two or three fields`},
		{"1m:1:2:3", "want two or three fields"},
		{"60:100", `duration "60" has no unit; write it as 60s or 60m`},
		{"soon:100", `duration "soon" is not a duration such as 30s, 1m or 1m30s`},
		{"-1m:100", `duration "-1m" is not a duration`},
		{"0s:100", `stage 1 "0s:100": the duration must be above zero`},
		{"1m:ten", `users "ten" is not a whole number, zero or above`},
		{"1m:-5", `users "-5" is not a whole number`},
		{"1m:1.5", `users "1.5" is not a whole number`},
		{"1m:10:0", `rate "0" is not a number of users per second above zero (leave it out to ramp over the whole stage)`},
		{"1m:10:-1", `rate "-1" is not a number of users per second`},
		{"1m:10:fast", `rate "fast" is not a number`},
		{"1m:10:Inf", `rate "Inf" is not a number`},
		{"2562047h:1,2562047h:1", "the stages last too long together"},
	}
	for _, tt := range tests {
		_, err := shape.ParseStages(tt.in)
		checkErr(t, "ParseStages", tt.in, err, tt.want, "want duration:users[:rate] separated by commas, such as 1m:100:10,5m:100,1m:0")
	}
}

func TestParseRateStages(t *testing.T) {
	tests := []struct {
		in   string
		want shape.RateStages
	}{
		{"30s:100,1m:500,30s:0", shape.RateStages{{30 * time.Second, 100}, {time.Minute, 500}, {30 * time.Second, 0}}},
		{"0s:500, 5m:500", shape.RateStages{{0, 500}, {5 * time.Minute, 500}}},
		{"1m:30/m", shape.RateStages{{time.Minute, 0.5}}},
		{"1m: 7200 /h", shape.RateStages{{time.Minute, 2}}},
		{"1m:2.5/s", shape.RateStages{{time.Minute, 2.5}}},
	}
	for _, tt := range tests {
		got, err := shape.ParseRateStages(tt.in)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("ParseRateStages(%q) = %v, %v; want %v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseRateStagesErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", "no stages"},
		{"30s:1,,1m:2", "stage 2 is empty"},
		{"30s", `stage 1 "30s": want two fields`},
		{"30s:1:2", "want two fields"},
		{"30:100", `duration "30" has no unit`},
		{"30s:fast", `rate "fast" is not a number of iterations per second, zero or above`},
		{"30s:-1", `rate "-1" is not a number`},
		{"30s:NaN", `rate "NaN" is not a number`},
		{"30s:10/d", `rate "10/d" has an unknown unit; use /s, /m or /h`},
		{"30s:2e9", "the rate must be from 0 to 1e+09 iterations per second"},
		{"0s:100", "the stages last no time"},
	}
	for _, tt := range tests {
		_, err := shape.ParseRateStages(tt.in)
		checkErr(t, "ParseRateStages", tt.in, err, tt.want, "want duration:rate separated by commas, such as 30s:100,1m:500,30s:0")
	}
}

// checkErr wants err to wrap ErrInvalid, quote the input, say want and end
// with the expected syntax.
func checkErr(t *testing.T, fn, in string, err error, want, syntax string) {
	t.Helper()
	if err == nil {
		t.Errorf("%s(%q) succeeded, want an error containing %q", fn, in, want)
		return
	}
	msg := err.Error()
	prefix := `gust: invalid stages "` + in + `": `
	if !errors.Is(err, shape.ErrInvalid) || !strings.HasPrefix(msg, prefix) || !strings.Contains(msg, want) || !strings.HasSuffix(msg, syntax) {
		t.Errorf("%s(%q) error:\n  %s\nwant it to start %q, contain %q and end %q", fn, in, msg, prefix, want, syntax)
	}
}

func TestStagesString(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1m:100:10, 5m:100, 1m:0", "1m:100:10,5m:100,1m:0"},
		{"60s:1,120m:2,90s:3", "1m:1,2h:2,1m30s:3"},
		{"1h0m1s:1", "1h0m1s:1"},
	}
	for _, tt := range tests {
		s, err := shape.ParseStages(tt.in)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.String(); got != tt.want {
			t.Errorf("ParseStages(%q).String() = %q, want %q", tt.in, got, tt.want)
		}
	}
	rs, err := shape.ParseRateStages("0s:30/m, 10m:1e3")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := rs.String(), "0s:0.5,10m:1000"; got != want {
		t.Errorf("RateStages.String() = %q, want %q", got, want)
	}
}
