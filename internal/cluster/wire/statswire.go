package wire

import "fmt"

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
	// Interrupted is gust's extra key "gust_interrupted", sent when above
	// 0: the requests cut short by the end of the test (Entry.Interrupted).
	Interrupted int64
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

func (r *StatsReport) encode(w *writer) { writeFields(w, r, reportFields) }

// reportFields are a stats payload's keys in the order Locust's workers
// write them, then gust's own.
var reportFields = []field[StatsReport]{
	{key: "stats", put: func(w *writer, r *StatsReport) {
		w.arrayLen(len(r.Stats))
		for i := range r.Stats {
			r.Stats[i].encode(w)
		}
	}},
	{key: "stats_total", put: func(w *writer, r *StatsReport) { r.Total.encode(w) }},
	{key: "errors", put: func(w *writer, r *StatsReport) {
		writeSorted(w, r.Errors, w.str, func(e StatsError) { e.encode(w) })
	}},
	{key: "user_classes_count", put: func(w *writer, r *StatsReport) { w.userCounts(r.UserClassesCount) }},
	{key: "user_count", put: func(w *writer, r *StatsReport) { w.int(int64(r.UserCount)) }},
	{key: arrivalKey, put: func(w *writer, r *StatsReport) { r.Arrival.encode(w) },
		omit: func(r *StatsReport) bool { return r.Arrival == nil }},
}

func (e *StatsEntry) encode(w *writer) { writeFields(w, e, entryFields) }

// entryFields are an entry's keys in the order Locust's workers write them,
// then gust's own.
var entryFields = []field[StatsEntry]{
	{key: "name", put: func(w *writer, e *StatsEntry) { w.str(e.Name) }},
	{key: "method", put: func(w *writer, e *StatsEntry) { w.str(e.Method) }},
	{key: "last_request_timestamp", put: func(w *writer, e *StatsEntry) { w.optFloat(e.LastRequestTimestamp) }},
	{key: "start_time", put: func(w *writer, e *StatsEntry) { w.float(e.StartTime) }},
	{key: "num_requests", put: func(w *writer, e *StatsEntry) { w.int(e.NumRequests) }},
	{key: "num_none_requests", put: func(w *writer, e *StatsEntry) { w.int(e.NumNoneRequests) }},
	{key: "num_failures", put: func(w *writer, e *StatsEntry) { w.int(e.NumFailures) }},
	{key: "total_response_time", put: func(w *writer, e *StatsEntry) { w.float(e.TotalResponseTime) }},
	{key: "max_response_time", put: func(w *writer, e *StatsEntry) { w.float(e.MaxResponseTime) }},
	{key: "min_response_time", put: func(w *writer, e *StatsEntry) { w.optFloat(e.MinResponseTime) }},
	{key: "total_content_length", put: func(w *writer, e *StatsEntry) { w.int(e.TotalContentLength) }},
	{key: "response_times", put: func(w *writer, e *StatsEntry) { writeSorted(w, e.ResponseTimes, w.number, w.int) }},
	{key: "num_reqs_per_sec", put: func(w *writer, e *StatsEntry) { w.counts(e.NumReqsPerSec) }},
	{key: "num_fail_per_sec", put: func(w *writer, e *StatsEntry) { w.counts(e.NumFailPerSec) }},
	{key: "gust_hdr", put: func(w *writer, e *StatsEntry) { w.keep(w.e.EncodeBytes(e.Hist)) },
		omit: func(e *StatsEntry) bool { return e.Hist == nil }},
	{key: "gust_corrected_hdr", put: func(w *writer, e *StatsEntry) { w.keep(w.e.EncodeBytes(e.Corrected)) },
		omit: func(e *StatsEntry) bool { return e.Corrected == nil }},
	{key: "gust_corrected_max", put: func(w *writer, e *StatsEntry) { w.float(e.CorrectedMax) },
		omit: func(e *StatsEntry) bool { return e.Corrected == nil }},
	{key: "gust_interrupted", put: func(w *writer, e *StatsEntry) { w.int(e.Interrupted) },
		omit: func(e *StatsEntry) bool { return e.Interrupted == 0 }},
}

func (e StatsError) encode(w *writer) { writeFields(w, &e, errorFields) }

// errorFields are a failure's keys in the order Locust's workers write
// them; Locust 2.44 added first_seen and last_seen.
var errorFields = []field[StatsError]{
	{key: "name", put: func(w *writer, e *StatsError) { w.str(e.Name) }},
	{key: "method", put: func(w *writer, e *StatsError) { w.str(e.Method) }},
	{key: "error", put: func(w *writer, e *StatsError) { w.str(e.Error) }},
	{key: "occurrences", put: func(w *writer, e *StatsError) { w.int(e.Occurrences) }},
	{key: "first_seen", put: func(w *writer, e *StatsError) { w.optFloat(e.FirstSeen) }, omit: noSeen},
	{key: "last_seen", put: func(w *writer, e *StatsError) { w.optFloat(e.LastSeen) }, omit: noSeen},
}

// noSeen says that a failure has neither time, as from Locust before 2.44.
func noSeen(e *StatsError) bool { return e.FirstSeen == nil && e.LastSeen == nil }

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
	e.Interrupted = f.int("gust_interrupted")
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
