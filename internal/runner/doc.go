// Package runner starts and stops users.
//
// A Runner owns the running users of one test. It knows nothing of HTTP or
// statistics: a user kind is a name, a share of the users (weight or fixed
// count) and a function that runs one user until told to stop. The runner
// decides how many users of each kind run, spawns them at the requested rate,
// stops the surplus when the target falls, and stops them all gracefully at
// the end: a stopping user finishes its current task (waits end at once), and
// after the stop timeout its context is cancelled, which aborts in-flight
// requests.
//
// Users are distributed over kinds the way Locust distributes them: kinds with
// a fixed count are spawned first, exactly that many; the rest are shared by
// weight, interleaved so that any prefix of the spawn order is as close to the
// weights as whole numbers allow. Lowering the count stops the most recently
// spawned users first.
//
// The closed model (a number of users) is in closed.go; later load models
// drive the same Runner through Start and Apply.
package runner
