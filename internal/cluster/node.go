package cluster

import (
	"strconv"
	"strings"
	"time"

	"github.com/gustload/gust/internal/cluster/wire"
)

// Worker states a master tracks, with Locust's names.
const (
	StateReady    = "ready"    // connected, no users
	StateSpawning = "spawning" // applying a spawn
	StateRunning  = "running"  // running its users
	StateStopped  = "stopped"  // stopped its users; client_ready follows
	StateMissing  = "missing"  // silent for longer than the worker timeout
)

// node is what a master knows of one worker.
type node struct {
	id      string
	index   int    // 0-based, stable while the master lives (the ack's index)
	version string // from client_ready: "-1" for gust (and boomer)
	state   string // one of the State constants
	before  string // the state before it went missing
	heard   time.Time
	missing time.Time // when it went missing

	beat string // the state its heartbeats report
	cpu  float64
	mem  int64
	// saturation says why the worker is saturated, as of its last
	// heartbeat; "" when it keeps up.
	saturation string
	satWarned  time.Time      // when the master last warned of it
	reported   map[string]int // users per kind, as it last reported them
	assigned   map[string]int // users per kind of the last spawn sent; nil: none yet

	// classes are the user classes a Locust worker reported in its first
	// stats report; the master names its kinds after them when they differ.
	classes []string
	// waiting says that a Locust worker has not reported its classes yet,
	// so it takes no users so far.
	waiting     bool
	joined      time.Time
	renamedOnce bool // the renaming was logged

	stopSent  bool // was asked to stop the current test
	stopAcked bool // sent client_stopped since
	flushed   bool // its final statistics of the stopped test have arrived
	quitSent  bool // was asked to quit
}

func newNode(id, version string, index int, now time.Time) *node {
	return &node{id: id, index: index, version: version, state: StateReady, heard: now, joined: now,
		waiting: !isGust(version), reported: map[string]int{}}
}

// isGust reports whether a worker's version says gust (or boomer, which
// also sends -1).
func isGust(version string) bool { return version == wire.SkipVersionCheck }

// hearsBeats reports whether the worker understands the master's
// heartbeats: gust and boomer do, Locust since 2.19; older Locust workers
// would log every one as an unknown message.
func hearsBeats(version string) bool {
	if isGust(version) {
		return true
	}
	major, rest, _ := strings.Cut(version, ".")
	minor, _, _ := strings.Cut(rest, ".")
	ma, err1 := strconv.Atoi(major)
	mi, err2 := strconv.Atoi(minor)
	return err1 == nil && err2 == nil && (ma > 2 || ma == 2 && mi >= 19)
}

// live reports whether the node counts as connected: not missing and not
// stopped.
func (n *node) live() bool { return n.state != StateMissing && n.state != StateStopped }

// takesUsers reports whether the node gets a share of the users.
func (n *node) takesUsers() bool { return n.live() && !n.waiting }

// users is the number of users the node reported.
func (n *node) users() int {
	total := 0
	for _, c := range n.reported {
		total += c
	}
	return total
}
