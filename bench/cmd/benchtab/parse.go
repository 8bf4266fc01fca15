package main

import (
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// result is what one run of a tool reported and cost.
type result struct {
	Requests int64
	Failures int64         // of the requests, as far as the tool says
	P50, P99 time.Duration // as the tool reported them
	CPU      time.Duration // user and system CPU of the tool's process
	RSSKB    int64         // its peak resident memory
}

func (r result) String() string {
	return fmt.Sprintf("requests=%d failures=%d p50_ms=%.3f p99_ms=%.3f cpu_s=%.3f maxrss_kb=%d",
		r.Requests, r.Failures, ms(r.P50), ms(r.P99), r.CPU.Seconds(), r.RSSKB)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

var errNoRequests = errors.New("no request count found")

// parse reads the output of tool.
func parse(tool string, b []byte) (result, error) {
	switch tool {
	case "wrk":
		return parseWrk(string(b))
	case "hey":
		return parseHey(string(b))
	case "k6":
		return parseK6(b)
	case "locust":
		return parseLocust(string(b))
	case "gust":
		return parseGust(b)
	case "ghz":
		return parseGhz(string(b))
	}
	return result{}, fmt.Errorf("unknown tool %q: want wrk, hey, k6, locust, gust or ghz", tool)
}

var (
	ghzCount   = regexp.MustCompile(`(?m)^\s*Count:\s+(\d+)\s*$`)
	ghzStatus  = regexp.MustCompile(`(?m)^\s*\[(\w+)\]\s+(\d+) responses`)
	ghzPercent = regexp.MustCompile(`(?m)^\s*(50|99) % in ([\d.]+) (ns|ms|s)\s*$`)
)

// parseGhz reads ghz's summary: the calls, the calls whose status was not
// OK, and the 50th and 99th percentiles.
func parseGhz(s string) (result, error) {
	m := ghzCount.FindStringSubmatch(s)
	if m == nil {
		return result{}, errNoRequests
	}
	r := result{}
	r.Requests, _ = strconv.ParseInt(m[1], 10, 64)
	for _, st := range ghzStatus.FindAllStringSubmatch(s, -1) {
		if st[1] != "OK" {
			n, _ := strconv.ParseInt(st[2], 10, 64)
			r.Failures += n
		}
	}
	for _, p := range ghzPercent.FindAllStringSubmatch(s, -1) {
		d, err := time.ParseDuration(p[2] + p[3])
		if err != nil {
			return result{}, err
		}
		if p[1] == "50" {
			r.P50 = d
		} else {
			r.P99 = d
		}
	}
	return r, nil
}

var (
	wrkRequests = regexp.MustCompile(`(?m)^\s*(\d+) requests in `)
	wrkNon2xx   = regexp.MustCompile(`(?m)^\s*Non-2xx or 3xx responses: (\d+)`)
	wrkPercent  = regexp.MustCompile(`(?m)^\s*(50|99)(?:\.0+)?%\s+([\d.]+)(us|ms|s)\s*$`)
)

// parseWrk reads wrk --latency's standard output.
func parseWrk(s string) (result, error) {
	m := wrkRequests.FindStringSubmatch(s)
	if m == nil {
		return result{}, errNoRequests
	}
	r := result{}
	r.Requests, _ = strconv.ParseInt(m[1], 10, 64)
	if f := wrkNon2xx.FindStringSubmatch(s); f != nil {
		r.Failures, _ = strconv.ParseInt(f[1], 10, 64)
	}
	for _, p := range wrkPercent.FindAllStringSubmatch(s, -1) {
		d, err := time.ParseDuration(p[2] + strings.Replace(p[3], "us", "µs", 1))
		if err != nil {
			return result{}, err
		}
		if p[1] == "50" {
			r.P50 = d
		} else {
			r.P99 = d
		}
	}
	return r, nil
}

var (
	heyResponses = regexp.MustCompile(`(?m)^\s*\[(\d+)\]\s+(\d+) responses`)
	heyPercent   = regexp.MustCompile(`(?m)^\s*(50|99)% in ([\d.]+) secs`)
)

// parseHey reads hey's standard output: the responses of every status.
func parseHey(s string) (result, error) {
	all := heyResponses.FindAllStringSubmatch(s, -1)
	if all == nil {
		return result{}, errNoRequests
	}
	r := result{}
	for _, m := range all {
		n, _ := strconv.ParseInt(m[2], 10, 64)
		r.Requests += n
		if m[1] >= "400" {
			r.Failures += n
		}
	}
	for _, p := range heyPercent.FindAllStringSubmatch(s, -1) {
		sec, _ := strconv.ParseFloat(p[2], 64)
		d := time.Duration(sec * float64(time.Second))
		if p[1] == "50" {
			r.P50 = d
		} else {
			r.P99 = d
		}
	}
	return r, nil
}

// parseK6 reads the summary JSON that bench/peers/k6.js writes.
func parseK6(b []byte) (result, error) {
	var s struct {
		Metrics map[string]struct {
			Values map[string]float64 `json:"values"`
		} `json:"metrics"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return result{}, err
	}
	reqs, ok := s.Metrics["http_reqs"]
	if !ok {
		return result{}, errNoRequests
	}
	d := s.Metrics["http_req_duration"].Values
	return result{Requests: int64(reqs.Values["count"]), Failures: int64(s.Metrics["http_req_failed"].Values["passes"]),
		P50: millis(d["med"]), P99: millis(d["p(99)"])}, nil
}

// parseLocust reads the Aggregated row of Locust's --csv stats file.
func parseLocust(s string) (result, error) {
	rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil || len(rows) < 2 {
		return result{}, fmt.Errorf("not a Locust stats CSV: %v", err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	for _, row := range rows[1:] {
		if len(row) != len(rows[0]) || row[col["Name"]] != "Aggregated" {
			continue
		}
		n, _ := strconv.ParseInt(row[col["Request Count"]], 10, 64)
		f, _ := strconv.ParseInt(row[col["Failure Count"]], 10, 64)
		p50, _ := strconv.ParseFloat(row[col["50%"]], 64)
		p99, _ := strconv.ParseFloat(row[col["99%"]], 64)
		return result{Requests: n, Failures: f, P50: millis(p50), P99: millis(p99)}, nil
	}
	return result{}, errNoRequests
}

// parseGust reads gust's --json report.
func parseGust(b []byte) (result, error) {
	var s struct {
		Total *struct {
			Requests int64              `json:"num_requests"`
			Failures int64              `json:"num_failures"`
			Pct      map[string]float64 `json:"response_time_percentiles"`
		} `json:"total"`
	}
	if err := json.Unmarshal(b, &s); err != nil {
		return result{}, err
	}
	if s.Total == nil {
		return result{}, errNoRequests
	}
	return result{Requests: s.Total.Requests, Failures: s.Total.Failures,
		P50: millis(s.Total.Pct["0.5"]), P99: millis(s.Total.Pct["0.99"])}, nil
}

func millis(v float64) time.Duration { return time.Duration(v * float64(time.Millisecond)) }

// parseCost reads measure's line: cpu_s and maxrss_kb.
func parseCost(s string) (cpu time.Duration, rssKB int64, err error) {
	kv := map[string]string{}
	for _, f := range strings.Fields(s) {
		if k, v, ok := strings.Cut(f, "="); ok {
			kv[k] = v
		}
	}
	sec, err1 := strconv.ParseFloat(kv["cpu_s"], 64)
	rss, err2 := strconv.ParseInt(kv["maxrss_kb"], 10, 64)
	if err := errors.Join(err1, err2); err != nil {
		return 0, 0, fmt.Errorf("want cpu_s= and maxrss_kb=: %w", err)
	}
	return time.Duration(sec * float64(time.Second)), rss, nil
}
