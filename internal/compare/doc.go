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
// Endpoints found in only one run are listed apart; the total is always
// compared. Results are written as a text table, JSON, a self-contained
// HTML page, or JUnit XML test cases.
//
// May import: internal/stats, internal/report.
package compare
