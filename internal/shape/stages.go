package shape

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// Stage is one step of a closed-model shape.
type Stage struct {
	Duration time.Duration // how long the stage lasts; above zero
	Users    int           // the user target of the stage
	Rate     float64       // users started or stopped per second; 0 ramps linearly over Duration
}

// String is the stage as ParseStages reads it: "1m:100:10" or "5m:100".
func (s Stage) String() string {
	out := FormatDuration(s.Duration) + ":" + strconv.Itoa(s.Users)
	if s.Rate != 0 {
		out += ":" + strconv.FormatFloat(s.Rate, 'g', -1, 64)
	}
	return out
}

// rate is the rate of the stage, moving from the previous target, where
// the previous stage moved at prev.
func (s Stage) rate(from int, prev float64) float64 {
	switch {
	case s.Rate > 0:
		return s.Rate
	case s.Users != from:
		return math.Abs(float64(s.Users-from)) / s.Duration.Seconds()
	}
	return prev
}

// Stages is a Shape made of stages run one after the other, starting from
// zero users; the test ends when the last stage does.
type Stages []Stage

// Tick returns the target of the stage in progress at elapsed and the rate
// at which to reach it, or ok=false once every stage is over.
func (s Stages) Tick(elapsed time.Duration) (users int, rate float64, ok bool) {
	var end time.Duration
	from := 0
	for _, st := range s {
		rate = st.rate(from, rate)
		end += st.Duration
		if elapsed < end {
			return st.Users, rate, true
		}
		from = st.Users
	}
	return 0, 0, false
}

// Total is how long the stages last together: the length of the test.
func (s Stages) Total() time.Duration {
	var total time.Duration
	for _, st := range s {
		total += st.Duration
	}
	return total
}

// String is the stages as ParseStages reads them.
func (s Stages) String() string {
	parts := make([]string, len(s))
	for i, st := range s {
		parts[i] = st.String()
	}
	return strings.Join(parts, ",")
}

// Validate checks stages built in Go as ParseStages checks parsed ones.
func (s Stages) Validate() error {
	if p := s.problem(); p != "" {
		return fmt.Errorf("%w: %s", ErrInvalid, p)
	}
	return nil
}

// problem says what is wrong with s, or "".
func (s Stages) problem() string {
	if len(s) == 0 {
		return "no stages; " + wantStages
	}
	var total time.Duration
	for i, st := range s {
		if why := st.check(total); why != "" {
			return fmt.Sprintf("stage %d %q: %s; %s", i+1, st.String(), why, wantStages)
		}
		total += st.Duration
	}
	return ""
}

// check says what is wrong with a stage that starts at start, or "".
func (s Stage) check(start time.Duration) string {
	switch {
	case s.Duration <= 0:
		return "the duration must be above zero"
	case s.Duration > maxTotal-start:
		return "the stages last too long together"
	case s.Users < 0:
		return "the user count must not be negative"
	case s.Rate < 0 || math.IsNaN(s.Rate) || math.IsInf(s.Rate, 0):
		return "the rate must be a number above zero"
	}
	return ""
}
