// Package threshold decides whether a load test passed: it parses pass/fail
// criteria such as "p95<300ms" and checks them against a statistics
// snapshot, so a CI job can fail on slow or failing endpoints.
//
// # Syntax
//
// A threshold is a metric, an operator and a limit, optionally preceded by an
// endpoint filter and a colon:
//
//	p95<300ms                  95th percentile of all requests under 300 ms
//	p99.9<=2s                  any percentile: p50, p99.9, p(95) as in k6
//	avg<200ms  med<150ms       mean and median response time
//	min>1ms    max<5s          fastest and slowest response
//	fail_ratio<0.01            failures / requests (or a percentage: 1%)
//	failures<10  requests>1000 counts of requests
//	rps>100                    requests per second over the whole run
//	GET /api/items:p99<500ms   only GET requests named /api/items
//	/api/items:p99<500ms       requests named /api/items, all methods together
//
// Operators are <, <=, >, >= and ==. Time limits are Go durations and need a
// unit (us, ms, s, m, h); other limits are plain numbers. Without a filter a
// threshold applies to the aggregated total.
//
// In a filter, the first word is taken as the method when it is written in
// capitals (GET, POST, WS, GRPC) and more follows it; otherwise the whole
// filter is the request name, whatever its method, or, when no request has
// that name, a type and a name as the tables write them ("kv measure", for
// a custom type of Session.Record in lower case).
//
// # Evaluation
//
// Evaluate measures each threshold in a snapshot. A filter that matches no
// request, or a time or ratio metric with nothing to measure, is an error in
// its Result, never a silent pass. Breached reports whether a run should end
// with ExitCode:
//
//	ts, err := threshold.ParseAll([]string{"p95<300ms", "fail_ratio<1%"})
//	if err != nil {
//		return err // a usage error: name the option and exit 2
//	}
//	rs := threshold.Evaluate(ts, snap)
//	threshold.WriteResults(os.Stdout, rs)
//	if threshold.Breached(rs) {
//		os.Exit(threshold.ExitCode)
//	}
//
// May import: internal/shape, internal/stats.
package threshold
