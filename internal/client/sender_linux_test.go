package client

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"net"
	"syscall"
	"testing"
)

// smallBuffers makes the socket of c keep at most a few kilobytes in flight.
func smallBuffers(c syscall.Conn) {
	raw, err := c.SyscallConn()
	if err != nil {
		return
	}
	raw.Control(func(fd uintptr) {
		syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_SNDBUF, 4096)
		syscall.SetsockoptInt(int(fd), syscall.SOL_SOCKET, syscall.SO_RCVBUF, 4096)
	})
}

// dialStamped connects to ln with small socket buffers.
func dialStamped(t *testing.T, ln net.Listener) net.Conn {
	t.Helper()
	nc, err := net.Dial("tcp", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	smallBuffers(nc.(*net.TCPConn))
	c, ok := Stamped(nc)
	if !ok {
		t.Skip("no receive times on this system")
	}
	return c
}

func TestARequestLeftToTheReadGoesOutWhole(t *testing.T) {
	tests := []struct {
		name string
		size int
	}{
		{"small: written right before the wait", 100},
		{"larger than the socket takes: the rest the usual way", 64 << 10},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ln, err := net.Listen("tcp", "127.0.0.1:0")
			if err != nil {
				t.Fatal(err)
			}
			defer ln.Close()
			got := make(chan []byte, 1)
			go func() {
				c, err := ln.Accept()
				if err != nil {
					got <- nil
					return
				}
				defer c.Close()
				smallBuffers(c.(*net.TCPConn))
				b := make([]byte, tt.size)
				_, err = io.ReadFull(c, b)
				got <- b
				if err == nil {
					c.Write([]byte("answer"))
				}
			}()
			c := dialStamped(t, ln)
			s := NewSender(c, c)
			req := bytes.Repeat([]byte("0123456789abcdef"), tt.size/16+1)[:tt.size]
			bw := bufio.NewWriterSize(&s, tt.size)
			bw.Write(req)
			if err := s.Flush(bw); err != nil {
				t.Fatal(err)
			}
			if sc := c.(*stampedConn); !bytes.Equal(sc.out, req) {
				t.Fatal("the request went out before the read, want it kept for the read")
			}
			b := make([]byte, 16)
			n, err := c.Read(b)
			if err := s.Done(err); err != nil {
				t.Fatal(err)
			}
			if string(b[:n]) != "answer" {
				t.Fatalf("read %q, want the answer", b[:n])
			}
			if !bytes.Equal(<-got, req) {
				t.Fatal("the server did not get the request as it was")
			}
		})
	}
}

func TestAFailedWriteOfAKeptRequestIsAWriteError(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	c := dialStamped(t, ln)
	c.(*stampedConn).CloseWrite() // a write after this fails with EPIPE
	s := NewSender(c, c)
	bw := bufio.NewWriter(&s)
	bw.WriteString("GET / HTTP/1.1\r\n\r\n")
	s.Flush(bw)
	_, err = c.Read(make([]byte, 16))
	err = s.Done(err)
	var op *net.OpError
	if !errors.As(err, &op) || op.Op != "write" || !errors.Is(err, syscall.EPIPE) {
		t.Fatalf("err %v, want the write's broken pipe", err)
	}
	if sc := c.(*stampedConn); sc.out != nil || sc.wrote != nil {
		t.Fatalf("after Done: out %q, wrote %v, want both cleared", sc.out, sc.wrote)
	}
}

func TestWithoutAStampedConnectionEveryPieceGoesAtOnce(t *testing.T) {
	var w bytes.Buffer
	s := NewSender(&w, nil)
	bw := bufio.NewWriter(&s)
	bw.WriteString("GET / HTTP/1.1\r\n\r\n")
	if err := s.Flush(bw); err != nil || w.String() != "GET / HTTP/1.1\r\n\r\n" {
		t.Fatalf("wrote %q (%v), want the request at once", w.String(), err)
	}
	if err := s.Done(nil); err != nil {
		t.Fatal(err)
	}
}
