// Package web is gust's web UI and HTTP API: the page at /, Locust's
// endpoints with Locust's JSON shapes (so scripts written for Locust's API
// drive gust unchanged), a self-contained HTML report and Prometheus
// metrics.
//
// The server knows the test only through a Controller, which the runner (or
// the master in distributed mode) implements:
//
//	srv, err := web.New(ctl, web.Options{Port: 8089, Login: "admin:secret"})
//	if err != nil {
//		return err // names the option at fault
//	}
//	fmt.Println("web UI at", srv.URL())
//	err = srv.Serve(ctx) // until ctx ends
//
// # Endpoints
//
//	GET  /                     the page (its state and chart history embedded)
//	POST /swarm                start, or edit the running test: user_count, spawn_rate, host, run_time
//	GET  /stop                 stop the test
//	GET  /stats/reset          reset the statistics
//	GET  /stats/requests       live statistics (?since=UNIX adds chart points)
//	GET  /stats/history        chart history; ?method=M&name=N for one endpoint
//	GET  /stats/requests/csv   the _stats.csv content
//	GET  /stats/failures/csv   the _failures.csv content
//	GET  /exceptions           exceptions as JSON
//	GET  /exceptions/csv       the _exceptions.csv content
//	GET  /stats/report         the HTML report (?download=1, ?theme=dark|light)
//	GET  /tasks                task ratios per user kind and in total
//	GET  /worker-count         connected workers
//	GET  /metrics              Prometheus text format (the families of internal/metrics)
//
// MetricsServer serves /metrics alone, with the same Host and login rules,
// for --metrics-listen; MetricsOf is what a Controller shows Prometheus,
// which --prometheus-remote-write pushes too.
//
// /stats/requests keeps Locust's keys and adds gust's own after them: the
// load model (load_model, load_target), how an arrival rate keeps its
// schedule (arrival: requested and achieved rate, dropped, late, lag), the
// thresholds' results (thresholds: passed, aborted, results) and, on each
// entry that has them, the percentiles corrected for coordinated omission
// (corrected_response_time_percentile_0.95 and _0.99).
//
// # Load models and thresholds
//
// The page shows what Controller.Model, ThresholdResults and the snapshot
// say about the load model: the header names a load shape or an arrival
// rate, which decide the users themselves, so the Edit button is gone and
// the start form asks only for what the model leaves open (POST /swarm
// then takes no user_count or spawn_rate, as Locust's does for a shape).
// The Statistics tab shows the arrival schedule and the corrected
// percentiles; a Thresholds tab lists each threshold as pass, FAIL, ERROR
// or, while the test runs and it has nothing to measure yet, waiting. The
// HTML report has the same sections.
//
// # Security
//
// The server listens on 127.0.0.1 unless Options.Host says otherwise; give
// "0.0.0.0" to open it to the network, and then also a Login and TLS. While
// it listens on loopback only, it answers only requests whose Host header is
// localhost or a loopback address, so a web page that rebinds its own name
// to 127.0.0.1 can't reach it.
//
// With a Login every page and endpoint asks for HTTP Basic authentication
// (or, for a token, "Authorization: Bearer TOKEN"); credentials are
// compared in constant time.
//
// The state-changing requests (POST /swarm, GET /stop and GET /stats/reset,
// which Locust serves with GET) refuse cross-site requests: a request whose
// Sec-Fetch-Site header is "cross-site" or "same-site", or whose Origin or
// Referer names another host than its Host header, gets 403. Browsers send
// these headers; curl and scripts send none of them, and are let through as
// with Locust. Every answer also forbids framing (X-Frame-Options and a
// Content-Security-Policy that confines the page to its own origin).
//
// # Assets
//
// The page is hand-written HTML, CSS and JavaScript under assets/, embedded
// with go:embed; the charts use uPlot, vendored under assets/vendor (see its
// README for the version and how to update it). Nothing needs Node to build.
//
// May import: internal/capacity, internal/metrics, internal/monitor, internal/report, internal/stats.
package web
