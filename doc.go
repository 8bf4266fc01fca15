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
// says: Between, Constant, ConstantPacing or ConstantThroughput. OnStart and
// OnStop run once per user. Users are shared out over the kinds by Weight;
// a FixedCount gives a kind an exact number of users whatever the weights.
//
// # Sessions and requests
//
// Each running user has a Session: its own HTTP client with its own
// connections and cookies, like a browser. Get, Post, PostForm, PostJSON,
// Request and Do time each request from the moment it is sent until its body
// has been read, and record it. A transport error, a timeout or a status of
// 400 or above is a failure; the Check option decides otherwise (Locust's
// catch_response), and Name groups many URLs under one name.
//
// Other protocols report their own samples with Record or Measure, and then
// show up in every table and report like HTTP.
//
// A panic in a task or hook is recorded as an exception, grouped by its
// stack, and the user carries on with its next task. StopUser ends one user.
//
// # No code needed
//
// The gust command runs URL mode (gust -u 50 -t 30s http://127.0.0.1:8080/)
// and `gust demo`, a test of a built-in target server.
package gust
