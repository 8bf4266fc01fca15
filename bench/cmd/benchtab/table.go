package main

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"
)

// row is one tool's results over the rounds.
type row struct {
	label      string
	throughput []result
	delay      []result
}

// readResults reads lines of "label<TAB>scenario<TAB>result line", in the
// order the labels first appear.
func readResults(s string) ([]*row, error) {
	var rows []*row
	byLabel := map[string]*row{}
	for n, line := range strings.Split(strings.TrimSpace(s), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("line %d: want label, scenario and result separated by tabs: %q", n+1, line)
		}
		r, err := parseResult(f[2])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n+1, err)
		}
		rw := byLabel[f[0]]
		if rw == nil {
			rw = &row{label: f[0]}
			byLabel[f[0]] = rw
			rows = append(rows, rw)
		}
		switch f[1] {
		case "throughput":
			rw.throughput = append(rw.throughput, r)
		case "delay":
			rw.delay = append(rw.delay, r)
		default:
			return nil, fmt.Errorf("line %d: scenario %q: want throughput or delay", n+1, f[1])
		}
	}
	return rows, nil
}

// parseResult reads a result's String form back.
func parseResult(s string) (result, error) {
	kv := map[string]float64{}
	for _, f := range strings.Fields(s) {
		k, v, ok := strings.Cut(f, "=")
		if !ok {
			return result{}, fmt.Errorf("%q is not key=value", f)
		}
		x, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return result{}, fmt.Errorf("%s: %w", k, err)
		}
		kv[k] = x
	}
	return result{Requests: int64(kv["requests"]), Failures: int64(kv["failures"]), P50: millis(kv["p50_ms"]), P99: millis(kv["p99_ms"]),
		CPU: time.Duration(kv["cpu_s"] * float64(time.Second)), RSSKB: int64(kv["maxrss_kb"])}, nil
}

// perCPU is the median of requests per CPU-second over the runs.
func perCPU(rs []result) float64 {
	var v []float64
	for _, r := range rs {
		if r.CPU > 0 {
			v = append(v, float64(r.Requests)/r.CPU.Seconds())
		}
	}
	return median(v)
}

func median(v []float64) float64 {
	if len(v) == 0 {
		return 0
	}
	slices.Sort(v)
	if len(v)%2 == 1 {
		return v[len(v)/2]
	}
	return (v[len(v)/2-1] + v[len(v)/2]) / 2
}

// medianOf is the median of f over the runs.
func medianOf(rs []result, f func(result) float64) float64 {
	v := make([]float64, len(rs))
	for i, r := range rs {
		v[i] = f(r)
	}
	return median(v)
}

// peakRSS is the largest peak resident memory of the runs, in MB.
func peakRSS(rs ...[]result) float64 {
	var kb int64
	for _, runs := range rs {
		for _, r := range runs {
			kb = max(kb, r.RSSKB)
		}
	}
	return float64(kb) / 1024
}

// writeTable prints the table in Markdown, ratios against the row labelled
// "wrk...".
func writeTable(w io.Writer, rows []*row) {
	base := 0.0
	for _, r := range rows {
		if strings.HasPrefix(r.label, "wrk") {
			base = perCPU(r.throughput)
		}
	}
	fmt.Fprintln(w, "| tool | requests per CPU-second | × wrk | peak RSS | p50 at 50 ms | p99 at 50 ms |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|---:|")
	for _, r := range rows {
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", r.label, rate(perCPU(r.throughput)),
			ratio(perCPU(r.throughput), base), mb(peakRSS(r.throughput, r.delay)),
			latency(r.delay, func(x result) float64 { return ms(x.P50) }),
			latency(r.delay, func(x result) float64 { return ms(x.P99) }))
	}
}

func rate(v float64) string {
	if v == 0 {
		return "–"
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}

func ratio(v, base float64) string {
	if v == 0 || base == 0 {
		return "–"
	}
	return fmt.Sprintf("%.2f", v/base)
}

func mb(v float64) string {
	if v == 0 {
		return "–"
	}
	return fmt.Sprintf("%.0f MB", v)
}

// latency is the median of f over the runs; a tool that reported no value
// (zero) shows "–".
func latency(rs []result, f func(result) float64) string {
	if v := medianOf(rs, f); v > 0 {
		return fmt.Sprintf("%.1f ms", v)
	}
	return "–"
}
