package demo

import (
	"context"
	"math"
	"net/http"
	"strconv"
	"time"
)

// Defaults of the delay routes' parameters, in milliseconds.
const (
	defaultSlowMS    = 200
	defaultMedianMS  = 20
	defaultP99MS     = 500
	defaultFlakyRate = 0.1
)

// z99 is the standard normal quantile of 0.99: a log-normal's p99 is
// median * exp(z99 * sigma).
const z99 = 2.3263478740408408

var (
	flakyBody     = []byte("service unavailable (on purpose)\n")
	cancelledBody = []byte("demo: request cancelled before its delay ended\n")
)

// sleep waits for d or until ctx is done, whichever comes first, and reports
// whether the whole delay elapsed.
func sleep(ctx context.Context, d time.Duration) bool {
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// delayed waits for d, then answers 200 saying how long it waited. A client
// that goes away, or a server that closes, ends the wait at once (see
// cancelled).
func delayed(w http.ResponseWriter, r *http.Request, d time.Duration) {
	if !sleep(r.Context(), d) {
		cancelled(w)
		return
	}
	w.Header()["Content-Type"] = textPlain
	_, _ = w.Write(strconv.AppendInt([]byte("waited "), d.Milliseconds(), 10))
	_, _ = w.Write([]byte(" ms\n"))
}

// cancelled answers a request whose delay was cut short with 503, so a
// client still listening (the server is closing) does not take it for a
// success; a client that went away never reads it.
func cancelled(w http.ResponseWriter) {
	w.Header()["Content-Type"] = textPlain
	w.WriteHeader(http.StatusServiceUnavailable)
	_, _ = w.Write(cancelledBody)
}

// serveSlow answers GET /slow?ms=N after N milliseconds (default 200).
func (h *handler) serveSlow(w http.ResponseWriter, r *http.Request) {
	ms, err := intParam("ms", r.URL.Query().Get("ms"), defaultSlowMS, 0, maxDelayMS)
	if err != nil {
		badRequest(w, err)
		return
	}
	delayed(w, r, time.Duration(ms)*time.Millisecond)
}

// serveDelay answers GET /delay/{ms} after ms milliseconds.
func (h *handler) serveDelay(w http.ResponseWriter, r *http.Request) {
	ms, err := parseInt("ms", r.PathValue("ms"), 0, maxDelayMS)
	if err != nil {
		badRequest(w, err)
		return
	}
	delayed(w, r, time.Duration(ms)*time.Millisecond)
}

// serveLatency answers GET /latency?median=M&p99=P after a log-normal delay
// with that median and 99th percentile, in milliseconds (default 20 and 25
// times the median), capped at twice the
// 99th percentile (and at 60 s).
func (h *handler) serveLatency(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	median, err := intParam("median", q.Get("median"), defaultMedianMS, 1, maxDelayMS)
	if err != nil {
		badRequest(w, err)
		return
	}
	p99, err := intParam("p99", q.Get("p99"), min(median*defaultP99MS/defaultMedianMS, maxDelayMS), median, maxDelayMS)
	if err != nil {
		badRequest(w, err)
		return
	}
	delayed(w, r, logNormal(h.rand.NormFloat64(), median, p99))
}

// logNormal maps a standard normal z to a delay from the log-normal
// distribution with the given median and p99 (milliseconds), capped at
// min(2*p99, 60 s) and rounded to the microsecond.
func logNormal(z float64, median, p99 int) time.Duration {
	sigma := math.Log(float64(p99)/float64(median)) / z99
	ms := float64(median) * math.Exp(sigma*z)
	ms = min(ms, float64(min(2*p99, maxDelayMS)))
	return time.Duration(ms*1000) * time.Microsecond
}

// serveFlaky answers GET /flaky?p=P with 503 with probability P (default
// 0.1), else 200.
func (h *handler) serveFlaky(w http.ResponseWriter, r *http.Request) {
	p, err := floatParam("p", r.URL.Query().Get("p"), defaultFlakyRate, 0, 1)
	if err != nil {
		badRequest(w, err)
		return
	}
	w.Header()["Content-Type"] = textPlain
	if h.rand.Float64() < p {
		w.WriteHeader(http.StatusServiceUnavailable)
		_, _ = w.Write(flakyBody)
		return
	}
	_, _ = w.Write(fastBody)
}
