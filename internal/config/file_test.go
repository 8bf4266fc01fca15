package config_test

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/gustload/gust/internal/config"
)

func TestConfigFile(t *testing.T) {
	text := "# a comment\r\n" +
		"; another comment\n" +
		"[gust]\n" +
		"\n" +
		"users = 40   # inline comment\n" +
		"spawn_rate: 2.5 ; inline comment\n" +
		"RUN-TIME=3h30m10s\n" +
		"host = \"http://127.0.0.1:8080/#frag\"\n" +
		"tags = [checkout, 'search']\n" +
		"exclude-tags = slow, admin\n" +
		"[other-section]\n" +
		"reset-stats\n" +
		"headless = 0\n" +
		"csv = 'out/run #1'\n" +
		"logfile = gust.log\n"
	path := writeConf(t, text)
	o := mustParse(t, []string{"--config", path}, nil)
	want := clusterDefaults(&config.Options{
		Users: 40, SpawnRate: 2.5, RunTime: 3*time.Hour + 30*time.Minute + 10*time.Second,
		Host: "http://127.0.0.1:8080/#frag", Tags: []string{"checkout", "search"},
		ExcludeTags: []string{"slow", "admin"}, ResetStats: true, CSVPrefix: "out/run #1",
		ExitCodeOnError: 1, LogLevel: "INFO", LogFile: "gust.log", ConfigFile: path,
		Autoquit: -1, WebHost: "127.0.0.1", WebPort: 8089, MaxUsers: 1000, MaxBody: 16 << 20, PrometheusPushInterval: 5 * time.Second,
	})
	if !reflect.DeepEqual(o, want) {
		t.Errorf("got  %+v\nwant %+v", o, want)
	}
}

func TestConfigFileEmpty(t *testing.T) {
	o := mustParse(t, []string{"--config", writeConf(t, "")}, nil)
	if o.Users != 1 || o.ConfigFile == "" {
		t.Errorf("Users, ConfigFile = %d, %q; want 1 and the file name", o.Users, o.ConfigFile)
	}
}

func TestConfigFileErrors(t *testing.T) {
	tests := []struct {
		name, text string
		option     string
		wants      []string // besides "FILE:LINE"
		line       int
	}{
		{"unknown key", "users = 1\nspawnrate = 3\n", "spawnrate",
			[]string{`unknown key "spawnrate"`, "did you mean spawn-rate?"}, 2},
		{"bad value", "# x\n[gust]\nusers = abc\n", "users",
			[]string{`invalid value "abc" for users (-u/--users)`, "whole number"}, 3},
		{"bad bool", "headless = maybe\n", "headless", []string{"headless (--headless)", "true or false"}, 1},
		{"bad timespan", "\n\n\n\nrun-time = -1m\n", "run-time", []string{"run-time (-t/--run-time)"}, 5},
		{"missing value", "users =\n", "users", []string{`invalid value "" for users`}, 1},
		{"flag-only key", "config = other.conf\n", "config", []string{`"config"`, "--config"}, 1},
		{"help key", "\nhelp = true\n", "help", []string{`"help"`}, 2},
		{"unterminated quote", "csv = \"out\n", "csv", []string{"unterminated quote"}, 1},
		{"text after quote", "csv = 'a' b\n", "csv", []string{`unexpected "b"`}, 1},
		{"unclosed section", "[gust\n", "[gust", []string{"unknown key"}, 1},
		{"no key", "= 5\n", "", []string{`unknown key ""`}, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			path := writeConf(t, tc.text)
			_, err := config.Parse([]string{"--config", path}, nil)
			where := fmt.Sprintf("%s:%d: ", path, tc.line)
			if ue := usageError(t, err, append(tc.wants, where)...); ue.Option != tc.option {
				t.Errorf("Option = %q, want %q", ue.Option, tc.option)
			}
		})
	}
}

func FuzzParseConfigFile(f *testing.F) {
	seeds := []string{
		"", "users = 5\n", "[gust]\nspawn-rate: 1.5 ; c\n", "tags = [A, 'B']\n", "csv = \"x #y\"\n",
		"headless\n", "run-time = 1h30m\r\n", "= \n", "'\n", "host = http://127.0.0.1\n", "\xff=\x00",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		o, err := config.ParseConfigText("f.conf", text)
		if err == nil {
			if o == nil || o.SpawnRate <= 0 || o.Users < 0 || o.RunTime < 0 {
				t.Fatalf("accepted %q into invalid options %+v", text, o)
			}
			return
		}
		var ue *config.UsageError
		if !errors.As(err, &ue) || !strings.HasPrefix(err.Error(), "gust: f.conf:") {
			t.Fatalf("error %q (%T) is not a usage error naming the file and line", err, err)
		}
	})
}
