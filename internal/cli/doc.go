// Package cli is the command-line program behind gust.Main and the gust
// binary: it parses the options (internal/config), chooses the kinds of
// users and their tasks (by name, --tags, --host), adds URL mode's user,
// checks the open-file and port limits, sets up logging, and runs the test
// in its role: alone with the engine and the web UI, as a master, or as a
// worker of one (internal/cluster).
//
// The root package imports cli, so cli cannot import the root: gust.Test
// arrives as a Program whose Kinds describe the Users (names, weights,
// hosts, tags, tasks) and carry a Build function that makes each one a
// runner.Kind once the command line has chosen its tasks and host.
//
//	program.go    Program, Kind, Env; Run: from the arguments to an exit code
//	kinds.go      choosing kinds by name and host; tags.go: by --tags
//	urlmode.go    what URL mode requests
//	run.go        one process's test: engine and web UI
//	cluster.go    the master and worker roles
//	ratios.go     task ratios for the web UI and the report
//	limits*.go    open files and local ports; log.go: -L and --logfile
//
// May import: internal/client, internal/cluster, internal/cluster/transport, internal/cluster/wire, internal/config, internal/engine, internal/report, internal/runner, internal/shape, internal/stats, internal/threshold, internal/web.
package cli
