// Package peerlog bounds the log lines that peers on the network can make a
// node write. A master warns about every frame it cannot use, so a peer
// that sends junk to the cluster port would otherwise turn every few bytes
// it sends into a line of log. A Limiter passes on the first few warnings
// of each peer in a window of time, and a few more from all peers
// together; it counts the rest and says so when the window ends, one line
// per peer:
//
//	cluster: 1234 more warnings from 10.0.0.7 suppressed
//
// May import: no other gust package.
package peerlog
