package config_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/gustload/gust/internal/config"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		env    map[string]string
		option string   // UsageError.Option
		wants  []string // substrings of the message
	}{
		{"users not a number", []string{"-u", "abc"}, nil, "users",
			[]string{`invalid value "abc" for -u/--users: want a whole number >= 0`}},
		{"users negative", []string{"--users=-1"}, nil, "users", []string{`"-1"`, "-u/--users", ">= 0"}},
		{"users missing", []string{"-u"}, nil, "users", []string{"-u/--users needs a value", "whole number"}},
		{"spawn-rate zero", []string{"-r", "0"}, nil, "spawn-rate", []string{"-r/--spawn-rate", "> 0"}},
		{"spawn-rate negative", []string{"-r", "-2"}, nil, "spawn-rate", []string{"-r/--spawn-rate", "> 0"}},
		{"spawn-rate NaN", []string{"-r", "NaN"}, nil, "spawn-rate", []string{"-r/--spawn-rate"}},
		{"spawn-rate Inf", []string{"-r", "+Inf"}, nil, "spawn-rate", []string{"-r/--spawn-rate"}},
		{"run-time negative", []string{"-t", "-5s"}, nil, "run-time", []string{"-t/--run-time", "1h30m"}},
		{"run-time garbage", []string{"-t", "soon"}, nil, "run-time", []string{`"soon"`, "-t/--run-time", "20s"}},
		{"stop-timeout negative", []string{"-s", "-1"}, nil, "stop-timeout", []string{"-s/--stop-timeout"}},
		{"host not http", []string{"-H", "ftp://127.0.0.1"}, nil, "host", []string{"-H/--host", "http(s) URL"}},
		{"host without host", []string{"-H", "http://"}, nil, "host", []string{"-H/--host"}},
		{"host relative", []string{"-H", "127.0.0.1:8080"}, nil, "host", []string{"-H/--host"}},
		{"loglevel", []string{"-L", "verbose"}, nil, "loglevel",
			[]string{"-L/--loglevel", "DEBUG, INFO, WARNING, ERROR, CRITICAL"}},
		{"exit code too big", []string{"--exit-code-on-error", "256"}, nil, "exit-code-on-error",
			[]string{"--exit-code-on-error", "0 to 255"}},
		{"bool", []string{"--headless=maybe"}, nil, "headless", []string{"--headless", "true or false"}},
		{"csv-full-history without csv", []string{"--csv-full-history"}, nil, "csv-full-history",
			[]string{"--csv-full-history needs --csv"}},
		{"url weight zero", []string{"http://127.0.0.1/a@0"}, nil, "URL", []string{`"http://127.0.0.1/a@0"`, ">= 1"}},
		{"url weight negative", []string{"http://127.0.0.1/a@-1"}, nil, "URL", []string{">= 1"}},
		{"url weight fraction", []string{"http://127.0.0.1/a@1.5"}, nil, "URL", []string{">= 1"}},
		{"url scheme", []string{"ftp://127.0.0.1/"}, nil, "URL", []string{"http(s) URL"}},
		{"url no host", []string{"http:///path"}, nil, "URL", []string{"http(s) URL"}},
		{"url bad port", []string{"http://127.0.0.1:port/"}, nil, "URL", []string{"http(s) URL"}},
		{"url port too big", []string{"http://127.0.0.1:99999/"}, nil, "URL", []string{"port from 1 to 65535"}},
		{"url port zero", []string{"http://127.0.0.1:0/"}, nil, "URL", []string{"port from 1 to 65535"}},
		{"host port too big", []string{"-H", "http://127.0.0.1:99999"}, nil, "host", []string{"-H/--host", "port from 1 to 65535"}},
		{"users past the machine", []string{"-u", "1000000000000"}, nil, "users",
			[]string{"--users 1000000000000", "what this gust process can hold", "KiB"}},
		{"max-users past the machine", []string{"--max-users", "1000000000000"}, nil, "max-users",
			[]string{"--max-users 1000000000000", "can hold"}},
		{"stage past the machine", []string{"--stages", "10s:5,1m:1000000000000"}, nil, "stages",
			[]string{"--stages 1000000000000", "can hold"}},
		{"threshold only a comma", []string{"--threshold", ","}, nil, "threshold", []string{"--threshold", "holds no threshold"}},
		{"threshold empty", []string{"--threshold", ""}, nil, "threshold", []string{"--threshold", "holds no threshold"}},
		{"env value", nil, map[string]string{"GUST_USERS": "lots"}, "users",
			[]string{`invalid value "lots" for GUST_USERS (-u/--users)`}},
		{"env url", nil, map[string]string{"GUST_USER_CLASSES": "A http://"}, "URL", []string{`"http://"`}},
		{"unknown long", []string{"--usrs", "5"}, nil, "usrs", []string{"unknown flag --usrs", "did you mean --users?"}},
		{"unknown prefix", []string{"--spawn", "5"}, nil, "spawn", []string{"did you mean --spawn-rate?"}},
		{"unknown underscore", []string{"--run_time", "5"}, nil, "run_time", []string{"did you mean --run-time?"}},
		{"unknown far", []string{"--frobnicate"}, nil, "frobnicate", []string{"--frobnicate", "gust --help"}},
		{"unknown short case", []string{"-U", "5"}, nil, "U", []string{"unknown flag -U", "did you mean -u?"}},
		{"unknown short", []string{"-x"}, nil, "x", []string{"unknown flag -x", "gust --help"}},
		{"unknown short in group", []string{"-lx"}, nil, "x", []string{"unknown flag -x (see"}},
		{"single-dash long", []string{"-users", "5"}, nil, "users", []string{"-users", "did you mean --users?"}},
		{"missing --config", []string{"--config", "/nonexistent/gust.conf"}, nil, "config",
			[]string{"/nonexistent/gust.conf", "--config"}},
		{"missing GUST_CONFIG", nil, map[string]string{"GUST_CONFIG": "/nonexistent/x.conf"}, "config",
			[]string{"/nonexistent/x.conf", "GUST_CONFIG"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			o, err := config.Parse(tc.args, env(tc.env))
			if err == nil {
				t.Fatalf("Parse(%q) = %+v, want an error", tc.args, o)
			}
			if ue := usageError(t, err, tc.wants...); ue.Option != tc.option {
				t.Errorf("Option = %q, want %q", ue.Option, tc.option)
			}
		})
	}
}

func TestParseFlagWinsOnlyIfValid(t *testing.T) {
	_, err := config.Parse([]string{"-u", "x"}, env(map[string]string{"GUST_USERS": "3"}))
	usageError(t, err, "-u/--users")
}

func TestWebOptionsThatNeedEachOther(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--tls-cert", "c.pem"}, "--tls-key"},
		{[]string{"--headless", "--autostart"}, "--autostart"},
		{[]string{"--web-login", "admin:"}, "user:password"},
		{[]string{"--web-port", "70000"}, "port"},
		{[]string{"--autoquit", "-2"}, "autoquit"},
		{[]string{"--web-base-path", "gust"}, "--web-base-path"},
		{[]string{"--web-base-path", "/a/../b"}, "/gust"},
	} {
		_, err := config.Parse(tc.args, nil)
		var ue *config.UsageError
		if !errors.As(err, &ue) || ue.ExitCode() != 2 || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q) = %v, want a usage error naming %q", tc.args, err, tc.want)
		}
	}
}

func TestWebBasePath(t *testing.T) {
	for _, v := range []string{"/gust", "/tools/gust/", "/"} {
		o, err := config.Parse([]string{"--web-base-path", v}, nil)
		if err != nil || o.WebBasePath != v {
			t.Errorf("--web-base-path %q: %+v, %v; want it kept", v, o, err)
		}
	}
}
