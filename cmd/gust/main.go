// Command gust is a load-testing tool: it runs many users of a service at once,
// times every request and reports the truth.
//
//	gust -u 100 -r 10 -t 30s http://127.0.0.1:8080/    load one URL (no code needed)
//	gust demo                                          watch a test of the built-in target
//	gust compare BASELINE.json CURRENT.json            did this run get slower than the last?
//	gust new mytest                                    write a test in Go to start from
//	gust --help                                        every option
//
// To describe users in Go (tasks with weights, waits, hooks), write a program
// that calls gust.Main; it takes the same options. See the package
// documentation of github.com/gustload/gust.
//
// May import: gust, grpc, ws, internal/compare, internal/demo, internal/demo/demopb, internal/report.
package main

import (
	"os"

	"github.com/gustload/gust"
)

func main() {
	args := os.Args[1:]
	if len(args) > 0 && args[0] == "demo" {
		os.Exit(demo(args[1:]))
	}
	if len(args) > 0 && args[0] == "compare" {
		os.Exit(runCompare(args[1:], os.Stdout, os.Stderr))
	}
	if len(args) > 0 && args[0] == "new" {
		os.Exit(newCommand(args[1:]))
	}
	os.Exit(gust.Run(args))
}
