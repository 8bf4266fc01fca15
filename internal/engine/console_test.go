package engine

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/config"
)

func TestLiveTableHeading(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		opts := &config.Options{Headless: true, Users: 2, SpawnRate: 100, RunTime: 10 * time.Second}
		e := newTestEngine(t, opts, Hooks{}, &bytes.Buffer{})
		if code := e.Run(context.Background(), nil, nil); code != 0 {
			t.Fatalf("exit code %d", code)
		}
		out := e.out.Console.(*bytes.Buffer).String()
		for _, want := range []string{
			"running | elapsed 0:00:02 | remaining 0:00:08\nType    Name\n",
			"running | elapsed 0:00:08 | remaining 0:00:02\n",
		} {
			if !strings.Contains(out, want) {
				t.Errorf("the console lacks %q:\n%s", want, out)
			}
		}
	})
}

func TestTerminalWidthOfAPipe(t *testing.T) {
	if w := terminalWidth(&bytes.Buffer{}); w != 0 {
		t.Errorf("a buffer has width %d, want 0 (the 80-column layout)", w)
	}
}

func TestProgressBeforeAndAfterATest(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		e := newTestEngine(t, &config.Options{}, Hooks{}, &bytes.Buffer{})
		if p := e.progress(time.Now()); p.Elapsed != 0 || p.State != "ready" {
			t.Errorf("before any test: %+v, want ready and nothing elapsed", p)
		}
		e.startTest(1, 10, time.Minute)
		time.Sleep(5 * time.Second)
		e.stopTest()
		time.Sleep(time.Hour)
		if p := e.progress(time.Now()); p.Elapsed != 5*time.Second || p.State != "stopped" {
			t.Errorf("an hour after a 5 s test: %+v, want stopped after 5s", p)
		}
	})
}
