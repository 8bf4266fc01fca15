package wire

import (
	"math"
	"time"
)

// maxEpoch bounds the Unix times accepted from the wire (the year 5138);
// anything beyond, or not after 1970, is read as "unknown".
const maxEpoch = 1e11

// epoch returns t as float Unix seconds, Locust's timestamp format.
func epoch(t time.Time) float64 {
	return float64(t.Unix()) + float64(t.Nanosecond())/1e9
}

// fromEpoch is the inverse of epoch; 0, negative or absurd times give the
// zero time.
func fromEpoch(f float64) time.Time {
	if !(f > 0 && f < maxEpoch) {
		return time.Time{}
	}
	sec := math.Floor(f)
	return time.Unix(int64(sec), int64(math.Round((f-sec)*1e9)))
}

// millis returns d as float milliseconds, Locust's response-time unit.
func millis(d time.Duration) float64 {
	return float64(d) / float64(time.Millisecond)
}

// fromMillis is the inverse of millis, rounded to the nanosecond and clamped
// to [0, the longest Duration].
func fromMillis(ms float64) time.Duration {
	return clampDuration(ms * float64(time.Millisecond))
}

// secondsDuration converts float seconds to a Duration, clamped likewise.
func secondsDuration(s float64) time.Duration {
	return clampDuration(s * float64(time.Second))
}

func clampDuration(ns float64) time.Duration {
	switch {
	case !(ns > 0): // also NaN
		return 0
	case ns >= math.MaxInt64:
		return math.MaxInt64
	}
	return time.Duration(math.Round(ns))
}
