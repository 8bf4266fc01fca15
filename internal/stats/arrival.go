package stats

import "time"

// Arrival is how an arrival-rate (open model) test kept its schedule: what
// it asked for, what it started, and what it could not start on time. The
// console, the JSON report and the web UI show it next to the requests.
type Arrival struct {
	// Target is the arrival rate that was asked for: "500/s", or stages
	// such as "30s:100,1m:500,30s:0".
	Target string
	// Requested is the iterations per second the schedule asked for,
	// averaged from the start of the test to the snapshot (or its end).
	Requested float64
	// Achieved is the iterations per second that started, over the same span.
	Achieved float64
	// Due is how many iterations the schedule asked for so far.
	Due int64
	// Started is how many iterations a user started.
	Started int64
	// Dropped is how many iterations never started: every user of the pool
	// was busy and the backlog of waiting iterations was full, the test
	// ended while they waited, or the user made for one ended first.
	Dropped int64
	// Late is how many iterations started more than a little (see
	// runner.LateAfter) after they were due.
	Late int64
	// Lag is how late the latest iteration started; MaxLag the most any
	// iteration did.
	Lag, MaxLag time.Duration
	// Users is the size of the pool of users; MaxUsers its cap.
	Users, MaxUsers int
}

// Behind reports whether the generator failed to keep the schedule: an
// iteration was dropped or started late.
func (a *Arrival) Behind() bool {
	return a != nil && (a.Dropped > 0 || a.Late > 0)
}
