package transport

import (
	"bytes"
	"encoding/binary"
	"errors"
	"io"
	"net"
	"testing"
	"testing/synctest"
	"time"
)

// zmtpGreeting is a 64-byte ZMTP 3.0 greeting (NULL mechanism).
func zmtpGreeting() []byte {
	g := make([]byte, greetingLen)
	g[0], g[9], g[10] = 0xff, 0x7f, 3
	copy(g[12:], "NULL")
	return g
}

// shortFrame and longFrame build ZMTP frames with a 1- or 8-byte size.
func shortFrame(flags byte, body []byte) []byte {
	return append([]byte{flags, byte(len(body))}, body...)
}

func longFrame(flags byte, size uint64, body []byte) []byte {
	b := binary.BigEndian.AppendUint64([]byte{flags | 0x02}, size)
	return append(b, body...)
}

func TestFrameScanner(t *testing.T) {
	ready := shortFrame(0x04, []byte("\x05READY\x0bSocket-Type\x00\x00\x00\x06DEALER"))
	tests := []struct {
		name     string
		stream   []byte
		wantDone bool
		wantErr  error
	}{
		{"greeting only", zmtpGreeting(), false, nil},
		{"greeting and READY", cat(zmtpGreeting(), ready), true, nil},
		{"handshake then messages", cat(zmtpGreeting(), ready, shortFrame(0, []byte("hi")), longFrame(1, 300, make([]byte, 300))), true, nil},
		{"empty frame", cat(zmtpGreeting(), shortFrame(0x04, nil)), true, nil},
		{"largest frame header", cat(zmtpGreeting(), ready, longFrame(0, maxFrame, nil)), true, nil},
		{"frame too large", cat(zmtpGreeting(), ready, longFrame(0, maxFrame+1, nil)), false, errFrameTooLarge},
		{"huge frame in the handshake", cat(zmtpGreeting(), longFrame(0x04, 1<<62, nil)), false, errFrameTooLarge},
	}
	for _, tt := range tests {
		for _, chunk := range []int{1, 3, 64, 1 << 20} { // how the bytes arrive must not matter
			var s frameScanner
			done, err := feedChunks(&s, tt.stream, chunk)
			if tt.wantErr != nil {
				done = tt.wantDone // whether the handshake ended first depends on the chunks
			}
			if done != tt.wantDone || !errors.Is(err, tt.wantErr) {
				t.Errorf("%s in chunks of %d: done %v, error %v; want %v, %v", tt.name, chunk, done, err, tt.wantDone, tt.wantErr)
			}
		}
	}
}

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// feedChunks feeds b in chunks and reports whether the handshake completed
// (exactly once) and the first error.
func feedChunks(s *frameScanner, b []byte, chunk int) (bool, error) {
	done := 0
	for len(b) > 0 {
		n := min(chunk, len(b))
		d, err := s.feed(b[:n])
		if err != nil {
			return done == 1, err
		}
		if d {
			done++
		}
		b = b[n:]
	}
	return done == 1, nil
}

// guardedPipe returns a guarded connection and its raw peer.
func guardedPipe(t *testing.T) (*guardedConn, net.Conn) {
	a, b := net.Pipe()
	t.Cleanup(func() { a.Close(); b.Close() })
	return newGuardedConn(a, nil), b
}

func TestGuardedConnHandshakeTimeout(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g, _ := guardedPipe(t)
		start := time.Now()
		_, err := g.Read(make([]byte, 64))
		if !errors.Is(err, errHandshakeTimeout) || isTimeout(err) {
			t.Fatalf("Read from a silent peer: %v, want errHandshakeTimeout as a non-timeout error", err)
		}
		if waited := time.Since(start); waited != handshakeTimeout {
			t.Errorf("gave up after %v, want %v", waited, handshakeTimeout)
		}
		if _, err := g.Conn.Write([]byte{1}); err == nil {
			t.Error("connection still open after the handshake timed out")
		}
	})
}

func TestGuardedConnNoIdleLimitAfterHandshake(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g, peer := guardedPipe(t)
		ready := shortFrame(0x04, []byte("\x05READY"))
		go func() {
			peer.Write(cat(zmtpGreeting(), ready))
			time.Sleep(3 * handshakeTimeout) // a quiet worker
			peer.Write(shortFrame(0, []byte("late")))
		}()
		want := len(zmtpGreeting()) + len(ready) + 6
		got, err := io.ReadFull(g, make([]byte, want))
		if err != nil || got != want {
			t.Errorf("read %d of %d bytes: %v; want a quiet peer kept after the handshake", got, want, err)
		}
	})
}

func TestGuardedConnRejectsHugeFrame(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g, peer := guardedPipe(t)
		go peer.Write(cat(zmtpGreeting(), longFrame(0, 1<<40, nil)))
		_, err := io.ReadFull(g, make([]byte, greetingLen+9))
		if !errors.Is(err, errFrameTooLarge) {
			t.Errorf("Read of a 1 TiB frame header: %v, want errFrameTooLarge", err)
		}
	})
}

func TestGuardedConnWriteStall(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		g, _ := guardedPipe(t) // the peer never reads
		start := time.Now()
		_, err := g.Write([]byte("stats"))
		if !errors.Is(err, errWriteStalled) || isTimeout(err) {
			t.Fatalf("Write to a stalled peer: %v, want errWriteStalled as a non-timeout error", err)
		}
		if waited := time.Since(start); waited != writeTimeout {
			t.Errorf("gave up after %v, want %v", waited, writeTimeout)
		}
	})
}

func TestGuardedTCPAddr(t *testing.T) {
	tests := map[string]string{
		"*:5557":         ":5557",
		"127.0.0.1:5557": "127.0.0.1:5557",
		"[::1]:*":        "[::1]:0",
		"host:":          "host:0",
	}
	for in, want := range tests {
		got, err := guardedTCP{}.Addr(in)
		if err != nil || got != want {
			t.Errorf("Addr(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := (guardedTCP{}).Addr("no-port"); err == nil {
		t.Error("Addr without a port succeeded, want an error")
	}
}

// Closing the listener also closes connections still in their handshake,
// so zmq4's accept loop is never left reading from them.
func TestGuardedListenerClosesPending(t *testing.T) {
	l, err := guardedTCP{}.Listen(t.Context(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Write(zmtpGreeting()[:signatureLen]); err != nil {
		t.Fatal(err)
	}
	c, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	l.Close()
	if _, err := c.Read(make([]byte, 1)); err == nil || isTimeout(err) {
		t.Errorf("Read on a pending connection after the listener closed: %v, want a closed connection", err)
	}
}

// A connection whose peer never begins a greeting is not handed out, and
// closing the listener closes it.
func TestGuardedListenerHoldsBackSilentPeers(t *testing.T) {
	l, err := guardedTCP{}.Listen(t.Context(), "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	silent, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer silent.Close()
	speaking, err := net.Dial("tcp", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer speaking.Close()
	greeting := zmtpGreeting()
	if _, err := speaking.Write(greeting); err != nil {
		t.Fatal(err)
	}
	c, err := l.Accept()
	if err != nil {
		t.Fatal(err)
	}
	got := make([]byte, greetingLen)
	if _, err := io.ReadFull(c, got); err != nil || !bytes.Equal(got, greeting) {
		t.Fatalf("read %x, %v through the accepted connection; want the whole greeting %x", got, err, greeting)
	}
	if c.LocalAddr().String() != l.Addr().String() || c.RemoteAddr().String() != speaking.LocalAddr().String() {
		t.Errorf("accepted %v, want the speaking peer %v", c.RemoteAddr(), speaking.LocalAddr())
	}
	l.Close()
	_ = silent.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := silent.Read(make([]byte, 1)); err == nil || isTimeout(err) {
		t.Errorf("the silent peer after Close: %v, want its connection closed", err)
	}
	if _, err := l.Accept(); !errors.Is(err, net.ErrClosed) {
		t.Errorf("Accept after Close = %v, want net.ErrClosed", err)
	}
}
