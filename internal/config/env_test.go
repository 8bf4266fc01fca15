package config

import (
	"strings"
	"testing"
)

func TestUnknownEnv(t *testing.T) {
	for _, tc := range []struct {
		env  string
		want string // "" for no warning
	}{
		{"GUST_USERS=5", ""},
		{"GUST_USER_CLASSES=A B", ""},
		{"GUST_CONFIG=x.conf", ""},
		{"GUST_REQUIRE_INTEGRATION=1", ""},
		{"HOME=/root", ""},
		{"GUST_USRES=5", "GUST_USRES is not one gust reads, so it is ignored (did you mean GUST_USERS?)"},
		{"GUST_SPAWNRATE=2", "(did you mean GUST_SPAWN_RATE?)"},
		{"GUST_FROBNICATE=1", "GUST_FROBNICATE is not one gust reads, so it is ignored"},
	} {
		got := UnknownEnv([]string{tc.env})
		switch {
		case tc.want == "" && len(got) != 0:
			t.Errorf("%s: warned %q", tc.env, got)
		case tc.want != "" && (len(got) != 1 || !strings.Contains(got[0], tc.want)):
			t.Errorf("%s: warnings %q, want one with %q", tc.env, got, tc.want)
		}
	}
	if got := UnknownEnv([]string{"GUST_FROBNICATE=1"}); len(got) == 1 && strings.Contains(got[0], "did you mean") {
		t.Errorf("a far name got a suggestion: %q", got[0])
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "100000": 100000, "16MB": 16 << 20, "512kb": 512 << 10,
		"1 GiB": 1 << 30, "2g": 2 << 30, "7B": 7} {
		if got, ok := parseSize(in); !ok || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
	for _, bad := range []string{"", "-1", "lots", "1.5MB", "99999999999GB", "MB"} {
		if got, ok := parseSize(bad); ok {
			t.Errorf("parseSize(%q) = %d, want an error", bad, got)
		}
	}
}

func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"16MB", "0", "1 GiB", "7b", "-1", "9223372036854775807"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, ok := parseSize(s)
		if ok && n < 0 {
			t.Fatalf("parseSize(%q) = %d: a size below 0", s, n)
		}
		if !ok && n != 0 {
			t.Fatalf("parseSize(%q) refused but gave %d", s, n)
		}
	})
}
