package main

import (
	"context"
	"io"
	"net"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

// The target times each request from when its last bytes reached the
// kernel (SO_TIMESTAMPNS), not from when the handler got to run, and answers
// 50 ms after that: a truthful target even when it is busy itself.

// stampListener hands out connections that note when their data arrived.
type stampListener struct{ net.Listener }

func (l stampListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return newStampConn(c), nil
}

// stampConn is a TCP connection reading with recvmsg, keeping the kernel's
// receive time of the last data read (0 when unknown).
type stampConn struct {
	*net.TCPConn
	raw     syscall.RawConn
	arrived atomic.Int64 // Unix nanoseconds
}

func newStampConn(c net.Conn) net.Conn {
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return c
	}
	raw, err := tc.SyscallConn()
	if err != nil {
		return c
	}
	raw.Control(func(fd uintptr) {
		syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_TIMESTAMPNS, 1)
	})
	return &stampConn{TCPConn: tc, raw: raw}
}

func (c *stampConn) Read(p []byte) (int, error) {
	var n int
	var rerr error
	var oob [64]byte
	err := c.raw.Read(func(fd uintptr) bool {
		var oobn int
		n, oobn, _, _, rerr = syscall.Recvmsg(int(fd), p, oob[:], 0)
		if rerr == syscall.EAGAIN {
			return false
		}
		if rerr == nil && oobn >= syscall.CmsgLen(16) {
			if h := (*syscall.Cmsghdr)(unsafe.Pointer(&oob[0])); h.Level == syscall.SOL_SOCKET && h.Type == syscall.SCM_TIMESTAMPNS {
				ts := (*syscall.Timespec)(unsafe.Pointer(&oob[syscall.CmsgLen(0)]))
				c.arrived.Store(ts.Nano())
			}
		}
		return true
	})
	switch {
	case err != nil:
		return 0, err
	case rerr != nil:
		return 0, rerr
	case n == 0 && len(p) > 0:
		return 0, io.EOF
	}
	return n, nil
}

type connKey struct{}

// withConn keeps the connection in the request's context (http.Server's
// ConnContext), so a handler can ask when its request arrived.
func withConn(ctx context.Context, c net.Conn) context.Context {
	return context.WithValue(ctx, connKey{}, c)
}

// arrival is when the request of ctx reached the kernel, or now.
func arrival(ctx context.Context) time.Time {
	if c, ok := ctx.Value(connKey{}).(*stampConn); ok {
		if ns := c.arrived.Load(); ns != 0 {
			if t := time.Unix(0, ns); t.Before(time.Now()) {
				return t
			}
		}
	}
	return time.Now()
}
