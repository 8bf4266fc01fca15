package client

import "io"

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
	buf []byte
}

// keepCap is the largest buffer a Body keeps for the next body: a larger
// one, grown for one large response, is left to the collector rather than
// held by an idle user.
const keepCap = 1 << 20

// Reset empties the body.
func (b *Body) Reset() { b.buf = b.buf[:0] }

// Bytes is the body, valid until the next Fill.
func (b *Body) Bytes() []byte { return b.buf }

// Fill reads r to its end: the first limit bytes into b, the rest counted
// and dropped, so that a body of any length, even one that never ends,
// costs at most limit bytes (the buffer grows by doubling, but never past
// limit). It returns how many bytes r gave and whether some were dropped.
func (b *Body) Fill(r io.Reader, limit int64) (size int64, cut bool, err error) {
	if cap(b.buf) > keepCap {
		b.buf = nil
	}
	b.buf = b.buf[:0]
	for int64(len(b.buf)) < limit {
		if len(b.buf) == cap(b.buf) {
			b.grow(limit)
		}
		n, err := r.Read(b.buf[len(b.buf):min(int64(cap(b.buf)), limit)])
		b.buf = b.buf[:len(b.buf)+n]
		size += int64(n)
		switch {
		case err == io.EOF:
			return size, false, nil
		case err != nil:
			return size, false, err
		}
	}
	rest, err := io.Copy(io.Discard, r)
	return size + rest, rest > 0, err
}

// grow makes room for more of the body: twice the buffer (at least 4 KB),
// at most limit in all.
func (b *Body) grow(limit int64) {
	c := int(min(max(2*int64(cap(b.buf)), 4096), limit))
	buf := make([]byte, len(b.buf), c)
	copy(buf, b.buf)
	b.buf = buf
}
