// Package config turns gust's command line, GUST_* environment variables and
// config file into one Options value, the single source of truth for a run.
//
// Every option is one row of a table (table.go) that gives its long and
// short flag, its --help group, default, help text, what a valid value looks
// like and how to store it. Flags, environment variables, config-file keys,
// defaults and the --help text all come from that table, so a new option is
// one new row.
//
// Sources are merged in the order config file < environment < flags:
//
//	opts, err := config.Parse(os.Args[1:], os.LookupEnv)
//	if err != nil {
//		fmt.Fprintln(os.Stderr, err) // "gust: invalid value ..."
//		os.Exit(err.(*config.UsageError).ExitCode())
//	}
//
// The config file uses Locust's format, keyed by long option names:
//
//	[gust]
//	users = 50
//	spawn-rate = 10   ; inline comments follow a space
//	run-time = 1h30m
//	tags = [checkout, search]
//
// Positional arguments that look like http(s) URLs, optionally weighted as
// URL@N, select URL mode; any other positional argument names a user kind.
//
// May import: internal/capacity, internal/shape, internal/threshold.
package config
