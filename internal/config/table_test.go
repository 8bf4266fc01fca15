package config

import (
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

func TestTableRows(t *testing.T) {
	seen := map[string]string{}
	for _, opt := range options {
		for _, name := range []string{"--" + opt.long, "-" + opt.short} {
			if name != "-" && seen[name] != "" {
				t.Errorf("%s is used by --%s and --%s", name, seen[name], opt.long)
			}
			seen[name] = opt.long
		}
		if opt.help == "" || opt.want == "" || opt.set == nil {
			t.Errorf("--%s lacks help, want or set", opt.long)
		}
		if opt.list && opt.arg == "" {
			t.Errorf("--%s is a list but takes no value", opt.long)
		}
		if int(opt.group) >= len(groupTitles) {
			t.Errorf("--%s has group %d, which has no title", opt.long, opt.group)
		}
		if opt.def != "" && !opt.set(&Options{}, opt.def) {
			t.Errorf("--%s: default %q is not valid", opt.long, opt.def)
		}
	}
}

func TestUsageGolden(t *testing.T) {
	got := Usage()
	path := filepath.Join("testdata", "usage.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("Usage() differs from %s (run go test -update if intended):\n%s", path, got)
	}
}

func TestUsageListsEveryOption(t *testing.T) {
	text := Usage()
	for i, line := range strings.Split(text, "\n") {
		if len(line) > usageWidth {
			t.Errorf("line %d is %d columns, more than %d: %q", i+1, len(line), usageWidth, line)
		}
	}
	for _, opt := range options {
		if !strings.Contains(text, opt.synopsis()) {
			t.Errorf("Usage() lacks %q", opt.synopsis())
		}
		if env := opt.envName(); env != "" && !strings.Contains(text, "env "+env+")") {
			t.Errorf("Usage() lacks the variable %s of --%s", env, opt.long)
		}
	}
	for _, want := range []string{"gust [options] [URL[@weight]...] [UserKind...]",
		"gust demo [--serve] [options]", "Load:", "Selection:", "Output:", "Logging:", "Other:"} {
		if !strings.Contains(text, want) {
			t.Errorf("Usage() lacks %q", want)
		}
	}
}
