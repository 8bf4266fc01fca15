package wire

import (
	"crypto/rand"
	"encoding/hex"
	"os"
	"strings"
)

// NewNodeID returns a fresh node id in Locust's form: this machine's host
// name, "_", and 32 random hex digits, such as
// "vm_3400d24b68644a7f9301a401d82a3846". The same string is a worker's ZeroMQ
// identity and the node_id of every message it sends.
func NewNodeID() string {
	host, _ := os.Hostname()
	return NodeIDFor(host)
}

// NodeIDFor returns a fresh node id for the given host name. Locust's
// dispatcher reads the part before the first "_" as the machine's name (to
// spread users across machines first), so underscores in the host name
// become "-"; an empty host name becomes "gust".
func NodeIDFor(host string) string {
	host = strings.ReplaceAll(host, "_", "-")
	if host == "" {
		host = "gust"
	}
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails
	return host + "_" + hex.EncodeToString(b[:])
}

// NodeHost returns the machine part of a node id: everything before the
// first "_", or the whole id when it has none, as Locust's dispatcher reads it.
func NodeHost(id string) string {
	host, _, _ := strings.Cut(id, "_")
	return host
}
