package threshold_test

import (
	"fmt"
	"os"

	"github.com/gustload/gust/internal/threshold"
)

func ExampleParse() {
	th, err := threshold.Parse("GET /api/items : p(99) < 500ms")
	if err != nil {
		panic(err)
	}
	fmt.Printf("%s %s: %s %s %v\n", th.Method, th.Name, th.Metric, th.Op, th.Duration)
	fmt.Println(th)

	_, err = threshold.Parse("fail_ratio<300ms")
	fmt.Println(err)
	// Output:
	// GET /api/items: p99 < 500ms
	// GET /api/items:p99<500ms
	// gust: invalid threshold "fail_ratio<300ms": "300ms" is a duration; fail_ratio takes a ratio from 0 to 1, such as 0.01, or a percentage, such as 1%
}

func ExampleEvaluate() {
	ts, err := threshold.ParseAll([]string{"p95<300ms", "fail_ratio<1%", "GET /api/itemz:max<1s"})
	if err != nil {
		panic(err)
	}
	rs := threshold.Evaluate(ts, snapshot()) // the statistics at the end of a run
	threshold.WriteResults(os.Stdout, rs)
	if threshold.Breached(rs) {
		fmt.Println("exit code", threshold.ExitCode)
	}
	// Output:
	// Threshold              Result  Actual
	// p95<300ms              pass    2ms
	// fail_ratio<0.01        FAIL    0.05263
	// GET /api/itemz:max<1s  ERROR   gust: threshold filter matched no request: GET "/api/itemz"; seen: GET /api/items, POST /api/items, GET /login
	// 3 thresholds: 1 passed, 1 breached, 1 could not be evaluated
	// exit code 3
}
