package web

import (
	"encoding/json"
	"net/http"
	"strings"
)

// result is the JSON answer of POST /swarm and GET /stop, in Locust's shape.
type result struct {
	Success bool     `json:"success"`
	Message string   `json:"message"`
	Host    string   `json:"host,omitempty"`
	RunTime int64    `json:"run_time,omitempty"` // seconds
	Ignored []string `json:"ignored_fields,omitempty"`
	// Kinds are the user kinds the test runs, with --class-picker
	// (Locust's user_classes); every kind when the form selected none.
	Kinds []string `json:"user_classes,omitempty"`
}

// maxFormBytes bounds a POST /swarm body.
const maxFormBytes = 64 << 10

// swarm starts a test, or edits the running one (POST /swarm).
func (s *Server) swarm(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	if err := parseForm(r); err != nil {
		writeJSON(w, http.StatusBadRequest, result{Message: "gust: unreadable /swarm form: " + err.Error(), Host: s.ctl.Host()})
		return
	}
	model, _ := s.ctl.Model()
	req, err := parseSwarmForm(r.Form, model != ModelUsers)
	if err == nil && s.opts.ClassPicker {
		req.Kinds, err = parseKinds(r.Form, s.opts.Kinds)
	}
	if err != nil {
		writeJSON(w, http.StatusBadRequest, result{Message: err.Error(), Host: s.ctl.Host()})
		return
	}
	if err := s.ctl.Start(req); err != nil {
		writeJSON(w, http.StatusBadRequest, result{Message: err.Error(), Host: s.ctl.Host()})
		return
	}
	writeJSON(w, http.StatusOK, result{
		Success: true,
		Message: "Swarming started",
		Host:    s.ctl.Host(),
		RunTime: int64(req.RunTime.Seconds()),
		Ignored: ignoredFields(r.Form, s.opts.ClassPicker),
		Kinds:   s.runKinds(req.Kinds),
	})
}

// runKinds are the kinds a test started with the class picker runs: those
// selected, or all when none were; nil without the picker.
func (s *Server) runKinds(selected []string) []string {
	if s.opts.ClassPicker && len(selected) == 0 {
		return s.opts.Kinds
	}
	return selected
}

// parseForm reads a urlencoded or multipart body (scripts send either).
func parseForm(r *http.Request) error {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data") {
		return r.ParseMultipartForm(maxFormBytes)
	}
	return r.ParseForm()
}

// stop stops the test (GET /stop).
func (s *Server) stop(w http.ResponseWriter, r *http.Request) {
	s.ctl.Stop()
	writeJSON(w, http.StatusOK, result{Success: true, Message: "Test stopped"})
}

// reset clears the statistics, exceptions and chart history
// (GET /stats/reset).
func (s *Server) reset(w http.ResponseWriter, r *http.Request) {
	s.ctl.Reset()
	s.series.reset()
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write([]byte("ok"))
}

// writeJSON answers with v as JSON.
func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
