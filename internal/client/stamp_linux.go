package client

import (
	"errors"
	"io"
	"net"
	"os"
	"sync/atomic"
	"syscall"
	"time"
	"unsafe"
)

// stampedConn is a TCP connection whose reads note when the kernel received
// the data they return (SO_TIMESTAMPNS), so that a response is timed by its
// arrival, not by when the user's goroutine got to run and read it: a busy
// load generator then delays its reading but not its figures. The delay
// between arrival and reading is the generator's own, measured apart.
type stampedConn struct {
	*net.TCPConn
	raw   syscall.RawConn
	recv  func(fd uintptr) bool // c.recvmsg, made once: no allocation per read
	msg   syscall.Msghdr
	iov   syscall.Iovec
	oob   [8]uint64 // room for one control message, 8-byte aligned
	n     int       // what the last recvmsg returned
	errno error
	stamp atomic.Int64 // when the kernel received the data of the last read, Unix ns
	sent  atomic.Int64 // when the first Write since Sent asked for it began, Unix ns

	// out is a request that the next Read writes before it waits for the
	// response (see Sender); full says the socket took only part of it.
	out   []byte
	full  bool
	wrote error // why writing out failed
}

// Stamped returns c reading with receive times, or c itself (and false)
// when the system will not give them.
func Stamped(c net.Conn) (net.Conn, bool) {
	tc, ok := c.(*net.TCPConn)
	if !ok {
		return c, false
	}
	raw, err := tc.SyscallConn()
	if err != nil {
		return c, false
	}
	var serr error
	err = raw.Control(func(fd uintptr) {
		serr = syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_TIMESTAMPNS, 1)
	})
	if err != nil || serr != nil {
		return c, false
	}
	sc := &stampedConn{TCPConn: tc, raw: raw}
	sc.recv = sc.recvmsg
	sc.msg.Iov, sc.msg.Iovlen = &sc.iov, 1
	sc.msg.Control = (*byte)(unsafe.Pointer(&sc.oob[0]))
	return sc, true
}

// Write writes like net.Conn's Write, noting when the first write since the
// last call of Sent began. Transports that write from goroutines of their
// own (net/http's HTTP/2 and TLS ones) report a request written only once
// that goroutine runs again, which on a busy machine can be after the
// response arrived; the connection knows when the request really left.
// gust's own clients write a request's last piece from Read (see Sender),
// so a request that fits the buffer costs no clock read here.
func (c *stampedConn) Write(p []byte) (int, error) {
	if c.sent.Load() == 0 {
		c.sent.CompareAndSwap(0, time.Now().UnixNano())
	}
	return c.TCPConn.Write(p)
}

// Read reads like net.Conn's Read, with recvmsg, keeping the receive time.
func (c *stampedConn) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	c.iov.Base = &p[0]
	c.iov.SetLen(len(p))
	err := c.raw.Read(c.recv)
	for err == nil && c.full { // the rest of out waits for room, the usual way
		c.full = false
		var n int
		n, err = c.TCPConn.Write(c.out)
		if c.out = c.out[n:]; err == nil {
			err = c.raw.Read(c.recv)
		} else if !errors.Is(err, os.ErrDeadlineExceeded) {
			c.wrote, c.out = err, nil
		}
	}
	c.iov.Base = nil // keep no hold on p
	switch {
	case err != nil:
		return 0, err
	case c.errno != nil:
		return 0, &net.OpError{Op: "read", Net: "tcp", Source: c.LocalAddr(), Addr: c.RemoteAddr(), Err: c.errno}
	case c.n == 0:
		return 0, io.EOF
	}
	return c.n, nil
}

// recvmsg reads once into the iovec; it reports false when there is
// nothing to read yet (the runtime then waits for the socket). A request in
// out goes first, and then it waits without trying to read: the response
// cannot be there yet, and a read that finds nothing is a system call for
// nothing. The runtime forgot any earlier readiness of the socket before
// the first call, so a response that comes back at once still wakes it.
//
// Both system calls are raw (no entersyscall and exitsyscall around them):
// the socket is non-blocking, so they return at once, and the runtime has
// nothing to hand over meanwhile. Around a plain syscall.Syscall the
// processor is marked as in a system call, which costs its bookkeeping
// twice per request and lets sysmon take the processor away from a write
// that the kernel is still delivering (over loopback, the whole receive
// path of the peer), so that another thread has to be woken to run the
// users in the meantime.
func (c *stampedConn) recvmsg(fd uintptr) bool {
	if len(c.out) > 0 {
		return c.send(fd)
	}
	for {
		c.msg.SetControllen(len(c.oob) * 8)
		c.msg.Flags = 0
		n, _, e := syscall.RawSyscall(syscall.SYS_RECVMSG, fd, uintptr(unsafe.Pointer(&c.msg)), 0)
		switch e {
		case syscall.EINTR:
			continue
		case syscall.EAGAIN:
			return false
		case 0:
			c.n, c.errno = int(n), nil
			if c.msg.Controllen > 0 {
				c.note(unsafe.Slice((*byte)(unsafe.Pointer(&c.oob[0])), int(c.msg.Controllen)))
			}
		default:
			c.n, c.errno = 0, e
		}
		return true
	}
}

// send writes out; it reports false when all of it went (the read then
// waits for the response), true when the socket is full (Read writes the
// rest) or writing failed (Read reports it).
func (c *stampedConn) send(fd uintptr) bool {
	for len(c.out) > 0 {
		n, _, e := syscall.RawSyscall(syscall.SYS_WRITE, fd, uintptr(unsafe.Pointer(&c.out[0])), uintptr(len(c.out)))
		switch e {
		case 0:
			c.out = c.out[n:]
		case syscall.EINTR:
		case syscall.EAGAIN:
			c.n, c.errno, c.full = 0, nil, true
			return true
		default:
			c.wrote = &net.OpError{Op: "write", Net: "tcp", Source: c.LocalAddr(), Addr: c.RemoteAddr(), Err: os.NewSyscallError("write", e)}
			c.n, c.errno, c.out = 0, e, nil
			return true
		}
	}
	c.out = nil
	return false
}

// note keeps the receive time of a control message of SCM_TIMESTAMPNS.
func (c *stampedConn) note(oob []byte) {
	head := syscall.CmsgLen(0)
	if len(oob) < head+int(unsafe.Sizeof(syscall.Timespec{})) {
		return
	}
	h := (*syscall.Cmsghdr)(unsafe.Pointer(&oob[0]))
	if h.Level != syscall.SOL_SOCKET || h.Type != syscall.SCM_TIMESTAMPNS {
		return
	}
	ts := (*syscall.Timespec)(unsafe.Pointer(&oob[head]))
	c.stamp.Store(ts.Nano())
}

// Sent returns when the first write to c since the last call began, and
// forgets it: called once before a request goes out, and once after its
// response arrived, it tells when the request was written. c may be a TLS
// connection over a stamped one.
func Sent(c net.Conn) (time.Time, bool) {
	if sc := stamped(c); sc != nil {
		if ns := sc.sent.Swap(0); ns != 0 {
			return time.Unix(0, ns), true
		}
	}
	return time.Time{}, false
}

// stamped returns the stamped connection c is, or is over (TLS), or nil.
func stamped(c net.Conn) *stampedConn {
	if tc, ok := c.(interface{ NetConn() net.Conn }); ok {
		c = tc.NetConn()
	}
	sc, _ := c.(*stampedConn)
	return sc
}

// Received returns when the data of c's last read arrived, and forgets it.
// c may be a TLS connection over a stamped one. The net/http transport
// reads in its own goroutine: the stamp is atomic.
func Received(c net.Conn) (time.Time, bool) {
	if sc := stamped(c); sc != nil {
		if ns := sc.stamp.Swap(0); ns != 0 {
			return time.Unix(0, ns), true
		}
	}
	return time.Time{}, false
}
