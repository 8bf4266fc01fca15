package wire

import "github.com/gustload/gust/internal/stats"

// ExceptionOf returns the exception message that reports x with all of its
// occurrences (see Exception.Count).
func ExceptionOf(x *stats.Exception) Exception {
	return Exception{Msg: x.Message, Traceback: x.Traceback, Count: max(x.Count, 1)}
}

// Stats returns the exception as a row for stats.Recorder.Merge, raised on
// the worker node.
func (x Exception) Stats(node string) *stats.Exception {
	return &stats.Exception{Count: max(x.Count, 1), Message: x.Msg, Traceback: x.Traceback, Nodes: []string{node}}
}
