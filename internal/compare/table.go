package compare

import (
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
)

// WriteTable writes the comparison as a plain-text table: per endpoint and
// for the total, baseline -> current for the request rate, the failure
// ratio and p50/p95/p99 with their change, and the verdict.
func WriteTable(w io.Writer, r *Result) error {
	fmt.Fprintf(w, "baseline: %s\ncurrent:  %s\ngate: %s, tolerance %s, confidence %s, at least %d timed responses a run\n\n",
		r.Baseline, r.Current, r.Metric, percent(r.Tolerance), percent(r.Confidence), r.MinSamples)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "Endpoint\treq/s\tfail ratio\tp50\tp95\tp99\tverdict")
	for _, row := range r.All() {
		b, c, t := row.Baseline, row.Current, times(row)
		fmt.Fprintf(tw, "%s\t%s -> %s\t%s -> %s\t%s\t%s\t%s\t%s\n", row.Endpoint,
			number(b.RPS), number(c.RPS), ratio(b.FailRatio), ratio(c.FailRatio), t[0], t[1], t[2], verdict(row))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	if note := notGating(r); note != "" {
		fmt.Fprintln(w, "\n"+note)
	}
	writeOnly(w, "only in the baseline", r.OnlyBase)
	writeOnly(w, "only in the current run", r.OnlyCurrent)
	_, err := fmt.Fprintln(w, "\n"+Summary(r))
	return err
}

// Summary is the comparison's one-line outcome.
func Summary(r *Result) string {
	var bad []string
	for _, row := range r.All() {
		if row.Regressed {
			bad = append(bad, row.Endpoint+" ("+row.Verdict+")")
		}
	}
	if len(bad) == 0 {
		return "no regression"
	}
	return "REGRESSED: " + strings.Join(bad, ", ")
}

func writeOnly(w io.Writer, title string, keys []string) {
	if len(keys) > 0 {
		fmt.Fprintf(w, "\n%s (not compared): %s\n", title, strings.Join(keys, ", "))
	}
}

// notGating is the note under the table when it shows rows that never
// gate: gust's own connection set-up.
func notGating(r *Result) string {
	for _, row := range r.Rows {
		if !row.Gating {
			return "CONNECT and TLS rows time gust's own connection set-up (not in the total): shown, never gating."
		}
	}
	return ""
}

// verdict is the row's verdict with the change when it is about time:
// "slower (+17.0%)", "slower (+17.0%) and more failures", and "not gated"
// for a row of connection set-up.
func verdict(row Row) string {
	v := row.Verdict
	for _, t := range []string{Slower, Faster} {
		if rest, ok := strings.CutPrefix(row.Verdict, t); ok && row.Change != nil {
			v = fmt.Sprintf("%s (%+.1f%%)%s", t, 100**row.Change, rest)
		}
	}
	if !row.Gating {
		v += ", not gated"
	}
	return v
}

// times is the row's p50, p95 and p99 cells.
func times(row Row) [3]string {
	b, c := row.Baseline, row.Current
	return [3]string{timeChange(b, c, b.P50, c.P50), timeChange(b, c, b.P95, c.P95), timeChange(b, c, b.P99, c.P99)}
}

// timeChange is one time of both sides and its change: "5.02 -> 6.01ms
// (+19.7%)"; a side with no timed response reads n/a, and so does the
// change: "20.9ms -> n/a".
func timeChange(b, c Side, bv, cv float64) string {
	switch {
	case b.Timed == 0 && c.Timed == 0:
		return "n/a"
	case b.Timed == 0:
		return "n/a -> " + number(cv) + "ms"
	case c.Timed == 0:
		return number(bv) + "ms -> n/a"
	}
	s := number(bv) + " -> " + number(cv) + "ms"
	if bv > 0 {
		s += fmt.Sprintf(" (%+.1f%%)", 100*(cv/bv-1))
	}
	return s
}

// number writes a value with three significant digits, without exponent.
func number(v float64) string {
	switch {
	case v >= 100:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case v >= 10:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 2, 64)
}

func percent(f float64) string {
	return strconv.FormatFloat(100*f, 'f', -1, 64) + "%"
}

// ratio is a failure ratio in percent: "0.25%".
func ratio(f float64) string {
	return strconv.FormatFloat(100*f, 'f', 2, 64) + "%"
}
