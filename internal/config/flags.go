package config

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/pflag"
)

// commandLine is what the flags and arguments say, before it is merged with
// the environment and the config file.
type commandLine struct {
	settings []setting // flag values, in table order
	args     []string  // positional arguments
}

// collector is a pflag.Value that only remembers the strings it was given,
// so that flags can be checked and applied after the file and environment.
type collector struct{ values []string }

func (c *collector) String() string     { return "" }
func (c *collector) Type() string       { return "string" }
func (c *collector) Set(v string) error { c.values = append(c.values, v); return nil }

// parseFlags reads args with pflag, using the option table for the flags.
func parseFlags(args []string) (*commandLine, error) {
	if err := checkSingleDashLong(args); err != nil {
		return nil, err
	}
	if err := checkLocustfile(args); err != nil {
		return nil, err
	}
	fs := pflag.NewFlagSet("gust", pflag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	collectors := make([]collector, len(options))
	for i := range options {
		opt := &options[i]
		f := fs.VarPF(&collectors[i], opt.long, opt.short, opt.help)
		if opt.arg == "" {
			f.NoOptDefVal = "true"
		}
	}
	if err := fs.Parse(args); err != nil {
		return nil, flagError(err)
	}
	cl := &commandLine{args: fs.Args()}
	for i := range options {
		cl.settings = append(cl.settings, flagSettings(&options[i], collectors[i].values)...)
	}
	return cl, nil
}

// flagSettings turns the values given to one flag into settings: each value
// in turn, or for a list flag all of them joined into one list.
func flagSettings(opt *option, values []string) []setting {
	if len(values) == 0 {
		return nil
	}
	if opt.list {
		return []setting{{opt: opt, value: strings.Join(values, ",")}}
	}
	out := make([]setting, len(values))
	for i, v := range values {
		out[i] = setting{opt: opt, value: strings.TrimSpace(v)}
	}
	return out
}

// flagError turns a pflag error into a *UsageError that says what is valid.
func flagError(err error) error {
	var missing *pflag.ValueRequiredError
	if errors.As(err, &missing) {
		opt := lookup(missing.GetFlag().Name)
		return &UsageError{Option: opt.long,
			Msg: fmt.Sprintf("%s needs a value: want %s", opt.flagName(), opt.want)}
	}
	var unknown *pflag.NotExistError
	if errors.As(err, &unknown) {
		return unknownFlag(unknown)
	}
	return &UsageError{Msg: err.Error() + " (see gust --help)"}
}

// unknownFlag names the unknown flag and the valid flag closest to it.
func unknownFlag(e *pflag.NotExistError) *UsageError {
	name := e.GetSpecifiedName()
	if e.GetSpecifiedShortnames() == "" {
		flag := "--" + name
		return &UsageError{Option: name,
			Msg: "unknown flag " + flag + hintOr(didYouMean(flag, longFlags()))}
	}
	hint := ""
	for _, opt := range options {
		if opt.short != "" && strings.EqualFold(opt.short, name) {
			hint = " (did you mean -" + opt.short + "?)"
		}
	}
	return &UsageError{Option: name, Msg: "unknown flag -" + name + hintOr(hint)}
}

// checkSingleDashLong catches "-users", which pflag would read as -u sers.
func checkSingleDashLong(args []string) error {
	for _, a := range args {
		if a == "--" {
			return nil
		}
		name, _, _ := strings.Cut(a, "=")
		if len(name) > 2 && name[0] == '-' && name[1] != '-' && lookup(name[1:]) != nil {
			return &UsageError{Option: name[1:],
				Msg: "unknown flag " + name + " (did you mean -" + name + "?)"}
		}
	}
	return nil
}

// checkLocustfile answers Locust's -f/--locustfile: gust does not run
// Python, so it says what to do instead.
func checkLocustfile(args []string) error {
	for _, a := range args {
		if a == "--" {
			return nil
		}
		name, _, _ := strings.Cut(a, "=")
		if name == "--locustfile" || strings.HasPrefix(name, "-f") && !strings.HasPrefix(name, "--") {
			return &UsageError{Option: "locustfile", Msg: a + ": gust runs tests written in Go, not locustfiles; " +
				"`gust new DIR` writes one to start from (Locust's classic example, in Go). A locustfile's users " +
				"can still join a gust master as a Locust worker: gust --master, then locust -f FILE --worker"}
		}
	}
	return nil
}

// hintOr returns hint, or a pointer to --help when there is none.
func hintOr(hint string) string {
	if hint == "" {
		return " (see gust --help)"
	}
	return hint
}

// longFlags lists every long flag with its dashes.
func longFlags() []string {
	out := make([]string, len(options))
	for i := range options {
		out[i] = "--" + options[i].long
	}
	return out
}
