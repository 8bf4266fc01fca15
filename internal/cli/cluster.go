package cli

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"strconv"
	"time"

	"github.com/gustload/gust/internal/cluster"
	"github.com/gustload/gust/internal/cluster/transport"
	"github.com/gustload/gust/internal/cluster/wire"
	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/engine"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/stats"
)

// clusterRun is what runTest hands to --master and --worker.
type clusterRun struct {
	ctx       context.Context
	interrupt <-chan struct{}
	opts      *config.Options
	kinds     []*kind
	rkinds    []runner.Kind
	rec       *stats.Recorder
	env       Env
	log       *slog.Logger
}

// run runs this process's part of a distributed test.
func (c clusterRun) run(hooks engine.Hooks, out engine.Outputs) int {
	if c.opts.Worker {
		return c.runWorker()
	}
	return c.runMaster(hooks, out)
}

// runMaster runs the test with workers running the users: the engine ticks,
// reports and serves the UI as always, fed by the workers' statistics.
// With --arrival-rate every gust worker runs the schedule and starts its
// slot of the iterations; Locust workers get no users.
func (c clusterRun) runMaster(hooks engine.Hooks, out engine.Outputs) int {
	router, err := transport.Listen(net.JoinHostPort(c.opts.MasterBindHost, strconv.Itoa(c.opts.MasterBindPort)), transport.WithLogger(c.log))
	if err != nil {
		c.log.Error(err.Error())
		return 1
	}
	defer router.Close()
	c.warnOpenPort(router.Addr())
	var e *engine.Engine
	m := cluster.NewMaster(router, cluster.MasterOptions{Kinds: c.rkinds, Recorder: c.rec, Log: c.log,
		Token: c.opts.ClusterToken, Host: c.opts.Host, StopTimeout: c.opts.StopTimeout,
		WorkerTimeout: c.opts.WorkerTimeout, ParsedOptions: parsedOptions(c.opts),
		OnLastQuit: func() { e.Stop() }})
	defer func() { m.Quit(); m.Close() }()
	if e, err = engine.NewDriven(c.opts, c.rkinds, m, c.rec, out, withMasterHost(hooks, m)); err != nil {
		return c.env.usageError(err)
	}
	srv, err := newWebServer(e, c.opts, c.log, c.rkinds, hooks.Version)
	if err != nil {
		return c.env.usageError(err)
	}
	if c.opts.Headless || c.opts.Autostart || c.opts.RunTime > 0 {
		if err := c.expectWorkers(m); err != nil {
			c.log.Error(err.Error())
			return 1
		}
	}
	return e.Run(c.ctx, c.interrupt, srv)
}

// withMasterHost makes the web form's host reach the workers too.
func withMasterHost(hooks engine.Hooks, m *cluster.Master) engine.Hooks {
	setHost := hooks.SetHost
	hooks.SetHost = func(h string) error {
		if err := setHost(h); err != nil {
			return err
		}
		m.SetHost(h)
		return nil
	}
	return hooks
}

// warnOpenPort warns when workers can reach the master from beyond this
// machine without a token.
func (c clusterRun) warnOpenPort(addr net.Addr) {
	c.log.Info("master waiting for workers", "address", addr.String())
	if c.opts.ClusterToken == "" && !isLoopback(c.opts.MasterBindHost) {
		c.log.Warn("the master's port is open beyond this machine without --cluster-token: anyone who reaches it can join "+
			"as a worker or send statistics; keep it on a private network and set GUST_CLUSTER_TOKEN", "bind", addr.String())
	}
}

// expectWorkers waits for --expect-workers workers, for at most
// --expect-workers-max-wait, or until interrupted.
func (c clusterRun) expectWorkers(m *cluster.Master) error {
	ctx, cancel := c.untilInterrupt()
	defer cancel()
	if c.opts.ExpectWorkersMaxWait > 0 {
		ctx, cancel = context.WithTimeout(ctx, c.opts.ExpectWorkersMaxWait)
		defer cancel()
	}
	c.log.Info("waiting for workers", "expect_workers", c.opts.ExpectWorkers)
	if err := m.WaitForWorkers(ctx, c.opts.ExpectWorkers); err != nil {
		return fmt.Errorf("%w (--expect-workers %d, --expect-workers-max-wait %v)", err, c.opts.ExpectWorkers, c.opts.ExpectWorkersMaxWait)
	}
	return nil
}

// untilInterrupt returns a context of the run's that also ends at the
// first interrupt (Ctrl-C or SIGTERM), and its cancel.
func (c clusterRun) untilInterrupt() (context.Context, context.CancelFunc) {
	ctx, cancel := context.WithCancel(c.ctx)
	go func() {
		select {
		case <-c.interrupt:
			cancel()
		case <-ctx.Done():
		}
	}()
	return ctx, cancel
}

// parsedOptions are the master's options a spawn carries, by Locust's
// names: a Locust worker takes its tags from them.
func parsedOptions(o *config.Options) map[string]any {
	p := map[string]any{"num_users": o.Users, "spawn_rate": o.SpawnRate, "run_time": int64(o.RunTime / time.Second),
		"expect_workers": o.ExpectWorkers, "host": nil}
	if o.Host != "" {
		p["host"] = o.Host
	}
	if len(o.Tags) > 0 {
		p["tags"] = o.Tags
	}
	if len(o.ExcludeTags) > 0 {
		p["exclude_tags"] = o.ExcludeTags
	}
	return p
}

// runWorker runs users for the master at --master-host until it says quit,
// is lost, or the worker is interrupted.
func (c clusterRun) runWorker() int {
	if c.opts.Users != 1 || c.opts.SpawnRate != 1 || c.opts.RunTime > 0 || c.opts.ArrivalRate != nil {
		c.log.Info("worker: users, spawn rate, arrival rate and run time come from the master; -u, -r, --arrival-rate and -t are ignored")
	}
	if c.opts.PrometheusRemoteWrite != "" || c.opts.MetricsListen != "" {
		c.log.Warn("worker: the master exports the cluster's metrics; --prometheus-remote-write and --metrics-listen are ignored here")
	}
	r, err := runner.New(c.rkinds, runner.Options{StopTimeout: c.opts.StopTimeout})
	if err != nil {
		return c.env.usageError(err)
	}
	id := wire.NewNodeID()
	addr := net.JoinHostPort(c.opts.MasterHost, strconv.Itoa(c.opts.MasterPort))
	d, err := transport.Dial(addr, id, transport.WithLogger(c.log))
	if err != nil {
		return c.env.usageError(err)
	}
	defer d.Close()
	c.log.Info("worker connecting to the master", "master", addr, "worker", id)
	w := cluster.NewWorker(d, cluster.WorkerOptions{ID: id, Users: r, Kinds: c.rkinds, Recorder: c.rec,
		SetHost: func(h string) error { return setHost(c.kinds, h) }, Log: c.log,
		Token: c.opts.ClusterToken, MasterTimeout: c.opts.MasterTimeout})
	ctx, cancel := c.untilInterrupt()
	defer cancel()
	if err := w.Run(ctx); err != nil {
		c.log.Error(err.Error()) // lost the master, none answered, or refused
		return 1
	}
	return 0
}
