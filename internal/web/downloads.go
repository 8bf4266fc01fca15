package web

import (
	"io"
	"net/http"
	"regexp"
	"strings"
	"time"

	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/stats"
)

// requestsCSV serves the _stats.csv content (GET /stats/requests/csv).
func (s *Server) requestsCSV(w http.ResponseWriter, r *http.Request) {
	s.serveCSV(w, "requests", report.WriteStatsCSV)
}

// failuresCSV serves the _failures.csv content (GET /stats/failures/csv).
func (s *Server) failuresCSV(w http.ResponseWriter, r *http.Request) {
	s.serveCSV(w, "failures", report.WriteFailuresCSV)
}

// exceptionsCSV serves the _exceptions.csv content (GET /exceptions/csv).
func (s *Server) exceptionsCSV(w http.ResponseWriter, r *http.Request) {
	s.serveCSV(w, "exceptions", report.WriteExceptionsCSV)
}

// serveCSV renders into memory first, so that an error becomes a 500
// rather than half a file.
func (s *Server) serveCSV(w http.ResponseWriter, kind string, write func(io.Writer, *stats.Snapshot) error) {
	var b strings.Builder
	if err := write(&b, s.snapshot()); err != nil {
		http.Error(w, "gust: "+kind+" CSV: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Disposition", `attachment; filename="`+s.fileName(kind, "csv")+`"`)
	_, _ = io.WriteString(w, b.String())
}

// unsafeName matches what a file name had better not contain.
var unsafeName = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// fileName is the download name: gust_2026-01-02-15h04_127.0.0.1_8080_requests.csv.
func (s *Server) fileName(kind, ext string) string {
	host := s.ctl.Host()
	host = strings.TrimPrefix(strings.TrimPrefix(host, "http://"), "https://")
	parts := []string{"gust", time.Now().Format("2006-01-02-15h04")}
	if host = strings.Trim(unsafeName.ReplaceAllString(host, "_"), "_"); host != "" {
		parts = append(parts, host)
	}
	if kind != "" {
		parts = append(parts, kind)
	}
	return strings.Join(parts, "_") + "." + ext
}

// exceptionRow is one exception of GET /exceptions, in Locust's shape.
type exceptionRow struct {
	Count     int64  `json:"count"`
	Msg       string `json:"msg"`
	Traceback string `json:"traceback"`
	Nodes     string `json:"nodes"`
}

// exceptions serves GET /exceptions.
func (s *Server) exceptions(w http.ResponseWriter, r *http.Request) {
	xs := s.snapshot().Exceptions
	rows := make([]exceptionRow, 0, len(xs))
	for _, x := range xs {
		rows = append(rows, exceptionRow{x.Count, x.Message, x.Traceback, strings.Join(x.Nodes, ", ")})
	}
	writeJSON(w, http.StatusOK, map[string]any{"exceptions": rows})
}

// tasks serves GET /tasks.
func (s *Server) tasks(w http.ResponseWriter, r *http.Request) {
	t := s.ctl.Tasks()
	if t.PerClass == nil {
		t.PerClass = map[string]Ratio{}
	}
	if t.Total == nil {
		t.Total = map[string]Ratio{}
	}
	writeJSON(w, http.StatusOK, t)
}

// workerCount serves GET /worker-count.
func (s *Server) workerCount(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]int{"worker_count": len(s.ctl.Workers())})
}

// history serves GET /stats/history: the aggregated chart history, or with
// ?name=N&method=M one endpoint's.
func (s *Server) history(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if !q.Has("name") {
		writeJSON(w, http.StatusOK, historyOf(s.snapshot().History, 0))
		return
	}
	writeJSON(w, http.StatusOK, s.series.get(stats.Key{Method: q.Get("method"), Name: q.Get("name")}))
}
