package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"
)

// defaultConfigFile is read from the working directory when it exists and
// neither --config nor GUST_CONFIG names another file.
const defaultConfigFile = "gust.conf"

// configFile is the config file to read and where its name came from.
type configFile struct {
	name     string
	from     string // "--config", "GUST_CONFIG" or "" for the default
	required bool   // false only for the default, which may be absent
}

// chooseConfigFile picks --config, else GUST_CONFIG, else ./gust.conf.
func chooseConfigFile(cl *commandLine, getenv func(string) (string, bool)) configFile {
	name := ""
	for _, s := range cl.settings {
		if s.opt.long == "config" {
			name = s.value
		}
	}
	if name != "" {
		return configFile{name: name, from: "--config", required: true}
	}
	env := lookup("config").envName()
	if v, _ := getenv(env); strings.TrimSpace(v) != "" {
		return configFile{name: strings.TrimSpace(v), from: env, required: true}
	}
	return configFile{name: defaultConfigFile}
}

// read reads and parses the file. A missing file that is not required gives
// no settings and ok false.
func (f configFile) read() (settings []setting, ok bool, err error) {
	data, err := os.ReadFile(f.name)
	if errors.Is(err, fs.ErrNotExist) && !f.required {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, &UsageError{Option: "config", Msg: fmt.Sprintf(
			"cannot read the config file given by %s: %v", f.from, err)}
	}
	settings, err = parseConfigFile(f.name, string(data))
	return settings, err == nil, err
}

// parseConfigFile reads Locust's config-file format: "key = value" lines,
// where the key is a long option name; "#" and ";" start comments; section
// headers such as "[gust]" are ignored. Values are checked later, when the
// settings are applied, and errors name the file and line.
func parseConfigFile(name, text string) ([]setting, error) {
	var out []setting
	for i, line := range strings.Split(text, "\n") {
		at := fmt.Sprintf("%s:%d", name, i+1)
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || line[0] == ';' || line[0] == '[' && line[len(line)-1] == ']' {
			continue
		}
		s, err := parseConfigLine(line, at)
		if err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, nil
}

// parseConfigLine reads one "key = value", "key: value" or bare "key" line.
func parseConfigLine(line, at string) (setting, error) {
	end := strings.IndexAny(line, " \t:=#;")
	if end < 0 {
		end = len(line)
	}
	key := strings.ReplaceAll(strings.ToLower(line[:end]), "_", "-")
	opt, err := fileOption(key, at)
	if err != nil {
		return setting{}, err
	}
	rest := strings.TrimSpace(line[end:])
	if rest != "" && (rest[0] == '=' || rest[0] == ':') {
		rest = strings.TrimSpace(rest[1:])
	}
	value, err := configValue(rest, at, key)
	if err == nil && value == "" && opt.arg == "" && !opt.list {
		value = "true" // a bare switch, as on the command line
	}
	return setting{opt: opt, value: value, name: key, at: at}, err
}

// fileOption finds the option for a config-file key.
func fileOption(key, at string) (*option, error) {
	opt := lookup(key)
	if opt == nil {
		return nil, &UsageError{Option: key, Msg: fmt.Sprintf("%s: unknown key %q%s",
			at, key, didYouMean(key, fileKeys()))}
	}
	if opt.noFile {
		return nil, &UsageError{Option: key, Msg: fmt.Sprintf(
			"%s: key %q cannot be set in a config file, only as %s", at, key, opt.flagName())}
	}
	return opt, nil
}

// configValue strips quotes and a trailing comment (" # ..." or " ; ...")
// from the text after the "=".
func configValue(rest, at, key string) (string, error) {
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return stripComment(rest), nil
	}
	closing := strings.IndexByte(rest[1:], rest[0]) + 1
	if closing == 0 {
		return "", &UsageError{Option: key, Msg: fmt.Sprintf(
			"%s: unterminated quote in the value of %q", at, key)}
	}
	if tail := stripComment(rest[closing+1:]); tail != "" {
		return "", &UsageError{Option: key, Msg: fmt.Sprintf(
			"%s: unexpected %q after the quoted value of %q", at, tail, key)}
	}
	return rest[1:closing], nil
}

// stripComment cuts s at the first "#" or ";" that follows a space or tab,
// or begins s, and trims the result.
func stripComment(s string) string {
	for i := 0; i < len(s); i++ {
		if (s[i] == '#' || s[i] == ';') && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t') {
			return strings.TrimSpace(s[:i])
		}
	}
	return strings.TrimSpace(s)
}

// fileKeys lists the keys a config file may use.
func fileKeys() []string {
	var out []string
	for _, opt := range options {
		if !opt.noFile {
			out = append(out, opt.long)
		}
	}
	return out
}
