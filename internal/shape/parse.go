package shape

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// ErrInvalid is the error every malformed stage list wraps; the message goes
// on to name the stage at fault and what would be valid.
var ErrInvalid = errors.New("gust: invalid stages")

const (
	wantStages     = "want duration:users[:rate] separated by commas, such as 1m:100:10,5m:100,1m:0"
	wantRateStages = "want duration:rate separated by commas, such as 30s:100,1m:500,30s:0"
	maxTotal       = time.Duration(math.MaxInt64)
)

// ParseStages reads closed-model stages, "duration:users[:rate]" separated
// by commas, such as "1m:100:10,5m:100,1m:0" (see the package
// documentation). An error wraps ErrInvalid and names the stage at fault.
func ParseStages(s string) (Stages, error) {
	parts, err := split(s, wantStages)
	if err != nil {
		return nil, err
	}
	stages := make(Stages, len(parts))
	for i, p := range parts {
		st, why := parseStage(p)
		if why != "" {
			return nil, fmt.Errorf("%w %q: stage %d %q: %s; %s", ErrInvalid, s, i+1, p, why, wantStages)
		}
		stages[i] = st
	}
	if p := stages.problem(); p != "" {
		return nil, fmt.Errorf("%w %q: %s", ErrInvalid, s, p)
	}
	return stages, nil
}

// ParseRateStages reads open-model stages, "duration:rate" separated by
// commas, such as "30s:100,1m:500,30s:0" (see the package documentation).
// An error wraps ErrInvalid and names the stage at fault.
func ParseRateStages(s string) (RateStages, error) {
	parts, err := split(s, wantRateStages)
	if err != nil {
		return nil, err
	}
	stages := make(RateStages, len(parts))
	for i, p := range parts {
		st, why := parseRateStage(p)
		if why != "" {
			return nil, fmt.Errorf("%w %q: stage %d %q: %s; %s", ErrInvalid, s, i+1, p, why, wantRateStages)
		}
		stages[i] = st
	}
	if p := stages.problem(); p != "" {
		return nil, fmt.Errorf("%w %q: %s", ErrInvalid, s, p)
	}
	return stages, nil
}

// split cuts s at commas and trims each stage, refusing empty ones.
func split(s, want string) ([]string, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("%w %q: no stages; %s", ErrInvalid, s, want)
	}
	parts := strings.Split(s, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
		if parts[i] == "" {
			return nil, fmt.Errorf("%w %q: stage %d is empty; %s", ErrInvalid, s, i+1, want)
		}
	}
	return parts, nil
}

// parseStage reads "duration:users[:rate]", or says why it cannot.
func parseStage(p string) (Stage, string) {
	f := fields(p)
	if len(f) < 2 || len(f) > 3 {
		return Stage{}, "want two or three fields"
	}
	d, why := parseDuration(f[0])
	if why != "" {
		return Stage{}, why
	}
	users, err := strconv.Atoi(f[1])
	if err != nil || users < 0 {
		return Stage{}, fmt.Sprintf("users %q is not a whole number, zero or above", f[1])
	}
	st := Stage{Duration: d, Users: users}
	if len(f) == 3 {
		st.Rate, err = strconv.ParseFloat(f[2], 64)
		if err != nil || !(st.Rate > 0) || math.IsInf(st.Rate, 0) {
			return Stage{}, fmt.Sprintf("rate %q is not a number of users per second above zero (leave it out to ramp over the whole stage)", f[2])
		}
	}
	return st, ""
}

// parseRateStage reads "duration:rate", or says why it cannot.
func parseRateStage(p string) (RateStage, string) {
	f := fields(p)
	if len(f) != 2 {
		return RateStage{}, "want two fields"
	}
	d, why := parseDuration(f[0])
	if why != "" {
		return RateStage{}, why
	}
	r, why := parseRate(f[1])
	return RateStage{Duration: d, Rate: r}, why
}

// fields splits a stage at colons and trims each field.
func fields(p string) []string {
	f := strings.Split(p, ":")
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	return f
}

// parseDuration reads a Go duration with a unit.
func parseDuration(v string) (time.Duration, string) {
	d, err := time.ParseDuration(v)
	switch {
	case err != nil && isNumber(v):
		return 0, fmt.Sprintf("duration %q has no unit; write it as %ss or %sm", v, v, v)
	case err != nil || d < 0:
		return 0, fmt.Sprintf("duration %q is not a duration such as 30s, 1m or 1m30s", v)
	}
	return d, ""
}

// perUnit converts a rate's unit suffix to seconds.
var perUnit = map[string]float64{"/s": 1, "/m": 60, "/h": 3600}

// parseRate reads iterations per second, optionally with a unit: "100",
// "100/s", "30/m", "2/h".
func parseRate(v string) (float64, string) {
	num, per := v, 1.0
	if i := strings.IndexByte(v, '/'); i >= 0 {
		p, ok := perUnit[strings.TrimSpace(v[i:])]
		if !ok {
			return 0, fmt.Sprintf("rate %q has an unknown unit; use /s, /m or /h", v)
		}
		num, per = strings.TrimSpace(v[:i]), p
	}
	r, err := strconv.ParseFloat(num, 64)
	if err != nil || !(r >= 0) || math.IsInf(r, 0) {
		return 0, fmt.Sprintf("rate %q is not a number of iterations per second, zero or above", v)
	}
	return r / per, ""
}

func isNumber(v string) bool {
	_, err := strconv.ParseFloat(v, 64)
	return err == nil
}

// FormatDuration is d.String() without the zero units a person would not
// write: "1m" rather than "1m0s". It still parses back to d.
func FormatDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
