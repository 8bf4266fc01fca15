package engine

import (
	"testing"
	"time"

	"github.com/gustload/gust/internal/config"
)

func TestQuitDelay(t *testing.T) {
	tests := []struct {
		name        string
		opts        config.Options
		ui, started bool
		wantDelay   time.Duration
		wantQuits   bool
	}{
		{"headless quits when the test ends", config.Options{Headless: true, Autoquit: -1}, false, true, 0, true},
		{"UI, started from the UI: never", config.Options{Autoquit: -1}, true, false, 0, false},
		{"UI, run time alone: at once", config.Options{RunTime: time.Minute, Autoquit: -1}, true, true, 0, true},
		{"UI, --autostart: never", config.Options{Autostart: true, Autoquit: -1}, true, true, 0, false},
		{"UI, --autostart --autoquit 5", config.Options{Autostart: true, Autoquit: 5}, true, true, 5 * time.Second, true},
		{"UI, run time --autoquit 2", config.Options{RunTime: time.Minute, Autoquit: 2}, true, true, 2 * time.Second, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &Engine{opts: &tt.opts}
			d, q := e.quitDelay(tt.ui, tt.started)
			if d != tt.wantDelay || q != tt.wantQuits {
				t.Fatalf("quitDelay = %v, %v; want %v, %v", d, q, tt.wantDelay, tt.wantQuits)
			}
		})
	}
}
