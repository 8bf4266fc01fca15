package stats

import (
	"regexp"
	"strings"
)

// MaxErrorText is the longest grouping key Normalize returns, in bytes.
const MaxErrorText = 300

// Normalize returns the grouping key of a failure text: the text without
// what changes from one occurrence of the same fault to the next, so that
// they count in one row (issue 14: a 5 KB header quoted in the error, Date
// included, made one new row per second). It replaces
//
//   - a quoted text longer than 32 bytes that holds raw bytes (escapes such
//     as \r\n, or no closing quote: part of a response) by "…"; a quoted
//     message, such as grpc-go's desc = "...: connection refused", stays,
//     so that different causes stay apart,
//   - the local address of a connection ("127.0.0.1:52344->") by nothing,
//   - clock times (15:04:05, with fractions) by <time>,
//   - runs of 6 or more digits, and of 8 or more hex digits with a digit
//     among them (ids, uuids, hashes), by <n> and <id>,
//   - the number of an HTTP/2 stream ("stream ID 1001"), by <n>: one reset
//     of every stream is one fault, whichever stream it hit,
//
// and cuts the text at MaxErrorText bytes. A text with none of these is
// returned as it is, without allocating.
func Normalize(text string) string {
	if !volatile(text) {
		return text
	}
	out := quoted.ReplaceAllStringFunc(text, shortenQuote)
	out = localAddr.ReplaceAllString(out, "")
	out = clock.ReplaceAllString(out, "<time>")
	out = streamID.ReplaceAllString(out, "${1}<n>")
	out = hexID.ReplaceAllStringFunc(out, idOrNumber)
	if len(out) > MaxErrorText {
		out = strings.ToValidUTF8(out[:MaxErrorText], "") + "…"
	}
	return out
}

var (
	quoted    = regexp.MustCompile(`"(?:[^"\\]|\\.)*("|$)`)
	localAddr = regexp.MustCompile(`(?:\d{1,3}(?:\.\d{1,3}){3}|\[[0-9a-fA-F:.]+\]):\d+->`)
	clock     = regexp.MustCompile(`\b\d{1,2}:\d{2}:\d{2}(?:[.,]\d+)?\b`)
	hexID     = regexp.MustCompile(`\b[0-9a-fA-F][0-9a-fA-F-]{5,}\b`)
	streamID  = regexp.MustCompile(`(stream ID )\d+\b`)
)

// volatile says whether text may hold something Normalize replaces: a
// quote, an arrow, a stream's number, a run of six digits or hex digits, or
// it is too long.
func volatile(text string) bool {
	if len(text) > MaxErrorText || strings.Contains(text, `"`) || strings.Contains(text, "->") ||
		strings.Contains(text, "stream ID ") {
		return true
	}
	run := 0
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c >= '0' && c <= '9', c >= 'a' && c <= 'f', c >= 'A' && c <= 'F', c == '-':
			run++
		case c == ':' && digitsAround(text, i):
			run++ // a clock's colon keeps its run going
		default:
			run = 0
		}
		if run >= 6 {
			return true
		}
	}
	return false
}

// digitsAround says whether text[i] has two digits on each side, as a
// clock's colons do.
func digitsAround(text string, i int) bool {
	if i < 2 || i+2 >= len(text) {
		return false
	}
	for _, c := range []byte{text[i-2], text[i-1], text[i+1], text[i+2]} {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}

// shortenQuote keeps a short quoted text, and a long one that reads as a
// message (closed, with no escape but \" and \\), and replaces one that
// holds raw bytes.
func shortenQuote(q string) string {
	closed := len(q) >= 2 && strings.HasSuffix(q, `"`)
	if closed && (len(q) <= 34 || !rawBytes(q[1:len(q)-1])) {
		return q
	}
	return `"…"`
}

// rawBytes says whether quoted text holds a control character, or an
// escape other than \" and \\ (\r, \n, \x00, \u...), as the bytes of a
// response do.
func rawBytes(text string) bool {
	for i := 0; i < len(text); i++ {
		switch c := text[i]; {
		case c < ' ' || c == 0x7f:
			return true
		case c == '\\' && i+1 < len(text):
			if e := text[i+1]; e != '"' && e != '\\' {
				return true
			}
			i++
		}
	}
	return false
}

// idOrNumber replaces a run of digits (6 or more) by <n>, and a run of hex
// digits and dashes with 8 or more hex digits, a digit among them, by <id>;
// anything else (a word such as "deadline-exceeded") stays.
func idOrNumber(run string) string {
	digits, hex := 0, 0
	for i := 0; i < len(run); i++ {
		switch c := run[i]; {
		case c >= '0' && c <= '9':
			digits++
			hex++
		case c != '-':
			hex++
		}
	}
	switch {
	case digits == len(run) && digits >= 6:
		return "<n>"
	case digits > 0 && hex >= 8:
		return "<id>"
	}
	return run
}
