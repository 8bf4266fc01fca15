// Package engine runs one test: it ties a runner (the users), a recorder (the
// statistics) and the outputs (console table, CSV files, JSON, exit code)
// together, ticks the statistics once a second, honours the run time and
// stops gracefully on the first interrupt and at once on the second.
//
// The command line drives an Engine headless with Run; the web UI drives the
// same Engine through its Start, Stop and Reset methods.
package engine
