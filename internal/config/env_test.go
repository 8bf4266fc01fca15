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
