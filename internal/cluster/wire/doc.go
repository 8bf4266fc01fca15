// Package wire is the format of Locust's master/worker messages (reference
// §5), byte for byte as Python's msgpack writes them, so gust masters and
// workers interoperate with each other and with Locust's.
//
// Encode and Decode convert a Message, Locust's [type, data, node_id]
// envelope, to and from msgpack, with a typed payload per message type
// (ClientReady, Ack, Spawn, SpawningComplete, *StatsReport, Heartbeat,
// Exception, and gust's own Auth and Refused). Decode is lenient where
// Python is loose (ints or floats, int or float map keys, None) and strict
// elsewhere: a bad frame is an error wrapping ErrMalformed, never a panic.
//
// NewStatsReport and StatsReport.Delta convert between a stats.Snapshot
// delta and Locust's stats payload: Locust's fields and rounded buckets
// (BucketMicros), failures keyed as Python keys them (ErrorKey, PyRepr), and
// the exact HDR histogram under the extra key "gust_hdr" (and the response
// times corrected for coordinated omission, when there are any, under
// "gust_corrected_hdr" and "gust_corrected_max"), so a gust master's
// percentiles are exact for gust workers and as good as Locust's for Locust
// workers. StatsReport.SparseDelta spares a master a histogram per entry
// per report. An arrival-rate test travels as an ArrivalSpec in a spawn's
// parsed options and an ArrivalReport in every stats report.
//
// Node ids (NewNodeID, NodeHost) have Locust's form, <host>_<hex>.
//
// For example, a worker's report:
//
//	report := wire.NewStatsReport(recorder.Drain(time.Now()))
//	b, err := wire.Encode(wire.Message{Type: wire.TypeStats, Data: report, NodeID: id})
//
// and a master reading it:
//
//	m, err := wire.Decode(b)
//	if r, ok := m.Data.(*wire.StatsReport); ok {
//		delta, err := r.Delta()
//		...
//		recorder.Merge(delta)
//	}
//
// May import: internal/runner, internal/stats.
package wire
