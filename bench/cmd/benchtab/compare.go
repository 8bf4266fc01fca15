package main

import (
	"fmt"
	"io"
	"strings"
)

// group is the rows of one comparison of `benchtab compare`: the first row
// is the others' baseline.
type group struct {
	name string
	rows []*row // each row's runs are in its throughput
}

// readGroups reads lines of "label<TAB>group<TAB>result line" into groups,
// in the order groups and labels first appear.
func readGroups(s string) ([]*group, error) {
	var groups []*group
	byName := map[string]*group{}
	byLabel := map[string]*row{}
	for n, line := range strings.Split(strings.TrimSpace(s), "\n") {
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("line %d: want label, group and result separated by tabs: %q", n+1, line)
		}
		r, err := parseResult(f[2])
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", n+1, err)
		}
		g := byName[f[1]]
		if g == nil {
			g = &group{name: f[1]}
			byName[f[1]] = g
			groups = append(groups, g)
		}
		key := f[1] + "\t" + f[0]
		if byLabel[key] == nil {
			byLabel[key] = &row{label: f[0]}
			g.rows = append(g.rows, byLabel[key])
		}
		byLabel[key].throughput = append(byLabel[key].throughput, r)
	}
	return groups, nil
}

// writeComparison prints one Markdown table: per group, each row's calls
// per CPU-second (median over the runs), its ratio to the group's first
// row, its peak memory, failures and the median p50 and p99 it reported.
func writeComparison(w io.Writer, groups []*group) {
	fmt.Fprintln(w, "| comparison | tool | calls per CPU-second | × first | peak RSS | failed | p50 | p99 |")
	fmt.Fprintln(w, "|---|---|---:|---:|---:|---:|---:|---:|")
	for _, g := range groups {
		base := perCPU(g.rows[0].throughput)
		for _, r := range g.rows {
			runs := r.throughput
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %d | %s | %s |\n", g.name, r.label, rate(perCPU(runs)),
				ratio(perCPU(runs), base), mb(peakRSS(runs)), failures(runs),
				latency(runs, func(x result) float64 { return ms(x.P50) }),
				latency(runs, func(x result) float64 { return ms(x.P99) }))
		}
	}
}

// failures adds up the failures of the runs.
func failures(rs []result) int64 {
	var n int64
	for _, r := range rs {
		n += r.Failures
	}
	return n
}
