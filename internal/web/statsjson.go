package web

import (
	"cmp"
	"math"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// maxRows is how many entries and errors /stats/requests lists, as in
// Locust. With more entries gust keeps the busiest ones (Locust keeps the
// first by name) and says how many it left off.
const maxRows = 500

// statsRow is one entry of /stats/requests, in Locust's to_dict shape.
// Response times are milliseconds; gust's percentiles are exact to 0.1%
// rather than Locust's two-digit buckets.
type statsRow struct {
	Method            string  `json:"method"`
	Name              string  `json:"name"`
	NumRequests       int64   `json:"num_requests"`
	NumFailures       int64   `json:"num_failures"`
	MinResponseTime   float64 `json:"min_response_time"`
	MaxResponseTime   float64 `json:"max_response_time"`
	CurrentRPS        float64 `json:"current_rps"`
	CurrentFailPerSec float64 `json:"current_fail_per_sec"`
	AvgResponseTime   float64 `json:"avg_response_time"`
	Median            float64 `json:"median_response_time"`
	TotalRPS          float64 `json:"total_rps"`
	TotalFailPerSec   float64 `json:"total_fail_per_sec"`
	P95               float64 `json:"response_time_percentile_0.95"`
	P99               float64 `json:"response_time_percentile_0.99"`
	AvgContentLength  float64 `json:"avg_content_length"`
	// The response times corrected for coordinated omission (measured
	// from when each request's iteration was due), whole run; absent when
	// the entry has none.
	CorrectedP95 *float64 `json:"corrected_response_time_percentile_0.95,omitempty"`
	CorrectedP99 *float64 `json:"corrected_response_time_percentile_0.99,omitempty"`
	// Interrupted counts the requests in flight when the test ended, cut
	// short (not failures); absent when there were none.
	Interrupted int64 `json:"interrupted,omitempty"`
}

// errorRow is one failure kind of /stats/requests; times are Unix seconds.
type errorRow struct {
	Method      string  `json:"method"`
	Name        string  `json:"name"`
	Error       string  `json:"error"`
	Occurrences int64   `json:"occurrences"`
	FirstSeen   float64 `json:"first_seen"`
	LastSeen    float64 `json:"last_seen"`
	// Example is the first failure's own text when it differs from Error
	// (gust groups failures without their raw bytes, times and ids).
	Example string `json:"example,omitempty"`
}

// statsBody is GET /stats/requests: Locust's fields, then gust's own.
type statsBody struct {
	Stats              []statsRow         `json:"stats"`
	Errors             []errorRow         `json:"errors"`
	CurrentRPS         float64            `json:"current_rps"`
	CurrentFailPerSec  float64            `json:"current_fail_per_sec"`
	TotalRPS           float64            `json:"total_rps"`
	TotalFailPerSec    float64            `json:"total_fail_per_sec"`
	FailRatio          float64            `json:"fail_ratio"`
	CurrentPercentiles map[string]float64 `json:"current_response_time_percentiles"`
	Workers            []Worker           `json:"workers,omitempty"`
	WorkerCount        int                `json:"worker_count,omitempty"`
	State              string             `json:"state"`
	UserCount          int                `json:"user_count"`

	Host             string         `json:"host"`
	Start            float64        `json:"start"` // when the statistics started, Unix seconds
	UserKinds        map[string]int `json:"user_kinds,omitempty"`
	Saturated        bool           `json:"saturated"`
	SaturationDetail string         `json:"saturation_detail,omitempty"`
	TruncatedEntries int            `json:"truncated_entries,omitempty"`
	TruncatedErrors  int            `json:"truncated_errors,omitempty"`
	History          *columns       `json:"history,omitempty"` // with ?since=UNIX only

	LoadModel  string          `json:"load_model"`            // one of the Model* constants
	LoadTarget string          `json:"load_target,omitempty"` // "500/s", "1m:100:10,5m:100"
	Arrival    *arrivalBody    `json:"arrival,omitempty"`     // arrival-rate tests only
	Thresholds *thresholdsBody `json:"thresholds,omitempty"`  // when the test has thresholds
}

// statsRequests serves GET /stats/requests. With ?since=UNIX it also
// carries the aggregated chart points taken after that second.
func (s *Server) statsRequests(w http.ResponseWriter, r *http.Request) {
	snap := s.snapshot()
	body := s.statsBodyOf(snap)
	if v := r.URL.Query().Get("since"); v != "" {
		since, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, result{Message: "gust: since " + strconv.Quote(v) + ": want Unix seconds"})
			return
		}
		h := historyOf(snap.History, since)
		body.History = &h
	}
	writeJSON(w, http.StatusOK, body)
}

func (s *Server) statsBodyOf(snap *stats.Snapshot) statsBody {
	now, t := snap.Time, snap.Total
	saturated, detail := s.ctl.Saturation()
	workers := s.ctl.Workers()
	entries := busiest(snap.Entries, maxRows)
	b := statsBody{
		Errors:            errorRows(snap.Errors),
		CurrentRPS:        t.CurrentRPS(now),
		CurrentFailPerSec: t.CurrentFailPerSec(now),
		TotalRPS:          t.TotalRPS(),
		TotalFailPerSec:   t.TotalFailPerSec(),
		FailRatio:         t.FailRatio(),
		CurrentPercentiles: map[string]float64{
			percentileKey(0.5): ms(t.CurrentPercentile(0.5)), percentileKey(0.95): ms(t.CurrentPercentile(0.95)),
		},
		Workers: workers, WorkerCount: len(workers),
		State: s.ctl.State(), UserCount: snap.Users, Host: s.ctl.Host(), UserKinds: snap.UserKinds,
		Start:     unixSeconds(snap.Start),
		Saturated: saturated, SaturationDetail: detail,
		TruncatedEntries: len(snap.Entries) - len(entries), TruncatedErrors: max(0, len(snap.Errors)-maxRows),
		Arrival: arrivalOf(snap.Arrival), Thresholds: thresholdsOf(s.ctl),
	}
	b.LoadModel, b.LoadTarget = s.ctl.Model()
	b.Stats = s.rows.get(snap, entries)
	return b
}

// rowCache keeps the rows of the last snapshot: computing percentiles for
// hundreds of entries is the costly part of a poll, and every open page and
// script polls the same snapshot.
type rowCache struct {
	mu   sync.Mutex
	snap *stats.Snapshot
	rows []statsRow
}

// get returns the rows of entries and the total of snap, computing them
// only for a new snapshot. The caller must not change them.
func (c *rowCache) get(snap *stats.Snapshot, entries []*stats.Entry) []statsRow {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.snap == snap {
		return c.rows
	}
	rows := make([]statsRow, 0, len(entries)+1)
	for _, e := range entries {
		rows = append(rows, rowOf(e, snap.Time))
	}
	c.snap, c.rows = snap, append(rows, rowOf(snap.Total, snap.Time))
	return c.rows
}

// busiest returns at most n entries, the ones with the most requests, in
// the snapshot's order (name, then method).
func busiest(es []*stats.Entry, n int) []*stats.Entry {
	if len(es) <= n {
		return es
	}
	top := slices.Clone(es)
	slices.SortStableFunc(top, func(a, b *stats.Entry) int { return cmp.Compare(b.Requests, a.Requests) })
	top = top[:n]
	stats.SortEntries(top)
	return top
}

func rowOf(e *stats.Entry, now time.Time) statsRow {
	p95, p99 := correctedOf(e)
	return statsRow{
		CorrectedP95: p95, CorrectedP99: p99,
		Method: e.Method, Name: e.Name, NumRequests: e.Requests, NumFailures: e.Failures,
		MinResponseTime: ms(e.Min), MaxResponseTime: ms(e.Max),
		CurrentRPS: e.CurrentRPS(now), CurrentFailPerSec: e.CurrentFailPerSec(now),
		AvgResponseTime: ms(e.Avg()), Median: ms(e.Median()),
		TotalRPS: e.TotalRPS(), TotalFailPerSec: e.TotalFailPerSec(),
		P95: ms(e.Percentile(0.95)), P99: ms(e.Percentile(0.99)),
		AvgContentLength: e.AvgSize(), Interrupted: e.Interrupted,
	}
}

func errorRows(es []*stats.Error) []errorRow {
	rows := make([]errorRow, 0, min(len(es), maxRows))
	for _, e := range es[:min(len(es), maxRows)] {
		rows = append(rows, errorRow{
			Method: e.Method, Name: e.Name, Error: e.Error, Occurrences: e.Occurrences,
			FirstSeen: unixSeconds(e.FirstSeen), LastSeen: unixSeconds(e.LastSeen), Example: e.Example,
		})
	}
	return rows
}

// percentileKey is Locust's key for a percentile: response_time_percentile_0.95.
func percentileKey(q float64) string {
	return "response_time_percentile_" + strconv.FormatFloat(q, 'f', -1, 64)
}

// ms is a duration in milliseconds, rounded to the microsecond.
func ms(d time.Duration) float64 {
	return math.Round(stats.Millis(d)*1000) / 1000
}

// unixSeconds is t as fractional Unix seconds (0 for the zero time),
// rounded to the millisecond.
func unixSeconds(t time.Time) float64 {
	if t.IsZero() {
		return 0
	}
	return math.Round(float64(t.UnixMilli())) / 1000
}
