package main

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/gustload/gust"
	demosrv "github.com/gustload/gust/internal/demo"
)

// demoDefaults are the options of `gust demo` unless given on its command line.
// Failures are part of the show, so they do not fail the command.
var demoDefaults = []string{"--headless", "-u", "20", "-r", "10", "-t", "10s", "--exit-code-on-error", "0"}

const demoUsage = `usage: gust demo [--serve] [--listen ADDR] [gust options]

Starts the built-in target server on loopback and runs a short headless test
against it (by default --headless -u 20 -r 10 -t 10s --exit-code-on-error 0;
any gust option can be added and overrides these: --headless=false shows the
test in the web UI at http://127.0.0.1:8089 as well).

  --serve         only serve the target (until Ctrl-C), run no test
  --listen ADDR   the address to serve on (default 127.0.0.1:8080 with --serve,
                  a free port otherwise); it must be a loopback address
`

// demo runs `gust demo`.
func demo(args []string) int {
	serve, listen, rest, err := demoFlags(args)
	if err == errHelp {
		fmt.Print(demoUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	if serve {
		return serveDemo(listen)
	}
	if listen == "" {
		listen = "127.0.0.1:0"
	}
	srv, err := demosrv.Start(listen)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gust: demo: %v\n", err)
		return 2
	}
	defer srv.Close()
	fmt.Fprintf(os.Stderr, "gust demo: target server at %s\n", srv.URL)
	all := append(append(append([]string{}, demoDefaults...), "-H", srv.URL), rest...)
	code := gust.Run(all, demoUsers()...)
	if code != 2 {
		fmt.Fprint(os.Stderr, demoOutro(code, rest))
	}
	return code
}

// demoOutro ends the demo's output: what its failures are, why it exits as it
// does, and what to try next.
func demoOutro(code int, rest []string) string {
	s := "\ngust demo: its failures are deliberate: GET /missing answers 404 Not Found, and\n" +
		"GET /flaky?p=0.2 answers 503 one time in five, to show how gust reports them.\n"
	if !slices.ContainsFunc(rest, func(a string) bool { return strings.HasPrefix(a, "--exit-code-on-error") }) {
		s += fmt.Sprintf("It exits %d all the same (its default --exit-code-on-error 0); a test of your\n"+
			"own exits 1 when a request fails.\n", code)
	}
	return s + `
What to try next:
  gust demo --headless=false  the same test in the web UI, http://127.0.0.1:8089
  gust new mytest             a test of your own in Go, with a README to start
  gust demo --csv demo        the figures in Locust's CSV files (demo_stats.csv)
`
}

var errHelp = errors.New("help requested")

func demoFlags(args []string) (serve bool, listen string, rest []string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--serve":
			serve = true
		case a == "--listen" && i+1 < len(args):
			listen = args[i+1]
			i++
		case strings.HasPrefix(a, "--listen="):
			listen = strings.TrimPrefix(a, "--listen=")
		case a == "--listen":
			return false, "", nil, fmt.Errorf("gust: demo: --listen needs an address such as 127.0.0.1:8080")
		case a == "-h" || a == "--help":
			return false, "", nil, errHelp
		default:
			rest = append(rest, a)
		}
	}
	return serve, listen, rest, nil
}

func serveDemo(listen string) int {
	if listen == "" {
		listen = "127.0.0.1:8080"
	}
	// Listen for Ctrl-C before saying where we serve: whoever reads the
	// address may interrupt at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := demosrv.Start(listen)
	if err != nil {
		fmt.Fprintf(os.Stderr, "gust: demo: %v\n", err)
		return 2
	}
	fmt.Fprintf(os.Stderr, "gust demo: serving the target at %s (Ctrl-C to stop)\n", srv.URL)
	<-ctx.Done()
	if err := srv.Close(); err != nil {
		fmt.Fprintf(os.Stderr, "gust: demo: %v\n", err)
		return 1
	}
	return 0
}

// demoUsers are the users of `gust demo`: a visitor browsing pages of
// different speeds, and an API client that logs in first.
func demoUsers() []gust.User {
	visitor := gust.User{
		Name:   "Visitor",
		Weight: 3,
		Wait:   gust.Between(100*time.Millisecond, 500*time.Millisecond),
		Tasks: []gust.Task{
			gust.NewTask("home", 5, func(s *gust.Session) { s.Get("/") }),
			gust.NewTask("item", 3, func(s *gust.Session) {
				s.Get(fmt.Sprintf("/item?id=%d", s.Rand().IntN(1000)), gust.Name("/item?id=[id]"))
			}),
			gust.NewTask("latency", 3, func(s *gust.Session) { s.Get("/latency") }),
			gust.NewTask("slow", 1, func(s *gust.Session) { s.Get("/slow?ms=300") }),
			gust.NewTask("flaky", 1, func(s *gust.Session) { s.Get("/flaky?p=0.2") }),
		},
	}
	api := gust.User{
		Name: "APIClient",
		Wait: gust.Between(200*time.Millisecond, time.Second),
		OnStart: func(s *gust.Session) {
			s.PostForm("/login", url.Values{"user": {"demo"}, "password": {"secret"}})
		},
		Tasks: []gust.Task{
			gust.NewTask("list", 3, func(s *gust.Session) { s.Get("/api/items") }),
			gust.NewTask("create", 1, func(s *gust.Session) {
				s.PostJSON("/api/items", map[string]any{"name": "widget"})
			}),
			gust.NewTask("missing", 1, func(s *gust.Session) { s.Get("/missing") }),
		},
	}
	return []gust.User{visitor, api}
}
