package demo

import (
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// handler holds the state every route shares.
type handler struct {
	mux      *http.ServeMux
	start    time.Time // when the handler was built: the origin of /stall windows
	rand     *source
	secret   []byte         // signs session cookies
	nextID   atomic.Int64   // id of the last item POST /api/items created
	items    []byte         // the body of GET /api/items
	counters []*counter     // one per route, in registration order
	hub      hub            // the listeners of /ws/broadcast
	sockets  sync.WaitGroup // the WebSocket connections open (see accept)
}

// counter counts the requests one route has received.
type counter struct {
	route string // the route's pattern as /stats shows it, e.g. "GET /delay/{ms}"
	n     atomic.Int64
}

// NewHandler returns the demo routes (see the package documentation) as an
// http.Handler with its own counters, random source and stall clock. Its
// stall windows are counted from the moment NewHandler is called.
func NewHandler(opts ...Option) http.Handler {
	return newHandler(newConfig(opts)).mux
}

// newHandler builds the routes and their shared state.
func newHandler(c config) *handler {
	h := &handler{
		mux:   http.NewServeMux(),
		start: time.Now(),
		rand:  newSource(c.seed),
		items: itemList(),
	}
	h.secret = h.newSecret()
	h.nextID.Store(firstCreatedID - 1)
	h.routes()
	h.mux.HandleFunc("GET /stats", h.serveStats)
	return h
}

// routes registers every counted route.
func (h *handler) routes() {
	h.handle("GET /{$}", serveHome)
	h.handle("GET /fast", serveFast)
	h.handle("GET /slow", h.serveSlow)
	h.handle("GET /delay/{ms}", h.serveDelay)
	h.handle("GET /latency", h.serveLatency)
	h.handle("GET /error", serveError)
	h.handle("GET /status/{code}", serveStatus)
	h.handle("GET /flaky", h.serveFlaky)
	h.handle("GET /item", serveItem)
	h.handle("POST /login", h.serveLogin)
	h.handle("GET /api/items", h.serveItems)
	h.handle("POST /api/items", h.serveCreate)
	h.handle("GET /bytes/{n}", serveBytes)
	h.handle("GET /stall", h.serveStall)
	h.handle("GET /ws/echo", h.serveEcho)
	h.handle("GET /ws/broadcast", h.serveBroadcast)
}

// handle registers f under pattern, counting each request it receives.
func (h *handler) handle(pattern string, f http.HandlerFunc) {
	c := &counter{route: strings.TrimSuffix(pattern, "{$}")}
	h.counters = append(h.counters, c)
	h.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		c.n.Add(1)
		f(w, r)
	})
}

// Stats is the body of GET /stats: how many requests each route has received
// (requests to /stats itself and to unknown routes are not counted).
type Stats struct {
	Total  int64            `json:"total"`  // sum of Routes
	Routes map[string]int64 `json:"routes"` // by route, e.g. "GET /delay/{ms}"; every route is present
}

// stats reads the counters.
func (h *handler) stats() Stats {
	s := Stats{Routes: make(map[string]int64, len(h.counters))}
	for _, c := range h.counters {
		n := c.n.Load()
		s.Routes[c.route] = n
		s.Total += n
	}
	return s
}

// serveStats answers GET /stats.
func (h *handler) serveStats(w http.ResponseWriter, _ *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_ = json.NewEncoder(w).Encode(h.stats())
}
