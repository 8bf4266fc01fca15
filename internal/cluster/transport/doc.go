// Package transport moves the frames of Locust's master/worker protocol
// between a master and its workers.
//
// A Transport sends and receives raw frames. Router (a master's ROUTER
// socket) and Dealer (a worker's DEALER socket, identity = node id)
// implement it over ZeroMQ with the pure-Go zmq4, so Locust's workers and
// masters connect to gust's and the other way round; Network is an
// in-memory stand-in for tests, including under testing/synctest. The TCP
// connections under zmq4 are guarded: a bounded handshake, a write deadline
// and a maximum frame size, so one bad peer can neither stall nor crash a
// node; a connection that fails the handshake is closed at once, and its
// warning counts towards its address's share (package peerlog). SendMessage and RecvMessage carry a wire.Message over any
// Transport.
//
// A worker's side, in outline:
//
//	id := wire.NewNodeID()
//	t, err := transport.Dial("127.0.0.1:5557", id)
//	...
//	defer t.Close()
//	ready := wire.Message{Type: wire.TypeClientReady, Data: wire.ClientReady{Version: wire.SkipVersionCheck}, NodeID: id}
//	err = transport.SendMessage(ctx, t, "", ready)
//	_, m, err := transport.RecvMessage(ctx, t) // m.Data.(wire.Ack)
//
// and a master's:
//
//	t, err := transport.Listen("*:5557")
//	peer, m, err := transport.RecvMessage(ctx, t)
//
// May import: internal/cluster/lifecycle, internal/cluster/peerlog, internal/cluster/wire.
package transport
