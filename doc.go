// Package gust is a load-testing tool in the spirit of Locust: you describe
// what one user of your service does as ordinary, synchronous Go code, and
// gust runs thousands of such users at once, each in its own goroutine,
// times every request and reports the truth: a live console table, CSV files
// in Locust's columns, JSON, and an exit code that CI can trust.
//
// A test program describes kinds of users and hands them to Main, which gives
// it gust's whole command line (-u users, -r spawn rate, -t run time, --csv,
// --json, --tags, ...):
//
//	package main
//
//	import (
//		"fmt"
//		"net/url"
//		"time"
//
//		"github.com/gustload/gust"
//	)
//
//	func main() {
//		shopper := gust.User{
//			Name:   "Shopper",
//			Weight: 3,
//			Host:   "http://127.0.0.1:8080",
//			Wait:   gust.Between(time.Second, 3*time.Second),
//			OnStart: func(s *gust.Session) {
//				s.PostForm("/login", url.Values{"user": {"demo"}, "password": {"secret"}})
//			},
//			Tasks: []gust.Task{
//				gust.NewTask("home", 5, func(s *gust.Session) { s.Get("/") }),
//				gust.NewTask("item", 2, func(s *gust.Session) {
//					id := s.Rand().IntN(1000)
//					s.Get(fmt.Sprintf("/item?id=%d", id), gust.Name("/item?id=[id]"))
//				}),
//			},
//		}
//		gust.Main(shopper)
//	}
//
// Run it like the gust binary: go run . -u 100 -r 10 -t 1m.
//
// # Users, tasks and waits
//
// A User is a kind of user: its Tasks are picked at random by Weight (or run
// in order with Sequential), and between two tasks the user waits as its Wait
// says: Between, Constant, ConstantPacing or ConstantThroughput. A wait that
// cannot be kept (a negative time, Between with min above max, a throughput
// not above zero) stops the test before it starts, with exit code 2 and a
// line naming the wait, as other mistakes in a User do. OnStart and
// OnStop run once per user. Users are shared out over the kinds by Weight;
// a FixedCount gives a kind an exact number of users whatever the weights.
//
// # Sessions and requests
//
// Each running user has a Session: its own HTTP client with its own
// connections and cookies, like a browser. Get, Post, PostForm, PostJSON,
// Request and Do time each request from the moment it is written until its
// body has arrived, and record it. User.Client chooses net/http (NetHTTP,
// the default), a faster HTTP/1.1 client (FastHTTP) or HTTP/2 only (HTTP2:
// h2 over TLS, h2c in cleartext), with the same API; Response.Proto says
// which protocol answered. A transport error, a timeout or a status of
// 400 or above is a failure; the Check option decides otherwise (Locust's
// catch_response), and Name groups many URLs under one name. A request that
// never went out (no connection, no host) fails without a response time.
//
// gRPC and WebSocket users have their own packages, which record every
// call or message with no timing code: github.com/gustload/gust/grpc
// (package gustgrpc: a *grpc.ClientConn per user, type GRPC) and
// github.com/gustload/gust/ws (a WebSocket per user, type WS). Other
// protocols report their own samples with Record or Measure, and then show
// up in every table and report like HTTP. Cleanup registers what to close
// when the user stops.
//
// A panic in a task or hook is recorded as an exception, grouped by its
// stack, and the user carries on with its next task. StopUser ends one user.
//
// # Load models
//
// By default a test runs -u users, started at -r a second: a closed model,
// where each user sends its next request only when the last one answered.
// A load shape changes the number of users over time: --stages
// "1m:100:10,5m:100,1m:0" on the command line, or a Shape written in Go
// (Locust's LoadTestShape) given in a Test:
//
//	gust.Test{Users: users, Shape: gust.ShapeFunc(func(elapsed time.Duration) (int, float64, bool) {
//		return 50, 10, elapsed < 10*time.Minute // 50 users, started at 10/s, for ten minutes
//	})}.Main()
//
// --arrival-rate 500 is the open model: 500 task iterations start every
// second whatever the target's speed, each on an idle user of a pool that
// grows up to --max-users; stages ramp the rate ("30s:100,1m:500,30s:0").
// When the pool cannot keep up, iterations wait, start late or are dropped,
// and gust counts them, warns and reports the lag.
//
// Requests of a task that had an intended start (an iteration of an arrival
// rate, or a task of a user with ConstantPacing or ConstantThroughput) are
// also timed from that start, so a stalled server cannot hide behind the
// requests nobody sent while waiting for it (coordinated omission): the
// summary and the JSON report show these corrected percentiles next to the
// usual ones.
//
// # Pass/fail thresholds
//
// --threshold 'p95<300ms' (repeatable; also in gust.conf and in
// Test.Thresholds) fails the run with exit code 3 unless it holds at the
// end: percentiles, avg, med, min, max, fail_ratio, failures, requests and
// rps, for the total or one endpoint ('GET /api/items:p99<500ms'). An
// endpoint that never appeared is a failure, not a silent pass.
// --threshold-abort checks every second and stops at the first breach.
// Exit codes: 0 all well, 1 requests failed (--exit-code-on-error), 2 bad
// input, 3 a threshold failed (it wins over 1).
//
// # No code needed
//
// The gust command runs URL mode (gust -u 50 -t 30s http://127.0.0.1:8080/)
// and `gust demo`, a test of a built-in target server.
//
// May import: internal/calls, internal/cli, internal/client, internal/client/fastclient, internal/client/http2, internal/client/nethttp, internal/percpu, internal/runner, internal/stats.
package gust
