// Package capacity is the one upper bound on users that every way of asking
// for users agrees on: -u, --max-users, --stages, a shape written in Go, the
// web form and API, and a master's spread over its workers.
//
// The bound comes from what the machine can hold: the memory gust may use
// (the least of the machine's memory, the cgroup's limit and GOMEMLIMIT)
// divided by what one user costs, PerUser. A request for more users is
// refused up front, with a message that says the bound and why, rather than
// accepted and left to wedge the process:
//
//	if err := capacity.Check("users", n); err != nil {
//		return err // "--users 1000000000000: at most 390000 users fit ..."
//	}
//
// May import: no other gust package.
package capacity
