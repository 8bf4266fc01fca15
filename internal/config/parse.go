package config

// Parse builds the options of one run from the command-line arguments
// (without the program name) and the environment, which getenv reads (pass
// os.LookupEnv; nil means an empty environment). A config file is read too:
// --config FILE or GUST_CONFIG, else ./gust.conf when it exists. Later
// sources win: config file < environment < flags. With -h/--help or -V/--version only those are set and
// nothing else is read, so that help works even with a broken config.
// Every error is a *UsageError. The gust demo command is cmd/gust's: it
// strips "demo" and its own flags before calling Parse.
func Parse(args []string, getenv func(string) (string, bool)) (*Options, error) {
	if getenv == nil {
		getenv = noEnvironment
	}
	o := Defaults()
	cl, err := parseFlags(args)
	if err != nil {
		return nil, err
	}
	if err := applyAll(o, cl.meta()); err != nil {
		return nil, err
	}
	if o.Help || o.Version {
		return o, nil
	}
	if err := merge(o, cl, getenv); err != nil {
		return nil, err
	}
	if err := validate(o); err != nil {
		return nil, err
	}
	return o, nil
}

// Defaults returns the options of a run given no flags, environment or
// config file: 1 user, spawn rate 1, headless, exit code 1 on error, INFO.
func Defaults() *Options {
	o := &Options{}
	for i := range options {
		if opt := &options[i]; opt.def != "" && !opt.set(o, opt.def) {
			panic("config: invalid default for --" + opt.long)
		}
	}
	return o
}

// merge applies the config file, then the environment, then the flags, and
// sorts the positional arguments from the command line or, when there are
// none, from GUST_USER_CLASSES.
func merge(o *Options, cl *commandLine, getenv func(string) (string, bool)) error {
	file := chooseConfigFile(cl, getenv)
	fileSettings, read, err := file.read()
	if err != nil {
		return err
	}
	if read {
		o.ConfigFile = file.name
	}
	for _, settings := range [][]setting{fileSettings, envSettings(getenv), cl.settings} {
		if err := applyAll(o, settings); err != nil {
			return err
		}
	}
	args := cl.args
	if len(args) == 0 {
		args = envArgs(getenv)
	}
	return setPositional(o, args)
}

// meta returns the -h/--help and -V/--version settings.
func (cl *commandLine) meta() []setting {
	var out []setting
	for _, s := range cl.settings {
		if s.opt.long == "help" || s.opt.long == "version" {
			out = append(out, s)
		}
	}
	return out
}
