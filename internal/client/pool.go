package client

import (
	"bufio"
	"io"
	"sync"
)

// The buffers of requests in flight, shared by the clients so that an idle
// connection holds none.
var (
	readers = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 4096) }}
	writers = sync.Pool{New: func() any { return bufio.NewWriterSize(nil, 4096) }}
)

// Writer borrows a buffered writer to w; give it back with PutWriter.
func Writer(w io.Writer) *bufio.Writer {
	bw := writers.Get().(*bufio.Writer)
	bw.Reset(w)
	return bw
}

// PutWriter gives back a writer of Writer, forgetting what it wrote to.
func PutWriter(bw *bufio.Writer) {
	bw.Reset(nil)
	writers.Put(bw)
}

// Reader borrows a buffered reader of r; give it back with PutReader.
func Reader(r io.Reader) *bufio.Reader {
	br := readers.Get().(*bufio.Reader)
	br.Reset(r)
	return br
}

// PutReader gives back a reader of Reader, forgetting what it read from.
func PutReader(br *bufio.Reader) {
	br.Reset(nil)
	readers.Put(br)
}
