package config_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/config"
)

func TestParseTimespan(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"20", 20 * time.Second},
		{"0", 0},
		{" 45 ", 45 * time.Second},
		{"1.5", 1500 * time.Millisecond},
		{"20s", 20 * time.Second},
		{"3m", 3 * time.Minute},
		{"2h", 2 * time.Hour},
		{"1h30m", 90 * time.Minute},
		{"3h30m10s", 3*time.Hour + 30*time.Minute + 10*time.Second},
		{"1.5s", 1500 * time.Millisecond},
		{"500ms", 500 * time.Millisecond},
		{"90m", 90 * time.Minute},
	}
	for _, tc := range tests {
		got, err := config.ParseTimespan(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("ParseTimespan(%q) = %v, %v; want %v", tc.in, got, err, tc.want)
		}
	}
}

func TestParseTimespanErrors(t *testing.T) {
	for _, in := range []string{"", " ", "-1", "-5s", "-0", "abc", "1d", "20 s", "1h-30m", "1.2.3", "s", "99999999999999999999"} {
		_, err := config.ParseTimespan(in)
		if err == nil {
			t.Errorf("ParseTimespan(%q) succeeded, want an error", in)
			continue
		}
		usageError(t, err, strconv.Quote(in), "20 (seconds)", "1h30m", "500ms")
	}
}

func FuzzParseTimespan(f *testing.F) {
	for _, s := range []string{"20", "1.5", "20s", "3m", "1h30m", "3h30m10s", "500ms", "-1", "1e3", "+5s", ".5", "9223372036s"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := config.ParseTimespan(s)
		if err != nil {
			return
		}
		if d < 0 {
			t.Fatalf("ParseTimespan(%q) = %v, a negative duration", s, d)
		}
		if back, err := config.ParseTimespan(d.String()); err != nil || back != d {
			t.Fatalf("ParseTimespan(%q) = %v, but %q reads back as %v, %v", s, d, d.String(), back, err)
		}
		if n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64); err == nil && d != time.Duration(n)*time.Second {
			t.Fatalf("ParseTimespan(%q) = %v, want %d seconds", s, d, n)
		}
	})
}
