package demo

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strconv"
	"syscall"
)

// ErrNotLoopback is returned by Start for an address that is not on the
// loopback interface: the demo server is a target for local load tests and
// never listens where other machines could reach it.
var ErrNotLoopback = errors.New("gust: demo server address must be on loopback")

// errNotHostPort and errBadPort say what is wrong with an address that
// cannot be listened on at all.
var (
	errNotHostPort = errors.New("not host:port")
	errBadPort     = errors.New("not a port")
)

// AddrError is the error Start returns for an address it cannot listen on:
// which of its two addresses, and why (Err: ErrNotLoopback, or the error of
// the listen). Problem says what would be valid.
type AddrError struct {
	Addr string // the address as given
	GRPC bool   // the gRPC address (WithGRPCAddr); else the HTTP one
	Err  error
}

// Error names the server and the address, then the problem.
func (e *AddrError) Error() string {
	server := "demo server"
	if e.GRPC {
		server = "demo gRPC server"
	}
	return fmt.Sprintf("gust: %s address %q: %s", server, e.Addr, e.Problem())
}

// Unwrap returns the cause, so that errors.Is(err, ErrNotLoopback) holds.
func (e *AddrError) Unwrap() error { return e.Err }

// Problem says what is wrong with the address and what would be valid,
// without naming it: "the port is in use; want ...".
func (e *AddrError) Problem() string {
	const ports = "port from 1 to 65535, or 0 for any free one"
	switch {
	case errors.Is(e.Err, ErrNotLoopback):
		return "not on loopback; want 127.0.0.1:PORT or localhost:PORT"
	case errors.Is(e.Err, errNotHostPort):
		return "not host:port; want host:port, like 127.0.0.1:8080 or 127.0.0.1:0"
	case errors.Is(e.Err, errBadPort):
		return "the port is not valid; want a " + ports
	case errors.Is(e.Err, syscall.EADDRINUSE):
		return "the port is in use; want another " + ports
	}
	return fmt.Sprintf("%v; want a loopback address with a free %s", e.Err, ports)
}

// loopbackAddr checks that addr's host is a loopback IP or "localhost" (which
// it turns into 127.0.0.1, so the server never lands on another interface
// through name resolution) and that its port is a number, and returns the
// address to listen on.
func loopbackAddr(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", errNotHostPort
	}
	if host == "localhost" {
		host = "127.0.0.1"
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || !ip.Unmap().IsLoopback() {
		return "", ErrNotLoopback
	}
	if n, err := strconv.ParseUint(port, 10, 16); err != nil || n > 65535 {
		return "", errBadPort
	}
	return net.JoinHostPort(host, port), nil
}

// listenOn listens on addr, a loopback address; a failure is an *AddrError.
func listenOn(addr string, grpc bool) (net.Listener, error) {
	a, err := loopbackAddr(addr)
	if err == nil {
		var ln net.Listener
		if ln, err = net.Listen("tcp", a); err == nil {
			return ln, nil
		}
	}
	return nil, &AddrError{Addr: addr, GRPC: grpc, Err: err}
}
