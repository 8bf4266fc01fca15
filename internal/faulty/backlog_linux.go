package faulty

import (
	"net"
	"strconv"
	"syscall"
	"testing"
	"time"
)

// FullBacklog returns the address of a listener that never accepts, with
// a backlog of one, already filled: further connection attempts get no
// answer (Linux drops their SYN), so a dial waits until it gives up. The
// test's cleanup closes it and the connections that fill it.
func FullBacklog(t testing.TB) string {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Listen(fd, 0); err != nil {
		t.Fatal(err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	addr := net.JoinHostPort("127.0.0.1", strconv.Itoa(sa.(*syscall.SockaddrInet4).Port))
	fill(t, addr)
	return addr
}

// fill connects to addr until a connection attempt goes unanswered.
func fill(t testing.TB, addr string) {
	for range 64 {
		c, err := net.DialTimeout("tcp", addr, 300*time.Millisecond)
		if err != nil {
			return // the backlog is full
		}
		t.Cleanup(func() { c.Close() })
	}
	t.Fatalf("faulty: %s still accepts connections after 64", addr)
}
