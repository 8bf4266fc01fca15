package gust

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// A Wait decides how long a user waits after a task before the next one.
// Waits end at once when the test stops.
type Wait interface {
	// Next returns the time to wait, given how long the task just took.
	Next(r *rand.Rand, took time.Duration) time.Duration
}

// WaitFunc adapts a function to the Wait interface.
type WaitFunc func(r *rand.Rand, took time.Duration) time.Duration

// Next calls f.
func (f WaitFunc) Next(r *rand.Rand, took time.Duration) time.Duration { return f(r, took) }

// Between waits a uniformly random time in [min, max]. It wants
// 0 <= min <= max: other values are reported when the test starts.
func Between(min, max time.Duration) Wait {
	if min < 0 || max < min {
		return badWait(fmt.Sprintf("Between(%v, %v) cannot be waited: want 0 <= min <= max", min, max))
	}
	return WaitFunc(func(r *rand.Rand, _ time.Duration) time.Duration {
		if max == min {
			return min
		}
		return min + time.Duration(r.Int64N(int64(max-min)+1))
	})
}

// Constant always waits d. A negative d is reported when the test starts.
func Constant(d time.Duration) Wait {
	if d < 0 {
		return badWait(fmt.Sprintf("Constant(%v) cannot be waited: want a time >= 0", d))
	}
	return WaitFunc(func(*rand.Rand, time.Duration) time.Duration { return d })
}

// Pacing is a Wait that aims for one task start every Interval: it waits
// Interval minus the time the task took (never less than zero).
//
// In a user's loop gust goes one step further and keeps the schedule, as
// wrk2 does: task n is due n Intervals after the first, so after a task that
// overran, the user runs the tasks it owes without waiting until it is back
// on schedule, and each of their requests is also timed from when its task
// was due (the response times corrected for coordinated omission). A slow
// response then shows in the corrected percentiles instead of hiding in the
// requests the user did not send while it waited.
type Pacing struct {
	// Interval is the time from one task's start to the next task's start.
	Interval time.Duration
}

// Next returns what is left of the interval after the task.
func (p Pacing) Next(_ *rand.Rand, took time.Duration) time.Duration {
	return max(p.Interval-took, 0)
}

// ConstantPacing starts a task every d (task start to task start), like
// Locust's constant_pacing: the wait is d minus the task's duration. A
// negative d is reported when the test starts.
func ConstantPacing(d time.Duration) Wait {
	if d < 0 {
		return badWait(fmt.Sprintf("ConstantPacing(%v) cannot be kept: want a time >= 0", d))
	}
	return Pacing{Interval: d}
}

// ConstantThroughput runs perSecond tasks per second per user at most, like
// Locust's constant_throughput: ConstantPacing(1s / perSecond). It wants
// perSecond above zero (a zero rate would be no wait at all, the most load
// instead of the least): other values are reported when the test starts.
func ConstantThroughput(perSecond float64) Wait {
	if !(perSecond > 0) { // NaN too
		return badWait(fmt.Sprintf("ConstantThroughput(%v) cannot be kept: "+
			"want a number of tasks per second per user above 0 (leave Wait nil for no wait)", perSecond))
	}
	interval := float64(time.Second) / perSecond
	if interval >= math.MaxInt64 { // a rate so low that the interval is past what a Duration holds
		return Pacing{Interval: math.MaxInt64}
	}
	return Pacing{Interval: time.Duration(interval)}
}

// badWait is what a wait constructor returns for a value it cannot wait:
// the reason, which User validation reports before the test starts. Its
// Next waits nothing.
type badWait string

// Next returns 0.
func (badWait) Next(*rand.Rand, time.Duration) time.Duration { return 0 }

// checkWait reports a wait that cannot run: one a constructor was given a
// bad value for, or a Pacing with a negative Interval.
func checkWait(w Wait) error {
	switch w := w.(type) {
	case badWait:
		return errors.New(string(w))
	case Pacing:
		if w.Interval < 0 {
			return fmt.Errorf("Pacing{Interval: %v} cannot be kept: want an Interval >= 0", w.Interval)
		}
	}
	return nil
}
