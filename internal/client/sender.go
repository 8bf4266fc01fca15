package client

import (
	"bufio"
	"io"
	"net"
)

// A Sender is what a client writes its requests to, through a buffered
// writer. Pieces go on to the connection at once, except the last, which
// Flush hands to the stamped connection under it (see Stamped) for its next
// Read to write just before it waits for the response. That read then does
// not first look for a response that cannot have come yet: one system call
// fewer per request, and the request still leaves before the wait. Only the
// user's goroutine uses a Sender.
type Sender struct {
	w    io.Writer
	sc   *stampedConn // nil: every piece goes at once
	hold bool         // the coming Write is the last piece: keep it for sc
}

// NewSender writes to w. under is the connection w writes through to, as it
// is (w itself, or a wrapper that only sets deadlines): when it is a stamped
// connection the last piece of each request goes out with the next read.
// With nil (under TLS, which turns requests into records) every piece goes
// at once.
func NewSender(w io.Writer, under net.Conn) Sender {
	sc, _ := under.(*stampedConn)
	return Sender{w: w, sc: sc}
}

// Write writes p, or keeps it for the next read when Flush is under way.
func (s *Sender) Write(p []byte) (int, error) {
	if s.hold && s.sc != nil {
		s.sc.out = p
		return len(p), nil
	}
	return s.w.Write(p)
}

// Flush flushes bw, a writer onto s, leaving its last piece to the next
// Read of the connection: bw's buffer must stay untouched until that Read
// has returned, and Done called.
func (s *Sender) Flush(bw *bufio.Writer) error {
	s.hold = true
	err := bw.Flush()
	s.hold = false
	return err
}

// Done ends a request: it forgets a piece that no Read took, and returns
// err, or the error of writing the request when the Read that wrote it
// failed.
func (s *Sender) Done(err error) error {
	if s.sc == nil {
		return err
	}
	if werr := s.sc.wrote; werr != nil {
		err = werr
	}
	s.sc.out, s.sc.full, s.sc.wrote = nil, false, nil
	return err
}
