package transport_test

import (
	"context"
	"fmt"

	"github.com/gustload/gust/internal/cluster/transport"
	"github.com/gustload/gust/internal/cluster/wire"
)

// An in-memory network stands in for ZeroMQ in tests of master and worker
// logic.
func ExampleNetwork() {
	ctx := context.Background()
	n := transport.NewNetwork()
	master, worker := n.Master(), n.Worker("host_1")
	_ = transport.SendMessage(ctx, worker, "", wire.Message{Type: wire.TypeSpawning, NodeID: "host_1"})
	peer, m, _ := transport.RecvMessage(ctx, master)
	fmt.Println(peer, m.Type)
	// Output: host_1 spawning
}
