package gustgrpc

import (
	"errors"
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
