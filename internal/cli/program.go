package cli

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"os"
	"strings"
	"sync/atomic"

	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/engine"
	"github.com/gustload/gust/internal/runner"
	"github.com/gustload/gust/internal/shape"
	"github.com/gustload/gust/internal/stats"
	"github.com/gustload/gust/internal/threshold"
)

// Program is a test program as its command line sees it. The root package
// builds it from a gust.Test: this package cannot import the root (which
// imports it), so the users come as plain descriptions with a function
// that makes each one runnable.
type Program struct {
	// Kinds are the kinds of users, in the order given.
	Kinds []Kind
	// URLKind makes the user of URL mode, which requests what m says.
	URLKind func(m URLMode) Kind
	// Shape, when set, drives the users (Test.Shape).
	Shape shape.Shape
	// Thresholds are Test.Thresholds, in --threshold's syntax.
	Thresholds []string
	// Version is gust's version, for --version, the web UI and reports.
	Version string
}

// Kind is one kind of user (a gust.User) as the command line sees it: what
// it selects by name and tag, shows in the task ratios and runs.
type Kind struct {
	Name       string
	Weight     int // share of the users no fixed count takes; 0 with FixedCount
	FixedCount int
	Host       string // the User's Host; -H/--host overrides it
	Tags       []string
	Tasks      []Task
	Insecure   bool  // the User's InsecureSkipVerify
	MaxBody    int64 // the User's MaxBody
	Invalid    error // why the User cannot run, or nil
	// Build makes the runner's kind that runs the users of this kind.
	Build func(Setup) runner.Kind
}

// Task is one task of a Kind.
type Task struct {
	Name   string // "" for "task N"
	Weight int    // at least 1
	Tags   []string
}

// Setup is what the command line decided for a kind: Build's argument.
type Setup struct {
	Tasks    []int                    // the tasks the tags keep, as indexes of Kind.Tasks
	Host     *atomic.Pointer[url.URL] // nil inside for none; the web UI's form changes it
	Recorder *stats.Recorder
	Insecure bool // accept any TLS certificate: the User's or --insecure-skip-tls-verify
	// MaxBody is the most of a response body kept: the User's MaxBody,
	// else --max-body; below 0 none.
	MaxBody int64
}

// Env is what a run of the command line sees of the process.
type Env struct {
	Args   []string // without the program's name
	Getenv func(string) (string, bool)
	Stdout io.Writer
	Stderr io.Writer
}

// Run parses the command line and runs the test of p; it returns the exit
// code. The test stops gracefully at the first value on interrupt and at
// once at the second.
func (p Program) Run(ctx context.Context, interrupt <-chan struct{}, env Env) int {
	opts, err := config.Parse(env.Args, env.Getenv)
	if err != nil {
		return env.usageError(err)
	}
	for _, w := range config.UnknownEnv(os.Environ()) {
		fmt.Fprintln(env.Stderr, w)
	}
	switch {
	case opts.Help:
		fmt.Fprint(env.Stdout, config.Usage())
		return 0
	case opts.Version:
		fmt.Fprintf(env.Stdout, "gust %s\n", p.Version)
		return 0
	}
	load, err := p.load()
	if err != nil {
		return env.usageError(err)
	}
	kinds, err := p.selectKinds(opts)
	if err != nil {
		return env.usageError(err)
	}
	if opts.List {
		for _, k := range kinds {
			fmt.Fprintln(env.Stdout, k.Name)
		}
		return 0
	}
	log, closeLog, err := env.logger(opts)
	if err != nil {
		return env.usageError(err)
	}
	defer closeLog()
	load.Version = p.Version
	return runTest(ctx, interrupt, opts, kinds, env, log, load)
}

func (env Env) usageError(err error) int {
	fmt.Fprintln(env.Stderr, err)
	return 2
}

// load is what p gives the engine beyond its users: its shape and its
// thresholds, parsed.
func (p Program) load() (engine.Hooks, error) {
	h := engine.Hooks{Shape: p.Shape}
	for _, s := range p.Thresholds {
		th, err := threshold.Parse(s)
		if err != nil {
			return h, &config.UsageError{Option: "threshold",
				Msg: "Test.Thresholds: " + strings.TrimPrefix(err.Error(), "gust: ")}
		}
		h.Thresholds = append(h.Thresholds, th)
	}
	return h, nil
}
