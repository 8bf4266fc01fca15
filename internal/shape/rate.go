package shape

import (
	"fmt"
	"iter"
	"math"
	"strconv"
	"strings"
	"time"
)

// RateStage is one step of an open-model rate: over Duration the rate moves
// linearly from the previous stage's target (0 before the first) to Rate.
type RateStage struct {
	Duration time.Duration // how long the ramp lasts; zero jumps at once
	Rate     float64       // the target rate, in iterations per second
}

// String is the stage as ParseRateStages reads it: "30s:100".
func (s RateStage) String() string {
	return FormatDuration(s.Duration) + ":" + strconv.FormatFloat(s.Rate, 'g', -1, 64)
}

// MaxRate is the highest arrival rate a stage may ask for, in iterations per
// second: far beyond what one generator can start, low enough to keep the
// arithmetic of the schedule exact.
const MaxRate = 1e9

// RateStages is an arrival rate that changes over time, ramping linearly
// between the stages' targets; the test ends when the last stage does.
type RateStages []RateStage

// segment is a stage placed in time: where it starts, the rate it starts
// from, and how many iterations are due before it.
type segment struct {
	start, d time.Duration
	from, to float64
	before   float64
}

// slope is the change of rate per second within the segment.
func (g segment) slope() float64 { return (g.to - g.from) / g.d.Seconds() }

// at is the rate t into g, kept between its two ends despite rounding.
func (g segment) at(t time.Duration) float64 {
	f := float64(t) / float64(g.d)
	r := g.from*(1-f) + g.to*f
	return min(max(r, min(g.from, g.to)), max(g.from, g.to))
}

// count is how many iterations are due in the first t seconds of g.
func (g segment) count(t float64) float64 {
	return g.from*t + g.slope()*t*t/2
}

// segments yields the stages of positive duration, in order.
func (s RateStages) segments() iter.Seq[segment] {
	return func(yield func(segment) bool) {
		g := segment{}
		for _, st := range s {
			g.d, g.to = st.Duration, st.Rate
			if g.d > 0 && !yield(g) {
				return
			}
			if g.d > 0 {
				g.before += g.count(g.d.Seconds())
			}
			g.start, g.from = g.start+g.d, g.to
		}
	}
}

// RateAt is the rate, in iterations per second, at elapsed; ok=false once
// every stage is over.
func (s RateStages) RateAt(elapsed time.Duration) (perSec float64, ok bool) {
	elapsed = max(elapsed, 0)
	for g := range s.segments() {
		if elapsed < g.start+g.d {
			return g.at(elapsed - g.start), true
		}
	}
	return 0, false
}

// Iterations is how many iterations are due from the start until elapsed
// (the integral of the rate), counting none after the last stage.
func (s RateStages) Iterations(elapsed time.Duration) float64 {
	var n float64
	for g := range s.segments() {
		t := min(max(elapsed-g.start, 0), g.d)
		n = g.before + g.count(t.Seconds())
		if elapsed < g.start+g.d {
			break
		}
	}
	return n
}

// Due is when iteration n (counting from 0) is scheduled to start: the
// first moment after which more than n iterations are due. At a constant
// 10/s iteration n is due at n*100ms. ok=false when the stages end before
// iteration n is due.
func (s RateStages) Due(n int64) (at time.Duration, ok bool) {
	k := float64(n)
	for g := range s.segments() {
		if g.before+g.count(g.d.Seconds()) > k {
			return g.start + g.solve(k-g.before), true
		}
	}
	return 0, false
}

// solve returns the time into g at which c more iterations are due, solving
// from*t + slope*t²/2 = c in a form that stays exact when slope is 0.
func (g segment) solve(c float64) time.Duration {
	if c <= 0 {
		return 0
	}
	a := g.from
	disc := max(a*a+2*g.slope()*c, 0)
	t := 2 * c / (a + math.Sqrt(disc))
	ns := min(math.Round(t*float64(time.Second)), float64(g.d))
	return time.Duration(ns)
}

// Total is how long the stages last together: the length of the test.
func (s RateStages) Total() time.Duration {
	var total time.Duration
	for _, st := range s {
		total += st.Duration
	}
	return total
}

// String is the stages as ParseRateStages reads them.
func (s RateStages) String() string {
	parts := make([]string, len(s))
	for i, st := range s {
		parts[i] = st.String()
	}
	return strings.Join(parts, ",")
}

// Validate checks rate stages built in Go as ParseRateStages checks parsed
// ones.
func (s RateStages) Validate() error {
	if p := s.problem(); p != "" {
		return fmt.Errorf("%w: %s", ErrInvalid, p)
	}
	return nil
}

// problem says what is wrong with s, or "".
func (s RateStages) problem() string {
	var total time.Duration
	for i, st := range s {
		if why := st.check(total); why != "" {
			return fmt.Sprintf("stage %d %q: %s; %s", i+1, st.String(), why, wantRateStages)
		}
		total += st.Duration
	}
	if total <= 0 {
		return "the stages last no time; " + wantRateStages
	}
	return ""
}

// check says what is wrong with a stage that starts at start, or "".
func (s RateStage) check(start time.Duration) string {
	switch {
	case s.Duration < 0:
		return "the duration must not be negative"
	case s.Duration > maxTotal-start:
		return "the stages last too long together"
	case !(s.Rate >= 0 && s.Rate <= MaxRate):
		return fmt.Sprintf("the rate must be from 0 to %g iterations per second", float64(MaxRate))
	}
	return ""
}
