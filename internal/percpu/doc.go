// Package percpu tells a hot path which processor it runs on, so that what
// every request writes can be kept per processor instead of in one place
// that all cores fight over.
//
// A user's goroutine runs on whichever of the scheduler's processors (Ps,
// GOMAXPROCS of them, each run by one thread at a time) picks it up after
// each network wait. A counter or a lock chosen by the user then moves, cache
// line and all, between cores on nearly every request; one chosen by the
// processor stays in the cache of the core that uses it. Index is that
// choice. It is a hint, not a pin: the goroutine may move right after, so
// what it picks must still be safe for concurrent use (a lock, an atomic).
//
// May import: no other gust package.
package percpu
