package config

import "strings"

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
