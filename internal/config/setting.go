package config

import "fmt"

// setting is one value for one option from one source, remembered with how
// the user named it so that a bad value can be reported where it was made.
type setting struct {
	opt   *option
	value string
	name  string // "GUST_USERS" or "users" when not a flag; "" for flags
	at    string // "FILE:LINE" for a config-file line, else ""
}

// apply stores the setting in o or explains why its value is invalid.
func (s setting) apply(o *Options) error {
	if s.opt.set(o, s.value) {
		return nil
	}
	label := s.opt.flagName()
	if s.name != "" {
		label = s.name + " (" + label + ")"
	}
	msg := fmt.Sprintf("invalid value %q for %s: want %s", s.value, label, s.opt.want)
	if s.opt.explain != nil {
		if err := s.opt.explain(s.value); err != nil {
			msg = fmt.Sprintf("invalid value %q for %s: %s", s.value, label, explanation(err, s.value))
		}
	}
	if s.at != "" {
		msg = s.at + ": " + msg
	}
	return &UsageError{Option: s.opt.long, Msg: msg}
}

// applyAll applies settings in order; the last value of an option wins.
func applyAll(o *Options, settings []setting) error {
	for _, s := range settings {
		if err := s.apply(o); err != nil {
			return err
		}
	}
	return nil
}
