package stats

import "time"

// Response times corrected for coordinated omission are measured from when a
// request's iteration was meant to start rather than from when it was sent
// (see Sample.Corrected). An entry keeps them in a second whole-run
// histogram, made only when the first corrected sample arrives, so that a
// test without a schedule pays nothing for them.

// absorbCorrected records buffered corrected response times (microseconds).
// e.mu is held and own has run.
func (e *entry) absorbCorrected(us []uint32) {
	if len(us) == 0 {
		return
	}
	if e.corr == nil {
		e.corr = NewHistogram()
	}
	for _, v := range us {
		_ = e.corr.RecordValue(int64(v)) // in range: clamped when buffered
	}
}

// mergeCorrected adds a delta's corrected buckets. e.mu is held and own has
// run.
func (e *entry) mergeCorrected(bs []bucket) {
	if len(bs) == 0 {
		return
	}
	if e.corr == nil {
		e.corr = NewHistogram()
	}
	record(e.corr, bs)
}

// HasCorrected reports whether e holds response times corrected for
// coordinated omission.
func (e *Entry) HasCorrected() bool {
	return e.Corrected != nil && e.Corrected.TotalCount() > 0
}

// CorrectedPercentile is Percentile for the response times corrected for
// coordinated omission: the time at fraction q of the corrected samples,
// measured from their intended start. It is 0 without corrected samples and
// never exceeds CorrectedMax.
func (e *Entry) CorrectedPercentile(q float64) time.Duration {
	hi := e.CorrectedMax
	if hi <= 0 {
		hi = time.Duration(HighestUS) * time.Microsecond
	}
	return clampedQuantile(e.Corrected, q, 0, hi)
}
