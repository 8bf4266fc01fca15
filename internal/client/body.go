package client

import (
	"bytes"
	"io"
)

// DefaultMaxBody is how much of a response body a client keeps when
// Options.MaxBody is 0: 16 MB.
const DefaultMaxBody = 16 << 20

// MaxHeaderBytes bounds the header of a response in every client: net/http's
// own limit (http.DefaultMaxHeaderBytes), 1 MB. Larger headers fail the
// request.
const MaxHeaderBytes = 1 << 20

// BodyLimit is how much of a body o keeps: DefaultMaxBody for 0, none (0)
// below 0.
func (o Options) BodyLimit() int64 {
	switch {
	case o.MaxBody == 0:
		return DefaultMaxBody
	case o.MaxBody < 0:
		return 0
	}
	return o.MaxBody
}

// ReadBody reads r to its end: the first limit bytes into buf (which it
// empties first), the rest counted and dropped, so that a body of any
// length, even one that never ends, costs at most limit bytes. It returns
// how many bytes r gave and whether some were dropped.
func ReadBody(buf *bytes.Buffer, r io.Reader, limit int64) (size int64, cut bool, err error) {
	buf.Reset()
	if limit > 0 {
		size, err = buf.ReadFrom(io.LimitReader(r, limit))
		if err != nil || size < limit {
			return size, false, err
		}
	}
	rest, err := io.Copy(io.Discard, r)
	return size + rest, rest > 0, err
}
