package fastclient

import (
	"net/http"

	"github.com/valyala/fasthttp"
)

// header turns the FastHTTP client's response headers into an
// http.Header without allocating when a response's headers are those of the
// one before (but for a value or two): it keeps the last response's keys
// and values as strings, and its map, which it replaces only when they
// change.
type header struct {
	kv   []string // key, value, key, value... of the last response
	n    int      // pairs of kv in use
	same bool     // the pairs so far are the last response's
	m    http.Header
}

// header returns the headers of h as an http.Header.
func (fc *Client) header(h *fasthttp.ResponseHeader) http.Header {
	fh := &fc.hdr
	fh.n, fh.same = 0, true
	for k, v := range h.All() {
		fh.add(k, v)
	}
	if !fh.same || fh.n*2 != len(fh.kv) || fh.m == nil {
		fh.kv = fh.kv[:fh.n*2]
		fh.m = make(http.Header, fh.n)
		for i := 0; i < len(fh.kv); i += 2 {
			fh.m[fh.kv[i]] = append(fh.m[fh.kv[i]], fh.kv[i+1])
		}
	}
	return fh.m
}

// add notes the pair (k, v), reusing the strings of the last response's
// pair in the same place when they are equal.
func (fh *header) add(k, v []byte) {
	i := fh.n * 2
	fh.n++
	if i+1 < len(fh.kv) {
		if fh.kv[i] != string(k) {
			fh.kv[i], fh.same = string(k), false
		}
		if fh.kv[i+1] != string(v) {
			fh.kv[i+1], fh.same = string(v), false
		}
		return
	}
	fh.kv = append(fh.kv[:i], string(k), string(v))
	fh.same = false
}
