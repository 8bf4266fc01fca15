// Package metrics names gust's statistics in Prometheus terms, once, for
// every way they leave gust: the /metrics page of the web UI and of
// --metrics-listen (the text exposition format, WriteText) and the pushes of
// --prometheus-remote-write (internal/promwrite), so that a series has the
// same name and labels whether Prometheus scraped it or received it.
//
// Families builds the families from a Run: the requests, failures and
// response-time histogram (fixed buckets, LatencyBuckets) per endpoint, the
// users in total and per kind, the current request rate, the runner's
// state, the generator's saturation and CPU, an arrival-rate test's
// iterations, and a master's workers.
//
// May import: internal/stats.
package metrics
