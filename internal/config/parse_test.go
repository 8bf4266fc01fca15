package config_test

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/gustload/gust/internal/config"
)

func TestParseDefaults(t *testing.T) {
	got := mustParse(t, nil, nil)
	want := clusterDefaults(&config.Options{Users: 1, SpawnRate: 1, MaxUsers: 1000, MaxBody: 16 << 20, Autoquit: -1, WebHost: "127.0.0.1", WebPort: 8089, ExitCodeOnError: 1, LogLevel: "INFO",
		PrometheusPushInterval: 5 * time.Second})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Parse(nil) = %+v, want %+v", got, want)
	}
	if d := config.Defaults(); !reflect.DeepEqual(d, want) {
		t.Errorf("Defaults() = %+v, want %+v", d, want)
	}
}

// precedence is one option given in all three sources.
type precedence struct {
	name                       string
	file                       string            // config-file line
	env                        map[string]string // environment
	flags                      []string          // command line
	get                        func(*config.Options) any
	fromFile, fromEnv, fromFlg any // expected with the file, + env, + flags
}

var precedenceCases = []precedence{
	{"users", "users = 3", map[string]string{"GUST_USERS": "4"}, []string{"-u", "5"},
		func(o *config.Options) any { return o.Users }, 3, 4, 5},
	{"spawn-rate", "spawn-rate: 2.5", map[string]string{"GUST_SPAWN_RATE": "3.5"}, []string{"--spawn-rate=4.5"},
		func(o *config.Options) any { return o.SpawnRate }, 2.5, 3.5, 4.5},
	{"run-time", "run-time = 1h30m", map[string]string{"GUST_RUN_TIME": "20"}, []string{"-t3m"},
		func(o *config.Options) any { return o.RunTime }, 90 * time.Minute, 20 * time.Second, 3 * time.Minute},
	{"host", "host = http://127.0.0.1:1", map[string]string{"GUST_HOST": "http://127.0.0.1:2"},
		[]string{"-H", "https://127.0.0.1:3"},
		func(o *config.Options) any { return o.Host }, "http://127.0.0.1:1", "http://127.0.0.1:2", "https://127.0.0.1:3"},
	{"insecure-skip-tls-verify", "insecure-skip-tls-verify = true",
		map[string]string{"GUST_INSECURE_SKIP_TLS_VERIFY": "no"}, []string{"--insecure-skip-tls-verify"},
		func(o *config.Options) any { return o.InsecureSkipTLSVerify }, true, false, true},
	{"headless", "headless = no", map[string]string{"GUST_HEADLESS": "YES"}, []string{"--headless=false"},
		func(o *config.Options) any { return o.Headless }, false, true, false},
	{"tags", "tags = [A, B]", map[string]string{"GUST_TAGS": "C D"}, []string{"-T", "E", "--tags", "F,G"},
		func(o *config.Options) any { return o.Tags }, []string{"A", "B"}, []string{"C", "D"}, []string{"E", "F", "G"}},
	{"loglevel", "loglevel = debug", map[string]string{"GUST_LOGLEVEL": "warning"}, []string{"-L", "Error"},
		func(o *config.Options) any { return o.LogLevel }, "DEBUG", "WARNING", "ERROR"},
	{"exit-code-on-error", "exit_code_on_error = 3", map[string]string{"GUST_EXIT_CODE_ON_ERROR": "4"},
		[]string{"--exit-code-on-error", "0"},
		func(o *config.Options) any { return o.ExitCodeOnError }, 3, 4, 0},
}

func TestParsePrecedence(t *testing.T) {
	for _, tc := range precedenceCases {
		t.Run(tc.name, func(t *testing.T) {
			conf := []string{"--config", writeConf(t, "[gust]\n"+tc.file+"\n")}
			steps := []struct {
				stage string
				args  []string
				env   map[string]string
				want  any
			}{
				{"file", conf, nil, tc.fromFile},
				{"file+env", conf, tc.env, tc.fromEnv},
				{"file+env+flags", append(conf, tc.flags...), tc.env, tc.fromFlg},
			}
			for _, s := range steps {
				if got := tc.get(mustParse(t, s.args, s.env)); !reflect.DeepEqual(got, s.want) {
					t.Errorf("%s: got %#v, want %#v", s.stage, got, s.want)
				}
			}
		})
	}
}

func TestParseFlagsRepeated(t *testing.T) {
	o := mustParse(t, []string{"-u", "2", "-u", "7", "-E", "slow", "-E", "auth,admin", "-l", "--json"}, nil)
	if o.Users != 7 {
		t.Errorf("Users = %d, want the last value 7", o.Users)
	}
	if want := []string{"slow", "auth", "admin"}; !reflect.DeepEqual(o.ExcludeTags, want) {
		t.Errorf("ExcludeTags = %q, want %q", o.ExcludeTags, want)
	}
	if !o.List || !o.JSON {
		t.Errorf("List, JSON = %v, %v; want both true", o.List, o.JSON)
	}
}

func TestParseEmptyEnvIsUnset(t *testing.T) {
	o := mustParse(t, nil, map[string]string{"GUST_USERS": "  ", "GUST_HOST": ""})
	if o.Users != 1 || o.Host != "" {
		t.Errorf("Users, Host = %d, %q; want the defaults 1, \"\"", o.Users, o.Host)
	}
}

func TestParseConfigFromEnv(t *testing.T) {
	path := writeConf(t, "users = 9\n")
	o := mustParse(t, nil, map[string]string{"GUST_CONFIG": path})
	if o.Users != 9 || o.ConfigFile != path {
		t.Errorf("Users, ConfigFile = %d, %q; want 9, %q", o.Users, o.ConfigFile, path)
	}
	other := writeConf(t, "users = 11\n")
	o = mustParse(t, []string{"--config", other}, map[string]string{"GUST_CONFIG": path})
	if o.Users != 11 || o.ConfigFile != other {
		t.Errorf("with --config: Users, ConfigFile = %d, %q; want 11, %q", o.Users, o.ConfigFile, other)
	}
}

// TestParseDefaultConfigFile is the one test that sets the working
// directory, since ./gust.conf is read from there.
func TestParseDefaultConfigFile(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	o := mustParse(t, nil, nil)
	if o.ConfigFile != "" {
		t.Errorf("without gust.conf: ConfigFile = %q, want \"\"", o.ConfigFile)
	}
	if err := os.WriteFile(filepath.Join(dir, "gust.conf"), []byte("users = 12\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	o = mustParse(t, nil, nil)
	if o.Users != 12 || o.ConfigFile != "gust.conf" {
		t.Errorf("with gust.conf: Users, ConfigFile = %d, %q; want 12, gust.conf", o.Users, o.ConfigFile)
	}
}

func TestParseHelpAndVersionReadNothingElse(t *testing.T) {
	broken := map[string]string{"GUST_USERS": "many", "GUST_CONFIG": "/nonexistent/gust.conf"}
	for _, args := range [][]string{{"-h"}, {"--help"}, {"-V"}, {"--version", "-u", "x"}} {
		o, err := config.Parse(args, env(broken))
		if err != nil {
			t.Errorf("Parse(%q) = %v, want no error", args, err)
			continue
		}
		if o.Help == o.Version {
			t.Errorf("Parse(%q): Help, Version = %v, %v; want exactly one", args, o.Help, o.Version)
		}
	}
	if o := mustParse(t, []string{"--help=false"}, nil); o.Help {
		t.Error("--help=false set Help")
	}
}
