package report

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sync"

	"github.com/gustload/gust/internal/stats"
)

// ErrCSVClosed is returned by CSVFiles.Update and CSVFiles.Close after Close.
var ErrCSVClosed = errors.New("gust: CSV files already closed")

// CSVFiles are the four files of --csv PREFIX: PREFIX_stats.csv,
// PREFIX_stats_history.csv, PREFIX_failures.csv and PREFIX_exceptions.csv.
// Update is meant to be called once a second; Close writes the final
// snapshot. It is safe for concurrent use.
type CSVFiles struct {
	mu       sync.Mutex
	full     bool
	stats    *os.File
	failures *os.File
	excs     *os.File
	history  *os.File
	histEnd  int64 // where the next history rows go
	lastOff  int64 // where the last history rows start
	lastSec  int64 // the Unix second of the last history rows
	closed   bool
}

// HistorySuffix ends the name of the history file: PREFIX_stats_history.csv.
const HistorySuffix = "_stats_history.csv"

// CSVSuffixes returns the endings of the four files of --csv PREFIX, in the
// order NewCSVFiles creates them: stats, history, failures, exceptions.
func CSVSuffixes() []string {
	return []string{"_stats.csv", HistorySuffix, "_failures.csv", "_exceptions.csv"}
}

// NewCSVFiles creates (or truncates) the four CSV files of prefix, creating
// missing directories, and writes their headers. fullHistory is
// --csv-full-history: a history row per entry each second, not only the
// Aggregated one.
func NewCSVFiles(prefix string, fullHistory bool) (*CSVFiles, error) {
	if prefix == "" {
		return nil, errors.New("gust: --csv: the prefix is empty; give a path prefix such as results/run")
	}
	if err := os.MkdirAll(filepath.Dir(prefix+"_stats.csv"), 0o755); err != nil {
		return nil, fmt.Errorf("gust: --csv %q: %w", prefix, err)
	}
	c := &CSVFiles{full: fullHistory, lastSec: -1}
	dsts := []**os.File{&c.stats, &c.history, &c.failures, &c.excs}
	for i, suffix := range CSVSuffixes() {
		file, err := os.Create(prefix + suffix)
		if err != nil {
			c.closeFiles()
			return nil, fmt.Errorf("gust: --csv %q: %w", prefix, err)
		}
		*dsts[i] = file
	}
	if err := c.writeHeaders(); err != nil {
		c.closeFiles()
		return nil, fmt.Errorf("gust: --csv %q: %w", prefix, err)
	}
	return c, nil
}

// writeHeaders gives each file its header, so that every file is valid CSV
// before the first Update.
func (c *CSVFiles) writeHeaders() error {
	empty := &stats.Snapshot{}
	var h bytes.Buffer
	_ = WriteHistoryHeader(&h)
	n, err := c.history.Write(h.Bytes())
	c.histEnd, c.lastOff = int64(n), int64(n)
	return errors.Join(err, c.rewrite(empty))
}

// Update appends the history rows of s and rewrites the stats, failures and
// exceptions files with it.
func (c *CSVFiles) Update(s *stats.Snapshot) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return ErrCSVClosed
	}
	return errors.Join(c.appendHistory(s, false), c.rewrite(s))
}

// Close writes the final snapshot, so that the files match the final summary
// exactly, and closes the files. The final snapshot's history rows replace
// the last ones written if they are of the same second. final may be nil to
// only close.
func (c *CSVFiles) Close(final *stats.Snapshot) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return ErrCSVClosed
	}
	c.closed = true
	var err error
	if final != nil {
		err = errors.Join(c.appendHistory(final, true), c.rewrite(final))
	}
	return errors.Join(err, c.closeFiles())
}

// appendHistory writes the history rows of s at the end of the history file
// or, when replace is set and s is of the same second as the last rows, in
// their place.
func (c *CSVFiles) appendHistory(s *stats.Snapshot, replace bool) error {
	var b bytes.Buffer
	if err := WriteHistoryRows(&b, s, c.full); err != nil {
		return err
	}
	sec := s.Time.Unix()
	if replace && sec == c.lastSec {
		c.histEnd = c.lastOff
	}
	n, err := c.history.WriteAt(b.Bytes(), c.histEnd)
	c.lastOff, c.lastSec = c.histEnd, sec
	c.histEnd += int64(n)
	if err != nil {
		return err
	}
	return c.history.Truncate(c.histEnd)
}

// rewrite replaces the content of the stats, failures and exceptions files
// with those of s.
func (c *CSVFiles) rewrite(s *stats.Snapshot) error {
	return errors.Join(
		rewriteFile(c.stats, s, WriteStatsCSV),
		rewriteFile(c.failures, s, WriteFailuresCSV),
		rewriteFile(c.excs, s, WriteExceptionsCSV))
}

// rewriteFile writes the new content over the old one and then cuts what is
// left of the old, so that the file is never seen empty.
func rewriteFile(f *os.File, s *stats.Snapshot, write func(io.Writer, *stats.Snapshot) error) error {
	var b bytes.Buffer
	if err := write(&b, s); err != nil {
		return err
	}
	if _, err := f.WriteAt(b.Bytes(), 0); err != nil {
		return err
	}
	return f.Truncate(int64(b.Len()))
}

// closeFiles closes the files that are open.
func (c *CSVFiles) closeFiles() error {
	var errs []error
	for _, f := range []*os.File{c.stats, c.history, c.failures, c.excs} {
		if f != nil {
			errs = append(errs, f.Close())
		}
	}
	return errors.Join(errs...)
}
