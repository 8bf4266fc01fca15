package wire

import (
	"cmp"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/HdrHistogram/hdrhistogram-go"

	"github.com/gustload/gust/internal/stats"
)

// NewStatsReport turns a worker's delta (from stats.Recorder.Drain) into the
// payload of a stats message that both Locust's and gust's masters read:
// Locust's fields and rounded buckets, plus each entry's exact histogram
// under "gust_hdr" and, when it has any, its response times corrected for
// coordinated omission under "gust_corrected_hdr" and "gust_corrected_max"
// (keys that Locust's master ignores), and "gust_interrupted". Entries
// without requests, failures or interrupted requests are left out, as
// Locust's workers leave out those without requests.
func NewStatsReport(delta *stats.Snapshot) *StatsReport {
	start := cmp.Or(delta.Start, delta.Time)
	r := &StatsReport{
		Errors:           make(map[string]StatsError, len(delta.Errors)),
		UserClassesCount: maps.Clone(delta.UserKinds),
		UserCount:        delta.Users,
	}
	if r.UserClassesCount == nil {
		r.UserClassesCount = map[string]int{}
	}
	for _, e := range delta.Entries {
		if e.Requests > 0 || e.Failures > 0 || e.Interrupted > 0 {
			r.Stats = append(r.Stats, entryToWire(e, start))
		}
	}
	total := delta.Total
	if total == nil {
		total = &stats.Entry{}
	}
	r.Total = entryToWire(total, start)
	r.Total.Name, r.Total.Method = stats.TotalName, ""
	for _, e := range delta.Errors {
		addError(r.Errors, e)
	}
	return r
}

// entryToWire converts one entry; start stands in for the start time of an
// entry without requests.
func entryToWire(e *stats.Entry, start time.Time) StatsEntry {
	w := StatsEntry{
		Name:               e.Name,
		Method:             e.Method,
		StartTime:          epoch(cmp.Or(e.First, start)),
		NumRequests:        e.Requests,
		NumNoneRequests:    e.NoTime,
		NumFailures:        e.Failures,
		TotalResponseTime:  millis(e.TotalTime),
		MaxResponseTime:    millis(e.Max),
		TotalContentLength: e.ContentLength,
		ResponseTimes:      bucketsOf(e.Hist),
		NumReqsPerSec:      make(map[int64]int64, len(e.Seconds)),
		NumFailPerSec:      make(map[int64]int64),
	}
	if !e.Last.IsZero() {
		w.LastRequestTimestamp = ptr(epoch(e.Last))
	}
	if e.Timed() > 0 {
		w.MinResponseTime = ptr(millis(e.Min))
	}
	w.setHistograms(e)
	for sec, c := range e.Seconds {
		if c.Requests > 0 {
			w.NumReqsPerSec[sec] = c.Requests
		}
		if c.Failures > 0 {
			w.NumFailPerSec[sec] = c.Failures
		}
	}
	return w
}

// setHistograms sets gust's extra keys: e's exact histograms, the corrected
// one only when e has corrected response times.
func (w *StatsEntry) setHistograms(e *stats.Entry) {
	if e.Hist != nil && e.Hist.TotalCount() > 0 {
		w.Hist = EncodeHist(e.Hist)
	}
	if e.HasCorrected() {
		w.Corrected, w.CorrectedMax = EncodeHist(e.Corrected), millis(e.CorrectedMax)
	}
	w.Interrupted = e.Interrupted
}

// bucketsOf files every recorded value under Locust's rounded bucket,
// taking the middle of each histogram bucket as its value.
func bucketsOf(h *hdrhistogram.Histogram) map[float64]int64 {
	out := make(map[float64]int64)
	if h == nil || h.TotalCount() == 0 {
		return out
	}
	for _, bar := range h.Distribution() {
		if bar.Count > 0 {
			out[float64(BucketMicros((bar.From+bar.To)/2))] += bar.Count
		}
	}
	return out
}

func addError(m map[string]StatsError, e *stats.Error) {
	key := ErrorKey(e.Method, e.Name, e.Error)
	w := m[key]
	w.Name, w.Method, w.Error = e.Name, e.Method, e.Error
	w.Occurrences += e.Occurrences
	if !e.FirstSeen.IsZero() {
		w.FirstSeen = ptr(epoch(e.FirstSeen))
	}
	if !e.LastSeen.IsZero() {
		w.LastSeen = ptr(epoch(e.LastSeen))
	}
	m[key] = w
}

func ptr[T any](v T) *T { return &v }

// Delta turns a stats payload from a Locust or a gust worker into a delta
// for stats.Recorder.Merge. With "gust_hdr" the histograms are exact; without
// (a Locust worker) they are rebuilt from the rounded buckets, each bucket's
// value recorded as often as its count. "gust_corrected_hdr" becomes the
// entry's Corrected histogram (a Locust worker has none). Start is the
// total's start_time; Time is left zero for the caller to set.
func (r *StatsReport) Delta() (*stats.Snapshot, error) {
	return r.toDelta(func(w *StatsEntry, e *stats.Entry) (err error) {
		if e.Hist, err = w.histogram(); err != nil {
			return err
		}
		e.Corrected, err = w.correctedHistogram()
		return err
	})
}

// toDelta converts the report, letting times fill in each entry's response
// times (the total's too).
func (r *StatsReport) toDelta(times func(*StatsEntry, *stats.Entry) error) (*stats.Snapshot, error) {
	s := &stats.Snapshot{
		Start:     fromEpoch(r.Total.StartTime),
		Users:     r.UserCount,
		UserKinds: maps.Clone(r.UserClassesCount),
		Entries:   make([]*stats.Entry, 0, len(r.Stats)),
	}
	for i := range r.Stats {
		e, err := r.Stats[i].entry(times)
		if err != nil {
			return nil, fmt.Errorf("stats[%d]: %w", i, err)
		}
		s.Entries = append(s.Entries, e)
	}
	stats.SortEntries(s.Entries)
	total, err := r.Total.entry(times)
	if err != nil {
		return nil, fmt.Errorf("stats_total: %w", err)
	}
	total.Key = stats.Key{Name: stats.TotalName}
	s.Total = total
	s.Errors = errorsOf(r.Errors)
	return s, nil
}

// entry converts one wire entry into a stats.Entry; times fills in its
// response times.
func (w *StatsEntry) entry(times func(*StatsEntry, *stats.Entry) error) (*stats.Entry, error) {
	if w.NumRequests < 0 || w.NumFailures < 0 || w.NumNoneRequests < 0 || w.TotalContentLength < 0 || w.Interrupted < 0 {
		return nil, fmt.Errorf("%w: %s %s: negative count", ErrMalformed, w.Method, w.Name)
	}
	e := &stats.Entry{
		Key:           stats.Key{Method: w.Method, Name: w.Name},
		Requests:      w.NumRequests,
		Failures:      w.NumFailures,
		NoTime:        w.NumNoneRequests,
		TotalTime:     fromMillis(w.TotalResponseTime),
		Max:           fromMillis(w.MaxResponseTime),
		ContentLength: w.TotalContentLength,
		Seconds:       secondsOf(w.NumReqsPerSec, w.NumFailPerSec),
		CorrectedMax:  fromMillis(w.CorrectedMax),
		Interrupted:   w.Interrupted,
	}
	if w.MinResponseTime != nil {
		e.Min = fromMillis(*w.MinResponseTime)
	}
	if w.NumRequests > 0 {
		e.First = fromEpoch(w.StartTime)
	}
	if w.LastRequestTimestamp != nil {
		e.Last = fromEpoch(*w.LastRequestTimestamp)
	}
	return e, times(w, e)
}

// histogram returns the exact histogram when the entry carries a usable one,
// else one rebuilt from Locust's buckets.
func (w *StatsEntry) histogram() (*hdrhistogram.Histogram, error) {
	if w.Hist != nil {
		h, err := DecodeHist(w.Hist)
		if !errors.Is(err, errGeometry) {
			if err != nil {
				err = fmt.Errorf("%w: %s %s: %v", ErrMalformed, w.Method, w.Name, err)
			}
			return h, err
		}
	}
	h := stats.NewHistogram()
	for us, n := range w.bucketMicros() {
		if err := h.RecordValues(us, n); err != nil {
			return nil, fmt.Errorf("%w: %s %s: response_times: %v", ErrMalformed, w.Method, w.Name, err)
		}
	}
	return h, nil
}

// correctedHistogram decodes "gust_corrected_hdr": nil without one, or when
// it has another geometry than gust's (there are no rounded buckets to fall
// back on, so the corrected times of that entry are left out).
func (w *StatsEntry) correctedHistogram() (*hdrhistogram.Histogram, error) {
	if w.Corrected == nil {
		return nil, nil
	}
	h, err := DecodeHist(w.Corrected)
	return h, w.correctedErr(err)
}

// correctedErr turns an error reading "gust_corrected_hdr" into the
// report's: none for another geometry, else ErrMalformed.
func (w *StatsEntry) correctedErr(err error) error {
	if err == nil || errors.Is(err, errGeometry) {
		return nil
	}
	return fmt.Errorf("%w: %s %s: gust_corrected_hdr: %v", ErrMalformed, w.Method, w.Name, err)
}

// bucketMicros returns the response times as microsecond values and counts.
// The slowest response time is in the highest bucket and the fastest in the
// lowest, so one sample of each is replaced by the exact max and min: the
// rebuilt histogram then ends exactly where the entry does.
func (w *StatsEntry) bucketMicros() map[int64]int64 {
	out := make(map[int64]int64, len(w.ResponseTimes)+2)
	for ms, n := range w.ResponseTimes {
		if n > 0 {
			out[micros(fromMillis(ms))] += n
		}
	}
	if len(out) == 0 || w.MinResponseTime == nil {
		return out
	}
	lo, hi := slices.Min(slices.Collect(maps.Keys(out))), slices.Max(slices.Collect(maps.Keys(out)))
	maxUS := micros(fromMillis(w.MaxResponseTime) + time.Microsecond - 1) // rounded up, so p100 reaches max
	exact := []struct{ bucket, us int64 }{{hi, maxUS}, {lo, micros(fromMillis(*w.MinResponseTime))}}
	for _, x := range exact {
		if out[x.bucket] > 0 {
			out[x.bucket]--
			out[x.us]++
		}
	}
	return out
}

// micros converts d to whole microseconds within the histogram's range.
func micros(d time.Duration) int64 {
	return min(int64(d/time.Microsecond), stats.HighestUS)
}

// secondsOf joins Locust's two per-second maps.
func secondsOf(reqs, fails map[int64]int64) map[int64]stats.Count {
	out := make(map[int64]stats.Count, len(reqs))
	for sec, n := range reqs {
		c := out[sec]
		c.Requests += n
		out[sec] = c
	}
	for sec, n := range fails {
		c := out[sec]
		c.Failures += n
		out[sec] = c
	}
	return out
}

// errorsOf lists the failures, most occurrences first.
func errorsOf(m map[string]StatsError) []*stats.Error {
	out := make([]*stats.Error, 0, len(m))
	for _, w := range m {
		e := &stats.Error{Method: w.Method, Name: w.Name, Error: w.Error, Occurrences: w.Occurrences}
		if w.FirstSeen != nil {
			e.FirstSeen = fromEpoch(*w.FirstSeen)
		}
		if w.LastSeen != nil {
			e.LastSeen = fromEpoch(*w.LastSeen)
		}
		out = append(out, e)
	}
	slices.SortFunc(out, func(a, b *stats.Error) int {
		return cmp.Or(cmp.Compare(b.Occurrences, a.Occurrences), cmp.Compare(a.Name, b.Name),
			cmp.Compare(a.Method, b.Method), cmp.Compare(a.Error, b.Error))
	})
	return out
}
