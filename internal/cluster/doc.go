// Package cluster speaks Locust's master/worker protocol (reference §5), so
// gust masters and workers interoperate with each other and with Locust's.
//
// It has three layers, each usable alone:
//
//   - Transport moves raw frames. Router (a master's ROUTER socket) and
//     Dealer (a worker's DEALER socket, identity = node id) implement it over
//     ZeroMQ with the pure-Go zmq4; Network is an in-memory stand-in for
//     tests. The TCP connections under zmq4 are guarded: a bounded handshake,
//     a write deadline and a maximum frame size, so one bad peer can neither
//     stall nor crash a node.
//   - Encode and Decode convert a Message, Locust's [type, data, node_id]
//     envelope, to and from msgpack exactly as Python writes it, with a typed
//     payload per message type (ClientReady, Ack, Spawn, SpawningComplete,
//     *StatsReport, Heartbeat, Exception). Decode is lenient where Python is
//     loose (ints or floats, int or float map keys, None) and strict
//     elsewhere: a bad frame is an error wrapping ErrMalformed, never a panic.
//   - NewStatsReport and StatsReport.Delta convert between a stats.Snapshot
//     delta and Locust's stats payload: Locust's fields and rounded buckets,
//     failures keyed as Python keys them (ErrorKey), and the exact HDR
//     histogram under the extra key "gust_hdr", so a gust master's
//     percentiles are exact for gust workers and as good as Locust's for
//     Locust workers.
//
// A worker's side, in outline:
//
//	id := cluster.NewNodeID()
//	t, err := cluster.Dial("127.0.0.1:5557", id)
//	...
//	defer t.Close()
//	ready := cluster.Message{Type: cluster.TypeClientReady, Data: cluster.ClientReady{Version: cluster.SkipVersionCheck}, NodeID: id}
//	err = cluster.SendMessage(ctx, t, "", ready)
//	_, m, err := cluster.RecvMessage(ctx, t) // m.Data.(cluster.Ack)
//	...
//	report := cluster.NewStatsReport(recorder.Drain(time.Now()))
//	err = cluster.SendMessage(ctx, t, "", cluster.Message{Type: cluster.TypeStats, Data: report, NodeID: id})
//
// and a master's:
//
//	t, err := cluster.Listen("*:5557")
//	peer, m, err := cluster.RecvMessage(ctx, t)
//	if r, ok := m.Data.(*cluster.StatsReport); ok {
//		delta, err := r.Delta()
//		...
//		recorder.Merge(delta)
//	}
package cluster
