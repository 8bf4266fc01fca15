package metrics_test

import (
	"os"
	"time"

	"github.com/gustload/gust/internal/metrics"
	"github.com/gustload/gust/internal/stats"
)

// An arrival-rate test adds its iterations to the families.
func ExampleWriteText() {
	snap := &stats.Snapshot{Total: &stats.Entry{}, Users: 3, Arrival: &stats.Arrival{Target: "50/s",
		Due: 500, Started: 497, Dropped: 3, Late: 9, Lag: 2 * time.Millisecond, Users: 3}}
	var arrival []metrics.Family
	for _, f := range metrics.Families(metrics.Run{Snap: snap}) {
		if f.Name == "gust_arrival_dropped_total" || f.Name == "gust_arrival_lag_seconds" || f.Name == "gust_users" {
			arrival = append(arrival, f)
		}
	}
	_ = metrics.WriteText(os.Stdout, arrival)
	// Output:
	// # HELP gust_users Running users.
	// # TYPE gust_users gauge
	// gust_users 3
	// # HELP gust_arrival_dropped_total Iterations that never started: every user of the pool was busy, or the test ended first.
	// # TYPE gust_arrival_dropped_total counter
	// gust_arrival_dropped_total 3
	// # HELP gust_arrival_lag_seconds How late the latest iteration started.
	// # TYPE gust_arrival_lag_seconds gauge
	// gust_arrival_lag_seconds 0.002
}
