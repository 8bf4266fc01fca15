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

// checkOutputs makes sure the files the test writes at its end (--html,
// --junit) can be written, before the test starts (issue 14: --html into a folder that
// cannot be written failed only after the whole test).
func checkOutputs(o *config.Options) error {
	for _, out := range []struct{ option, file string }{{"html", o.HTML}, {"junit", o.JUnit}} {
		if out.file == "" {
			continue
		}
		if err := writable(out.file); err != nil {
			return &config.UsageError{Option: out.option, Msg: fmt.Sprintf("--%s %s cannot be written: %v", out.option, out.file, err)}
		}
	}
	return nil
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
