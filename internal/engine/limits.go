package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"
	"time"

	"github.com/gustload/gust/internal/capacity"
	"github.com/gustload/gust/internal/config"
	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/shape"
)

// boundedShape ends a shape written in Go that asks for more users than
// the machine holds (package capacity): --stages are refused when parsed,
// but a shape in Go says its targets only as the test runs. The test then
// ends, and its exit code is 2, as for a user count refused up front.
type boundedShape struct {
	s       shape.Shape
	bound   capacity.Bound
	refused *atomic.Pointer[error]
}

// Tick is s's tick, or the end of the shape past the bound.
func (b boundedShape) Tick(elapsed time.Duration) (int, float64, bool) {
	users, rate, ok := b.s.Tick(elapsed)
	if err := capacity.CheckBound(b.bound, "the load shape's user count", users); ok && err != nil {
		b.refused.CompareAndSwap(nil, &err)
		return 0, 0, false
	}
	return users, rate, ok
}

// boundShape wraps a shape written in Go in the machine's bound.
func (e *Engine) boundShape(s shape.Shape) shape.Shape {
	if s == nil {
		return nil
	}
	return boundedShape{s: s, bound: capacity.Machine(), refused: &e.refused}
}

// refusal is the error that ended the test because a shape asked for too
// many users, or nil.
func (e *Engine) refusal() error {
	if p := e.refused.Load(); p != nil {
		return *p
	}
	return nil
}

// checkOutputs makes sure the files the test writes (--html, --junit, --csv)
// can be written, before the test starts (issue 14: --html into a folder that
// cannot be written failed only after the whole test; an unwritable --csv was
// only a log record, invisible with -L CRITICAL or --logfile).
func checkOutputs(o *config.Options) error {
	for _, out := range []struct{ option, file string }{{"html", o.HTML}, {"junit", o.JUnit}} {
		if out.file == "" {
			continue
		}
		if err := writable(out.file); err != nil {
			return &config.UsageError{Option: out.option, Msg: fmt.Sprintf("--%s %s cannot be written: %v", out.option, out.file, err)}
		}
	}
	if err := checkCSV(o.CSVPrefix); err != nil {
		return &config.UsageError{Option: "csv", Msg: fmt.Sprintf("--csv %s cannot be written: %v; "+
			"want a path prefix such as results/run, for results/run_stats.csv and its three companions", o.CSVPrefix, err)}
	}
	return nil
}

// checkCSV checks that the four files of --csv prefix can be written. Their
// folder is made at the start if missing (report.NewCSVFiles), so for a
// missing folder it checks that it can be made instead.
func checkCSV(prefix string) error {
	if prefix == "" {
		return nil
	}
	dir := filepath.Dir(prefix + "_stats.csv")
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return canMakeFolder(dir)
	}
	for _, suffix := range report.CSVSuffixes() {
		if err := writable(prefix + suffix); err != nil {
			return fmt.Errorf("%s: %w", prefix+suffix, err)
		}
	}
	return nil
}

// canMakeFolder checks that dir could be made, with its missing parents,
// without making it: the nearest of its ancestors that exists must be a
// folder that lets gust make folders in it.
func canMakeFolder(dir string) error {
	p := dir
	fi, err := os.Stat(p)
	for err != nil && filepath.Dir(p) != p {
		p = filepath.Dir(p)
		fi, err = os.Stat(p)
	}
	switch {
	case err != nil:
		return err
	case !fi.IsDir():
		return fmt.Errorf("%s is a file, not a folder", p)
	}
	tmp, err := os.MkdirTemp(p, ".gust-check-*")
	switch {
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("gust may not make the folder %s", dir)
	case err != nil:
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err // its path is the name of the trial folder
		}
		return fmt.Errorf("the folder %s cannot be made in %s (%v)", dir, p, err)
	}
	return os.Remove(tmp)
}

// writable checks that name can be created or overwritten, without
// changing an existing file: a directory cannot, nor a file in a folder
// that does not exist or does not let gust create files.
func writable(name string) error {
	if fi, err := os.Stat(name); err == nil {
		if fi.IsDir() {
			return fmt.Errorf("it is a folder")
		}
		f, err := os.OpenFile(name, os.O_WRONLY, 0)
		if err != nil {
			return err
		}
		return f.Close()
	}
	dir := filepath.Dir(name)
	f, err := os.CreateTemp(dir, ".gust-check-*")
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("the folder %s does not exist", dir)
	case errors.Is(err, fs.ErrPermission):
		return fmt.Errorf("gust may not create files in the folder %s", dir)
	case err != nil:
		return err
	}
	f.Close()
	return os.Remove(f.Name())
}
