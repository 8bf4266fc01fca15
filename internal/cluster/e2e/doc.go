// Package e2e runs distributed mode end to end with real processes: the
// gust binary as master and workers, Debian's Locust 2.12.1 as master or
// worker next to them, faults (a worker killed or paused, the master
// killed, a worker started before its master) and a master and its workers
// in separate network namespaces. It holds only tests; every target is the
// demo server, on loopback or inside a namespace the tests create.
//
// May import: internal/demo, internal/syncbuf, internal/testenv.
package e2e
