package web

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFullHistoryCSV(t *testing.T) {
	file := filepath.Join(t.TempDir(), "run_stats_history.csv")
	// The last row is still being written.
	if err := os.WriteFile(file, []byte("Timestamp,User Count\n1,2\n3,4\n5,"), 0o600); err != nil {
		t.Fatal(err)
	}
	s := newTestServer(t, newFake(fixtureSnapshot()), Options{HistoryCSV: file})
	w := get(s.Handler(), "/stats/requests_full_history/csv")
	if w.Code != http.StatusOK || w.Body.String() != "Timestamp,User Count\n1,2\n3,4\n" {
		t.Errorf("status %d, body %q: want the whole rows so far", w.Code, w.Body.String())
	}
	if d := w.Header().Get("Content-Disposition"); !strings.HasSuffix(d, `_requests_full_history.csv"`) {
		t.Errorf("Content-Disposition %q", d)
	}
	if page := get(s.Handler(), "/").Body.String(); !strings.Contains(page, `href="stats/requests_full_history/csv"`) {
		t.Error("the page does not offer the full history")
	}

	none := newTestServer(t, newFake(fixtureSnapshot()), Options{})
	if w := get(none.Handler(), "/stats/requests_full_history/csv"); w.Code != http.StatusNotFound ||
		!strings.Contains(w.Body.String(), "--csv-full-history") {
		t.Errorf("without --csv-full-history: %d %q, want 404 naming the option", w.Code, w.Body.String())
	}
	if page := get(none.Handler(), "/").Body.String(); strings.Contains(page, "requests_full_history") {
		t.Error("the page offers a full history it does not have")
	}
}

func TestWholeLinesLooksPastTheTailWindow(t *testing.T) {
	for _, tc := range []struct {
		content string
		want    int64
	}{
		{"", 0},
		{"no newline", 0},
		{"a\n" + strings.Repeat("x", tailWindow+10), 2},
		{"a\n" + strings.Repeat("x", 3*tailWindow) + "\n", int64(3*tailWindow + 3)},
	} {
		file := filepath.Join(t.TempDir(), "h.csv")
		if err := os.WriteFile(file, []byte(tc.content), 0o600); err != nil {
			t.Fatal(err)
		}
		f, err := os.Open(file)
		if err != nil {
			t.Fatal(err)
		}
		n, err := wholeLines(f)
		f.Close()
		if err != nil || n != tc.want {
			t.Errorf("%d bytes: wholeLines = %d, %v; want %d", len(tc.content), n, err, tc.want)
		}
	}
}
