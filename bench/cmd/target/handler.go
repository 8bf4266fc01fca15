package main

import (
	"net/http"
	"strconv"
	"time"
)

// handler answers the bench routes and times the delayed ones.
type handler struct {
	served *latencies
}

func newHandler() *handler { return &handler{served: newLatencies()} }

var (
	small     = []byte("hello world\n")
	plainText = []string{"text/plain"}
)

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	arrived := arrival(r.Context())
	switch {
	case r.URL.Path == "/index.txt":
		w.Header()["Content-Type"] = plainText
		w.Write(small)
	case len(r.URL.Path) > len("/delay/") && r.URL.Path[:len("/delay/")] == "/delay/":
		ms, err := strconv.Atoi(r.URL.Path[len("/delay/"):])
		if err != nil || ms < 0 || ms > 60000 {
			http.Error(w, "want /delay/{ms} with 0 <= ms <= 60000", http.StatusBadRequest)
			return
		}
		h.delay(w, r, arrived, time.Duration(ms)*time.Millisecond)
	default:
		http.NotFound(w, r)
	}
}

// delay answers after d, measured from the request's arrival.
func (h *handler) delay(w http.ResponseWriter, r *http.Request, arrived time.Time, d time.Duration) {
	t := time.NewTimer(time.Until(arrived.Add(d)))
	defer t.Stop()
	select {
	case <-t.C:
	case <-r.Context().Done():
		return
	}
	w.Header()["Content-Type"] = plainText
	w.Write(small)
	h.served.add(time.Since(arrived))
}
