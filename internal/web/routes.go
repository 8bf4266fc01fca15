package web

import "net/http"

// routes registers every endpoint. State-changing ones (POST /swarm,
// GET /stop, GET /stats/reset) go through sameSite.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.index)
	mux.Handle("GET /assets/", assetHandler())
	mux.HandleFunc("POST /swarm", sameSite(s.swarm))
	mux.HandleFunc("GET /stop", sameSite(s.stop))
	mux.HandleFunc("GET /stats/reset", sameSite(s.reset))
	mux.HandleFunc("GET /stats/requests", s.statsRequests)
	mux.HandleFunc("GET /stats/history", s.history)
	mux.HandleFunc("GET /stats/requests/csv", s.requestsCSV)
	mux.HandleFunc("GET /stats/failures/csv", s.failuresCSV)
	mux.HandleFunc("GET /stats/requests_full_history/csv", s.fullHistory)
	mux.HandleFunc("GET /exceptions", s.exceptions)
	mux.HandleFunc("GET /exceptions/csv", s.exceptionsCSV)
	mux.HandleFunc("GET /stats/report", s.report)
	mux.HandleFunc("GET /tasks", s.tasks)
	mux.HandleFunc("GET /worker-count", s.workerCount)
	mux.HandleFunc("GET /metrics", s.metrics)
	return mux
}

// mount serves h under base ("/gust/..." reaches h as "/..."), and
// redirects base itself to base + "/", where the page's relative links
// work; "" serves h at the root.
func mount(base string, h http.Handler) http.Handler {
	if base == "" {
		return h
	}
	mux := http.NewServeMux()
	mux.Handle(base+"/", http.StripPrefix(base, h))
	mux.Handle(base, http.RedirectHandler(base+"/", http.StatusMovedPermanently))
	return mux
}

// pageCSP confines the UI's pages to their own origin. Styles may be set
// inline because the chart library sizes its elements with style attributes.
const pageCSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
	"connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"

// secure adds the headers every answer carries: no framing (clickjacking),
// no MIME sniffing, no referrer to other sites, and pageCSP unless the
// handler set its own policy.
func secure(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Frame-Options", "DENY")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "same-origin")
		h.Set("Content-Security-Policy", pageCSP)
		next.ServeHTTP(w, r)
	})
}
