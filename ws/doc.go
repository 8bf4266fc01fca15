// Package ws records WebSocket traffic in a gust load test, on
// github.com/coder/websocket: each user opens its own connection (recorded
// as the connect), sends text or binary messages, and times a request/reply
// exchange or each message it receives, under names the test author gives.
// Its import path is github.com/gustload/gust/ws.
//
//	chat, err := ws.New("/ws/echo") // resolved against the user's Host
//	if err != nil {
//		log.Fatal(err)
//	}
//	user := gust.User{
//		Name: "Chatter",
//		Host: "http://127.0.0.1:8080",
//		Tasks: []gust.Task{gust.NewTask("say", 1, func(s *gust.Session) {
//			c, err := chat.Conn(s)
//			if err != nil {
//				return // recorded as a failed connect
//			}
//			c.ExchangeText("say hello", "hello")
//		})},
//	}
//	gust.Main(user)
//
// # What is recorded
//
// Every sample has the request type "WS" (Type), in every table and report,
// the web UI and distributed mode, and thresholds can name it
// ("WS say hello:p99<50ms").
//
//	Sample               Name                    Time                                  Size
//	-------------------- ----------------------- ------------------------------------- -----------------
//	a connect            the URL (or WithName)   from the request to the handshake's end  0
//	an exchange          the name given          from the send to the whole reply      the reply's bytes
//	a message received   the name given          from the call to the whole message    its bytes
//	a failed send        the URL + " [send]"     the send                              0
//
// A send that succeeds is not recorded: time what matters with an exchange
// or a Receive. Failures read as what happened: "handshake refused: HTTP
// 404", "connect: ..." (no server), "closed by the server: 1001 going
// away" (its close status and reason, or, when it gives no reason, what the
// status means: "1008 policy violation"), "connection lost: ...", "timeout:
// no message".
//
// # Connections
//
// Client.Conn returns the user's connection, opening it on first use; after
// an error, or Conn.Close, the next Client.Conn opens a new one (and records
// that connect). The connection is closed with a close handshake when the
// user stops, and at once when the test ends. Each operation is bounded by
// the Client's timeout (WithTimeout, default 60 s) and by the end of the
// test. With a wss or https URL, the server's certificate is verified
// unless the user accepts any (User.InsecureSkipVerify,
// --insecure-skip-tls-verify); an HTTP client given with WithDialOptions is
// used as it is.
//
// # Cut short by the end of the test
//
// A connect, an exchange, a message awaited with Receive or a send that the
// end of the test cut short is counted as interrupted, as an HTTP request in
// flight is: neither a request nor a failure, shown in the summary's
// "Interrupted" table and the JSON report under its name, and grouped under
// the server's host:port and what it was doing ("connecting", "sending the
// request", "waiting for a response") in the line a run with no request
// completed ends with. Connects, exchanges and sends are followed in flight,
// so a server that keeps them waiting is warned about; a Receive, which
// waits at the server's pace, is not.
//
// Samples go through gust.Session.Record, so they are merged across workers
// and corrected for coordinated omission like any HTTP request.
//
// May import: gust, internal/calls.
package ws
