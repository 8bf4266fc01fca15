package web

import (
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// indexPage is the single page of the UI.
var indexPage = template.Must(template.New("index").Parse(asset("index.tmpl")))

// pageArgs is what the page knows before its first poll, embedded as JSON
// so that the charts are back at once after a reload.
type pageArgs struct {
	Title       string  `json:"title"`
	Version     string  `json:"version"`
	State       string  `json:"state"`
	Host        string  `json:"host"`
	UserCount   int     `json:"user_count"`
	NumUsers    int     `json:"num_users"`  // start form default
	SpawnRate   float64 `json:"spawn_rate"` // start form default
	RunTime     string  `json:"run_time"`   // start form default
	WorkerCount int     `json:"worker_count"`
	Start       float64 `json:"start"` // when the statistics started, Unix seconds
	History     columns `json:"history"`
	LoadModel   string  `json:"load_model"`  // one of the Model* constants
	LoadTarget  string  `json:"load_target"` // "500/s", stages, or ""
	// Targets are the hosts URL mode requests ("127.0.0.1:8080, ..."), for
	// the header when there is no host; "" without URL mode.
	Targets string `json:"targets,omitempty"`
}

// pageData fills index.tmpl.
type pageData struct {
	Title   string
	Version string
	Asset   func(name string) string // versioned asset URL
	Args    pageArgs
	// FullHistory offers the full history CSV (--csv-full-history).
	FullHistory bool
	// ClassPicker shows the user kinds to choose from (--class-picker).
	ClassPicker bool
	Kinds       []string
	// URLMode, when not nil, lists URL mode's URLs and wait in the form.
	URLMode *urlMode
}

// urlMode is what the start form says of URL mode.
type urlMode struct {
	URLs []string
	Wait string // "" when its users do not wait
}

// urlModeOf is the start form's URL mode section, or nil without URLs.
func (o Options) urlModeOf() *urlMode {
	if len(o.URLs) == 0 {
		return nil
	}
	return &urlMode{URLs: o.URLs, Wait: o.Wait}
}

// targets lists the hosts of urls once each, in order: "127.0.0.1:8080,
// 127.0.0.1:9090".
func targets(urls []string) string {
	var hosts []string
	for _, raw := range urls {
		if i := strings.LastIndexByte(raw, '@'); i > strings.LastIndexByte(raw, '/') {
			raw = raw[:i] // a weight
		}
		if u, err := url.Parse(raw); err == nil && u.Host != "" && !slices.Contains(hosts, u.Host) {
			hosts = append(hosts, u.Host)
		}
	}
	return strings.Join(hosts, ", ")
}

// index serves the page (GET /).
func (s *Server) index(w http.ResponseWriter, r *http.Request) {
	snap := s.snapshot()
	model, target := s.ctl.Model()
	title := s.opts.Title
	if title == "" {
		title = "gust"
	}
	d := pageData{Title: title, Version: s.opts.Version, Asset: assetURL, Args: pageArgs{
		Title: title, Version: s.opts.Version, State: s.ctl.State(), Host: s.ctl.Host(), UserCount: snap.Users,
		NumUsers: s.opts.Defaults.Users, SpawnRate: s.opts.Defaults.SpawnRate,
		RunTime:     timespan(s.opts.Defaults.RunTime.Seconds()),
		WorkerCount: len(s.ctl.Workers()), Start: unixSeconds(snap.Start), History: historyOf(snap.History, 0),
		LoadModel: model, LoadTarget: target, Targets: targets(s.opts.URLs),
	}, FullHistory: s.opts.HistoryCSV != "", ClassPicker: s.opts.ClassPicker, Kinds: s.opts.Kinds,
		URLMode: s.opts.urlModeOf()}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	_ = indexPage.Execute(w, d)
}

// assetURL is the URL of an embedded asset relative to the page, with its
// hash as a version so an upgraded gust never runs with a cached old
// script.
func assetURL(name string) string {
	p := "/assets/" + name
	return p[1:] + "?v=" + strings.Trim(etags[p], `"`) // relative: the page may sit under a base path
}

// timespan writes whole seconds in the run_time syntax ("1h20m5s"), or ""
// for none.
func timespan(secs float64) string {
	n := int64(secs)
	if n <= 0 {
		return ""
	}
	var b strings.Builder
	for _, u := range []struct {
		size int64
		unit string
	}{{3600, "h"}, {60, "m"}, {1, "s"}} {
		if v := n / u.size; v > 0 {
			b.WriteString(strconv.FormatInt(v, 10) + u.unit)
			n -= v * u.size
		}
	}
	return b.String()
}
