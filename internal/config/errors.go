package config

// UsageError reports a mistake in how gust was invoked: an unknown flag, a
// bad value in a flag, environment variable or config-file line, or options
// that do not go together. The command should print it and exit with
// ExitCode.
type UsageError struct {
	Option string // long name of the option at fault ("users"), or "" if none
	Msg    string // what is wrong and what would be valid, without "gust: "
}

// Error returns the message prefixed with "gust: ".
func (e *UsageError) Error() string { return "gust: " + e.Msg }

// ExitCode is the process exit code for a usage error: 2, as for flag errors
// in Go's flag package and in Locust.
func (e *UsageError) ExitCode() int { return 2 }
