package cli

import (
	"testing"

	"github.com/gustload/gust/internal/config"
)

// A kind's own MaxBody wins; else --max-body, where 0 keeps no body (as
// URL mode does with --max-body 0).
func TestMaxBody(t *testing.T) {
	for _, tc := range []struct {
		name       string
		kind, flag int64
		want       int64
	}{
		{"the default", 0, 16 << 20, 16 << 20},
		{"--max-body 1MB", 0, 1 << 20, 1 << 20},
		{"--max-body 0 keeps none", 0, 0, -1},
		{"the kind's own wins", 4096, 0, 4096},
		{"a kind that discards", -1, 16 << 20, -1},
	} {
		if got := maxBody(&Kind{MaxBody: tc.kind}, &config.Options{MaxBody: tc.flag}); got != tc.want {
			t.Errorf("%s: %d, want %d", tc.name, got, tc.want)
		}
	}
}
