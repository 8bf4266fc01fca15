package transport

import (
	"errors"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Limits that keep one bad peer from stalling or crashing a node. zmq4 reads
// frames of any declared size and writes without deadlines, so the guard
// sits below it, on the TCP connection.
const (
	// handshakeTimeout bounds the ZMTP greeting and handshake: a peer that
	// connects and sends nothing would otherwise block zmq4's accept loop.
	handshakeTimeout = 10 * time.Second
	// writeTimeout bounds one write: a peer that stops reading (stopped or
	// gone without a FIN) is disconnected instead of blocking every send of
	// the socket.
	writeTimeout = 10 * time.Second
	// maxFrame is the largest ZMTP frame accepted, far above any stats
	// report; zmq4 would otherwise allocate whatever a header declares.
	maxFrame = 64 << 20
)

var (
	errFrameTooLarge    = errors.New("ZMTP frame larger than 64 MiB")
	errHandshakeTimeout = errors.New("no ZMTP handshake within 10 s")
	errWriteStalled     = errors.New("peer stopped reading for 10 s")
)

// guardedConn is a TCP connection under zmq4 that enforces the limits above.
// A violation closes the connection and is reported as a non-timeout
// net.Error, which zmq4 treats as a closed connection.
type guardedConn struct {
	net.Conn
	scan      frameScanner // reads happen on one goroutine at a time
	pre       []byte       // read ahead by awaitSignature, for Read to return first
	onClose   func()       // unregisters from a guardedListener
	closeOnce sync.Once
	closed    atomic.Bool // Read fails once set, even with bytes in pre
}

func newGuardedConn(c net.Conn, onClose func()) *guardedConn {
	_ = c.SetReadDeadline(time.Now().Add(handshakeTimeout))
	return &guardedConn{Conn: c, onClose: onClose}
}

// signatureLen is the length of the ZMTP signature, the part of the
// greeting every peer sends at once (libzmq waits for the other side's
// before it sends the rest).
const signatureLen = 10

// awaitSignature reads the peer's signature, within the handshake
// deadline, for Read to return first.
func (c *guardedConn) awaitSignature() error {
	sig := make([]byte, signatureLen)
	if _, err := io.ReadFull(c.Conn, sig); err != nil {
		return err
	}
	c.pre = sig
	return nil
}

// Read reads, scanning frame headers, and ends the handshake deadline once
// the handshake is over.
func (c *guardedConn) Read(p []byte) (int, error) {
	var n int
	var err error
	switch {
	case c.closed.Load():
		return 0, &net.OpError{Op: "read", Net: "tcp", Source: c.LocalAddr(), Addr: c.RemoteAddr(), Err: net.ErrClosed}
	case len(c.pre) > 0:
		n = copy(p, c.pre)
		c.pre = c.pre[n:]
	default:
		n, err = c.Conn.Read(p)
	}
	if isTimeout(err) {
		return n, c.fail("read", errHandshakeTimeout)
	}
	done, ferr := c.scan.feed(p[:n])
	if ferr != nil {
		return 0, c.fail("read", ferr)
	}
	if done {
		_ = c.Conn.SetReadDeadline(time.Time{}) // handshake over: no idle limit
	}
	return n, err
}

// Write writes within writeTimeout.
func (c *guardedConn) Write(p []byte) (int, error) {
	_ = c.Conn.SetWriteDeadline(time.Now().Add(writeTimeout))
	n, err := c.Conn.Write(p)
	if isTimeout(err) {
		return n, c.fail("write", errWriteStalled)
	}
	return n, err
}

// Close closes the connection and unregisters it once.
func (c *guardedConn) Close() error {
	c.closed.Store(true)
	err := c.Conn.Close()
	c.closeOnce.Do(func() {
		if c.onClose != nil {
			c.onClose()
		}
	})
	return err
}

// fail closes the connection and returns err as zmq4 should see it.
func (c *guardedConn) fail(op string, err error) error {
	_ = c.Close()
	return &net.OpError{Op: op, Net: "tcp", Source: c.LocalAddr(), Addr: c.RemoteAddr(), Err: err}
}

func isTimeout(err error) bool {
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}

// frameScanner follows the byte stream a peer sends: the 64-byte ZMTP
// greeting, then frames of a flags byte, a 1- or 8-byte size and a body. It
// reports the end of the handshake (the greeting and the first frame, the
// READY command) and rejects a frame declared larger than maxFrame before
// zmq4 reads its size.
type frameScanner struct {
	greeting int    // greeting bytes seen, up to 64
	frames   int    // complete frames seen
	sizeLen  int    // bytes of the size field still to read (0: at a flags byte or in a body)
	size     uint64 // size being read
	body     uint64 // body bytes still to skip
	inFrame  bool   // past the flags byte of the current frame
}

const greetingLen = 64

// feed scans b and reports whether the handshake completed within it.
func (s *frameScanner) feed(b []byte) (handshakeDone bool, err error) {
	before := s.frames
	for len(b) > 0 {
		if s.greeting < greetingLen {
			n := min(greetingLen-s.greeting, len(b))
			s.greeting += n
			b = b[n:]
			continue
		}
		if b, err = s.step(b); err != nil {
			return false, err
		}
	}
	return before == 0 && s.frames > 0, nil
}

// step consumes the part of b that belongs to the current frame.
func (s *frameScanner) step(b []byte) ([]byte, error) {
	switch {
	case !s.inFrame:
		s.inFrame, s.size = true, 0
		s.sizeLen = 1
		if b[0]&0x02 != 0 { // long frame: 8-byte size
			s.sizeLen = 8
		}
		return b[1:], nil
	case s.sizeLen > 0:
		s.size = s.size<<8 | uint64(b[0])
		s.sizeLen--
		if s.sizeLen == 0 {
			if s.size > maxFrame {
				return nil, errFrameTooLarge
			}
			s.body = s.size
			s.endIfEmpty()
		}
		return b[1:], nil
	}
	n := min(s.body, uint64(len(b)))
	s.body -= n
	s.endIfEmpty()
	return b[n:], nil
}

func (s *frameScanner) endIfEmpty() {
	if s.body == 0 {
		s.inFrame = false
		s.frames++
	}
}
