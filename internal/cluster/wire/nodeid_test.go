package wire

import (
	"regexp"
	"testing"
)

func TestNodeIDFor(t *testing.T) {
	tests := []struct {
		host, wantHost string
	}{
		{"vm", "vm"},
		{"my_host_name", "my-host-name"},
		{"", "gust"},
		{"node-1.example.org", "node-1.example.org"},
	}
	shape := regexp.MustCompile(`^[^_]+_[0-9a-f]{32}$`)
	for _, tt := range tests {
		id := NodeIDFor(tt.host)
		if !shape.MatchString(id) {
			t.Errorf("NodeIDFor(%q) = %q, want <host>_<32 hex>", tt.host, id)
		}
		if got := NodeHost(id); got != tt.wantHost {
			t.Errorf("NodeHost(NodeIDFor(%q)) = %q, want %q", tt.host, got, tt.wantHost)
		}
	}
	if a, b := NewNodeID(), NewNodeID(); a == b {
		t.Errorf("two NewNodeID calls gave the same id %q", a)
	}
}

func TestNodeHost(t *testing.T) {
	tests := map[string]string{
		"vm_3400d24b68644a7f9301a401d82a3846": "vm",
		"noseparator":                         "noseparator",
		"a_b_c":                               "a",
	}
	for id, want := range tests {
		if got := NodeHost(id); got != want {
			t.Errorf("NodeHost(%q) = %q, want %q", id, got, want)
		}
	}
}
