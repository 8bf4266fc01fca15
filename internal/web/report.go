package web

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"time"

	"github.com/gustload/gust/internal/monitor"
	"github.com/gustload/gust/internal/stats"
)

// ReportMeta is what the HTML report says about the test besides the
// statistics.
type ReportMeta struct {
	Title   string      // the test's name, such as the program name; "" shows "gust"
	Host    string      // the target base URL
	Version string      // gust's version
	Tasks   *TaskRatios // the final task ratios; nil leaves the section out
	Theme   string      // "light", "dark", or "" to follow the reader's system
	Start   time.Time   // when the test began; zero takes the snapshot's Start
	End     time.Time   // when it ended; zero takes the snapshot's Time

	// Model and Target are the load model and its target, as
	// Controller.Model gives them; "" or ModelUsers leaves them out.
	Model, Target string
	// Thresholds are the pass/fail results; nil leaves the section out.
	Thresholds []ThresholdResult
	// Aborted says that a breached threshold stopped the test early.
	Aborted bool
	// Live says that the test still runs: a threshold with nothing to
	// measure yet is then waiting rather than failed.
	Live bool
	// Generator sums up how busy the load generator was and how long it
	// was saturated; nil leaves the section out.
	Generator *monitor.Summary
	// Workers are a master's workers as they last reported; none leaves
	// the section out.
	Workers []Worker
}

// reportPage renders the report; its scripts and styles are inlined.
var reportPage = template.Must(template.New("report").Parse(asset("report.tmpl")))

// reportCSP lets the report run only what it carries inline: opened from
// /stats/report it can't load anything, as it couldn't from a file.
const reportCSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:; " +
	"frame-ancestors 'none'; base-uri 'none'; form-action 'none'"

// WriteHTMLReport writes a self-contained HTML report of snap: a summary,
// the thresholds' results, how an arrival rate kept its schedule, how busy
// the load generator was and whether it was saturated, the
// request and percentile tables (with the corrected percentiles when there
// are any), failures, exceptions, the task ratios and charts from the
// history. It loads nothing from the network. The CLI
// writes it for --html FILE; the UI serves it at /stats/report.
func WriteHTMLReport(w io.Writer, snap *stats.Snapshot, meta ReportMeta) error {
	if snap == nil || snap.Total == nil {
		return fmt.Errorf("gust: HTML report: no statistics to report")
	}
	var b bytes.Buffer
	if err := reportPage.Execute(&b, newReportView(snap, meta)); err != nil {
		return fmt.Errorf("gust: HTML report: %w", err)
	}
	_, err := b.WriteTo(w)
	return err
}

// report serves GET /stats/report[?download=1][&theme=dark|light].
func (s *Server) report(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	theme := q.Get("theme")
	if theme != "" && theme != "dark" && theme != "light" {
		http.Error(w, "gust: theme "+theme+": want dark or light", http.StatusBadRequest)
		return
	}
	tasks := s.ctl.Tasks()
	model, target := s.ctl.Model()
	gen := s.ctl.Generator()
	meta := ReportMeta{Title: s.opts.Title, Host: s.ctl.Host(), Version: s.opts.Version, Tasks: &tasks, Theme: theme,
		Model: model, Target: target, Thresholds: s.ctl.ThresholdResults(), Aborted: s.ctl.ThresholdsAborted(),
		Live: s.ctl.State() != StateStopped, Generator: &gen, Workers: s.ctl.Workers()}
	var b bytes.Buffer
	if err := WriteHTMLReport(&b, s.snapshot(), meta); err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Content-Security-Policy", reportCSP)
	if q.Get("download") != "" {
		h.Set("Content-Disposition", `attachment; filename="`+s.fileName("report", "html")+`"`)
	}
	_, _ = b.WriteTo(w)
}
