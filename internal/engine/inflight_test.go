package engine

import (
	"bytes"
	"strings"
	"testing"
	"testing/synctest"
	"time"

	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/stats"
)

func TestWarnsAboutAHostThatAnswersNothing(t *testing.T) {
	synctest.Test(t, func(t *testing.T) {
		var log bytes.Buffer
		e := newTestEngine(t, &config.Options{}, Hooks{}, &log)
		w := e.rec.Waits()
		hung := w.Begin("127.0.0.1:9")
		for range 25 {
			time.Sleep(time.Second)
			e.warnStalled(time.Now())
		}
		hung.Cut(stats.PhaseConnect)
		got := strings.Count(log.String(), "requests to 127.0.0.1:9 have waited")
		if got != 2 { // at 11 s and at 21 s
			t.Errorf("%d warnings in 25 s of silence, want 2:\n%s", got, &log)
		}
	})
}

func TestNothingCompleted(t *testing.T) {
	var cut, answered, none stats.Waits
	for range 3 {
		cut.Begin("127.0.0.1:9").Cut(stats.PhaseConnect)
	}
	cut.Begin("127.0.0.1:8").Cut(stats.PhaseResponse)
	answered.Begin("127.0.0.1:80").Done()
	for _, tc := range []struct {
		name                  string
		requests, interrupted int64
		waits                 *stats.Waits
		want                  string
	}{
		{"all cut short", 0, 4, &cut, "No request completed: 4 interrupted when the test ended: " +
			"3 connecting (127.0.0.1:9), 1 waiting for a response (127.0.0.1:8)."},
		{"some completed", 5, 4, &cut, ""},
		{"nothing at all", 0, 0, &none, ""},
		{"answered", 1, 0, &answered, ""},
	} {
		final := &stats.Snapshot{Total: &stats.Entry{Requests: tc.requests, Interrupted: tc.interrupted}}
		if got := nothingCompleted(final, tc.waits); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.name, got, tc.want)
		}
	}
}
