package wire

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ErrorKey returns the key under which Locust files a failure in a stats
// report's "errors": hex(sha256(method + "." + name + "." + repr(err))), with
// repr as Python's. Python and Go workers reporting the same failure
// therefore use the same key, and a master merges their rows.
func ErrorKey(method, name, err string) string {
	sum := sha256.Sum256([]byte(method + "." + name + "." + PyRepr(err)))
	return hex.EncodeToString(sum[:])
}

// PyRepr returns what Python's repr() gives for the string s: single quotes,
// or double quotes when s contains a single quote and no double quote; the
// chosen quote and backslashes escaped; \t, \n and \r; other control
// characters as \xhh; non-printable non-ASCII characters as \xhh, \uhhhh or
// \Uhhhhhhhh; printable ones as they are. Invalid UTF-8 is first replaced by
// U+FFFD, as it would be before a Python peer could decode it.
func PyRepr(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(quote)
	for _, r := range s {
		writeReprRune(&b, r, rune(quote))
	}
	b.WriteByte(quote)
	return b.String()
}

const hexDigits = "0123456789abcdef"

func writeReprRune(b *strings.Builder, r, quote rune) {
	switch {
	case r == quote || r == '\\':
		b.WriteByte('\\')
		b.WriteRune(r)
	case r == '\t':
		b.WriteString(`\t`)
	case r == '\n':
		b.WriteString(`\n`)
	case r == '\r':
		b.WriteString(`\r`)
	case r < ' ' || r == 0x7f:
		writeHexEscape(b, 'x', r, 2)
	case r < utf8.RuneSelf || unicode.IsPrint(r):
		b.WriteRune(r)
	case r <= 0xff:
		writeHexEscape(b, 'x', r, 2)
	case r <= 0xffff:
		writeHexEscape(b, 'u', r, 4)
	default:
		writeHexEscape(b, 'U', r, 8)
	}
}

// writeHexEscape writes \ kind and r as digits lowercase hex digits.
func writeHexEscape(b *strings.Builder, kind byte, r rune, digits int) {
	b.WriteByte('\\')
	b.WriteByte(kind)
	for shift := (digits - 1) * 4; shift >= 0; shift -= 4 {
		b.WriteByte(hexDigits[(r>>shift)&0xf])
	}
}
