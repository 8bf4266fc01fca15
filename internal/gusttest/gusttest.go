// Package gusttest runs a short gust test in-process for the tests of the
// packages built on gust's public API (the protocol packages, the
// examples), and reads back what it recorded from its CSV files, as a user
// of gust would.
//
// May import: gust.
package gusttest

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/gustload/gust"
)

// Row is one line of the statistics CSV: one request type and name.
type Row struct {
	Requests, Failures int64
	AvgSize            float64
}

// Result is what a test recorded.
type Result struct {
	// Code is the exit code of the run.
	Code int
	// Rows are by "TYPE NAME", such as "GRPC /gust.demo.Demo/Echo".
	Rows map[string]Row
	// Failures count the occurrences by "TYPE NAME: error".
	Failures map[string]int64
}

// Run runs users with "--headless --only-summary --csv DIR/run
// --exit-code-on-error 0" and then args (which should bound the run, such
// as "-u", "2", "-t", "1s"), and returns what the run recorded.
func Run(t testing.TB, args []string, users ...gust.User) Result {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "run")
	all := append([]string{"--headless", "--only-summary", "--csv", prefix, "--exit-code-on-error", "0"}, args...)
	res := Result{Code: gust.Run(all, users...)}
	res.Rows = rows(t, readCSV(t, prefix+"_stats.csv"))
	res.Failures = failures(t, readCSV(t, prefix+"_failures.csv"))
	return res
}

// readCSV reads a CSV file as maps by column name.
func readCSV(t testing.TB, path string) []map[string]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("gusttest: the run wrote no CSV: %v", err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("gusttest: %s: %v", path, err)
	}
	var out []map[string]string
	for _, rec := range recs[1:] {
		m := map[string]string{}
		for i, col := range recs[0] {
			m[col] = rec[i]
		}
		out = append(out, m)
	}
	return out
}

// rows reads the statistics CSV's lines, but the aggregated one.
func rows(t testing.TB, recs []map[string]string) map[string]Row {
	out := map[string]Row{}
	for _, r := range recs {
		if r["Name"] == "Aggregated" && r["Type"] == "" {
			continue
		}
		size, _ := strconv.ParseFloat(r["Average Content Size"], 64)
		out[r["Type"]+" "+r["Name"]] = Row{Requests: num(t, r["Request Count"]), Failures: num(t, r["Failure Count"]), AvgSize: size}
	}
	return out
}

// failures reads the failures CSV.
func failures(t testing.TB, recs []map[string]string) map[string]int64 {
	out := map[string]int64{}
	for _, r := range recs {
		out[r["Method"]+" "+r["Name"]+": "+r["Error"]] += num(t, r["Occurrences"])
	}
	return out
}

func num(t testing.TB, s string) int64 {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		t.Fatalf("gusttest: %q is not a count", s)
	}
	return n
}
