// Command target is the Go target of the bench scripts: an HTTP/1.1
// keep-alive server that answers GET /delay/{ms} after exactly that many
// milliseconds and GET /index.txt with 12 bytes at once, on one or more
// loopback addresses:
//
//	target -listen 127.0.0.2:8080,127.0.0.3:8080
//
// Each request is timed from when its bytes reached the kernel (not from
// when the handler got to run), and /delay/{ms} answers that long after it.
// On SIGINT or SIGTERM the target stops and prints how long it took to
// answer the delayed requests (p50, p99, max, from the request's arrival to
// the response's write): the truth a load generator's figures are compared
// with.
//
// May import: no other gust package.
package main

import (
	"context"
	"flag"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"
)

func main() {
	listen := flag.String("listen", "127.0.0.1:8080", "comma-separated loopback addresses to serve on")
	flag.Parse()
	h := newHandler()
	var servers []*http.Server
	for _, addr := range strings.Split(*listen, ",") {
		srv, err := serve(addr, h)
		if err != nil {
			fmt.Fprintln(os.Stderr, "target:", err)
			os.Exit(2)
		}
		servers = append(servers, srv)
	}
	fmt.Fprintf(os.Stderr, "target: serving on %s\n", *listen)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	<-ctx.Done()
	for _, srv := range servers {
		srv.Close()
	}
	fmt.Println(h.served.summary())
}

// serve listens on addr, which must be on loopback, and serves h there.
func serve(addr string, h http.Handler) (*http.Server, error) {
	ap, err := netip.ParseAddrPort(addr)
	if err != nil || !ap.Addr().IsLoopback() {
		return nil, fmt.Errorf("-listen %q: want loopback addresses such as 127.0.0.2:8080", addr)
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, err
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: time.Minute, IdleTimeout: 10 * time.Minute, ConnContext: withConn}
	go srv.Serve(stampListener{ln})
	return srv, nil
}
