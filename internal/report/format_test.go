package report

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

func TestFormatDuration(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{0, "0us"},
		{-time.Millisecond, "0us"},
		{40 * time.Microsecond, "40us"},
		{850 * time.Microsecond, "850us"},
		{999_499 * time.Nanosecond, "999us"},
		{999_500 * time.Nanosecond, "1.0ms"},
		{4_123 * time.Microsecond, "4.1ms"},
		{9_949 * time.Microsecond, "9.9ms"},
		{9_950 * time.Microsecond, "10ms"},
		{12 * time.Millisecond, "12ms"},
		{999_499 * time.Microsecond, "999ms"},
		{999_500 * time.Microsecond, "1.00s"},
		{1_204 * time.Millisecond, "1.20s"},
		{9_995 * time.Millisecond, "10.0s"},
		{12_345 * time.Millisecond, "12.3s"},
		{99_950 * time.Millisecond, "100s"},
		{999 * time.Second, "999s"},
		{1000 * time.Second, "17m"},
		{99 * time.Minute, "99m"},
		{100 * time.Minute, "2h"},
		{50 * time.Hour, "50h"},
		{9_999 * time.Hour, "9999h"},
		{10_000 * time.Hour, ">1e4h"},
	}
	for _, tt := range tests {
		if got := formatDuration(tt.d); got != tt.want {
			t.Errorf("formatDuration(%v) = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func FuzzFormatDuration(f *testing.F) {
	for _, d := range []int64{0, 999_500, 9_950_000, 999_500_000, 9_995_000_000, 99_950_000_000, 1 << 62} {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, ns int64) {
		if s := formatDuration(time.Duration(ns)); len(s) > 5 || !isASCII(s) {
			t.Errorf("formatDuration(%d) = %q: longer than 5 or not ASCII", ns, s)
		}
	})
}

func isASCII(s string) bool {
	for i := range len(s) {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func TestFormatNumbers(t *testing.T) {
	tests := []struct {
		name, got, want string
	}{
		{"size 0", formatSize(0), "0B"},
		{"size 110", formatSize(110), "110B"},
		{"size 999.4", formatSize(999.4), "999B"},
		{"size 999.5", formatSize(999.5), "1.0kB"},
		{"size 15000", formatSize(15_000), "15kB"},
		{"size 1234567", formatSize(1_234_567), "1.2MB"},
		{"size 5e15", formatSize(5e15), "5000TB"},
		{"rate 0", formatRate(0), "0.00"},
		{"rate 54.2358", formatRate(54.2358), "54.24"},
		{"rate 99.996", formatRate(99.996), "100.0"},
		{"rate 1234.56", formatRate(1234.56), "1234.6"},
		{"rate 292552.4", formatRate(292_552.4), "292552"},
		{"rate 1.2e6", formatRate(1.2e6), "1.2M"},
		{"count fits", formatCount(9_999_999, 7), "9999999"},
		{"count 12345678 in 7", formatCount(12_345_678, 7), "12.35M"},
		{"count 1234567 in 6", formatCount(1_234_567, 6), "1.23M"},
		{"count 999999 in 5", formatCount(999_999, 5), "1.00M"},
		{"count 999499 in 4", formatCount(999_499, 4), "999k"},
		{"count 1 in 0", formatCount(1, 0), "0E"},
		{"percent none", formatPercent(0, 10), "0%"},
		{"percent no requests", formatPercent(0, 0), "0%"},
		{"percent all", formatPercent(5, 5), "100%"},
		{"percent tiny", formatPercent(1, 100_000), "<0.1%"},
		{"percent almost all", formatPercent(99_999, 100_000), "99.9%"},
		{"percent 103/629", formatPercent(103, 629), "16.4%"},
		{"label 0.5", percentileLabel(0.5), "50%"},
		{"label 0.999", percentileLabel(0.999), "99.9%"},
		{"label 0.9999", percentileLabel(0.9999), "99.99%"},
		{"label 1", percentileLabel(1), "100%"},
		{"key 0.5", PercentileKey(0.5), "0.5"},
		{"key 0.9999", PercentileKey(0.9999), "0.9999"},
		{"key 1", PercentileKey(1), "1.0"},
		{"millis 0", exactMillis(0), "0"},
		{"millis 4.123", exactMillis(4_123 * time.Microsecond), "4.123"},
		{"millis to the nanosecond", exactMillis(1_322_522 * time.Nanosecond), "1.322522"},
		{"millis 200", exactMillis(200 * time.Millisecond), "200"},
		{"millis 0.05", exactMillis(50 * time.Microsecond), "0.05"},
		{"millis not rounded up", exactMillis(1_999_999_500), "1999.9995"},
		{"millis negative", exactMillis(-1500 * time.Microsecond), "-1.5"},
		{"printable", printable("a\nb\tc\x1bd"), "a b c d"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, tt.got, tt.want)
		}
	}
}

func TestTruncate(t *testing.T) {
	tests := []struct {
		s    string
		n    int
		want string
	}{
		{"/short", 10, "/short"},
		{"/exactly10", 10, "/exactly10"},
		{"/abcdefghijklmnop", 10, "/abc...nop"},
		{"/abcdefghijklmnop", 11, "/abc...mnop"},
		{"/äöüäöüäöüäöü", 7, "/ä...öü"},
		{"/abcdef", 3, "/ab"},
		{"/abcdef", 0, ""},
		{"/abcdef", -1, ""},
	}
	for _, tt := range tests {
		if got := truncate(tt.s, tt.n); got != tt.want {
			t.Errorf("truncate(%q, %d) = %q, want %q", tt.s, tt.n, got, tt.want)
		}
	}
}

func FuzzTruncate(f *testing.F) {
	f.Add("/api/v1/organisations/[org]/projects", 20)
	f.Add("äöü", 2)
	f.Fuzz(func(t *testing.T, raw string, n int) {
		s := printable(raw) // as every console table does first
		got := truncate(s, n)
		c := utf8.RuneCountInString(got)
		switch {
		case !utf8.ValidString(got) || strings.ContainsFunc(got, unicode.IsControl):
			t.Errorf("truncate(printable(%q), %d) = %q: invalid or control characters", raw, n, got)
		case utf8.RuneCountInString(s) <= n && got != s:
			t.Errorf("truncate(%q, %d) = %q: changed a string that fits", s, n, got)
		case c > max(n, 0):
			t.Errorf("truncate(%q, %d) = %q: %d characters", s, n, got, c)
		case n > 3 && !strings.HasPrefix(s, strings.Split(got, "...")[0]):
			t.Errorf("truncate(%q, %d) = %q: lost the start", s, n, got)
		}
	})
}
