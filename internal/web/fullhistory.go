package web

import (
	"bytes"
	"io"
	"net/http"
	"os"
)

// fullHistory serves the history file that --csv PREFIX --csv-full-history
// writes (GET /stats/requests_full_history/csv, Locust's endpoint): the
// rows written so far, up to the last whole line, since gust appends to
// the file every second. Without the file it is a 404, as in Locust.
func (s *Server) fullHistory(w http.ResponseWriter, r *http.Request) {
	if s.opts.HistoryCSV == "" {
		http.Error(w, "gust: the full history CSV needs --csv PREFIX and --csv-full-history", http.StatusNotFound)
		return
	}
	f, err := os.Open(s.opts.HistoryCSV)
	if err != nil {
		http.Error(w, "gust: full history CSV: "+err.Error(), http.StatusNotFound)
		return
	}
	defer f.Close()
	n, err := wholeLines(f)
	if err != nil {
		http.Error(w, "gust: full history CSV: "+err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Content-Disposition", `attachment; filename="`+s.fileName("requests_full_history", "csv")+`"`)
	_, _ = io.Copy(w, io.NewSectionReader(f, 0, n))
}

// tailWindow is how far from its end wholeLines looks for a line's end.
const tailWindow = 64 << 10

// wholeLines is the length of f up to and including its last newline.
func wholeLines(f *os.File) (int64, error) {
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	size := st.Size()
	for end := size; end > 0; end -= tailWindow {
		start := max(end-tailWindow, 0)
		buf := make([]byte, end-start)
		if _, err := f.ReadAt(buf, start); err != nil && err != io.EOF {
			return 0, err
		}
		if i := bytes.LastIndexByte(buf, '\n'); i >= 0 {
			return start + int64(i) + 1, nil
		}
	}
	return 0, nil
}
