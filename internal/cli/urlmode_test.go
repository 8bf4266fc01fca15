package cli

import (
	"slices"
	"testing"
	"time"

	"github.com/gustload/gust/internal/config"
)

func TestURLModeTakesTheWaitAndShowsTheURLs(t *testing.T) {
	opts, err := config.Parse([]string{"--wait", "0.5s-1.5s", "http://127.0.0.1:8080/", "http://127.0.0.1:9090/a?b=c@3"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := urlMode(opts)
	if m.Wait != (config.WaitRange{Min: 500 * time.Millisecond, Max: 1500 * time.Millisecond}) {
		t.Errorf("URL mode waits %+v, want 500ms to 1.5s", m.Wait)
	}
	want := []string{"http://127.0.0.1:8080/", "http://127.0.0.1:9090/a?b=c@3"}
	if got := urlsAsGiven(opts.URLs); !slices.Equal(got, want) {
		t.Errorf("the start form lists %q, want %q", got, want)
	}
}
