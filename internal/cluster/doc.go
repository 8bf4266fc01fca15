// Package cluster runs a test over many machines with Locust's
// master/worker roles (reference §5): a Master and Workers that
// interoperate with each other and with Locust's, over any
// transport.Transport, speaking the messages of package wire.
//
// A Master (NewMaster) registers workers (refusing those without the
// cluster token when one is set, see wire.Auth), shares the users among
// them by Locust's rule (fixed counts first, then weights; machines first),
// paces the cluster's spawn rate, watches heartbeats (a silent worker goes
// missing and its users move; it rejoins when it speaks again) and merges
// their statistics into one stats.Recorder; it stands in for a local runner
// in the engine. A Worker (NewWorker) follows its master's spawns at once,
// reports every ReportInterval and on stop, and gives up when its master is
// lost. An arrival rate (StartArrival) is partitioned, not shared out: every
// gust worker gets a runner.Slot of the same schedule in the spawn's
// parsed_options ("gust_arrival") and reports its arrival counts in its
// statistics, which the master sums; Locust workers get no users then. A
// gust worker also says in its heartbeat when it is saturated
// ("gust_saturation"), and the master judges a Locust worker by its CPU.
//
// What a peer sends cannot flood the log: the warnings one worker causes
// (frames that cannot be decoded, unknown message types, reports that
// cannot be read) are limited by package peerlog to a few per window, and
// the rest counted in one line.
//
// A worker:
//
//	id := wire.NewNodeID()
//	dealer, err := transport.Dial("127.0.0.1:5557", id)
//	...
//	w := cluster.NewWorker(dealer, cluster.WorkerOptions{ID: id, Users: runner, Kinds: kinds, Recorder: rec})
//	err := w.Run(ctx) // until the master says quit, ctx ends or the master is lost
//
// and a master, which the engine drives as it would a runner:
//
//	router, err := transport.Listen("*:5557")
//	...
//	m := cluster.NewMaster(router, cluster.MasterOptions{Kinds: kinds, Recorder: rec, Token: token})
//	defer m.Close()
//	err := m.WaitForWorkers(ctx, 2)
//	m.Start(100, 10) // 100 users over the workers, 10 a second in all
//	...
//	m.Stop()
//	m.Quit()
//
// May import: internal/cluster/lifecycle, internal/cluster/peerlog, internal/cluster/transport, internal/cluster/wire, internal/config, internal/monitor, internal/runner, internal/shape, internal/stats, internal/web.
package cluster
