package cli

import (
	"context"
	"log/slog"
	"net"
	"os"
	"path/filepath"

	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/engine"
	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/stats"
	"github.com/gustload/gust/internal/web"
)

// runTest runs the test, headless or with the web UI, and returns the exit code.
func runTest(ctx context.Context, interrupt <-chan struct{}, opts *config.Options, kinds []*kind, env Env, log *slog.Logger, load engine.Hooks) int {
	checkLimits(opts.Users, destinations(opts, kinds), log)
	rec := stats.NewRecorder()
	rkinds := make([]runner.Kind, len(kinds))
	for i, k := range kinds {
		rkinds[i] = k.Build(Setup{Tasks: k.tasks, Host: &k.host, Recorder: rec, Insecure: k.insecure, MaxBody: k.maxBody})
	}
	hooks := engine.Hooks{SetHost: func(h string) error { return setHost(kinds, h) },
		Tasks: taskRatios(kinds, opts.Users), Title: programName(), Version: load.Version,
		TasksOf: func(names []string) web.TaskRatios { return taskRatios(kindsNamed(kinds, names), opts.Users) },
		Shape:   load.Shape, Thresholds: load.Thresholds}
	out := engine.Outputs{Stdout: env.Stdout, Console: env.Stderr, Log: log}
	if opts.Master || opts.Worker {
		return clusterRun{ctx, interrupt, opts, kinds, rkinds, rec, env, log}.run(hooks, out)
	}
	e, err := engine.New(opts, rkinds, rec, out, hooks)
	if err != nil {
		return env.usageError(err)
	}
	srv, err := newWebServer(e, opts, log, rkinds, hooks.Version)
	if err != nil {
		return env.usageError(err)
	}
	return e.Run(ctx, interrupt, srv)
}

// newWebServer binds the web UI unless --headless; nil means headless.
// The class picker offers kinds.
func newWebServer(e *engine.Engine, opts *config.Options, log *slog.Logger, kinds []runner.Kind, version string) (*web.Server, error) {
	if opts.Headless {
		return nil, nil
	}
	if opts.WebLogin == "" && !isLoopback(opts.WebHost) {
		log.Warn("the web UI listens beyond this machine without a login: anyone who reaches it can start tests; set --web-login", "web_host", opts.WebHost)
	}
	return web.New(e, web.Options{Host: opts.WebHost, Port: webPort(opts.WebPort), Login: opts.WebLogin,
		TLSCert: opts.TLSCert, TLSKey: opts.TLSKey, Title: programName(), Version: version, BasePath: opts.WebBasePath,
		HistoryCSV: historyCSV(opts), ClassPicker: opts.ClassPicker, Kinds: pickable(kinds),
		URLs: urlsAsGiven(opts.URLs), Wait: opts.Wait.String(),
		Defaults: web.StartRequest{Users: opts.Users, SpawnRate: opts.SpawnRate, Host: opts.Host, RunTime: opts.RunTime}})
}

// pickable are the names of the kinds the class picker offers, in order.
func pickable(kinds []runner.Kind) []string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = k.Name
	}
	return names
}

// historyCSV is the history file that the web UI serves as the full
// history CSV: only with --csv-full-history, as in Locust.
func historyCSV(opts *config.Options) string {
	if opts.CSVPrefix == "" || !opts.CSVFullHistory {
		return ""
	}
	return opts.CSVPrefix + report.HistorySuffix
}

// isLoopback reports whether host only reaches this machine.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// webPort maps --web-port 0 (any free port) to the web package's -1.
func webPort(p int) int {
	if p == 0 {
		return -1
	}
	return p
}

func programName() string { return filepath.Base(os.Args[0]) }
