// Package faulty starts misbehaving HTTP/1.1 targets for tests, the faults
// a load tester is pointed at: a body that never ends, one that trickles, a
// server that accepts and never answers, a listener whose backlog is full
// (connection attempts go unanswered), headers of many KB, and a server
// that closes the connection after every response.
//
// Each server listens on 127.0.0.1, is closed by the test's cleanup (its
// goroutines end with it, so goleak stays quiet) and counts what it saw:
//
//	srv := faulty.EndlessBody(t)
//	resp, err := http.Get(srv.URL + "/")
//
// May import: no other gust package.
package faulty
