package engine

import (
	"context"
	"fmt"
	"os"
	"sync"

	"github.com/gustload/gust/internal/metrics"
	"github.com/gustload/gust/internal/promwrite"
	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/threshold"
	"github.com/gustload/gust/internal/web"
)

// exports are where the metrics go besides the reports: a remote-write
// endpoint (--prometheus-remote-write) and a /metrics of its own
// (--metrics-listen). Each runs in its own goroutine, so neither ever
// holds up the users.
type exports struct {
	push    *promwrite.Pusher  // nil without --prometheus-remote-write
	metrics *web.MetricsServer // nil without --metrics-listen
	wg      sync.WaitGroup
}

// newExports checks the options and binds --metrics-listen's port.
func (e *Engine) newExports() (*exports, error) {
	x := &exports{}
	o := e.opts
	if o.PrometheusRemoteWrite != "" {
		labels := make([]metrics.Label, len(o.PrometheusLabels))
		for i, l := range o.PrometheusLabels {
			labels[i] = metrics.Label{Name: l.Name, Value: l.Value}
		}
		p, err := promwrite.New(promwrite.Options{URL: o.PrometheusRemoteWrite, BasicAuth: o.PrometheusBasicAuth,
			BearerToken: o.PrometheusBearerToken, Labels: labels, Interval: o.PrometheusPushInterval, Log: e.log()})
		if err != nil {
			return nil, err
		}
		x.push = p
	}
	if o.MetricsListen != "" {
		m, err := web.NewMetricsServer(e, o.MetricsListen, o.WebLogin)
		if err != nil {
			return nil, err
		}
		x.metrics = m
	}
	return x, nil
}

// start runs the exports until ctx ends.
func (e *Engine) startExports(ctx context.Context, x *exports) {
	if x.push != nil {
		e.log().Info("pushing metrics to Prometheus", "url", e.opts.PrometheusRemoteWrite, "every", e.opts.PrometheusPushInterval.String())
		x.wg.Go(func() { x.push.Run(ctx, func() metrics.Run { return web.MetricsOf(e) }) })
	}
	if x.metrics != nil {
		e.log().Info("serving /metrics at http://" + x.metrics.Addr().String() + "/metrics")
		if !x.metrics.Loopback() && e.opts.WebLogin == "" {
			e.log().Warn("--metrics-listen is reachable beyond this machine without --web-login: anyone who reaches it reads the test's metrics",
				"address", x.metrics.Addr().String())
		}
		x.wg.Go(func() {
			if err := x.metrics.Serve(ctx); err != nil {
				e.log().Error(err.Error())
			}
		})
	}
}

// finalPush pushes the final totals, after the periodic pushes have ended,
// and says how the pushes went on the console; it returns the JSON
// section, nil without --prometheus-remote-write.
func (e *Engine) finalPush(x *exports) report.JSONOption {
	if x == nil || x.push == nil {
		return func(*report.JSONReport) {}
	}
	x.push.Push(context.Background(), web.MetricsOf(e))
	r := x.push.Result()
	line := fmt.Sprintf("\nPrometheus remote write: %d pushes to %s, %d dropped", r.Pushed+r.Dropped, r.URL, r.Dropped)
	if r.Error != "" {
		line += " (first failure: " + r.Error + ")"
	}
	fmt.Fprintln(e.out.Console, line)
	return report.WithRemoteWrite(report.JSONRemoteWrite{URL: r.URL, Pushed: r.Pushed, Dropped: r.Dropped, Error: r.Error})
}

// writeJUnit writes --junit: the thresholds as JUnit test cases.
func (e *Engine) writeJUnit(rs []threshold.Result) error {
	if e.opts.JUnit == "" {
		return nil
	}
	f, err := os.Create(e.opts.JUnit)
	if err != nil {
		return err
	}
	err = report.WriteJUnit(f, report.ThresholdsJUnit("gust thresholds", rs))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
