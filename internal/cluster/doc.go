// Package cluster speaks Locust's master/worker protocol (reference §5), so
// gust masters and workers interoperate with each other and with Locust's.
//
// It has four layers, each usable alone:
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
//     histogram under the extra key "gust_hdr" (and the response times
//     corrected for coordinated omission, when there are any, under
//     "gust_corrected_hdr" and "gust_corrected_max"), so a gust master's
//     percentiles are exact for gust workers and as good as Locust's for
//     Locust workers. A master merges SparseDelta, which spares it a
//     histogram per entry per report.
//   - Master and Worker are the two roles. A Master (NewMaster) registers
//     workers (refusing those without the cluster token when one is set),
//     shares the users among them by Locust's rule (fixed counts first,
//     then weights; machines first), paces the cluster's spawn rate, watches
//     heartbeats (a silent worker goes missing and its users move; it
//     rejoins when it speaks again) and merges their statistics into one
//     stats.Recorder; it stands in for a local runner in the engine. A
//     Worker (NewWorker) follows its master's spawns at once, reports every
//     ReportInterval and on stop, and gives up when its master is lost.
//     An arrival rate (StartArrival) is partitioned, not shared out: every
//     gust worker gets a runner.Slot of the same schedule in the spawn's
//     parsed_options ("gust_arrival") and reports its arrival counts in its
//     statistics, which the master sums; Locust workers get no users then.
//     A gust worker also says in its heartbeat when it is saturated
//     ("gust_saturation"), and the master judges a Locust worker by its CPU.
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
//
// The roles wrap all of this. A worker:
//
//	w := cluster.NewWorker(dealer, cluster.WorkerOptions{ID: id, Users: runner, Kinds: kinds, Recorder: rec})
//	err := w.Run(ctx) // until the master says quit, ctx ends or the master is lost
//
// and a master, which the engine drives as it would a runner:
//
//	m := cluster.NewMaster(router, cluster.MasterOptions{Kinds: kinds, Recorder: rec, Token: token})
//	defer m.Close()
//	err := m.WaitForWorkers(ctx, 2)
//	m.Start(100, 10) // 100 users over the workers, 10 a second in all
//	...
//	m.Stop()
//	m.Quit()
//
// May import: internal/config, internal/monitor, internal/runner, internal/shape, internal/stats, internal/web.
package cluster
