package stats_test

import (
	"fmt"
	"time"

	"github.com/gustload/gust/internal/stats"
)

func ExampleRecorder() {
	start := time.Unix(1_700_000_000, 0)
	rec := stats.NewRecorder()
	rec.Reset(start)
	for i := range 100 {
		s := stats.Sample{Method: "GET", Name: "/items", Duration: time.Duration(i+1) * time.Millisecond,
			Size: 512, End: start.Add(time.Duration(i) * 10 * time.Millisecond)}
		if i%25 == 0 {
			s.Err = "HTTP 503"
		}
		rec.Record(i, s) // i stands for the user's index
	}
	snap := rec.Tick(start.Add(time.Second), 100, map[string]int{"Browser": 100})

	e := snap.Entry("GET", "/items")
	// Percentiles are within 0.1% (the top of the value's histogram bucket);
	// reports round them to whole milliseconds.
	fmt.Println(e.Requests, e.Failures, stats.RoundMillis(e.Median()), stats.RoundMillis(e.Percentile(0.95)), e.Max)
	fmt.Println(snap.Total.Name, snap.Total.Requests, snap.History[0].RPS)
	fmt.Println(snap.Errors[0].Error, snap.Errors[0].Occurrences)
	// Output:
	// 100 4 50 95 100ms
	// Aggregated 100 100
	// HTTP 503 4
}

func ExampleRecorder_Merge() {
	start := time.Unix(1_700_000_000, 0)
	worker, master := stats.NewRecorder(), stats.NewRecorder()
	worker.Reset(start)
	master.Reset(start)
	for i := range 10 {
		worker.Record(i, stats.Sample{Method: "GET", Name: "/", Duration: time.Duration(i+1) * time.Millisecond, End: start})
		if i%3 == 2 {
			master.Merge(worker.Drain(start)) // every few seconds, in real life
		}
	}
	master.Merge(worker.Drain(start))
	t := master.Snapshot(start.Add(time.Second)).Total
	fmt.Println(t.Requests, t.Min, stats.RoundMillis(t.Median()), t.Max)
	// Output: 10 1ms 5 10ms
}
