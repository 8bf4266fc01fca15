package compare

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"

	"github.com/HdrHistogram/hdrhistogram-go"
	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/stats"
)

// ErrInput is wrapped by every error about the files given to compare: a
// missing or unreadable file, or one that is not a --json report of a
// gust version that writes histograms. Such an error is bad input (exit 2).
var ErrInput = errors.New("compare")

// Run is one --json report, read for comparison.
type Run struct {
	Path     string
	Duration float64 // seconds
	Entries  []Endpoint
	Total    Endpoint
}

// Endpoint is one entry of a run: its counts and its whole histogram.
type Endpoint struct {
	Method, Name string
	Requests     int64
	Failures     int64
	Hist         *hdrhistogram.Histogram // microseconds
}

// Key names the endpoint in tables: "GET /items", or the name alone.
func (e Endpoint) Key() string {
	if e.Method == "" {
		return e.Name
	}
	return e.Method + " " + e.Name
}

// Load reads a --json report. A report without histograms (written before
// gust put them in the JSON) is refused with a message that says to run the
// test again.
func Load(path string) (*Run, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInput, err)
	}
	var j report.JSONReport
	if err := json.Unmarshal(b, &j); err != nil {
		return nil, fmt.Errorf("%w: %s is not a gust --json report: %v", ErrInput, path, err)
	}
	if j.Total.Name == "" && len(j.Stats) == 0 {
		return nil, fmt.Errorf("%w: %s is not a gust --json report: it has neither \"stats\" nor \"total\"", ErrInput, path)
	}
	r := &Run{Path: path, Duration: j.DurationS}
	if r.Total, err = endpoint(path, j.Total); err != nil {
		return nil, err
	}
	for _, e := range j.Stats {
		ep, err := endpoint(path, e)
		if err != nil {
			return nil, err
		}
		r.Entries = append(r.Entries, ep)
	}
	return r, nil
}

func endpoint(path string, j report.JSONEntry) (Endpoint, error) {
	e := Endpoint{Method: j.Method, Name: j.Name, Requests: j.NumRequests, Failures: j.NumFailures}
	if j.Histogram == "" && j.NumRequests-j.NumNoneRequests > 0 {
		return e, fmt.Errorf("%w: %s has no response-time histogram for %q: it was written by a gust older "+
			"than gust compare; re-run the test with this version of gust and --json to compare it", ErrInput, path, e.Key())
	}
	h, err := stats.DecodeHistogram(j.Histogram)
	if err != nil {
		return e, fmt.Errorf("%w: %s, %q: %v", ErrInput, path, e.Key(), err)
	}
	e.Hist = h
	return e, nil
}
