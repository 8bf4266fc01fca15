package metrics

import "github.com/gustload/gust/internal/stats"

// arrivalFamilies are an arrival-rate test's iterations: how many the
// schedule asked for, started, dropped and started late, and the pool of
// users. A test of a number of users has none.
func arrivalFamilies(a *stats.Arrival) []Family {
	if a == nil {
		return nil
	}
	return []Family{
		counter("gust_arrival_due_total", "Iterations the arrival-rate schedule asked for so far.", float64(a.Due)),
		counter("gust_arrival_started_total", "Iterations a user started.", float64(a.Started)),
		counter("gust_arrival_dropped_total", "Iterations that never started: every user of the pool was busy, or the test ended first.", float64(a.Dropped)),
		counter("gust_arrival_late_total", "Iterations that started late.", float64(a.Late)),
		gauge("gust_arrival_lag_seconds", "How late the latest iteration started.", a.Lag.Seconds()),
		gauge("gust_arrival_pool_users", "Users in the arrival-rate pool.", float64(a.Users)),
	}
}

func counter(name, help string, v float64) Family {
	return Family{Name: name, Type: "counter", Help: help, Samples: []Sample{{Name: name, Value: v}}}
}
