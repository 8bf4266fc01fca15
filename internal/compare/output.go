package compare

import (
	"encoding/json"
	"fmt"
	"html/template"
	"io"

	"github.com/gustload/gust/internal/report"
)

// WriteJSON writes the comparison as one indented JSON object (Result).
func WriteJSON(w io.Writer, r *Result) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// JUnit is the comparison as a JUnit suite: one case per endpoint compared
// and one for the total, failed when it regressed.
func JUnit(r *Result) report.JUnitSuite {
	s := report.JUnitSuite{Name: "gust compare " + r.Metric}
	for _, row := range r.All() {
		c := report.JUnitCase{Name: row.Endpoint, ClassName: "gust.compare"}
		if row.Regressed {
			c.Failure = row.Endpoint + ": " + verdict(row)
			c.Detail = fmt.Sprintf("%s %s -> %s ms, fail ratio %s -> %s (baseline %s, current %s, tolerance %s)",
				r.Metric, number(row.Baseline.Metric), number(row.Current.Metric),
				ratio(row.Baseline.FailRatio), ratio(row.Current.FailRatio), r.Baseline, r.Current, percent(r.Tolerance))
		}
		s.Cases = append(s.Cases, c)
	}
	return s
}

// WriteHTML writes the comparison as a self-contained HTML page.
func WriteHTML(w io.Writer, r *Result) error {
	return page.Execute(w, r)
}

var page = template.Must(template.New("compare").Funcs(template.FuncMap{
	"num": number, "pct": percent, "ratio": ratio, "times": times, "verdict": verdict, "note": notGating,
	"rows":    (*Result).All,
	"summary": Summary,
}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>gust compare</title>
<style>
body{font-family:system-ui,sans-serif;margin:2em;color:#222}
table{border-collapse:collapse}th,td{padding:.3em .8em;border-bottom:1px solid #ddd;text-align:right}
th:first-child,td:first-child{text-align:left}
.regressed{background:#fdd}.faster{background:#dfd}.total{font-weight:bold}
</style></head><body>
<h1>gust compare</h1>
<p>Baseline <code>{{.Baseline}}</code>, current <code>{{.Current}}</code>.
Gate: {{.Metric}}, tolerance {{pct .Tolerance}}, confidence {{pct .Confidence}}, at least {{.MinSamples}} timed responses a run.</p>
<p><strong>{{summary .}}</strong></p>
<table>
<tr><th>Endpoint</th><th>req/s</th><th>fail ratio</th><th>p50</th><th>p95</th><th>p99</th><th>verdict</th></tr>
{{range rows .}}<tr class="{{if .Regressed}}regressed{{else if eq .Verdict "faster"}}faster{{end}}{{if eq .Endpoint "Aggregated"}} total{{end}}">
<td>{{.Endpoint}}</td><td>{{num .Baseline.RPS}} &rarr; {{num .Current.RPS}}</td>
<td>{{ratio .Baseline.FailRatio}} &rarr; {{ratio .Current.FailRatio}}</td>
{{range times .}}<td>{{.}}</td>{{end}}<td>{{verdict .}}</td></tr>
{{end}}</table>
{{with note .}}<p>{{.}}</p>{{end}}
{{if .OnlyBase}}<p>Only in the baseline (not compared): {{range .OnlyBase}}<code>{{.}}</code> {{end}}</p>{{end}}
{{if .OnlyCurrent}}<p>Only in the current run (not compared): {{range .OnlyCurrent}}<code>{{.}}</code> {{end}}</p>{{end}}
</body></html>
`))
