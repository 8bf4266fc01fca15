// Package gusttest runs a short gust test in-process for the tests of the
// packages built on gust's public API (the protocol packages, the
// examples), and reads back what it recorded from its CSV files, as a user
// of gust would.
//
// May import: gust.
package gusttest

import (
	"encoding/csv"
	"encoding/json"
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
	// Interrupted counts what the end of the test cut short, by "TYPE
	// NAME", and in total under "" (from the JSON report; RunCaught only).
	Interrupted map[string]int64
	// Stderr is what the run wrote to standard error: its logs and the
	// lines that end its summary (RunCaught only).
	Stderr string
}

// Run runs users with "--headless --only-summary --csv DIR/run
// --exit-code-on-error 0" and then args (which should bound the run, such
// as "-u", "2", "-t", "1s"), and returns what the run recorded.
func Run(t testing.TB, args []string, users ...gust.User) Result {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "run")
	all := append([]string{"--headless", "--only-summary", "--csv", prefix, "--exit-code-on-error", "0"}, args...)
	res := Result{Code: gust.Run(all, users...)}
	res.read(t, prefix)
	return res
}

// RunCaught is Run with "--json", which also returns what the end of the
// test cut short (Result.Interrupted) and the run's standard error. It
// catches the standard output and error of the process meanwhile: nothing
// else may run gust, or write to them, at the same time.
func RunCaught(t testing.TB, args []string, users ...gust.User) Result {
	t.Helper()
	prefix := filepath.Join(t.TempDir(), "run")
	all := append([]string{"--headless", "--only-summary", "--json", "--csv", prefix, "--exit-code-on-error", "0"}, args...)
	var res Result
	out, stderr := capture(t, func() { res.Code = gust.Run(all, users...) })
	res.Stderr = string(stderr)
	res.read(t, prefix)
	res.Interrupted = interrupted(t, out, res.Stderr)
	return res
}

// read reads the CSV files of the run written under prefix.
func (r *Result) read(t testing.TB, prefix string) {
	t.Helper()
	r.Rows = rows(t, readCSV(t, prefix+"_stats.csv"))
	r.Failures = failures(t, readCSV(t, prefix+"_failures.csv"))
}

// capture runs f with the standard output and error going to files, and
// returns what f wrote to each.
func capture(t testing.TB, f func()) (stdout, stderr []byte) {
	t.Helper()
	dir := t.TempDir()
	out, err1 := os.Create(filepath.Join(dir, "stdout"))
	errOut, err2 := os.Create(filepath.Join(dir, "stderr"))
	if err1 != nil || err2 != nil {
		t.Fatalf("gusttest: %v %v", err1, err2)
	}
	defer out.Close()
	defer errOut.Close()
	keptOut, keptErr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = out, errOut
	func() {
		defer func() { os.Stdout, os.Stderr = keptOut, keptErr }()
		f()
	}()
	stdout, err1 = os.ReadFile(out.Name())
	stderr, err2 = os.ReadFile(errOut.Name())
	if err1 != nil || err2 != nil {
		t.Fatalf("gusttest: %v %v", err1, err2)
	}
	return stdout, stderr
}

// jsonEntry is what Run reads of an entry of the JSON report.
type jsonEntry struct {
	Method      string `json:"method"`
	Name        string `json:"name"`
	Interrupted int64  `json:"interrupted"`
}

// interrupted reads the interrupted counts of the JSON report.
func interrupted(t testing.TB, out []byte, stderr string) map[string]int64 {
	var rep struct {
		Stats []jsonEntry `json:"stats"`
		Total jsonEntry   `json:"total"`
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatalf("gusttest: the run's output is not the JSON report: %v\n%s\n%s", err, out, stderr)
	}
	m := map[string]int64{"": rep.Total.Interrupted}
	for _, e := range rep.Stats {
		if e.Interrupted > 0 {
			m[e.Method+" "+e.Name] = e.Interrupted
		}
	}
	return m
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
