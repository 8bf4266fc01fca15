package gust

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/engine"
	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/stats"
	"github.com/gustload/gust/internal/web"
)

// Version is gust's version, printed by --version.
const Version = "0.1.0"

// Main runs gust's command line (the same flags as the gust binary) with the
// given kinds of users, then exits with the test's exit code: 0 when all went
// well, 1 (--exit-code-on-error) when a request failed or a task panicked, 2
// for bad input, 3 when a --threshold failed. Call it from a test program's
// main function. It is Test{Users: users}.Main(); a Test also takes a load
// shape and thresholds.
func Main(users ...User) {
	Test{Users: users}.Main()
}

// Run is Main without the exit: it runs the command line args (without the
// program name) with the given users and returns the exit code. The first
// Ctrl-C (or SIGTERM) stops the test gracefully, a second one at once.
func Run(args []string, users ...User) int {
	return Test{Users: users}.Run(args)
}

// environment is what a run of the command line sees of the process.
type environment struct {
	args   []string
	getenv func(string) (string, bool)
	stdout io.Writer
	stderr io.Writer
}

// run parses the command line and runs a test of users; it returns the
// exit code.
func (env environment) run(ctx context.Context, interrupt <-chan struct{}, users []User) int {
	return env.test(ctx, interrupt, Test{Users: users})
}

// test parses the command line and runs t; it returns the exit code.
func (env environment) test(ctx context.Context, interrupt <-chan struct{}, t Test) int {
	opts, err := config.Parse(env.args, env.getenv)
	if err != nil {
		return env.usageError(err)
	}
	switch {
	case opts.Help:
		fmt.Fprint(env.stdout, config.Usage())
		return 0
	case opts.Version:
		fmt.Fprintf(env.stdout, "gust %s\n", Version)
		return 0
	}
	load, err := t.load()
	if err != nil {
		return env.usageError(err)
	}
	kinds, err := selectKinds(opts, t.Users)
	if err != nil {
		return env.usageError(err)
	}
	if opts.List {
		for _, k := range kinds {
			fmt.Fprintln(env.stdout, k.user.Name)
		}
		return 0
	}
	log, closeLog, err := env.logger(opts)
	if err != nil {
		return env.usageError(err)
	}
	defer closeLog()
	return runTest(ctx, interrupt, opts, kinds, env, log, load)
}

func (env environment) usageError(err error) int {
	fmt.Fprintln(env.stderr, err)
	return 2
}

// runTest runs the test, headless or with the web UI, and returns the exit code.
func runTest(ctx context.Context, interrupt <-chan struct{}, opts *config.Options, kinds []*kind, env environment, log *slog.Logger, load engine.Hooks) int {
	checkLimits(opts.Users, destinations(opts, kinds), log)
	rec := stats.NewRecorder()
	rkinds := make([]runner.Kind, len(kinds))
	for i, k := range kinds {
		k.rec = rec
		rkinds[i] = runner.Kind{Name: k.user.Name, Weight: k.user.weight(), Fixed: k.user.FixedCount, Run: k.run, Iterate: k.iterate}
	}
	hooks := engine.Hooks{SetHost: func(h string) error { return setHost(kinds, h) },
		Tasks: taskRatios(kinds, opts.Users), Title: programName(), Version: Version,
		TasksOf: func(names []string) web.TaskRatios { return taskRatios(kindsNamed(kinds, names), opts.Users) },
		Shape:   load.Shape, Thresholds: load.Thresholds}
	out := engine.Outputs{Stdout: env.stdout, Console: env.stderr, Log: log}
	if opts.Master || opts.Worker {
		return clusterRun{ctx, interrupt, opts, kinds, rkinds, rec, env, log}.run(hooks, out)
	}
	e, err := engine.New(opts, rkinds, rec, out, hooks)
	if err != nil {
		return env.usageError(err)
	}
	srv, err := newWebServer(e, opts, log, rkinds)
	if err != nil {
		return env.usageError(err)
	}
	return e.Run(ctx, interrupt, srv)
}

// newWebServer binds the web UI unless --headless; nil means headless.
// The class picker offers kinds.
func newWebServer(e *engine.Engine, opts *config.Options, log *slog.Logger, kinds []runner.Kind) (*web.Server, error) {
	if opts.Headless {
		return nil, nil
	}
	if opts.WebLogin == "" && !isLoopback(opts.WebHost) {
		log.Warn("the web UI listens beyond this machine without a login: anyone who reaches it can start tests; set --web-login", "web_host", opts.WebHost)
	}
	return web.New(e, web.Options{Host: opts.WebHost, Port: webPort(opts.WebPort), Login: opts.WebLogin,
		TLSCert: opts.TLSCert, TLSKey: opts.TLSKey, Title: programName(), Version: Version, BasePath: opts.WebBasePath,
		HistoryCSV: historyCSV(opts), ClassPicker: opts.ClassPicker, Kinds: pickable(kinds),
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

// setHost points every kind at host, for users spawned from now on.
func setHost(kinds []*kind, host string) error {
	for _, k := range kinds {
		h, err := hostFor(k.user, host)
		if err != nil {
			return err
		}
		k.host.Store(h)
	}
	return nil
}

// selectKinds validates the users, adds URL mode's user, keeps the kinds
// named on the command line and the tasks the tags select.
func selectKinds(opts *config.Options, users []User) ([]*kind, error) {
	all := slices.Clone(users)
	if len(opts.URLs) > 0 {
		all = append(all, urlUser(opts))
	}
	if len(all) == 0 {
		return nil, &config.UsageError{Msg: "nothing to test: give a URL (gust -u 10 -t 30s http://127.0.0.1:8080/), " +
			"run `gust demo`, or write users in Go and call gust.Main (see the README)"}
	}
	if err := checkUsers(all); err != nil {
		return nil, err
	}
	chosen, err := chooseKinds(all, opts.UserKinds)
	if err != nil {
		return nil, err
	}
	return buildKinds(chosen, opts)
}

func checkUsers(users []User) error {
	seen := map[string]bool{}
	for i := range users {
		if err := users[i].validate(); err != nil {
			return err
		}
		if seen[users[i].Name] {
			return fmt.Errorf("gust: two users are named %q: user names must be unique", users[i].Name)
		}
		seen[users[i].Name] = true
	}
	return nil
}

func chooseKinds(users []User, names []string) ([]*User, error) {
	var chosen []*User
	for i := range users {
		if len(names) == 0 || slices.Contains(names, users[i].Name) {
			chosen = append(chosen, &users[i])
		}
	}
	for _, n := range names {
		if !slices.ContainsFunc(users, func(u User) bool { return u.Name == n }) {
			return nil, &config.UsageError{Msg: fmt.Sprintf("unknown user kind %q: known kinds are %s", n, kindNames(users))}
		}
	}
	return chosen, nil
}

func kindNames(users []User) string {
	names := make([]string, len(users))
	for i, u := range users {
		names[i] = u.Name
	}
	return strings.Join(names, ", ")
}

func buildKinds(users []*User, opts *config.Options) ([]*kind, error) {
	if err := checkTags(users, opts.Tags, opts.ExcludeTags); err != nil {
		return nil, err
	}
	var kinds []*kind
	for _, u := range users {
		tasks := filterTasks(u, opts.Tags, opts.ExcludeTags)
		if len(tasks) == 0 {
			continue // every task was filtered out by the tags
		}
		host, err := hostFor(u, opts.Host)
		if err != nil {
			return nil, err
		}
		u.InsecureSkipVerify = u.InsecureSkipVerify || opts.InsecureSkipTLSVerify // u is selectKinds' copy
		kinds = append(kinds, newKind(u, tasks, host, nil))
	}
	if len(kinds) == 0 {
		return nil, &config.UsageError{Msg: "no task is left to run after --tags/--exclude-tags"}
	}
	return kinds, nil
}

func hostFor(u *User, override string) (*url.URL, error) {
	raw := u.Host
	if override != "" {
		raw = override
	}
	if raw == "" {
		return nil, nil
	}
	h, err := url.Parse(raw)
	if err != nil || (h.Scheme != "http" && h.Scheme != "https") || h.Host == "" {
		return nil, &config.UsageError{Msg: fmt.Sprintf("user %q: invalid host %q: want an absolute http(s) URL such as http://127.0.0.1:8080", u.Name, raw)}
	}
	return h, nil
}
