package web

import (
	"math"
	"strings"

	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/stats"
)

// The load model, the arrival schedule and the thresholds as
// /stats/requests carries them, after Locust's keys.

// arrivalBody is the "arrival" object of /stats/requests: how an
// arrival-rate test keeps its schedule. The keys are the --json report's,
// plus the current lag. Rates are per second, lags milliseconds.
type arrivalBody struct {
	report.JSONArrival
	Lag    float64 `json:"lag"`
	Behind bool    `json:"behind"` // an iteration was dropped or started late
}

// arrivalOf is the arrival object of a, or nil for a test of users.
func arrivalOf(a *stats.Arrival) *arrivalBody {
	j := report.ArrivalJSON(a)
	if j == nil {
		return nil
	}
	j.RequestedRate, j.AchievedRate = round3(j.RequestedRate), round3(j.AchievedRate)
	return &arrivalBody{JSONArrival: *j, Lag: ms(a.Lag), Behind: a.Behind()}
}

// thresholdsBody is the "thresholds" object of /stats/requests.
type thresholdsBody struct {
	Passed  bool              `json:"passed"`  // every threshold holds
	Aborted bool              `json:"aborted"` // a breach stopped the test (--threshold-abort)
	Results []ThresholdResult `json:"results"` // in the order given
}

// thresholdsOf is the thresholds object of the controller, or nil when the
// test has none.
func thresholdsOf(ctl Controller) *thresholdsBody {
	rs := ctl.ThresholdResults()
	if len(rs) == 0 {
		return nil
	}
	b := &thresholdsBody{Passed: true, Aborted: ctl.ThresholdsAborted(), Results: rs}
	for _, r := range rs {
		b.Passed = b.Passed && r.Pass
	}
	return b
}

// status is how a threshold stands: "pass", "fail", "error" when it could
// not be evaluated (which fails the run too, as the console says), or
// "waiting" while a live test has nothing to measure for it yet.
func (r ThresholdResult) status(live bool) string {
	switch {
	case r.Pass:
		return "pass"
	case r.Pending && live:
		return "waiting"
	case r.Error != "":
		return "error"
	}
	return "fail"
}

// modelLabel is the load model in a few words for the page and the
// report: "arrival 500/s", "arrival stages", "stages", "shape"; "" for
// users.
func modelLabel(model, target string) string {
	switch model {
	case ModelUsers, "":
		return ""
	case ModelArrival:
		if target == "" || strings.Contains(target, ":") {
			return "arrival stages"
		}
		return "arrival " + target
	}
	return model
}

// correctedQuantiles are the corrected percentiles the statistics table
// adds when any entry has corrected response times.
var correctedQuantiles = [2]float64{0.95, 0.99}

// correctedOf is an entry's corrected 95th and 99th percentiles in
// milliseconds, or nils when it has no corrected response time.
func correctedOf(e *stats.Entry) (p95, p99 *float64) {
	if !e.HasCorrected() {
		return nil, nil
	}
	a, b := ms(e.CorrectedPercentile(correctedQuantiles[0])), ms(e.CorrectedPercentile(correctedQuantiles[1]))
	return &a, &b
}

// round3 rounds a rate to three decimals.
func round3(v float64) float64 { return math.Round(v*1000) / 1000 }
