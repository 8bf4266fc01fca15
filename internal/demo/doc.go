// Package demo is the built-in target server of `gust demo` and of gust's own
// tests: a small, fast HTTP server on loopback whose routes show what a load
// test meets in practice (slow answers, errors, flaky endpoints, a login,
// stalls).
//
// NewHandler returns the routes as an http.Handler, for httptest or any
// server; Start serves them on a loopback address until Close:
//
//	srv, err := demo.Start("127.0.0.1:0", demo.WithSeed(1))
//	if err != nil {
//		return err
//	}
//	defer srv.Close()
//	resp, err := http.Get(srv.URL + "/fast")
//
// # Routes
//
//	Route                         Answer
//	----------------------------- ----------------------------------------------------------
//	GET  /                        a small HTML page listing the routes
//	GET  /fast                    200 "ok", at once
//	GET  /slow?ms=N               200 after N ms (default 200, 0 to 60000)
//	GET  /delay/{ms}              the same, with the delay in the path
//	GET  /latency?median=M&p99=P  200 after a log-normal delay: median M ms (default 20),
//	                              99th percentile P ms (default 25*M), capped at 2*P and 60 s
//	GET  /error                   500, always
//	GET  /status/{code}           that status (100 to 599 but 101, else 400); a 1xx code
//	                              is followed by a final 200, as HTTP requires
//	GET  /flaky?p=P               503 with probability P (default 0.1, 0 to 1), else 200
//	GET  /item?id=N               200 with item N as JSON:
//	                              {"id":N,"name":"item N","price_cents":...}
//	POST /login                   form fields user and password, any non-empty values:
//	                              sets the gust_session cookie; 400 if either is empty
//	GET  /api/items               200 with a JSON list of ten items; 401 without the cookie
//	POST /api/items               a JSON object: 201 with the same object and a new "id";
//	                              401 without the cookie; nothing is stored
//	GET  /bytes/{n}               n bytes of printable ASCII (0 to 10485760)
//	GET  /stall?every=E&for=F     200 at once, except in a stall window: from each
//	                              multiple of E (default 10s) after the server started, for
//	                              F (default 2s, or E/2 if less; must be less than E), every
//	                              request waits for the window to end
//	GET  /ws/echo                 a WebSocket: each message comes back as it was sent
//	GET  /ws/broadcast            a WebSocket room: each message any listener sends goes to
//	                              every listener connected (a listener more than 64 messages
//	                              behind misses the newest)
//	GET  /stats                   JSON counters of requests received per route (see Stats)
//
// Every parameter is checked: a bad value gets 400 with a body that names it
// and says what would be valid. Every delay ends at once, with 503, when the
// client goes away or the server closes. The random routes (/latency, /flaky)
// give the same answers to the same sequence of requests when the handler is
// built WithSeed.
//
// The fast routes allocate next to nothing and nothing is logged per request,
// so the server costs little on a machine it shares with the load generator.
// No route keeps per-request state, so memory stays bounded however long a
// test runs.
//
// # HTTP/2, WebSocket and gRPC
//
// A Server's HTTP port speaks HTTP/1.1 and HTTP/2 in cleartext with prior
// knowledge (h2c) on the same port, and serves the WebSocket routes. Its
// gRPC port (Server.GRPCAddr, plaintext) serves the Demo service of
// demopb/demo.proto: Echo (unary: the text back after delay_ms, or
// UNAVAILABLE with probability error_rate) and Ticks (server streaming:
// count ticks every interval_ms, ending with ABORTED after fail_after), the
// standard health service and server reflection, for grpcurl and ghz.
// NewGRPCServer returns that server for any listener.
//
// May import: internal/demo/demopb.
package demo
