package report

import (
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Human formats for the console. Each returns plain ASCII of a bounded width,
// so the console columns never overflow.

// formatDuration renders d in at most five characters: 850us, 4.1ms, 12ms,
// 1.20s, 12.3s, 123s, 17m, 2h. The unit is chosen after rounding, so a value
// never rounds up into a sixth character.
func formatDuration(d time.Duration) string {
	us := max(float64(d)/float64(time.Microsecond), 0)
	switch {
	case us < 999.5:
		return fixed(us, 0) + "us"
	case us < 9_950:
		return fixed(us/1e3, 1) + "ms"
	case us < 999_500:
		return fixed(us/1e3, 0) + "ms"
	case us < 9_995_000:
		return fixed(us/1e6, 2) + "s"
	case us < 99_950_000:
		return fixed(us/1e6, 1) + "s"
	case us < 999_500_000:
		return fixed(us/1e6, 0) + "s"
	case us < 99.5*60e6:
		return fixed(us/60e6, 0) + "m"
	case us < 9_999.5*3600e6:
		return fixed(us/3600e6, 0) + "h"
	default: // over a year: the value is wrong, not slow
		return ">1e4h"
	}
}

// formatSize renders a byte count in at most five characters with decimal
// units: 110B, 1.2kB, 15kB, 9.9MB.
func formatSize(b float64) string {
	return scaled(b, []string{"B", "kB", "MB", "GB", "TB"})
}

// formatRate renders a per-second rate in at most six characters: 0.00,
// 54.24, 1234.5, 123456, 1.2M.
func formatRate(v float64) string {
	v = max(v, 0)
	switch {
	case v < 99.995:
		return fixed(v, 2)
	case v < 9_999.95:
		return fixed(v, 1)
	case v < 999_999.5:
		return fixed(v, 0)
	}
	return scaled(v, []string{"", "k", "M", "G", "T"})
}

// formatCount renders n exactly when it fits in width characters, and
// otherwise with a unit and as many decimals as fit: 12.35M, 1.2M, 12M.
func formatCount(n int64, width int) string {
	if s := strconv.FormatInt(n, 10); len(s) <= width {
		return s
	}
	x := float64(n)
	for _, u := range []string{"k", "M", "G", "T", "P", "E"} {
		x /= 1000
		for prec := 2; prec >= 0; prec-- {
			if s := fixed(x, prec); len(s)+len(u) <= width && s != fixed(1000, prec) && x < 1000 {
				return s + u
			}
		}
	}
	return fixed(x, 0) + "E"
}

// scaled divides v by 1000 until it is below 999.5 and prints it with one
// decimal below 9.95 (except in the first unit) and none above.
func scaled(v float64, units []string) string {
	v = max(v, 0)
	for i, u := range units {
		switch {
		case i > 0 && v < 9.95:
			return fixed(v, 1) + u
		case v < 999.5 || i == len(units)-1:
			return fixed(v, 0) + u
		}
		v /= 1000
	}
	return "" // unreachable: the last unit always returns
}

// formatPercent renders the share of failures in at most five characters:
// 0%, <0.1%, 16.4%, 99.9%, 100%. It never shows 0% for a run with failures
// nor 100% for one with successes.
func formatPercent(fails, reqs int64) string {
	switch {
	case fails <= 0 || reqs <= 0:
		return "0%"
	case fails >= reqs:
		return "100%"
	}
	p := 100 * float64(fails) / float64(reqs)
	switch {
	case p < 0.05:
		return "<0.1%"
	case p >= 99.95:
		return "99.9%"
	}
	return fixed(p, 1) + "%"
}

func fixed(v float64, prec int) string {
	return strconv.FormatFloat(v, 'f', prec, 64)
}

// printable replaces control characters (newlines, tabs, escapes) with
// spaces, so that a request name cannot break the layout of a table.
func printable(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
}

// truncate shortens s to at most n characters, replacing its middle with
// "...", so that both the start and the end of a URL stay visible.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	if n <= 3 {
		return string(r[:max(n, 0)])
	}
	head := (n - 3 + 1) / 2
	tail := n - 3 - head
	return string(r[:head]) + "..." + string(r[len(r)-tail:])
}

// padRight pads s with spaces to n characters.
func padRight(s string, n int) string {
	if c := utf8.RuneCountInString(s); c < n {
		return s + strings.Repeat(" ", n-c)
	}
	return s
}

// percentileLabel is the column title of fraction q: "50%", "99.9%", "100%".
func percentileLabel(q float64) string {
	s := strconv.FormatFloat(q*100, 'f', 4, 64)
	s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	return s + "%"
}
