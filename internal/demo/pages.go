package demo

import (
	"net/http"
	"strconv"
)

// Header values shared by every response that uses them. net/http only reads
// them, so sharing saves an allocation per request on the fast paths.
var (
	textPlain   = []string{"text/plain; charset=utf-8"}
	textHTML    = []string{"text/html; charset=utf-8"}
	appJSON     = []string{"application/json"}
	octetStream = []string{"application/octet-stream"}
)

// homePage is the body of GET /.
var homePage = []byte(`<!doctype html>
<html><head><meta charset="utf-8"><title>gust demo</title></head><body>
<h1>gust demo target</h1>
<ul>
<li><a href="/fast">/fast</a></li>
<li><a href="/slow?ms=200">/slow?ms=200</a>, /delay/{ms}</li>
<li><a href="/latency">/latency?median=20&amp;p99=500</a></li>
<li>/error, /status/{code}, /flaky?p=0.1</li>
<li><a href="/item?id=1">/item?id=1</a></li>
<li>POST /login, GET and POST /api/items</li>
<li>/bytes/{n}, /stall?every=10s&amp;for=2s</li>
<li>WebSocket: /ws/echo, /ws/broadcast</li>
<li><a href="/stats">/stats</a></li>
</ul></body></html>
`)

var (
	fastBody  = []byte("ok\n")
	errorBody = []byte("internal server error (on purpose)\n")
)

// serveHome answers GET / with a page listing the routes.
func serveHome(w http.ResponseWriter, _ *http.Request) {
	w.Header()["Content-Type"] = textHTML
	_, _ = w.Write(homePage)
}

// serveFast answers GET /fast at once with a tiny body.
func serveFast(w http.ResponseWriter, _ *http.Request) {
	w.Header()["Content-Type"] = textPlain
	_, _ = w.Write(fastBody)
}

// serveError answers GET /error with 500.
func serveError(w http.ResponseWriter, _ *http.Request) {
	w.Header()["Content-Type"] = textPlain
	w.WriteHeader(http.StatusInternalServerError)
	_, _ = w.Write(errorBody)
}

// serveStatus answers GET /status/{code} with that status and its text as
// the body (no body where HTTP allows none). A 1xx code is sent as an
// informational response, which HTTP requires to be followed by a final one:
// 200. 101 is refused: it would promise a protocol switch.
func serveStatus(w http.ResponseWriter, r *http.Request) {
	code, err := parseInt("code", r.PathValue("code"), 100, 599)
	if err == nil && code == http.StatusSwitchingProtocols {
		err = &paramError{"code", "101", "a status from 100 to 599 other than 101 (Switching Protocols needs an upgrade)"}
	}
	if err != nil {
		badRequest(w, err)
		return
	}
	if code < 200 {
		w.WriteHeader(code) // informational headers must not describe a body
		return
	}
	w.Header()["Content-Type"] = textPlain
	w.WriteHeader(code)
	if code != http.StatusNoContent && code != http.StatusNotModified {
		_, _ = w.Write(statusBody(code))
	}
}

// statusBody returns "CODE TEXT\n", or "CODE\n" for a code without a text.
func statusBody(code int) []byte {
	b := strconv.AppendInt(make([]byte, 0, 48), int64(code), 10)
	if text := http.StatusText(code); text != "" {
		b = append(append(b, ' '), text...)
	}
	return append(b, '\n')
}

// bytesChunk is what GET /bytes/{n} repeats: the 95 printable ASCII
// characters, over and over, so the body is deterministic and readable. Its
// length is a multiple of 95 so that the pattern runs on across chunks.
var bytesChunk = func() []byte {
	b := make([]byte, 95*345)
	for i := range b {
		b[i] = byte(' ' + i%95)
	}
	return b
}()

// serveBytes answers GET /bytes/{n} with n bytes (at most 10 MiB), stopping
// early if the client goes away.
func serveBytes(w http.ResponseWriter, r *http.Request) {
	n, err := parseInt("n", r.PathValue("n"), 0, maxBytes)
	if err != nil {
		badRequest(w, err)
		return
	}
	w.Header()["Content-Type"] = octetStream
	w.Header().Set("Content-Length", strconv.Itoa(n))
	for n > 0 && r.Context().Err() == nil {
		chunk := bytesChunk[:min(n, len(bytesChunk))]
		if _, err := w.Write(chunk); err != nil {
			return
		}
		n -= len(chunk)
	}
}
