package web

import (
	"cmp"
	"html/template"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gustload/gust/internal/stats"
)

// reportView is the data report.tmpl renders: strings formatted here, so
// the template only lays them out.
type reportView struct {
	Title, Host, Version, Theme string
	Start, End, Duration        string
	Summary                     []summaryItem
	Percentiles                 []string // column headers: 50%, 66%...
	Rows                        []reportRow
	Total                       reportRow
	Errors                      []*stats.Error
	Exceptions                  []*stats.Exception
	Ratios                      []ratioLine
	Model                       string // the load model in a few words; "" for users
	Verdict                     verdict
	Arrival                     []summaryItem // nil for a test of users
	ArrivalNote                 string
	Corrected                   []reportRow // entries with corrected percentiles, Method, Name and Percentiles only
	CorrectedTotal              *reportRow
	Generator                   *generatorView // nil when the meta has no summary
	Workers                     []workerRow
	History                     columns
	Style                       template.CSS
	Code                        template.JS
}

type summaryItem struct{ Label, Value string }

// reportRow is one entry in both tables of the report.
type reportRow struct {
	Method, Name                     string
	Requests, Failures               int64
	Avg, Min, Max, Size, RPS, FailPS string
	Percentiles                      []string
}

// ratioLine is one line of the task-ratio tree, flattened.
type ratioLine struct {
	Depth   int
	Name    string
	Percent string
}

func newReportView(snap *stats.Snapshot, meta ReportMeta) reportView {
	start, end := cmp.Or(meta.Start, snap.Start), cmp.Or(meta.End, snap.Time)
	v := reportView{
		Title: cmp.Or(meta.Title, "gust"), Host: meta.Host, Version: meta.Version, Theme: meta.Theme,
		Start: start.UTC().Format(reportTime), End: end.UTC().Format(reportTime),
		Duration: end.Sub(start).Round(time.Second).String(),
		Summary:  summaryOf(snap), Total: reportRowOf(snap.Total), Errors: snap.Errors, Exceptions: snap.Exceptions,
		History: historyOf(snap.History, 0),
		Style:   template.CSS(asset("vendor/uPlot.min.css") + asset("report.css")),
		Code:    template.JS(asset("vendor/uPlot.iife.min.js") + "\n" + asset("charts.js") + "\n" + asset("report.js")),
	}
	for _, q := range stats.Percentiles {
		v.Percentiles = append(v.Percentiles, percentLabel(q))
	}
	for _, e := range snap.Entries {
		v.Rows = append(v.Rows, reportRowOf(e))
	}
	if meta.Tasks != nil {
		v.Ratios = ratioLines(meta.Tasks.Total, 0)
	}
	v.addModel(snap, meta)
	return v
}

// reportTime formats the start and end of the test.
const reportTime = "2006-01-02 15:04:05 UTC"

func summaryOf(snap *stats.Snapshot) []summaryItem {
	t := snap.Total
	peak := snap.Users
	for _, p := range snap.History {
		peak = max(peak, p.Users)
	}
	return []summaryItem{
		{"Requests", strconv.FormatInt(t.Requests, 10)},
		{"Failures", strconv.FormatInt(t.Failures, 10) + " (" + strconv.FormatFloat(100*t.FailRatio(), 'f', 2, 64) + "%)"},
		{"Requests/s", fixed(t.TotalRPS(), 2)},
		{"Average", msText(t.Avg())},
		{"Median", msText(t.Median())},
		{"95%ile", msText(t.Percentile(0.95))},
		{"99%ile", msText(t.Percentile(0.99))},
		{"Max", msText(t.Max)},
		{"Peak users", strconv.Itoa(peak)},
	}
}

func reportRowOf(e *stats.Entry) reportRow {
	r := reportRow{
		Method: e.Method, Name: e.Name, Requests: e.Requests, Failures: e.Failures,
		Avg: msNumber(e.Avg()), Min: msNumber(e.Min), Max: msNumber(e.Max),
		Size: fixed(e.AvgSize(), 0), RPS: fixed(e.TotalRPS(), 2), FailPS: fixed(e.TotalFailPerSec(), 2),
	}
	for _, q := range stats.Percentiles {
		if e.Requests == 0 {
			r.Percentiles = append(r.Percentiles, "N/A")
			continue
		}
		r.Percentiles = append(r.Percentiles, msNumber(e.Percentile(q)))
	}
	return r
}

// ratioLines flattens a ratio tree, kinds and tasks sorted by share.
func ratioLines(m map[string]Ratio, depth int) []ratioLine {
	names := slices.SortedFunc(maps.Keys(m), func(a, b string) int {
		return cmp.Or(cmp.Compare(m[b].Ratio, m[a].Ratio), strings.Compare(a, b))
	})
	var out []ratioLine
	for _, n := range names {
		out = append(out, ratioLine{Depth: depth, Name: n, Percent: fixed(100*m[n].Ratio, 1) + "%"})
		out = append(out, ratioLines(m[n].Tasks, depth+1)...)
	}
	return out
}

// percentLabel is a percentile's column header, as in the CSV: 99.9%.
func percentLabel(q float64) string {
	return strconv.FormatFloat(math.Round(q*1e6)/1e4, 'f', -1, 64) + "%"
}

func msNumber(d time.Duration) string {
	v := stats.Millis(d)
	if v >= 100 {
		return fixed(v, 0)
	}
	return fixed(v, 2)
}

func msText(d time.Duration) string { return msNumber(d) + " ms" }

func fixed(v float64, prec int) string { return strconv.FormatFloat(v, 'f', prec, 64) }
