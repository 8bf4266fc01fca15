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

// Body is a client's buffer of the last response body.
type Body struct {
	bytes.Buffer
	lr io.LimitedReader // reused: no allocation per body
}

// Fill reads r to its end: the first limit bytes into b (emptied first),
// the rest counted and dropped, so that a body of any length, even one that
// never ends, costs at most limit bytes. It returns how many bytes r gave
// and whether some were dropped.
func (b *Body) Fill(r io.Reader, limit int64) (size int64, cut bool, err error) {
	b.Reset()
	if limit > 0 {
		b.lr = io.LimitedReader{R: r, N: limit}
		size, err = b.ReadFrom(&b.lr)
		b.lr.R = nil
		if err != nil || size < limit {
			return size, false, err
		}
	}
	rest, err := io.Copy(io.Discard, r)
	return size + rest, rest > 0, err
}
