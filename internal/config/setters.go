package config

import (
	"math"
	"net/url"
	"path"
	"strconv"
	"strings"
	"time"
)

// setter parses one value of an option, checks it and stores it in o. It
// reports false, leaving o alone, when the value is not valid; the caller
// then names the option and what it wants.
type setter func(o *Options, v string) bool

// logLevels are the valid --loglevel values, as stored in Options.
var logLevels = []string{"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}

// intValue stores a whole number from lo to hi.
func intValue(field func(*Options) *int, lo, hi int) setter {
	return func(o *Options, v string) bool {
		n, err := strconv.Atoi(v)
		if err != nil || n < lo || n > hi {
			return false
		}
		*field(o) = n
		return true
	}
}

// sizeValue stores a size in bytes: a whole number, or one with a unit
// (KB, MB, GB: powers of 1024; K, M, G and KiB, MiB, GiB too), in any case.
func sizeValue(field func(*Options) *int64) setter {
	return func(o *Options, v string) bool {
		n, ok := parseSize(v)
		if ok {
			*field(o) = n
		}
		return ok
	}
}

// sizeUnits are the units parseSize knows, longest first.
var sizeUnits = []struct {
	suffix string
	shift  uint
}{{"kib", 10}, {"mib", 20}, {"gib", 30}, {"kb", 10}, {"mb", 20}, {"gb", 30}, {"k", 10}, {"m", 20}, {"g", 30}, {"b", 0}}

func parseSize(v string) (int64, bool) {
	s := strings.ToLower(strings.TrimSpace(v))
	shift := uint(0)
	for _, u := range sizeUnits {
		if strings.HasSuffix(s, u.suffix) {
			s, shift = strings.TrimSpace(strings.TrimSuffix(s, u.suffix)), u.shift
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 0 || n > math.MaxInt64>>shift {
		return 0, false
	}
	return n << shift, true
}

// positiveValue stores a finite number > 0.
func positiveValue(field func(*Options) *float64) setter {
	return func(o *Options, v string) bool {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || !(f > 0) || math.IsInf(f, 0) {
			return false
		}
		*field(o) = f
		return true
	}
}

// spanValue stores a timespan as ParseTimespan reads it.
func spanValue(field func(*Options) *time.Duration) setter {
	return func(o *Options, v string) bool {
		d, err := ParseTimespan(v)
		if err != nil {
			return false
		}
		*field(o) = d
		return true
	}
}

// boolValue stores true/false, yes/no or 1/0, in any case.
func boolValue(field func(*Options) *bool) setter {
	return func(o *Options, v string) bool {
		switch strings.ToLower(v) {
		case "true", "yes", "1":
			*field(o) = true
		case "false", "no", "0":
			*field(o) = false
		default:
			return false
		}
		return true
	}
}

// stringValue stores text that valid accepts; nil accepts anything, and the
// empty string, meaning "not set", is always accepted.
func stringValue(field func(*Options) *string, valid func(string) bool) setter {
	return func(o *Options, v string) bool {
		if v != "" && valid != nil && !valid(v) {
			return false
		}
		*field(o) = v
		return true
	}
}

// listValue replaces a list with the items of v: "[A, B]", "A, B" or "A B".
func listValue(field func(*Options) *[]string) setter {
	return func(o *Options, v string) bool {
		*field(o) = splitList(v)
		return true
	}
}

// levelValue stores a log level in upper case.
func levelValue(field func(*Options) *string) setter {
	return func(o *Options, v string) bool {
		up := strings.ToUpper(v)
		for _, l := range logLevels {
			if up == l {
				*field(o) = up
				return true
			}
		}
		return false
	}
}

// splitList splits "[A, 'B'] C,D" into [A B C D]: brackets around the whole
// are dropped, items are separated by commas or spaces and may be quoted.
func splitList(v string) []string {
	v = strings.TrimSpace(v)
	if strings.HasPrefix(v, "[") && strings.HasSuffix(v, "]") {
		v = v[1 : len(v)-1]
	}
	items := strings.FieldsFunc(v, func(r rune) bool {
		return r == ',' || r == ' ' || r == '\t'
	})
	var out []string
	for _, it := range items {
		if it = strings.Trim(it, `"'`); it != "" {
			out = append(out, it)
		}
	}
	return out
}

// isHTTPURL reports whether s is an absolute http or https URL with a host.
func isHTTPURL(s string) bool {
	u, err := url.Parse(s)
	if err != nil || u.Hostname() == "" {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	return (scheme == "http" || scheme == "https") && validPort(u.Port())
}

// validPort accepts no port (the scheme's own) or a port from 1 to 65535.
func validPort(p string) bool {
	if p == "" {
		return true
	}
	n, err := strconv.Atoi(p)
	return err == nil && n >= 1 && n <= 65535
}

// isBasePath accepts a clean URL path that starts with "/", such as
// "/gust" or "/tools/gust/".
func isBasePath(s string) bool {
	p := strings.TrimRight(s, "/")
	return strings.HasPrefix(s, "/") && !strings.ContainsAny(p, "?#{} \t") && (p == "" || path.Clean(p) == p)
}

// nonEmpty accepts any text but blank.
func nonEmpty(s string) bool { return strings.TrimSpace(s) != "" }

// isLogin accepts user:password with both parts non-empty, or a token
// without a colon.
func isLogin(s string) bool {
	user, pass, ok := strings.Cut(s, ":")
	return !ok || user != "" && pass != ""
}

// positiveSpanValue stores a timespan > 0 as ParseTimespan reads it.
func positiveSpanValue(field func(*Options) *time.Duration) setter {
	return func(o *Options, v string) bool {
		d, err := ParseTimespan(v)
		if err != nil || d <= 0 {
			return false
		}
		*field(o) = d
		return true
	}
}
