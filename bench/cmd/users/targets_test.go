package main

import (
	"slices"
	"testing"
)

func TestTargets(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"http://127.0.0.2:8080", []string{"http://127.0.0.2:8080"}},
		{"http://127.0.0.2:8080, http://127.0.0.3:8080", []string{"http://127.0.0.2:8080", "http://127.0.0.3:8080"}},
		{" a  b ", []string{"a", "b"}},
	}
	for _, tt := range tests {
		if got := targets(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("targets(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
