// Package bench holds gust's benchmark scripts and their Go helpers; it has
// no code of its own, only a test that the scripts parse.
//
//	bench/run         gust against wrk, hey, k6 and Locust: one table
//	bench/memory      resident memory per user, 50,000 or 100,000 users
//	bench/latency     10,000 users against a target answering in 50 ms
//	bench/startup     how soon the first request leaves
//	bench/grpc        gRPC unary calls against ghz; HTTP/2 (h2c) against HTTP/1.1
//	bench/cores       requests per CPU-second at 1, 2, 4 and 8 generator cores
//	bench/kit         bench/cores packed for a lent machine without Go:
//	                  static binaries of some revisions, wrk and nginx with
//	                  their libraries, and the script that runs them all
//
// Each but kit takes --smoke for a run of a few seconds that only shows the script
// works (CI runs those; no timing is ever asserted). The helpers under cmd/
// are the Go target (a fixed delay), a gust test program (users), the
// start-up probe, the cost meter (measure), the table maker (benchtab) and
// the gRPC test program of bench/grpc (grpcload).
// Everything listens on 127.0.0.0/8 and is stopped by its pid.
//
// May import: no other gust package.
package bench
