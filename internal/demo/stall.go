package demo

import (
	"net/http"
	"time"
)

// Defaults and limits of GET /stall's parameters.
const (
	defaultStallEvery = 10 * time.Second
	defaultStallFor   = 2 * time.Second
	maxStallEvery     = time.Hour
)

// stallWait returns how long a request arriving elapsed after the server
// started must wait: stall windows [k*every, k*every+length) for k >= 1 hold
// every request until the window ends; outside them the answer is 0. The first
// window opens one period after the start, so a fresh server answers at once.
func stallWait(elapsed, every, length time.Duration) time.Duration {
	if elapsed < every || every <= 0 {
		return 0
	}
	phase := elapsed % every
	if phase >= length {
		return 0
	}
	return length - phase
}

// serveStall answers GET /stall?every=E&for=F at once, except during a stall
// window (see stallWait), when it answers as the window ends.
func (h *handler) serveStall(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	every, err := durationParam("every", q.Get("every"), defaultStallEvery, time.Millisecond, maxStallEvery)
	if err != nil {
		badRequest(w, err)
		return
	}
	length, err := durationParam("for", q.Get("for"), min(defaultStallFor, every/2), 0, every-time.Millisecond)
	if err != nil {
		badRequest(w, err)
		return
	}
	wait := stallWait(time.Since(h.start), every, length)
	if !sleep(r.Context(), wait) {
		cancelled(w)
		return
	}
	w.Header()["Content-Type"] = textPlain
	_, _ = w.Write(fastBody)
}
