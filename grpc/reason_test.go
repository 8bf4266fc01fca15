package gustgrpc

import (
	"errors"
	"strconv"
	"strings"
	"testing"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

func TestReason(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{status.Error(codes.Unavailable, "connection refused"), "Unavailable: connection refused"},
		{status.Error(codes.NotFound, ""), "NotFound"},
		{errors.New("not a status"), "not a status"},
	}
	for _, tt := range tests {
		if got := reason(tt.err).Error(); got != tt.want {
			t.Errorf("reason(%v) = %q; want %q", tt.err, got, tt.want)
		}
	}
	if reason(nil) != nil {
		t.Error("reason(nil) is not nil")
	}
}

func TestResolveTheUsersHost(t *testing.T) {
	tests := []struct {
		host, target string
		secure       bool
		ok           bool
	}{
		{"http://127.0.0.1:50051", "127.0.0.1:50051", false, true},
		{"https://127.0.0.1", "127.0.0.1:443", true, true},
		{"http://[::1]:9", "[::1]:9", false, true},
		{"", "", false, false},
		{"http://", "", false, false},
	}
	c := &Client{}
	for _, tt := range tests {
		target, secure, err := c.resolve(tt.host)
		if target != tt.target || secure != tt.secure || (err == nil) != tt.ok {
			t.Errorf("resolve(%q) = %q, %v, %v; want %q, %v, ok %v", tt.host, target, secure, err, tt.target, tt.secure, tt.ok)
		}
	}
}

func TestNewChecksItsOptions(t *testing.T) {
	for _, o := range []Option{WithTimeout(-1), WithMessages(Messages(9))} {
		if _, err := New("127.0.0.1:1", o); err == nil {
			t.Errorf("New accepted a bad option")
		}
	}
	if _, err := New("127.0.0.1:1"); err != nil {
		t.Errorf("New(127.0.0.1:1): %v", err)
	}
}

// A URL, or a port that is none, is no gRPC target: New says so, naming
// the target and what would do, rather than every call failing at run
// time; gRPC's own targets pass.
func TestNewChecksItsTarget(t *testing.T) {
	for _, target := range []string{"http://127.0.0.1:50051", "https://127.0.0.1:50051", "ws://127.0.0.1:50051", "127.0.0.1:notaport", "127.0.0.1:"} {
		_, err := New(target)
		if err == nil {
			t.Errorf("New(%q) accepted it", target)
			continue
		}
		if msg := err.Error(); !strings.Contains(msg, strconv.Quote(target)) || !strings.Contains(msg, "want host:port") {
			t.Errorf("New(%q): %q; want the target named and what is valid", target, msg)
		}
	}
	for _, target := range []string{"", "127.0.0.1:50051", "localhost:50051", "[::1]:50051", "dns:///svc.local:443", "unix:///tmp/gust.sock", "svc.local"} {
		if _, err := New(target); err != nil {
			t.Errorf("New(%q): %v", target, err)
		}
	}
}
