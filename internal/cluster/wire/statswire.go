package wire

import (
	"fmt"
	"maps"
	"slices"
)

// StatsReport is the data of a worker's stats message, field for field as
// Locust's workers send it (reference §5.7): the entries and the total
// counted since the previous report, the failures, and the users running.
// NewStatsReport makes one from a gust delta; Delta turns one back.
type StatsReport struct {
	Stats            []StatsEntry          // only entries with requests or failures
	Total            StatsEntry            // "stats_total": name "Aggregated", method ""
	Errors           map[string]StatsError // keyed by ErrorKey
	UserClassesCount map[string]int        // running users per kind (Locust's master requires it)
	UserCount        int
	// Arrival is gust's extra key "gust_arrival": how a gust worker keeps
	// its part of an arrival-rate test, which Locust ignores. Nil otherwise.
	Arrival *ArrivalReport
}

// StatsEntry is Locust's StatsEntryDict: the delta of one (method, name)
// entry. Times are float milliseconds, timestamps float Unix seconds, and a
// nil pointer is Python's None.
type StatsEntry struct {
	Name                 string
	Method               string
	LastRequestTimestamp *float64 // nil when there was no request
	StartTime            float64
	NumRequests          int64
	NumNoneRequests      int64 // requests counted without a response time
	NumFailures          int64
	TotalResponseTime    float64
	MaxResponseTime      float64
	MinResponseTime      *float64          // nil when no request had a response time
	TotalContentLength   int64             // bytes
	ResponseTimes        map[float64]int64 // Locust's rounded milliseconds (BucketMicros) to counts
	NumReqsPerSec        map[int64]int64   // Unix second to requests
	NumFailPerSec        map[int64]int64   // Unix second to failures
	// Hist is gust's extra key "gust_hdr": the exact response-time histogram
	// (EncodeHist), which Locust ignores. Nil from Locust workers.
	Hist []byte
	// Corrected is gust's extra key "gust_corrected_hdr": the histogram of
	// the response times corrected for coordinated omission, encoded as
	// Hist. Nil when the entry has none, and from Locust workers.
	Corrected []byte
	// CorrectedMax is "gust_corrected_max", sent with Corrected: the
	// largest corrected response time in milliseconds.
	CorrectedMax float64
}

// StatsError is Locust's StatsErrorDict: one kind of failure and how often
// it occurred in the report's interval.
type StatsError struct {
	Name        string
	Method      string
	Error       string
	Occurrences int64
	FirstSeen   *float64 // Unix seconds; Locust 2.44 and later, nil before
	LastSeen    *float64
}

func (r *StatsReport) encode(w *writer) {
	if r.Arrival == nil {
		w.mapLen(5)
	} else {
		w.mapLen(6)
	}
	w.str("stats")
	w.arrayLen(len(r.Stats))
	for i := range r.Stats {
		r.Stats[i].encode(w)
	}
	w.str("stats_total")
	r.Total.encode(w)
	w.str("errors")
	w.mapLen(len(r.Errors))
	for _, k := range slices.Sorted(maps.Keys(r.Errors)) {
		w.str(k)
		r.Errors[k].encode(w)
	}
	w.str("user_classes_count")
	w.userCounts(r.UserClassesCount)
	w.str("user_count")
	w.int(int64(r.UserCount))
	if r.Arrival != nil {
		w.str(arrivalKey)
		r.Arrival.encode(w)
	}
}

// encode writes the entry's keys in the order Locust's workers do.
func (e *StatsEntry) encode(w *writer) {
	n := 14
	if e.Hist != nil {
		n++
	}
	if e.Corrected != nil {
		n += 2
	}
	w.mapLen(n)
	w.str("name")
	w.str(e.Name)
	w.str("method")
	w.str(e.Method)
	w.str("last_request_timestamp")
	w.optFloat(e.LastRequestTimestamp)
	w.str("start_time")
	w.float(e.StartTime)
	e.encodeCounts(w)
	if e.Hist != nil {
		w.str("gust_hdr")
		w.keep(w.e.EncodeBytes(e.Hist))
	}
	if e.Corrected != nil {
		w.str("gust_corrected_hdr")
		w.keep(w.e.EncodeBytes(e.Corrected))
		w.str("gust_corrected_max")
		w.float(e.CorrectedMax)
	}
}

func (e *StatsEntry) encodeCounts(w *writer) {
	w.str("num_requests")
	w.int(e.NumRequests)
	w.str("num_none_requests")
	w.int(e.NumNoneRequests)
	w.str("num_failures")
	w.int(e.NumFailures)
	w.str("total_response_time")
	w.float(e.TotalResponseTime)
	w.str("max_response_time")
	w.float(e.MaxResponseTime)
	w.str("min_response_time")
	w.optFloat(e.MinResponseTime)
	w.str("total_content_length")
	w.int(e.TotalContentLength)
	w.str("response_times")
	w.mapLen(len(e.ResponseTimes))
	for _, k := range slices.Sorted(maps.Keys(e.ResponseTimes)) {
		w.number(k)
		w.int(e.ResponseTimes[k])
	}
	w.str("num_reqs_per_sec")
	w.counts(e.NumReqsPerSec)
	w.str("num_fail_per_sec")
	w.counts(e.NumFailPerSec)
}

func (e StatsError) encode(w *writer) {
	n := 4
	if e.FirstSeen != nil || e.LastSeen != nil {
		n = 6
	}
	w.mapLen(n)
	w.str("name")
	w.str(e.Name)
	w.str("method")
	w.str(e.Method)
	w.str("error")
	w.str(e.Error)
	w.str("occurrences")
	w.int(e.Occurrences)
	if n == 6 {
		w.str("first_seen")
		w.optFloat(e.FirstSeen)
		w.str("last_seen")
		w.optFloat(e.LastSeen)
	}
}

// decodeStatsReport reads a stats payload. Missing "stats", "stats_total"
// or "errors" make it malformed (Locust's master would fail on them too);
// keys added by custom report_to_master listeners are ignored.
func decodeStatsReport(v any) (any, error) {
	f := fieldsOf(TypeStats, v)
	r := &StatsReport{
		UserClassesCount: f.userCounts("user_classes_count", false),
		UserCount:        int(f.int("user_count")),
	}
	list := f.list("stats", true)
	total := f.object("stats_total", true)
	errs := f.object("errors", true)
	arrival := f.object(arrivalKey, false)
	if f.err != nil {
		return nil, f.err
	}
	r.Stats = make([]StatsEntry, len(list))
	for i, x := range list {
		if err := r.Stats[i].decode(fmt.Sprintf("stats[%d]", i), x); err != nil {
			return nil, err
		}
	}
	if err := r.Total.decode("stats_total", total); err != nil {
		return nil, err
	}
	var err error
	if r.Arrival, err = decodeArrivalReport(arrival); err != nil {
		return nil, err
	}
	r.Errors, err = decodeErrors(errs)
	return r, err
}

func (e *StatsEntry) decode(what string, v any) error {
	f := fieldsOf("stats: "+what, v)
	*e = StatsEntry{
		Name:                 f.str("name", true),
		Method:               f.str("method", true),
		LastRequestTimestamp: f.optFloat("last_request_timestamp"),
		StartTime:            f.float("start_time"),
		NumRequests:          f.int("num_requests"),
		NumNoneRequests:      f.int("num_none_requests"),
		NumFailures:          f.int("num_failures"),
		TotalResponseTime:    f.float("total_response_time"),
		MaxResponseTime:      f.float("max_response_time"),
		MinResponseTime:      f.optFloat("min_response_time"),
		TotalContentLength:   f.int("total_content_length"),
		ResponseTimes:        f.buckets("response_times"),
		NumReqsPerSec:        f.counts("num_reqs_per_sec"),
		NumFailPerSec:        f.counts("num_fail_per_sec"),
	}
	e.Hist = f.bytes("gust_hdr")
	if e.Corrected = f.bytes("gust_corrected_hdr"); e.Corrected != nil {
		e.CorrectedMax = f.float("gust_corrected_max")
	}
	return f.err
}

func decodeErrors(m map[any]any) (map[string]StatsError, error) {
	out := make(map[string]StatsError, len(m))
	for k, v := range m {
		key, ok := asString(k)
		if !ok {
			return nil, fmt.Errorf("%w: stats.errors: want string keys, got %T", ErrMalformed, k)
		}
		f := fieldsOf("stats.errors."+key, v)
		e := StatsError{
			Name:        f.str("name", true),
			Method:      f.str("method", true),
			Error:       f.str("error", false),
			Occurrences: f.int("occurrences"),
			FirstSeen:   f.optFloat("first_seen"),
			LastSeen:    f.optFloat("last_seen"),
		}
		if e.Occurrences < 0 {
			f.fail("occurrences", "a count", e.Occurrences)
		}
		if f.err != nil {
			return nil, f.err
		}
		out[key] = e
	}
	return out, nil
}
