//go:build !linux

package gust

import (
	"net"
	"time"
)

// stamped returns c: receive times are only read on Linux.
func stamped(c net.Conn) (net.Conn, bool) { return c, false }

// received knows no receive time here.
func received(net.Conn) (time.Time, bool) { return time.Time{}, false }
