package gust

import (
	"bytes"
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/gustload/gust/internal/cli"
	"github.com/gustload/gust/internal/runner"
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

// Main runs gust's command line with t and exits with the test's exit code
// (see Main).
func (t Test) Main() {
	os.Exit(t.Run(os.Args[1:]))
}

// Run is Main without the exit: it runs the command line args (without the
// program name) with t and returns the exit code. The first Ctrl-C (or
// SIGTERM) stops the test gracefully, a second one at once.
func (t Test) Run(args []string) int {
	interrupt := make(chan struct{}, 2)
	signals := make(chan os.Signal, 2)
	signal.Notify(signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		for range signals {
			select {
			case interrupt <- struct{}{}:
			default: // two are pending already
			}
		}
	}()
	defer func() { signal.Stop(signals); close(signals) }() // no signal comes after Stop: the goroutine ends
	env := cli.Env{Args: args, Getenv: os.LookupEnv, Stdout: os.Stdout, Stderr: os.Stderr}
	return t.run(context.Background(), interrupt, env)
}

// run hands the command line over to internal/cli with t's users.
func (t Test) run(ctx context.Context, interrupt <-chan struct{}, env cli.Env) int {
	p := cli.Program{Shape: t.Shape, Thresholds: t.Thresholds, Version: Version,
		URLKind: func(m cli.URLMode) cli.Kind { u := urlUser(m); return describe(&u) }}
	for i := range t.Users {
		p.Kinds = append(p.Kinds, describe(&t.Users[i]))
	}
	return p.Run(ctx, interrupt, env)
}

// describe is u as the command line sees it, with the way to run it.
func describe(u *User) cli.Kind {
	k := cli.Kind{Name: u.Name, Weight: u.weight(), FixedCount: u.FixedCount, Host: u.Host, Tags: u.Tags,
		Insecure: u.InsecureSkipVerify, MaxBody: u.MaxBody, Invalid: u.validate(), Build: func(s cli.Setup) runner.Kind { return build(*u, s) }}
	for _, t := range u.Tasks {
		k.Tasks = append(k.Tasks, cli.Task{Name: t.Name, Weight: t.weight(), Tags: t.Tags})
	}
	return k
}

// build makes the runner's kind of u (a copy) as the command line set it up.
func build(u User, s cli.Setup) runner.Kind {
	u.InsecureSkipVerify, u.MaxBody = s.Insecure, s.MaxBody
	tasks := make([]Task, len(s.Tasks))
	for i, j := range s.Tasks {
		tasks[i] = u.Tasks[j]
	}
	k := newKind(&u, tasks, s.Host, s.Recorder)
	return runner.Kind{Name: u.Name, Weight: u.weight(), Fixed: u.FixedCount, Run: k.run, Iterate: k.iterate}
}

// urlUser is the built-in user of URL mode (see cli.URLMode): it uses the
// FastHTTP client (HTTP2 with --http2) and waits as --wait says.
func urlUser(m cli.URLMode) User {
	u := User{Name: "URLUser", Client: FastHTTP}
	if m.HTTP2 {
		u.Client = HTTP2
	}
	if m.Wait.Max > 0 {
		u.Wait = Between(m.Wait.Min, m.Wait.Max) // --wait
	}
	var opts []Option
	for _, h := range m.Headers {
		opts = append(opts, Header(h.Name, h.Value))
	}
	send := func(s *Session, url string) { s.Request(m.Method, url, nil, opts...) }
	if m.Body != nil {
		send = func(s *Session, url string) { s.Request(m.Method, url, bytes.NewReader(m.Body), opts...) }
	}
	for _, t := range m.URLs {
		raw := t.URL
		u.Tasks = append(u.Tasks, Task{Name: t.Name, Weight: t.Weight, Run: func(s *Session) { send(s, raw) }})
	}
	return u
}
