package config

import (
	"slices"
	"strings"
)

// userKindsEnv holds positional arguments ("A B") when none are on the
// command line. It keeps Locust's word "classes" so that it is easy to find.
const userKindsEnv = "GUST_USER_CLASSES"

// envSettings reads the GUST_* variable of every option that has one. A
// variable that is set but empty counts as unset.
func envSettings(getenv func(string) (string, bool)) []setting {
	var out []setting
	for i := range options {
		opt := &options[i]
		if opt.noEnv {
			continue
		}
		name := opt.envName()
		if v, ok := getenv(name); ok && strings.TrimSpace(v) != "" {
			out = append(out, setting{opt: opt, value: strings.TrimSpace(v), name: name})
		}
	}
	return out
}

// envArgs returns the positional arguments from GUST_USER_CLASSES.
func envArgs(getenv func(string) (string, bool)) []string {
	v, _ := getenv(userKindsEnv)
	return strings.Fields(v)
}

// noEnvironment is a getenv for an empty environment.
func noEnvironment(string) (string, bool) { return "", false }

// otherEnv are the GUST_* variables gust reads that are not options.
var otherEnv = []string{userKindsEnv, "GUST_REQUIRE_INTEGRATION"}

// UnknownEnv returns a warning for each GUST_* variable in environ (as
// os.Environ gives it) that gust does not read, with the nearest known name
// when one is close: GUST_USRES=5 would otherwise be ignored in silence.
func UnknownEnv(environ []string) []string {
	known := slices.Clone(otherEnv)
	for i := range options {
		if !options[i].noEnv {
			known = append(known, options[i].envName())
		}
	}
	lower := make([]string, len(known))
	for i, k := range known {
		lower[i] = strings.ToLower(k)
	}
	var out []string
	for _, kv := range environ {
		name, _, _ := strings.Cut(kv, "=")
		if !strings.HasPrefix(name, "GUST_") || slices.Contains(known, name) {
			continue
		}
		msg := "gust: warning: the environment variable " + name + " is not one gust reads, so it is ignored"
		if c := closest(strings.ToLower(name), lower); c != "" {
			msg += " (did you mean " + strings.ToUpper(c) + "?)"
		}
		out = append(out, msg)
	}
	return out
}
