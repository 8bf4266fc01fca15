// Package report renders gust's statistics: everything gust prints or writes
// about a run is made here from one *stats.Snapshot.
//
// # Console
//
// WriteTable is the table printed every two seconds while a test runs and,
// with final set, the first part of the summary printed at the end
// (WriteSummary adds the percentiles, the percentiles corrected for
// coordinated omission when there are any, failures and exceptions). An
// arrival-rate test adds lines on how it keeps its schedule: the rate asked
// for and achieved, dropped and late iterations, the lag and the pool. Every line of
// a table fits in 80 columns and is plain ASCII, so it reads the same in a
// terminal and in a log file. Each entry takes two lines, its Type and Name,
// then its numbers:
//
//	Type    Name
//	 # reqs       # fails   Med   95%   99%   Avg   Min   Max Avg size  req/s fail/s
//	--------------------------------------------------------------------------------
//	GET     /item?id=[id]
//	    169         0(0%) 4.0ms  27ms  27ms 8.1ms 1.3ms  27ms     110B   4.00   0.00
//
// Console lays the tables out for where they go. On a terminal wider than
// 80 columns (Console.Width) each entry takes one line, its Type and Name in
// a column as wide as the longest needs (or as the terminal leaves), then the
// numbers; at 80 columns and in logs the layout above is kept.
// Console.WriteLive heads the live table with the test's state and its
// elapsed and remaining time (Progress) and shows only the Console.MaxRows
// busiest entries, with a line saying how many more there are; the summary,
// the CSV and the JSON keep every entry:
//
//	running | elapsed 0:01:05 | remaining 0:03:55
//
// Response times take at most five characters (850us, 4.1ms, 12ms, 1.20s),
// large counts are shortened (12.35M); a dash stands for a value that does
// not exist yet. Names too long for the line are shortened in the middle
// ("/api/v1/...ers/[id]").
//
// # CSV
//
// WriteStatsCSV, WriteHistoryRows, WriteFailuresCSV and WriteExceptionsCSV
// write Locust's four --csv files with Locust's headers (the failures file
// has the current Locust's six columns, with First Seen and Last Seen).
// Response times are milliseconds: the median and percentiles are exact to
// the microsecond ("4.123", "200") or N/A when there is no sample; averages,
// minimums and maximums are unrounded. CSVFiles keeps the four files of a
// prefix up to date during a run and, on Close, writes the final snapshot so
// that they agree with the final summary.
//
// # JSON
//
// WriteJSON writes the final statistics as one JSON object (JSONReport), for
// scripts. Its shape:
//
//	{
//	  "start_time": "2026-01-02T15:04:05Z",   // RFC 3339, UTC: statistics start
//	  "end_time": "2026-01-02T15:05:05Z",     // RFC 3339, UTC: the snapshot
//	  "duration_s": 60,                       // end_time - start_time, seconds
//	  "user_count": 10,                       // users running at the end
//	  "user_kinds": {"WebsiteUser": 10},      // users per kind
//	  "stats": [ENTRY, ...],                  // per (method, name), sorted by name then method
//	  "total": ENTRY,                         // the aggregated entry: name "Aggregated", method ""
//	  "errors": [                             // failures, most occurrences first
//	    {"method": "GET", "name": "/missing", "error": "404 Not Found",
//	     "occurrences": 96, "first_seen": 1767366245.5, "last_seen": 1767366304.9}
//	  ],
//	  "exceptions": [                         // errors raised in user code, most frequent first
//	    {"count": 3, "msg": "boom", "traceback": "...", "nodes": ["local"]}
//	  ]
//	}
//
// An ENTRY keeps the key names of Locust's serialized statistics. Response
// times are float milliseconds; timestamps are float Unix seconds (0 when
// there was no request); the median and percentiles are exact to the
// microsecond, and like the minimum and maximum are 0 without a timed
// request:
//
//	{
//	  "name": "/item", "method": "GET",
//	  "num_requests": 169, "num_failures": 0, "num_none_requests": 0, "interrupted": 0,
//	  "total_response_time": 857.0, "min_response_time": 1.284085,
//	  "max_response_time": 26.885613, "avg_response_time": 5.0710,
//	  "median_response_time": 4.123,
//	  "total_content_length": 18590, "avg_content_length": 110,
//	  "total_rps": 15.37, "total_fail_per_sec": 0, "fail_ratio": 0,
//	  "start_time": 1767366245.5, "last_request_timestamp": 1767366304.9,
//	  "response_time_percentiles": {"0.5": 4.123, "0.66": 5.01, "0.75": 6.9,
//	    "0.8": 7.2, "0.9": 9.1, "0.95": 12.05, "0.98": 17.3, "0.99": 23.1,
//	    "0.999": 26.885, "0.9999": 26.885, "1.0": 26.885},
//	  "histogram": "HISTFAAAAIt4nO3..."
//	}
//
// "histogram" holds every response time of the entry (microseconds, 0.1%
// precision) as an HdrHistogram in its standard V2 compressed base64
// encoding, which HdrHistogram's tools in every language read: two runs can
// be merged or compared exactly later (gust compare does). An entry without
// a timed request leaves it out.
//
// An entry of a test on a schedule (an arrival rate, or users with
// ConstantPacing) also has "corrected_response_time_percentiles": the same
// keys for the response times measured from when each request's iteration
// was due rather than from when it was sent (corrected for coordinated
// omission, as wrk2 reports them). Entries without such samples leave it out.
//
// Three top-level sections appear only when they apply. "arrival" is how an
// arrival-rate test kept its schedule (rates in iterations per second over
// the whole test, max_lag in milliseconds):
//
//	"arrival": {"target": "500/s", "requested_rate": 500, "achieved_rate": 498.33,
//	  "due": 15000, "started": 14950, "dropped": 50, "late": 1312,
//	  "max_lag": 1402, "users": 37, "max_users": 1000}
//
// "thresholds" is the pass/fail verdict (WithThresholds), each result in the
// order given, with "error" saying why one could not be evaluated:
//
//	"thresholds": {"passed": false, "aborted": false, "results": [
//	  {"threshold": "p95<300ms", "filter": "", "metric": "p95", "op": "<",
//	   "limit": "300ms", "actual": "412.5ms", "value": 412.5, "pass": false}]}
//
// "prometheus_remote_write" is how the pushes to --prometheus-remote-write
// went (WithRemoteWrite): pushes that arrived, the final one included, and
// pushes dropped, with why the first one failed:
//
//	"prometheus_remote_write": {"url": "http://127.0.0.1:9090/api/v1/write",
//	  "pushed": 0, "dropped": 13, "error": "... connect: connection refused"}
//
// Arrays and objects are never null. Later versions add top-level sections
// (through new JSONReport fields and JSONOption) but do not rename, remove or
// change the meaning of the keys above.
//
// # JUnit
//
// WriteJUnit writes JUnit XML test suites, which CI systems show next to
// the tests; ThresholdsJUnit makes one case per threshold (failed when
// breached, an error when it could not be measured), and gust compare one
// per endpoint.
//
// May import: internal/stats, internal/threshold.
package report
