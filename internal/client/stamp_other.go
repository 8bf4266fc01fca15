//go:build !linux

package client

import (
	"net"
	"time"
)

// Stamped returns c: receive times are only read on Linux.
func Stamped(c net.Conn) (net.Conn, bool) { return c, false }

// Sent knows no write time here.
func Sent(net.Conn) (time.Time, bool) { return time.Time{}, false }

// Received knows no receive time here.
func Received(net.Conn) (time.Time, bool) { return time.Time{}, false }

// stampedConn is never made here: a Sender writes every piece at once.
type stampedConn struct {
	net.Conn
	out   []byte
	full  bool
	wrote error
}
