// Package shape describes how load changes over a test: the number of users
// over time for the closed model (Locust's LoadTestShape, k6's stages) and
// the arrival rate over time for the open model (k6's ramping arrival rate).
//
// # Closed model: users
//
// A Shape is asked, about once a second, how many users should run and how
// fast to get there; it ends the test by answering ok=false. Stages is the
// shape of the --stages option, "duration:users[:rate]" separated by commas:
//
//	1m:100:10,5m:100,1m:0
//
// goes to 100 users at 10 users/s (reaching them after 10 s, then holding
// until the minute is up), holds 100 users for 5 minutes, then stops them
// all over the last minute, and ends the test after 7 minutes. A stage with
// a rate moves to its target at that rate; a stage without one moves
// linearly over its whole duration, as k6 ramps, at |target - previous
// target| / duration users per second. A stage that neither gives a rate
// nor changes the target keeps the previous stage's rate, so a runner still
// catching up keeps going.
//
// A shape written in Go is a ShapeFunc:
//
//	wave := shape.ShapeFunc(func(elapsed time.Duration) (int, float64, bool) {
//		if elapsed >= 10*time.Minute {
//			return 0, 0, false
//		}
//		return 50 + int(50*math.Sin(elapsed.Seconds()/60)), 10, true
//	})
//
// # Open model: arrival rate
//
// RateStages is a rate of iterations per second that ramps linearly from
// one target to the next, starting from 0, written "duration:rate":
//
//	30s:100,1m:500,30s:0
//
// climbs to 100/s over 30 s, then to 500/s over a minute, then back to 0
// over 30 s. A rate may carry a unit, /s (the default), /m or /h: 1m:30/m.
// A stage of zero duration jumps, so "0s:500,5m:500" is a constant 500/s for
// 5 minutes. RateAt gives the rate at a moment; Due gives the moment an
// iteration is scheduled to start, which a scheduler uses as the intended
// start time, so latency can be measured free of coordinated omission.
//
// May import: no other gust package.
package shape
