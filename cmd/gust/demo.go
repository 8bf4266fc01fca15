package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strings"
	"sync"
	"syscall"

	"github.com/gustload/gust"
	demosrv "github.com/gustload/gust/internal/demo"
)

// demoDefaults are the options of `gust demo` unless given on its command line.
// Failures are part of the show, so they do not fail the command.
var demoDefaults = []string{"--headless", "-u", "20", "-r", "10", "-t", "10s", "--exit-code-on-error", "0"}

const demoUsage = `usage: gust demo [--serve] [--listen ADDR] [--grpc-listen ADDR] [gust options]

Starts the built-in target server on loopback and runs a short headless test
against it (by default --headless -u 20 -r 10 -t 10s --exit-code-on-error 0;
any gust option can be added and overrides these: --headless=false shows the
test in the web UI at http://127.0.0.1:8089 as well). The test mixes users of
HTTP/1.1, HTTP/2 (h2c), gRPC and WebSocket. The server speaks HTTP/1.1 and HTTP/2 in cleartext
(h2c) on one port, with WebSocket routes (/ws/echo, /ws/broadcast), and gRPC
(service gust.demo.Demo, health and reflection) on another.

  --serve              only serve the target (until Ctrl-C), run no test
  --listen ADDR        the HTTP address (default 127.0.0.1:8080 with --serve,
                       a free port otherwise); it must be a loopback address
  --grpc-listen ADDR   the gRPC address (default 127.0.0.1:50051 with --serve
                       unless --listen asks for port 0, a free port otherwise)
`

// demo runs `gust demo`.
func demo(args []string) int {
	f, err := demoFlags(args)
	if err == errHelp {
		fmt.Print(demoUsage)
		return 0
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	if f.serve {
		return serveDemo(f)
	}
	if f.listen == "" {
		f.listen = "127.0.0.1:0"
	}
	srv, err := demosrv.Start(f.listen, demosrv.WithGRPCAddr(f.grpcListen))
	if err != nil {
		fmt.Fprintln(os.Stderr, demoError(err))
		return 2
	}
	defer srv.Close()
	users, err := demoUsers(srv.GRPCAddr)
	if err != nil {
		fmt.Fprintln(os.Stderr, demoError(err))
		return 1
	}
	users = announceOnStart(users, func() {
		fmt.Fprintf(os.Stderr, "gust demo: target server at %s, gRPC at %s\n", srv.URL, srv.GRPCAddr)
	})
	all := append(append(append([]string{}, demoDefaults...), "-H", srv.URL), f.rest...)
	code := gust.Run(all, users...)
	if code != 2 {
		fmt.Fprint(os.Stderr, demoOutro(code, f.rest))
	}
	return code
}

// announceOnStart makes the first of the users to start call announce, once:
// the demo says where its target serves when its test starts, so that a bad
// option, which gust refuses before that (exit 2), is the only line printed.
func announceOnStart(users []gust.User, announce func()) []gust.User {
	var once sync.Once
	for i := range users {
		start := users[i].OnStart
		users[i].OnStart = func(s *gust.Session) {
			once.Do(announce)
			if start != nil {
				start(s)
			}
		}
	}
	return users
}

// demoError is the line that reports err of the demo server: for an address
// it cannot listen on, the option that gave it (--listen, --grpc-listen) and
// what would be valid.
func demoError(err error) string {
	var ae *demosrv.AddrError
	if !errors.As(err, &ae) {
		return "gust: demo: " + strings.TrimPrefix(err.Error(), "gust: ")
	}
	option := "--listen"
	if ae.GRPC {
		option = "--grpc-listen"
	}
	return fmt.Sprintf("gust: demo %s %s: %s", option, ae.Addr, ae.Problem())
}

// demoOutro ends the demo's output: what its failures are, why it exits as it
// does, and what to try next.
func demoOutro(code int, rest []string) string {
	s := "\ngust demo: its failures are deliberate: GET /missing answers 404 Not Found,\n" +
		"GET /flaky?p=0.2 answers 503 one time in five, and the gRPC Echo fails with\n" +
		"Unavailable one call in twenty, to show how gust reports them.\n"
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

// demoOptions are the options of `gust demo` itself.
type demoOptions struct {
	serve              bool
	listen, grpcListen string
	rest               []string // gust's own options
}

var errHelp = errors.New("help requested")

func demoFlags(args []string) (demoOptions, error) {
	var f demoOptions
	addrs := map[string]*string{"--listen": &f.listen, "--grpc-listen": &f.grpcListen}
	for i := 0; i < len(args); i++ {
		a := args[i]
		name, value, hasValue := strings.Cut(a, "=")
		switch {
		case a == "--serve":
			f.serve = true
		case addrs[name] != nil && hasValue:
			*addrs[name] = value
		case addrs[name] != nil && i+1 < len(args):
			*addrs[name] = args[i+1]
			i++
		case addrs[name] != nil:
			return f, fmt.Errorf("gust: demo: %s needs an address such as 127.0.0.1:8080", name)
		case a == "-h" || a == "--help":
			return f, errHelp
		default:
			f.rest = append(f.rest, a)
		}
	}
	return f, nil
}

func serveDemo(f demoOptions) int {
	if f.listen == "" {
		f.listen = "127.0.0.1:8080"
	}
	if f.grpcListen == "" && !strings.HasSuffix(f.listen, ":0") {
		f.grpcListen = "127.0.0.1:50051"
	}
	// Listen for Ctrl-C before saying where we serve: whoever reads the
	// address may interrupt at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv, err := demosrv.Start(f.listen, demosrv.WithGRPCAddr(f.grpcListen))
	if err != nil {
		fmt.Fprintln(os.Stderr, demoError(err))
		return 2
	}
	ws := "ws" + strings.TrimPrefix(srv.URL, "http")
	fmt.Fprintf(os.Stderr, "gust demo: serving the target at %s (Ctrl-C to stop)\n", srv.URL)
	fmt.Fprintf(os.Stderr, "  HTTP/1.1 and HTTP/2 cleartext (h2c): %s/\n", srv.URL)
	fmt.Fprintf(os.Stderr, "  WebSocket: %s/ws/echo and %s/ws/broadcast\n", ws, ws)
	fmt.Fprintf(os.Stderr, "  gRPC (plaintext): %s (gust.demo.Demo: Echo, Ticks; health; reflection)\n", srv.GRPCAddr)
	<-ctx.Done()
	if err := srv.Close(); err != nil {
		fmt.Fprintln(os.Stderr, demoError(err))
		return 1
	}
	return 0
}
