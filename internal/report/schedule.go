package report

import (
	"fmt"
	"io"
	"strconv"

	"github.com/gustload/gust/internal/stats"
)

// CorrectedTitle heads the table of response times corrected for
// coordinated omission.
const CorrectedTitle = "Response time percentiles, corrected for coordinated omission"

// WriteCorrectedPercentiles writes the percentile table of the response
// times corrected for coordinated omission (measured from when each request's
// iteration was due, not from when it was sent), for each entry that has
// them and in total; # reqs counts the corrected samples. It writes nothing
// when the snapshot has no corrected sample.
func WriteCorrectedPercentiles(w io.Writer, s *stats.Snapshot) {
	Console{}.writeCorrected(w, s)
}

func (c Console) writeCorrected(w io.Writer, s *stats.Snapshot) {
	if !total(s).HasCorrected() {
		return
	}
	t := newTable(percentileColumns(), c.Width)
	t.title(CorrectedTitle)
	t.entries(s, correctedCells)
	t.flush(w)
}

// correctedCells are an entry's corrected percentiles and sample count, or
// dashes for an entry without corrected samples.
func correctedCells(e *stats.Entry) []string {
	cells := make([]string, len(stats.Percentiles)+1)
	for i, q := range stats.Percentiles {
		cells[i] = noValue
		if e.HasCorrected() {
			cells[i] = formatDuration(e.CorrectedPercentile(q))
		}
	}
	n := int64(0)
	if e.HasCorrected() {
		n = e.Corrected.TotalCount()
	}
	cells[len(cells)-1] = formatCount(n, 7)
	return cells
}

// writeArrival writes how an arrival-rate test kept its schedule, in three
// lines of at most Width columns, and a fourth when it fell behind:
//
//	arrival rate 500/s: asked 500.00/s, started 498.12/s
//	  iterations: 29887 started, 0 dropped, 12 late
//	  lag now 850us, max 14ms; users 37 of at most 1000
func writeArrival(t *table, a *stats.Arrival) {
	if a == nil {
		return
	}
	t.line(truncate(printable("arrival rate "+a.Target), Width-40) +
		": asked " + formatRate(a.Requested) + "/s, started " + formatRate(a.Achieved) + "/s")
	t.line(fmt.Sprintf("  iterations: %s started, %s dropped, %s late",
		formatCount(a.Started, 12), formatCount(a.Dropped, 12), formatCount(a.Late, 12)))
	t.line("  lag now " + formatDuration(a.Lag) + ", max " + formatDuration(a.MaxLag) +
		"; users " + strconv.Itoa(a.Users) + " of at most " + strconv.Itoa(a.MaxUsers))
	if a.Behind() {
		t.line("  WARNING: gust could not keep this rate; see the dropped and late iterations")
	}
}

// JSONArrival is the "arrival" section of the JSON report: how an
// arrival-rate test kept its schedule. Rates are iterations per second over
// the whole test; lags are milliseconds.
type JSONArrival struct {
	Target        string  `json:"target"`
	RequestedRate float64 `json:"requested_rate"`
	AchievedRate  float64 `json:"achieved_rate"`
	Due           int64   `json:"due"`
	Started       int64   `json:"started"`
	Dropped       int64   `json:"dropped"`
	Late          int64   `json:"late"`
	MaxLag        float64 `json:"max_lag"`
	Users         int     `json:"users"`
	MaxUsers      int     `json:"max_users"`
}

// ArrivalJSON is the arrival section of a, or nil.
func ArrivalJSON(a *stats.Arrival) *JSONArrival {
	if a == nil {
		return nil
	}
	return &JSONArrival{Target: a.Target, RequestedRate: a.Requested, AchievedRate: a.Achieved,
		Due: a.Due, Started: a.Started, Dropped: a.Dropped, Late: a.Late,
		MaxLag: millisFloat(a.MaxLag), Users: a.Users, MaxUsers: a.MaxUsers}
}

// correctedPercentiles is an entry's corrected_response_time_percentiles,
// or nil when it has no corrected sample.
func correctedPercentiles(e *stats.Entry) map[string]float64 {
	if !e.HasCorrected() {
		return nil
	}
	m := make(map[string]float64, len(stats.Percentiles))
	for _, q := range stats.Percentiles {
		m[PercentileKey(q)] = millisFloat(e.CorrectedPercentile(q))
	}
	return m
}
