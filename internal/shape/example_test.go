package shape_test

import (
	"fmt"
	"time"

	"github.com/gustload/gust/internal/shape"
)

func ExampleParseStages() {
	stages, err := shape.ParseStages("1m:100:10,5m:100,1m:0")
	if err != nil {
		panic(err)
	}
	for _, at := range []time.Duration{0, 3 * time.Minute, 6*time.Minute + 30*time.Second, 7 * time.Minute} {
		users, rate, ok := stages.Tick(at)
		fmt.Printf("%v: %d users at %.3g/s, running %v\n", at, users, rate, ok)
	}
	// Output:
	// 0s: 100 users at 10/s, running true
	// 3m0s: 100 users at 10/s, running true
	// 6m30s: 0 users at 1.67/s, running true
	// 7m0s: 0 users at 0/s, running false
}

func ExampleRateStages_Due() {
	rate, err := shape.ParseRateStages("0s:4,1s:4")
	if err != nil {
		panic(err)
	}
	for n := int64(0); ; n++ {
		at, ok := rate.Due(n)
		if !ok {
			break
		}
		fmt.Println(n, at)
	}
	// Output:
	// 0 0s
	// 1 250ms
	// 2 500ms
	// 3 750ms
}
