package wire

import (
	"fmt"
	"strconv"
	"time"
)

// SkipVersionCheck is the version a gust worker announces in client_ready.
// It goes on the wire as the integer -1, which Locust's master reads as
// "do not compare versions" (Locust's version strings mean nothing to gust).
const SkipVersionCheck = "-1"

// ClientReady is the data of client_ready: the worker's version. Locust
// sends its version string (empty in Debian's 2.12.1 build); gust sends
// SkipVersionCheck. An integer arrives as its decimal text, nil as "".
type ClientReady struct {
	Version string
}

func (c ClientReady) encode(w *writer) {
	if c.Version == SkipVersionCheck {
		w.int(-1)
		return
	}
	w.str(c.Version)
}

func decodeClientReady(v any) (any, error) {
	switch v := v.(type) {
	case nil:
		return ClientReady{}, nil
	case int64:
		return ClientReady{Version: strconv.FormatInt(v, 10)}, nil
	}
	if s, ok := asString(v); ok {
		return ClientReady{Version: s}, nil
	}
	return nil, fmt.Errorf("%w: client_ready: want a version, got %T", ErrMalformed, v)
}

// Ack is the master's answer to client_ready: the worker's 0-based index,
// stable while the master lives (-1 from masters older than Locust 2.11,
// which send no index).
type Ack struct {
	Index int
}

func (a Ack) encode(w *writer) {
	w.mapLen(1)
	w.str("index")
	w.int(int64(a.Index))
}

func decodeAck(v any) (any, error) {
	if v == nil {
		return Ack{Index: -1}, nil
	}
	f := fieldsOf(TypeAck, v)
	a := Ack{Index: -1}
	if _, ok := f.get("index", false); ok {
		a.Index = int(f.int("index"))
	}
	return a, f.err
}

// Spawn is the master's order to a worker: run exactly these many users of
// each kind (absolute counts, not a change). A worker ignores a spawn whose
// Timestamp is not after the last one it obeyed.
type Spawn struct {
	Timestamp        float64        // Unix seconds when the master sent it
	UserClassesCount map[string]int // target users per user kind
	Host             string         // base URL for the users ("" = keep their own)
	StopTimeout      time.Duration  // how long stopping users may finish their task (0 = none)
	ParsedOptions    map[string]any // the master's options by Locust's names; custom ones are copied by workers
}

func (s Spawn) encode(w *writer) {
	w.mapLen(5)
	w.str("timestamp")
	w.float(s.Timestamp)
	w.str("user_classes_count")
	w.userCounts(s.UserClassesCount)
	w.str("host")
	if s.Host == "" {
		w.nil()
	} else {
		w.str(s.Host)
	}
	w.str("stop_timeout")
	if s.StopTimeout <= 0 {
		w.nil()
	} else {
		w.float(s.StopTimeout.Seconds())
	}
	w.str("parsed_options")
	if s.ParsedOptions == nil {
		w.mapLen(0)
	} else {
		w.value(s.ParsedOptions)
	}
}

func decodeSpawn(v any) (any, error) {
	f := fieldsOf(TypeSpawn, v)
	f.get("timestamp", true) // required: workers compare it
	s := Spawn{
		Timestamp:        f.float("timestamp"),
		UserClassesCount: f.userCounts("user_classes_count", true),
		Host:             f.str("host", false),
		StopTimeout:      secondsDuration(f.float("stop_timeout")),
		ParsedOptions:    stringKeys(f.object("parsed_options", false)),
	}
	return s, f.err
}

// stringKeys returns the entries of m whose keys are strings.
func stringKeys(m map[any]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if s, ok := k.(string); ok {
			out[s] = v
		}
	}
	return out
}

// SpawningComplete reports finished spawning. From a worker it carries the
// users it now runs per kind (the master reads only that); from a master
// (Locust 2.29 and later) only the cluster's total, with UserClassesCount nil.
type SpawningComplete struct {
	UserClassesCount map[string]int
	UserCount        int
}

func (s SpawningComplete) encode(w *writer) {
	if s.UserClassesCount == nil {
		w.mapLen(1)
	} else {
		w.mapLen(2)
		w.str("user_classes_count")
		w.userCounts(s.UserClassesCount)
	}
	w.str("user_count")
	w.int(int64(s.UserCount))
}

func decodeSpawningComplete(v any) (any, error) {
	f := fieldsOf(TypeSpawningComplete, v)
	s := SpawningComplete{
		UserClassesCount: f.userCounts("user_classes_count", false),
		UserCount:        int(f.int("user_count")),
	}
	return s, f.err
}

// Heartbeat is sent every second both ways. A worker's carries its state
// ("ready", "spawning", "running", "stopped", ...), CPU use in percent of
// one core and resident memory in bytes; a saturated gust worker's also
// says why (the extra key "gust_saturation", which Locust ignores).
// The master's (Locust 2.19 and later) carries nothing, which is a
// Heartbeat with an empty State.
type Heartbeat struct {
	State       string
	CPUUsage    float64
	MemoryUsage int64
	// Saturation says why a gust worker is its own bottleneck; "" when it
	// keeps up, and always from a Locust worker.
	Saturation string
}

func (h Heartbeat) encode(w *writer) {
	if h.State == "" {
		w.nil()
		return
	}
	if h.Saturation == "" {
		w.mapLen(3) // byte for byte what a Locust worker sends
	} else {
		w.mapLen(4)
	}
	w.str("state")
	w.str(h.State)
	w.str("current_cpu_usage")
	w.float(h.CPUUsage)
	w.str("current_memory_usage")
	w.int(h.MemoryUsage)
	if h.Saturation != "" {
		w.str("gust_saturation")
		w.str(h.Saturation)
	}
}

func decodeHeartbeat(v any) (any, error) {
	if v == nil {
		return Heartbeat{}, nil
	}
	f := fieldsOf(TypeHeartbeat, v)
	h := Heartbeat{
		State:       f.str("state", false),
		CPUUsage:    f.float("current_cpu_usage"),
		MemoryUsage: f.int("current_memory_usage"),
		Saturation:  f.str("gust_saturation", false),
	}
	return h, f.err
}

// Exception reports an error raised in user code. Locust sends one message
// per occurrence; a gust worker may fold repeats into Count (the extra key
// "gust_count", which Locust ignores, so a Locust master counts such a
// message once).
type Exception struct {
	Msg       string
	Traceback string
	Count     int64 // occurrences, at least 1
}

func (x Exception) encode(w *writer) {
	n := 2
	if x.Count > 1 {
		n = 3
	}
	w.mapLen(n)
	w.str("msg")
	w.str(x.Msg)
	w.str("traceback")
	w.str(x.Traceback)
	if n == 3 {
		w.str("gust_count")
		w.int(x.Count)
	}
}

func decodeException(v any) (any, error) {
	f := fieldsOf(TypeException, v)
	x := Exception{Msg: f.str("msg", false), Traceback: f.str("traceback", false), Count: max(f.int("gust_count"), 1)}
	return x, f.err
}
