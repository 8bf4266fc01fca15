package testenv

import (
	"net"
	"strconv"
	"testing"
)

func TestProgramFindsAProgramOnThePath(t *testing.T) {
	if p := Program(t, "sh", "any Unix has it"); p == "" {
		t.Fatal("sh not found")
	}
}

func TestFreePortCanBeListenedOn(t *testing.T) {
	port := FreePort(t)
	if n, err := strconv.Atoi(port); err != nil || n <= 0 || n > 65535 {
		t.Fatalf("port %q", port)
	}
	l, err := net.Listen("tcp", "127.0.0.1:"+port)
	if err != nil {
		t.Fatalf("listening on the free port %s: %v", port, err)
	}
	l.Close()
}
