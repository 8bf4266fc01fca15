package report

import (
	"encoding/json"
	"io"
	"maps"
	"strconv"
	"strings"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// JSONReport is the document that --json prints: gust's final statistics.
// Its shape is described in the package documentation. New top-level
// sections are added as new fields (with omitempty), so a reader written for
// one version of gust keeps working with the next.
type JSONReport struct {
	StartTime  time.Time       `json:"start_time"` // RFC 3339, UTC
	EndTime    time.Time       `json:"end_time"`   // RFC 3339, UTC
	DurationS  float64         `json:"duration_s"`
	UserCount  int             `json:"user_count"`
	UserKinds  map[string]int  `json:"user_kinds"`
	Stats      []JSONEntry     `json:"stats"` // sorted by name, then method
	Total      JSONEntry       `json:"total"`
	Errors     []JSONError     `json:"errors"`     // most occurrences first
	Exceptions []JSONException `json:"exceptions"` // most frequent first
	// Arrival is how an arrival-rate test kept its schedule; absent for a
	// test of a number of users.
	Arrival *JSONArrival `json:"arrival,omitempty"`
	// Thresholds are the pass/fail results; absent when none were given.
	Thresholds *JSONThresholds `json:"thresholds,omitempty"`
	// RemoteWrite is how the pushes to --prometheus-remote-write went;
	// absent without it.
	RemoteWrite *JSONRemoteWrite `json:"prometheus_remote_write,omitempty"`
}

// JSONRemoteWrite is the "prometheus_remote_write" section of the JSON
// report.
type JSONRemoteWrite struct {
	URL     string `json:"url"`
	Pushed  int64  `json:"pushed"`          // pushes that arrived, the final one included
	Dropped int64  `json:"dropped"`         // pushes that failed and were dropped
	Error   string `json:"error,omitempty"` // why the first dropped push failed
}

// WithRemoteWrite adds the "prometheus_remote_write" section.
func WithRemoteWrite(rw JSONRemoteWrite) JSONOption {
	return func(r *JSONReport) { r.RemoteWrite = &rw }
}

// JSONEntry is the statistics of one (method, name) pair, or of all of them
// (the total). It keeps the key names of Locust's serialized entries; every
// response time is in float milliseconds, and timestamps are Unix seconds as
// in Locust.
type JSONEntry struct {
	Name            string `json:"name"`
	Method          string `json:"method"`
	NumRequests     int64  `json:"num_requests"`
	NumFailures     int64  `json:"num_failures"`
	NumNoneRequests int64  `json:"num_none_requests"`
	// Interrupted counts the requests in flight when the test ended, cut
	// short: not in num_requests, not failures of the target.
	Interrupted          int64   `json:"interrupted"`
	TotalResponseTime    float64 `json:"total_response_time"`
	MinResponseTime      float64 `json:"min_response_time"`
	MaxResponseTime      float64 `json:"max_response_time"`
	AvgResponseTime      float64 `json:"avg_response_time"`
	MedianResponseTime   float64 `json:"median_response_time"`
	TotalContentLength   int64   `json:"total_content_length"`
	AvgContentLength     float64 `json:"avg_content_length"`
	TotalRPS             float64 `json:"total_rps"`
	TotalFailPerSec      float64 `json:"total_fail_per_sec"`
	FailRatio            float64 `json:"fail_ratio"`
	StartTime            float64 `json:"start_time"`             // Unix seconds, 0 if none
	LastRequestTimestamp float64 `json:"last_request_timestamp"` // Unix seconds, 0 if none
	// ResponseTimePercentiles maps each of stats.Percentiles, written as
	// "0.5", "0.66", ... "1.0", to its response time in milliseconds.
	ResponseTimePercentiles map[string]float64 `json:"response_time_percentiles"`
	// CorrectedResponseTimePercentiles is ResponseTimePercentiles for the
	// response times corrected for coordinated omission (measured from when
	// each request's iteration was due); absent when the entry has none.
	CorrectedResponseTimePercentiles map[string]float64 `json:"corrected_response_time_percentiles,omitempty"`
	// Histogram is every response time of the entry, in microseconds, as
	// an HdrHistogram in the standard V2 compressed base64 encoding
	// ("HISTFAAA..."); absent when the entry has none. gust compare reads
	// it, and so do HdrHistogram's own tools.
	Histogram string `json:"histogram,omitempty"`
}

// JSONError is one kind of failure, with Locust's key names.
type JSONError struct {
	Method      string  `json:"method"`
	Name        string  `json:"name"`
	Error       string  `json:"error"`
	Occurrences int64   `json:"occurrences"`
	FirstSeen   float64 `json:"first_seen"` // Unix seconds
	LastSeen    float64 `json:"last_seen"`  // Unix seconds
	// Example is the first failure's own text, when gust took volatile
	// parts (raw bytes, times, ids) out of it to group it under Error.
	Example string `json:"example,omitempty"`
}

// JSONException is an error raised in user code, with the key names of
// Locust's /exceptions endpoint.
type JSONException struct {
	Count     int64    `json:"count"`
	Message   string   `json:"msg"`
	Traceback string   `json:"traceback"`
	Nodes     []string `json:"nodes"`
}

// JSONOption adds to a JSONReport before it is written, for sections that
// do not come from the snapshot.
type JSONOption func(*JSONReport)

// NewJSONReport builds the JSON report of s.
func NewJSONReport(s *stats.Snapshot) *JSONReport {
	r := &JSONReport{
		StartTime:  s.Start.UTC(),
		EndTime:    s.Time.UTC(),
		UserCount:  s.Users,
		UserKinds:  maps.Clone(s.UserKinds),
		Stats:      []JSONEntry{},
		Total:      jsonEntry(total(s)),
		Errors:     make([]JSONError, 0, len(s.Errors)),
		Exceptions: make([]JSONException, 0, len(s.Exceptions)),
		Arrival:    ArrivalJSON(s.Arrival),
	}
	if !s.Start.IsZero() && !s.Time.IsZero() {
		r.DurationS = s.Time.Sub(s.Start).Seconds()
	}
	if r.UserKinds == nil {
		r.UserKinds = map[string]int{}
	}
	for _, e := range sortedEntries(s) {
		r.Stats = append(r.Stats, jsonEntry(e))
	}
	for _, e := range s.Errors {
		r.Errors = append(r.Errors, JSONError{e.Method, e.Name, e.Error, e.Occurrences,
			unixSeconds(e.FirstSeen), unixSeconds(e.LastSeen), e.Example})
	}
	for _, e := range s.Exceptions {
		nodes := append([]string{}, e.Nodes...)
		r.Exceptions = append(r.Exceptions, JSONException{e.Count, e.Message, e.Traceback, nodes})
	}
	return r
}

// WriteJSON writes the JSON report of s to w, indented, after applying opts.
func WriteJSON(w io.Writer, s *stats.Snapshot, opts ...JSONOption) error {
	r := NewJSONReport(s)
	for _, o := range opts {
		o(r)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // "p95<300ms", not "p95\u003c300ms"; it is not for a web page
	return enc.Encode(r)
}

func jsonEntry(e *stats.Entry) JSONEntry {
	j := JSONEntry{
		Name: e.Name, Method: e.Method,
		NumRequests: e.Requests, NumFailures: e.Failures, NumNoneRequests: e.NoTime,
		Interrupted:       e.Interrupted,
		TotalResponseTime: stats.Millis(e.TotalTime),
		MinResponseTime:   stats.Millis(e.Min), MaxResponseTime: stats.Millis(e.Max),
		AvgResponseTime: avgMillis(e), MedianResponseTime: millisFloat(e.Median()),
		TotalContentLength: e.ContentLength, AvgContentLength: e.AvgSize(),
		TotalRPS: e.TotalRPS(), TotalFailPerSec: e.TotalFailPerSec(), FailRatio: e.FailRatio(),
		StartTime: unixSeconds(e.First), LastRequestTimestamp: unixSeconds(e.Last),
		ResponseTimePercentiles: make(map[string]float64, len(stats.Percentiles)),
	}
	for _, q := range stats.Percentiles {
		j.ResponseTimePercentiles[PercentileKey(q)] = millisFloat(e.Percentile(q))
	}
	j.CorrectedResponseTimePercentiles = correctedPercentiles(e)
	j.Histogram, _ = stats.EncodeHistogram(e.Hist) // fails only for a geometry gust never makes
	return j
}

// PercentileKey is the key of fraction q in response_time_percentiles, as
// Python prints a float: "0.5", "0.999", "1.0".
func PercentileKey(q float64) string {
	s := strconv.FormatFloat(q, 'f', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// unixSeconds is t as float Unix seconds (microsecond precision), 0 for the
// zero time.
func unixSeconds(t time.Time) float64 {
	if t.IsZero() {
		return 0
	}
	return float64(t.UnixMicro()) / 1e6
}
