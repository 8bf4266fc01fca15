package web

import (
	"strconv"
	"strings"

	"github.com/gustload/gust/internal/stats"
)

// The report's sections for the load models and the thresholds: the load
// model, the thresholds' verdict, how an arrival rate kept its schedule and
// the response times corrected for coordinated omission.

// verdict is the thresholds section of the report.
type verdict struct {
	Lines   []thresholdLine
	Text    string // "All 3 thresholds pass", "1 of 3 thresholds failed"
	Class   string // pass, fail or waiting
	Aborted bool   // a breach stopped the test early
}

// thresholdLine is one row of the thresholds table.
type thresholdLine struct {
	Class, Result, Threshold, Actual, Error string
}

// addModel fills in the sections that only some tests have.
func (v *reportView) addModel(snap *stats.Snapshot, meta ReportMeta) {
	if modelLabel(meta.Model, meta.Target) != "" {
		v.Model = strings.TrimSpace(meta.Model + " " + meta.Target)
	}
	if len(meta.Thresholds) > 0 {
		v.Verdict = newVerdict(meta.Thresholds, meta.Aborted, meta.Live)
	}
	v.Arrival, v.ArrivalNote = arrivalItems(snap.Arrival)
	v.Generator = generatorOf(meta.Generator)
	v.Workers = workerRows(meta.Workers)
	for _, e := range snap.Entries {
		if e.HasCorrected() {
			v.Corrected = append(v.Corrected, correctedRow(e))
		}
	}
	if snap.Total.HasCorrected() {
		t := correctedRow(snap.Total)
		v.CorrectedTotal = &t
	}
}

func newVerdict(rs []ThresholdResult, aborted, live bool) verdict {
	v := verdict{Aborted: aborted, Lines: make([]thresholdLine, len(rs))}
	counts := map[string]int{}
	for i, r := range rs {
		st := r.status(live)
		result, class := st, st
		if st == "fail" || st == "error" {
			result, class = strings.ToUpper(st), "fail"
		}
		counts[class]++
		v.Lines[i] = thresholdLine{Class: class, Result: result, Threshold: r.Threshold, Actual: r.Actual, Error: r.Error}
	}
	switch {
	case counts["fail"] > 0:
		v.Class = "fail"
	case counts["waiting"] > 0:
		v.Class = "waiting"
	default:
		v.Class = "pass"
	}
	v.Text = verdictText(v.Class, counts[v.Class], len(rs))
	return v
}

// verdictVerbs are the verbs of verdictText for one threshold and for
// several.
var verdictVerbs = map[string][2]string{
	"fail": {"failed", "failed"}, "waiting": {"waits for data", "wait for data"}, "pass": {"passes", "pass"},
}

// verdictText says how k of n thresholds stand: "2 of 3 thresholds
// failed", "All 3 thresholds pass", "The threshold passes".
func verdictText(class string, k, n int) string {
	verbs := verdictVerbs[class]
	switch {
	case n == 1:
		return "The threshold " + verbs[0]
	case class == "pass":
		return "All " + strconv.Itoa(n) + " thresholds " + verbs[1]
	}
	return strconv.Itoa(k) + " of " + strconv.Itoa(n) + " thresholds " + verbs[1]
}

// arrivalItems sums up how an arrival-rate test kept its schedule, with a
// sentence that says whether it was kept; nothing for a test of users.
func arrivalItems(a *stats.Arrival) ([]summaryItem, string) {
	if a == nil {
		return nil, ""
	}
	items := []summaryItem{
		{"Target", a.Target},
		{"Requested", fixed(a.Requested, 1) + "/s"},
		{"Achieved", fixed(a.Achieved, 1) + "/s"},
		{"Iterations due", strconv.FormatInt(a.Due, 10)},
		{"Started", strconv.FormatInt(a.Started, 10)},
		{"Dropped", strconv.FormatInt(a.Dropped, 10)},
		{"Late", strconv.FormatInt(a.Late, 10)},
		{"Max lag", msText(a.MaxLag)},
		{"Users in the pool", strconv.Itoa(a.Users) + " of " + strconv.Itoa(a.MaxUsers)},
	}
	if !a.Behind() {
		return items, "Every iteration started on time."
	}
	return items, "gust could not keep the schedule: " + strconv.FormatInt(a.Dropped, 10) + " iterations were dropped and " +
		strconv.FormatInt(a.Late, 10) + " started late, so the target saw less load than was asked for. " +
		"Raise --max-users, or give gust more CPU."
}

// correctedRow is an entry's corrected percentiles, as the percentile
// table lays them out.
func correctedRow(e *stats.Entry) reportRow {
	r := reportRow{Method: e.Method, Name: e.Name}
	for _, q := range stats.Percentiles {
		r.Percentiles = append(r.Percentiles, msNumber(e.CorrectedPercentile(q)))
	}
	return r
}
