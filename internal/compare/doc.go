// Package compare tells whether one run of gust got slower than another:
// it reads two --json reports, lines up their endpoints and decides, per
// endpoint and for the total, from the two whole response-time histograms.
//
// A percentile of a short run moves by chance, so comparing two numbers
// says little. For the gating metric (p95 by default) Compare estimates
// how far it moves by chance with a bootstrap over each histogram's
// buckets: resampling n response times from a histogram and taking the
// k-th smallest is the same as taking a Beta(k, n-k+1) distributed
// fraction and reading the histogram's value at that fraction, so each
// bootstrap draw costs a few random numbers and a binary search, whatever
// the number of requests. The draws of the two runs give the distribution
// of the ratio current/baseline; the endpoint is slower when the ratio is
// above 1 in at least Confidence of the draws and the measured change is
// above the tolerance (5% by default): a change must be both real and big
// enough to matter. The seed is fixed, so the same two files always give
// the same verdict. A rise of the failure ratio is judged the same way
// with a one-sided two-proportion z test.
//
// The bootstrap of a percentile only resamples the values seen, so it
// cannot go above the largest one: with few values beyond the percentile
// it understates the chance, and same-distribution pairs were called
// slower in 4 to 7% of comparisons at 3 to 10 requests instead of 1%. So a
// row is judged on time only when both runs have at least MinBeyond (5)
// timed responses on each side of the percentile's rank (100 for p95, 500
// for p99; MinSamples), or MinAverage (30) for the average, whose draws use
// Student's t. Below that the verdict is "too few samples", which never
// gates; a grown failure ratio still does. TestFalseAlarmsAtSmallN measures
// the false alarms over 200 same-distribution pairs per size. A minimum
// was chosen over a test exact at any size (such as counting the values
// above a pooled percentile) because a percentile of so few values says
// little either way, and the minimum is easy to state.
//
// The bootstrap models the chance within each run, not what differs
// between two runs (a busier machine, a cold cache, another neighbour): a
// change from those is real to it. The tolerance is what absorbs them.
//
// A row that had requests in the baseline and completes none now (a hung
// target) is "no responses", a regression; its change is nil (n/a).
// gust's own CONNECT and TLS rows are compared and shown but never gate:
// they time the connection set-up, are not in the total, and have about
// one sample per user.
//
// Endpoints found in only one run are listed apart; the total is always
// compared. Results are written as a text table, JSON, a self-contained
// HTML page, or JUnit XML test cases.
//
// May import: internal/stats, internal/report.
package compare
