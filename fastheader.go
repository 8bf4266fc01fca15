package gust

import (
	"bytes"
	"net/http"
	"net/http/cookiejar"
	"strconv"
	"sync"

	"github.com/valyala/fasthttp"
)

// fastHeader turns the FastHTTP client's response headers into an
// http.Header without allocating when a response's headers are those of the
// one before (but for a value or two): it keeps the last response's keys
// and values as strings, and its map, which it replaces only when they
// change.
type fastHeader struct {
	kv   []string // key, value, key, value... of the last response
	n    int      // pairs of kv in use
	same bool     // the pairs so far are the last response's
	m    http.Header
}

// header returns the headers of h as an http.Header.
func (fc *fastClient) header(h *fasthttp.ResponseHeader) http.Header {
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
func (fh *fastHeader) add(k, v []byte) {
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

// addCookies gives req the cookies the jar holds for t.
func (fc *fastClient) addCookies(req *fasthttp.Request, t *target) {
	if fc.jar == nil {
		return
	}
	for _, c := range fc.jar.Cookies(t.url) {
		req.Header.SetCookie(c.Name, c.Value)
	}
}

// keepCookies stores the cookies resp sets, making the jar on the first.
func (fc *fastClient) keepCookies(resp *fasthttp.Response, t *target) {
	var cookies []*http.Cookie
	for _, line := range resp.Header.Cookies() {
		if c, err := http.ParseSetCookie(string(bytes.TrimSpace(line))); err == nil {
			cookies = append(cookies, c)
		}
	}
	if len(cookies) == 0 {
		return
	}
	if fc.jar == nil {
		fc.jar, _ = cookiejar.New(nil)
	}
	fc.jar.SetCookies(t.url, cookies)
}

// statusLine is the Status of a response with this code: "200 OK".
func statusLine(code int) string {
	if code >= 100 && code < len(statusLines()) {
		if s := statusLines()[code]; s != "" {
			return s
		}
	}
	return strconv.Itoa(code)
}

// statusLines are the status lines of the codes net/http knows, made once.
var statusLines = sync.OnceValue(func() []string {
	lines := make([]string, 600)
	for code := range lines {
		if t := http.StatusText(code); t != "" {
			lines[code] = strconv.Itoa(code) + " " + t
		}
	}
	return lines
})
