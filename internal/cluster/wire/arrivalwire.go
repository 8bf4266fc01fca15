package wire

import (
	"fmt"
	"maps"
	"time"

	"github.com/gustload/gust/internal/runner"
)

// arrivalKey is gust's extra key for an arrival-rate test: in a spawn's
// parsed_options it carries a gust worker's ArrivalSpec, in a stats report
// its ArrivalReport. Locust ignores both.
const arrivalKey = "gust_arrival"

// ArrivalSpec is a gust worker's part of a distributed arrival-rate test:
// the schedule as written, which the worker parses as the flag is parsed,
// and its slot of it (see runner.Slot).
type ArrivalSpec struct {
	Rate     string // the --arrival-rate as written: "500/s", "30s:100,1m:500"
	Slot     int    // the worker's slot, from 0
	Workers  int    // how many gust workers share the schedule
	From     int64  // the first global iteration this slot applies to
	Users    int    // the worker's share of the pool's initial users
	MaxUsers int    // the worker's share of --max-users
	// Elapsed is how far the schedule had run when the master sent the
	// spawn: the worker starts it part-way.
	Elapsed time.Duration
}

// RunnerSlot is the runner's slot the spec gives.
func (a ArrivalSpec) RunnerSlot() runner.Slot {
	return runner.Slot{Index: a.Slot, Count: a.Workers, From: a.From}
}

// WithArrival returns a copy of a spawn's parsed options with a added
// under the key "gust_arrival".
func WithArrival(opts map[string]any, a ArrivalSpec) map[string]any {
	out := maps.Clone(opts)
	if out == nil {
		out = map[string]any{}
	}
	out[arrivalKey] = map[string]any{"rate": a.Rate, "slot": a.Slot, "workers": a.Workers, "from": a.From,
		"users": a.Users, "max_users": a.MaxUsers, "elapsed": a.Elapsed.Seconds()}
	return out
}

// ArrivalOf reads the ArrivalSpec in a spawn's parsed options; ok=false
// when there is none (a test of users, or a Locust master).
func ArrivalOf(opts map[string]any) (a ArrivalSpec, ok bool, err error) {
	v, ok := opts[arrivalKey]
	if !ok || v == nil {
		return ArrivalSpec{}, false, nil
	}
	f := fieldsOf("spawn.parsed_options."+arrivalKey, v)
	a = ArrivalSpec{Rate: f.str("rate", true), Slot: int(f.int("slot")), Workers: int(f.int("workers")),
		From: f.int("from"), Users: int(f.int("users")), MaxUsers: int(f.int("max_users")),
		Elapsed: secondsDuration(f.float("elapsed"))}
	if f.err == nil && (a.Workers < 1 || a.Slot < 0 || a.Slot >= a.Workers || a.From < 0) {
		f.err = fmt.Errorf("%w: %s: slot %d of %d from %d is not a slot", ErrMalformed, arrivalKey, a.Slot, a.Workers, a.From)
	}
	return a, true, f.err
}

// ArrivalReport is a gust worker's cumulative counts of the arrival-rate
// test it runs, sent with every stats report under arrivalKey.
type ArrivalReport struct {
	Due, Started, Dropped, Late int64
	Lag, MaxLag                 time.Duration
	Users, MaxUsers             int
	// Done says that the worker's schedule has ended and its pool has
	// finished every iteration.
	Done bool
}

// NewArrivalReport is the report of a worker's arrival counts s; done says
// that its schedule and pool have finished.
func NewArrivalReport(s runner.ArrivalStats, done bool) *ArrivalReport {
	return &ArrivalReport{Due: s.Due, Started: s.Started, Dropped: s.Dropped, Late: s.Late, Lag: s.Lag,
		MaxLag: s.MaxLag, Users: s.Users, MaxUsers: s.MaxUsers, Done: done}
}

func (a *ArrivalReport) encode(w *writer) {
	done := 0
	if a.Done {
		done = 1
	}
	w.value(map[string]any{"due": a.Due, "started": a.Started, "dropped": a.Dropped, "late": a.Late,
		"lag": a.Lag.Seconds(), "max_lag": a.MaxLag.Seconds(), "users": a.Users, "max_users": a.MaxUsers, "done": done})
}

func decodeArrivalReport(v map[any]any) (*ArrivalReport, error) {
	if v == nil {
		return nil, nil
	}
	f := fieldsOf("stats."+arrivalKey, v)
	a := &ArrivalReport{Due: f.int("due"), Started: f.int("started"), Dropped: f.int("dropped"), Late: f.int("late"),
		Lag: secondsDuration(f.float("lag")), MaxLag: secondsDuration(f.float("max_lag")),
		Users: int(f.int("users")), MaxUsers: int(f.int("max_users")), Done: f.int("done") != 0}
	return a, f.err
}

// SumArrival adds the workers' reports up: counts and pools summed, lags
// the largest.
func SumArrival(reports map[string]*ArrivalReport) runner.ArrivalStats {
	var s runner.ArrivalStats
	for _, r := range reports {
		s.Due, s.Started, s.Dropped, s.Late = s.Due+r.Due, s.Started+r.Started, s.Dropped+r.Dropped, s.Late+r.Late
		s.Lag, s.MaxLag = max(s.Lag, r.Lag), max(s.MaxLag, r.MaxLag)
		s.Users, s.MaxUsers = s.Users+r.Users, s.MaxUsers+r.MaxUsers
	}
	return s
}
