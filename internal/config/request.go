package config

import (
	"net/http"
	"os"
	"strconv"
	"strings"
	"time"
)

// The request options of URL mode (--method, --header, --body, --wait): what the
// built-in user sends to every URL, as hey's -m, -H and -d or curl's -X,
// -H and -d do. -H is Locust's --host, so the header option has only its
// long name.

// Header is one --header: a request header that URL mode sends.
type Header struct {
	Name, Value string
}

// RequestOptionsGiven reports whether a request option of URL mode was set.
func (o *Options) RequestOptionsGiven() bool {
	return o.Method != "" || len(o.Headers) > 0 || o.Body != nil
}

// isMethod accepts an HTTP method token such as GET or PATCH, in any case.
func isMethod(s string) bool {
	return s != "" && strings.IndexFunc(s, func(r rune) bool { return !isTokenRune(r) }) < 0
}

// methodValue stores an HTTP method in upper case.
func methodValue(field func(*Options) *string) setter {
	return func(o *Options, v string) bool {
		if v != "" && !isMethod(v) {
			return false
		}
		*field(o) = strings.ToUpper(v)
		return true
	}
}

// headerValue adds a "Name: value" header: headers from the config file,
// the environment and the command line add up.
func headerValue(field func(*Options) *[]Header) setter {
	return func(o *Options, v string) bool {
		name, value, ok := strings.Cut(v, ":")
		name = strings.TrimSpace(name)
		if !ok || !isMethod(name) || strings.ContainsAny(value, "\r\n") {
			return false
		}
		*field(o) = append(*field(o), Header{Name: http.CanonicalHeaderKey(name), Value: strings.TrimSpace(value)})
		return true
	}
}

// bodyValue stores a request body: the text itself, or with a leading @
// the contents of the file it names ("@-" is not read: standard input
// belongs to the test).
func bodyValue(field func(*Options) *[]byte) setter {
	return func(o *Options, v string) bool {
		name, fromFile := strings.CutPrefix(v, "@")
		if !fromFile {
			*field(o) = []byte(v)
			return true
		}
		b, err := os.ReadFile(name)
		if err != nil || name == "-" {
			return false
		}
		*field(o) = b
		return true
	}
}

// isTokenRune reports whether r may appear in an HTTP token (RFC 9110):
// a method or a header name.
func isTokenRune(r rune) bool {
	switch {
	case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9':
		return true
	}
	return r < 0x80 && strings.ContainsRune("!#$%&'*+-.^_`|~", r)
}

// WaitRange is URL mode's --wait: how long each user waits after a request,
// a uniformly random time from Min to Max (Locust's between; Min == Max is a
// constant wait). The zero value is no wait at all.
type WaitRange struct {
	Min, Max time.Duration
}

// String is the range as --wait takes it: "1s", "500ms-1.5s", or "" for none.
func (w WaitRange) String() string {
	switch {
	case w.Max <= 0:
		return ""
	case w.Min == w.Max:
		return w.Min.String()
	}
	return w.Min.String() + "-" + w.Max.String()
}

// Mean is the average wait.
func (w WaitRange) Mean() time.Duration { return (w.Min + w.Max) / 2 }

// ParseWait reads a --wait value: a timespan ("1s", "0.5", "500ms") or two
// joined by a dash ("0.5s-1.5s"), the first not above the second.
func ParseWait(s string) (WaitRange, error) {
	lo, hi, isRange := strings.Cut(strings.TrimSpace(s), "-")
	min, err := ParseTimespan(lo)
	if err != nil {
		return WaitRange{}, waitError(s)
	}
	max := min
	if isRange {
		if max, err = ParseTimespan(hi); err != nil || max < min {
			return WaitRange{}, waitError(s)
		}
	}
	return WaitRange{Min: min, Max: max}, nil
}

const wantWait = "a time such as 1s, 0.5 or 500ms, or a range such as 0.5s-1.5s (the first not above the second)"

func waitError(s string) *UsageError {
	return &UsageError{Option: "wait", Msg: "--wait " + strconv.Quote(s) + ": want " + wantWait}
}

// waitValue stores a --wait value.
func waitValue(field func(*Options) *WaitRange) setter {
	return func(o *Options, v string) bool {
		w, err := ParseWait(v)
		if err != nil {
			return false
		}
		*field(o) = w
		return true
	}
}
