package config

import (
	"fmt"
	"strconv"
	"strings"
)

const wantURL = "an absolute http(s) URL with a host (and a port from 1 to 65535, if any), optionally followed by @N " +
	"with N a whole number >= 1, such as http://127.0.0.1:8080/api@3"

// setPositional sorts positional arguments into URLs and user kind names. An
// argument with "://" in it is meant as a URL and must be a valid one.
func setPositional(o *Options, args []string) error {
	o.UserKinds, o.URLs = nil, nil
	for _, a := range args {
		a = strings.TrimSpace(a)
		switch {
		case a == "":
		case schemeless(a):
			return &UsageError{Option: "URL", Msg: fmt.Sprintf("URL %q has no scheme: did you mean http://%s?", a, a)}
		case strings.Contains(a, "://"):
			u, err := parseURLArg(a)
			if err != nil {
				return err
			}
			o.URLs = append(o.URLs, u)
		default:
			o.UserKinds = append(o.UserKinds, a)
		}
	}
	return nil
}

// schemeless reports whether a, which has no "://", is a URL without its
// scheme ("127.0.0.1:8080/", "localhost:8080") rather than a user kind's
// name: it has a port or a path, and with "http://" before it, it is a URL.
func schemeless(a string) bool {
	if strings.Contains(a, "://") || !strings.ContainsAny(a, ":/") {
		return false
	}
	_, err := parseURLArg("http://" + a)
	return err == nil
}

// parseURLArg reads "URL" or "URL@N".
func parseURLArg(a string) (URL, error) {
	raw, weight := a, 1
	if i := strings.LastIndexByte(a, '@'); i >= 0 && looksNumeric(a[i+1:]) {
		n, err := strconv.Atoi(a[i+1:])
		if err != nil || n < 1 {
			return URL{}, urlError(a)
		}
		raw, weight = a[:i], n
	}
	if !isHTTPURL(raw) {
		return URL{}, urlError(a)
	}
	return URL{Raw: raw, Weight: weight}, nil
}

// looksNumeric reports whether s is a number, maybe signed or fractional, so
// that "@-1" and "@1.5" are read as bad weights rather than part of the URL.
func looksNumeric(s string) bool {
	s = strings.TrimLeft(s, "+-")
	return isDecimal(s)
}

func urlError(a string) *UsageError {
	return &UsageError{Option: "URL",
		Msg: fmt.Sprintf("invalid URL argument %q: want %s", a, wantURL)}
}
