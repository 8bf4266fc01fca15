// Package promwrite pushes gust's metrics to a Prometheus remote-write
// endpoint (--prometheus-remote-write): Prometheus itself with
// --web.enable-remote-write-receiver, Grafana Mimir or Cloud, Thanos,
// VictoriaMetrics, Cortex and the like.
//
// Every push carries every series of internal/metrics, named and labelled
// as /metrics names them, plus the labels given with --prometheus-label,
// all stamped with the time of the push. A Pusher pushes from its own
// goroutine every interval (5 s by default) and once more at the end with
// the final totals, so the series end exactly at the summary's counts. The
// protocol (protocol buffers, snappy, headers, retries) is client_golang's
// exp/api/remote; the messages are remote write 1.0's (package prompb),
// which every receiver reads.
//
// A push that fails (the endpoint is down, refuses, or is slower than the
// timeout) is dropped and counted; the first failure is logged once with
// its reason. Nothing a push does ever waits on the users or slows them.
//
// May import: internal/metrics, internal/promwrite/prompb.
package promwrite
