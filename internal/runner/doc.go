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
// Three load models drive the same Runner. The closed model is a number of
// users: Start and Apply, with the ramp in ramp.go. A load shape (shape.go,
// Locust's LoadTestShape and --stages) calls Start about once a second with
// the target its Tick gives, and ends the test when it says so. The open
// model (arrival.go and pool.go) starts task iterations at the times a
// Schedule gives, whatever the target's speed, on a pool of users that grows
// up to a cap; every iteration carries its due time, so that its latency can
// be measured from it, and the runner counts the iterations it had to start
// late or drop. A Partitioned schedule (partition.go) is one worker's share
// of a schedule that several processes run together: slot i of N takes the
// iterations whose number n has n mod N == i, so the processes together
// start exactly the iterations of the whole schedule.
//
// May import: internal/capacity, internal/shape.
package runner
